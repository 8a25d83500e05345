import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/storage/index.js';
import { teamsMessage } from '../helpers/activities.js';
import { startConnectorStub } from '../helpers/connectorStub.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

/** The whole scenario runs this many times on the same database, which grows from round to round. */
const ROUNDS = 5;
/** Conversations left waiting on their first follow-up question when the bot is killed. */
const CONVERSATIONS = 30;
/** Load while the bot is killed: this many clients, each sending turns back to back. */
const LOAD_CLIENTS = 40;
/** Bounds of the load: it never runs longer or sends more than this, whatever happens to the server. */
const LOAD_MAX_MS = 15_000;
const LOAD_MAX_TURNS_PER_CLIENT = 500;
/** The kill comes once this many load turns have completed (or after KILL_AFTER_MS), so writes are in flight. */
const KILL_AFTER_TURNS = 150;
const KILL_AFTER_MS = 3_000;
const REQUEST_TIMEOUT_MS = 20_000;
const START_TIMEOUT_MS = 60_000;
/** Messages of the load: new problems, answers to questions, codes, feedback; each turn writes state. */
const LOAD_MIX = ["reset isn't working", 'it says SSPR_0013', 'Not sure', 'the text with the code never arrives on my phone', 'no', 'sspr 9'];

/** Starts the bot on `storageDir` and tracks it, so afterAll can make sure no process is left behind. */
async function startBot(storageDir: string, running: Set<ServerProcess>): Promise<ServerProcess> {
  const bot = await startServerProcess({ STORAGE_DIR: storageDir }, { timeoutMs: START_TIMEOUT_MS });
  running.add(bot);
  void bot.exited.then(() => running.delete(bot));
  return bot;
}

/** A resolution card's actions carry its topic id. */
const TOPIC_ID = /"topicId":"[a-z0-9-]+"/;

