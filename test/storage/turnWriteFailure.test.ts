import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, SqliteStorage } from '../../src/storage/index.js';
import { teamsMessage } from '../helpers/activities.js';
import { startHttpBot } from '../helpers/httpBot.js';

type HttpBot = Awaited<ReturnType<typeof startHttpBot>>;

describe('a turn whose state cannot be stored, through the real app', () => {
  let dir: string;
  let storage: SqliteStorage;
  let bot: HttpBot;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'turn-write-failure-'));
    // A short busy timeout stands in for any write failure (full disk, read-only file): the write throws.
    storage = new SqliteStorage(dir, { busyTimeoutMs: 50 });
    bot = await startHttpBot({ storage });
  });

  afterAll(async () => {
    await bot?.close();
    await storage?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Posts a message in the test conversation; returns the HTTP status and the text the bot posted back. */
  async function turn(text: string): Promise<{ status: number; replies: string }> {
    const before = bot.stub.calls.length;
    const response = await bot.post(
      '/api/messages',
      teamsMessage({ text, serviceUrl: bot.stub.url, conversationId: 'a:failing-disk', userId: '29:failing-disk' }),
    );
    await response.arrayBuffer();
    const replies = JSON.stringify(
      bot.stub.calls
        .slice(before)
        .filter((call) => call.method === 'POST')
        .map((call) => call.body),
    );
    return { status: response.status, replies };
  }

  it('tells the user something went wrong, and acknowledges nothing it did not store', async () => {
    const first = await turn("reset isn't working");
    expect(first.status).toBe(200);
    expect(first.replies).toContain('Question 1 of 3');

    const other = new Database(join(dir, DATABASE_FILE));
    other.exec('BEGIN IMMEDIATE'); // another process holding the write lock past the busy timeout
    let failed: { status: number; replies: string };
    try {
      failed = await turn('Not sure');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(failed.replies).toContain('something went wrong');

    // The failed turn's step was never stored: the conversation is still at the first question.
    const retried = await turn('Not sure');
    expect(retried.status).toBe(200);
    expect(retried.replies).toContain('Question 2 of 3');
    expect(retried.replies).not.toContain('something went wrong');
  });
});
