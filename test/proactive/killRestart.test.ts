import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsMessage } from '../helpers/activities.js';
import { startConnectorStub, type ConnectorCall } from '../helpers/connectorStub.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

const ADMIN = '29:admin-1';
const KEY = 'a-long-enough-notify-key-0123456789';
const ADMINS = ['a:admin-chat-1', 'a:admin-chat-2'];
const START_TIMEOUT_MS = 60_000;

const isAlert = (call: ConnectorCall): boolean => call.method === 'POST' && JSON.stringify(call.body).includes('event 32002 on AADC01');
const conversationOf = (call: ConnectorCall): string => decodeURIComponent(/\/v3\/conversations\/([^/]+)\/activities/.exec(call.path)?.[1] ?? '');

describe('a notification accepted by a bot process that is then killed with SIGKILL (SQLite)', () => {
  const running = new Set<ServerProcess>();
  let storageDir: string;
  /** While true Teams throttles every alert for a minute, so the alert is accepted but cannot go out before the kill. */
  let throttling = true;
  let stub: Awaited<ReturnType<typeof startConnectorStub>>;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'sspr-outbox-'));
    stub = await startConnectorStub((call) =>
      throttling && isAlert(call) ? { status: 429, headers: { 'Retry-After': '60' }, body: { error: { code: 'Throttled' } } } : undefined,
    );
  });

  afterAll(async () => {
    for (const bot of running) bot.child.kill('SIGKILL');
    await stub.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  async function startBot(): Promise<ServerProcess> {
    const bot = await startServerProcess({ STORAGE_DIR: storageDir, ADMIN_USER_IDS: ADMIN, NOTIFY_API_KEY: KEY }, { timeoutMs: START_TIMEOUT_MS });
    running.add(bot);
    void bot.exited.then(() => running.delete(bot));
    return bot;
  }

  const post = (bot: ServerProcess, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${bot.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('is delivered once to every subscriber by the next process', async () => {
    const first = await startBot();
    for (const conversationId of ADMINS) {
      expect(
        (await post(first, '/api/messages', teamsMessage({ text: 'subscribe', userId: ADMIN, conversationId, serviceUrl: stub.url }))).status,
      ).toBeLessThan(300);
    }
    const accepted = await post(first, '/api/notify', { eventId: 32002, source: 'PasswordResetService', host: 'AADC01' }, { authorization: `Bearer ${KEY}` });
    expect(accepted.status).toBe(202);
    // The first process tried, Teams said "later" (Retry-After: 60), and the alert waits: kill the process now.
    await stub.waitFor(() => new Set(stub.calls.filter(isAlert).map(conversationOf)).size === ADMINS.length, 20_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const triedBeforeKill = stub.calls.filter(isAlert).length;

    throttling = false;
    const second = await startBot();
    // The new process waits for the dead one's lease to run out (15 s), then sends what it left.
    await stub.waitFor(() => stub.sent().filter(isAlert).length - triedBeforeKill >= ADMINS.length, 40_000);
    // A moment more: anything sent twice would show up here.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await second.stop();
    const delivered = stub.calls.filter(isAlert).slice(triedBeforeKill);
    expect(delivered.map(conversationOf).sort()).toEqual([...ADMINS].sort());
  }, 120_000);
});