describe('the bot on SQLite killed with SIGKILL in the middle of conversations under load', () => {
  const running = new Set<ServerProcess>();
  let stub: Awaited<ReturnType<typeof startConnectorStub>>;
  let storageDir: string;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'sspr-durability-'));
    stub = await startConnectorStub();
  });

  afterAll(async () => {
    for (const bot of running) bot.child.kill('SIGKILL');
    await Promise.all([...running].map((bot) => bot.exited));
    await stub?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  /** Sends one message and returns the HTTP status and what the bot posted to that conversation during the turn. */
  async function say(bot: ServerProcess, conversationId: string, text: string): Promise<{ status: number; replies: string }> {
    const before = stub.calls.length;
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(teamsMessage({ text, serviceUrl: stub.url, conversationId, userId: `29:${conversationId}` })),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    // The adapter awaits every reply before it answers the POST, so the turn's replies are all recorded by now.
    const replies = stub.calls
      .slice(before)
      .filter((call) => call.method === 'POST' && (call.body.conversation as { id?: unknown } | undefined)?.id === conversationId)
      .map((call) => call.body);
    return { status: response.status, replies: JSON.stringify(replies) };
  }

  /**
   * Turns to other conversations, back to back, until the server stops answering or a bound is reached.
   * Resolves with the statuses of the turns that got an answer.
   */
  async function loadUntilDead(bot: ServerProcess, on: { started: () => void; done: () => void }): Promise<number[]> {
    const statuses: number[] = [];
    const deadline = Date.now() + LOAD_MAX_MS;
    const client = async (n: number): Promise<void> => {
      for (let i = 0; i < LOAD_MAX_TURNS_PER_CLIENT && Date.now() < deadline; i++) {
        on.started();
        try {
          statuses.push((await say(bot, `a:load-${n}-${Math.floor(i / LOAD_MIX.length)}`, LOAD_MIX[i % LOAD_MIX.length]!)).status);
        } catch {
          return; // the server is gone
        } finally {
          on.done();
        }
      }
    };
    await Promise.all(Array.from({ length: LOAD_CLIENTS }, (_, n) => client(n)));
    return statuses;
  }

  /**
   * The database after a crash: SQLite's own check finds nothing wrong, and every row holds a whole JSON object.
   * Opened read-write, as the restarted bot opens it, so the write-ahead log left by the killed process is recovered.
   * Returns how many items are stored.
   */
  function expectDatabaseWhole(): number {
    const db = new Database(join(storageDir, DATABASE_FILE));
    try {
      expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const rows = db.prepare<[], { key: string; value: string; etag: string }>('SELECT key, value, etag FROM items').all();
      for (const { key, value, etag } of rows) {
        const item: unknown = JSON.parse(value);
        expect(typeof item === 'object' && item !== null && !Array.isArray(item), key).toBe(true);
        expect(etag, key).not.toBe('');
      }
      return rows.length;
    } finally {
      db.close();
    }
  }

  it.each(Array.from({ length: ROUNDS }, (_, n) => n + 1))(
    'round %i: continues every acknowledged conversation after a restart, and the database is whole',
    { timeout: 240_000 },
    async (round) => {
      const first = await startBot(storageDir, running);
      const conversations = Array.from({ length: CONVERSATIONS }, (_, n) => `a:durable-${round}-${n}`);

      // Every conversation is left waiting for its answer to the first follow-up question.
      const asked = await Promise.all(conversations.map((id) => say(first, id, "reset isn't working")));
      for (const { status, replies } of asked) {
        expect(status).toBe(200);
        expect(replies).toContain('Question 1 of 3');
      }

      // Load on other conversations; kill -9 while its turns (and their writes) are in flight.
      let completed = 0;
      let inFlight = 0;
      let inFlightAtKill = -1;
      const kill = (): void => {
        if (inFlightAtKill >= 0) return;
        inFlightAtKill = inFlight;
        first.child.kill('SIGKILL');
      };
      const timer = setTimeout(kill, KILL_AFTER_MS);
      const statuses = await loadUntilDead(first, {
        started: () => void inFlight++,
        done: () => {
          inFlight--;
          if (++completed >= KILL_AFTER_TURNS) kill();
        },
      });
      clearTimeout(timer);
      await first.exited;
      expect(first.child.signalCode, `the bot died on its own:\n${first.stderr.join('\n')}`).toBe('SIGKILL');
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      expect(inFlightAtKill).toBeGreaterThan(0); // turns were under way when the bot died
      const storedAtKill = expectDatabaseWhole();
      expect(storedAtKill).toBeGreaterThanOrEqual(round * CONVERSATIONS);

      const second = await startBot(storageDir, running);
      expect((await fetch(`${second.url}/healthz`)).status).toBe(200);

      // A conversation the bot never saw: "Not sure" starts nothing, so the check below tells a continued dialog apart.
      const fresh = await say(second, `a:never-seen-${round}`, 'Not sure');
      expect(fresh.status).toBe(200);
      expect(fresh.replies).not.toContain('Question 2 of 3');
      expect(fresh.replies).not.toMatch(TOPIC_ID);

      const answered = await Promise.all(conversations.map((id) => say(second, id, 'Not sure')));
      for (const [n, { status, replies }] of answered.entries()) {
        expect(status, conversations[n]).toBe(200);
        const continued = replies.includes('Question 2 of 3') || TOPIC_ID.test(replies);
        expect(continued, `${conversations[n]} did not continue its dialog: ${replies}`).toBe(true);
      }

      expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
      await second.stop();
      expect(second.child.exitCode, `the bot did not shut down cleanly:\n${second.stderr.join('\n')}`).toBe(0);
      expect(expectDatabaseWhole()).toBeGreaterThanOrEqual(storedAtKill);
      // No file of the old JSON store, nor anything else but the database and its write-ahead log, is left behind.
      expect((await readdir(storageDir)).filter((name) => !name.startsWith(DATABASE_FILE))).toEqual([]);
    },
  );
});
