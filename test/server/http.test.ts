import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { SqliteStorage } from '../../src/storage/index.js';
import { teamsMessage } from '../helpers/activities.js';
import { startConnectorStub } from '../helpers/connectorStub.js';

type Stub = Awaited<ReturnType<typeof startConnectorStub>>;

const topicIdsIn = (body: Record<string, unknown>): string[] => [...JSON.stringify(body).matchAll(/"topicId":"([a-z0-9-]+)"/g)].map((m) => m[1]!);

describe('the HTTP server with a stub Bot Connector', () => {
  let stub: Stub;
  let base: string;
  let dir: string;
  let close: () => void;
  let storage: SqliteStorage;

  beforeAll(async () => {
    stub = await startConnectorStub();
    dir = mkdtempSync(join(tmpdir(), 'sspr-http-'));
    storage = new SqliteStorage(dir);
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const { server } = await createApp({ storage, adapter, logger: createLogger({ level: 'silent', logPii: false }), botAppId: '', adminUserIds: new Set() });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });

  afterAll(async () => {
    close();
    await stub.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function post(body: unknown, contentType = 'application/json'): Promise<Response> {
    return fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async function say(text: string, conversationId: string): Promise<Array<Record<string, unknown>>> {
    const before = stub.sent().length;
    const response = await post(teamsMessage({ text, serviceUrl: stub.url, conversationId }));
    expect(response.status).toBeLessThan(300);
    // The turn ends with a feedback card, a question, or a plain reply; wait until the bot is quiet.
    await stub.waitFor(() => stub.sent().length > before);
    await new Promise((r) => setTimeout(r, 150));
    return stub
      .sent()
      .slice(before)
      .map((c) => c.body);
  }

  it('answers a Teams message through the connector, in the same conversation', async () => {
    const replies = await say("I can't reset my password, it says SSPR_0013", 'a:conv-1');
    expect(replies.flatMap(topicIdsIn)).toContain('sspr-0013');
    expect(stub.sent().every((c) => c.path.includes(encodeURIComponent('a:conv-1')) || c.path.includes('a:conv-1'))).toBe(true);
  });

  it('keeps the conversation across turns: vague, follow-up, answer', async () => {
    const question = await say("reset isn't working", 'a:conv-2');
    expect(question.flatMap(topicIdsIn)).toEqual([]);
    expect(JSON.stringify(question)).toContain('Question 1 of 3');
    const answer = await say('the text with the code never arrives on my phone', 'a:conv-2');
    expect(answer.flatMap(topicIdsIn)).toContain('sms-or-call-not-received');
  });

  it('answers a new SMS problem said at the escalation questions (SSPR_0013, no, no, then the SMS problem)', async () => {
    const conversation = 'a:conv-sms';
    expect((await say("I can't reset my password, it says SSPR_0013", conversation)).flatMap(topicIdsIn)).toContain('sspr-0013');
    await say('no', conversation);
    expect(JSON.stringify(await say('no', conversation))).toContain('Microsoft support will need');
    expect((await say('no text message ever arrives on my phone', conversation)).flatMap(topicIdsIn)).toContain('sms-or-call-not-received');
  });

  it('sends no article for "thanks" after an answer', async () => {
    const conversation = 'a:conv-thanks';
    await say('it says SSPR_0012', conversation);
    const replies = await say('thanks', conversation);
    expect(replies.flatMap(topicIdsIn)).toEqual([]);
    expect(JSON.stringify(replies)).toMatch(/glad/i);
  });

  it('takes "can I talk to a person?" to the escalation route', async () => {
    const conversation = 'a:conv-human';
    await say('it says SSPR_0012', conversation);
    expect(JSON.stringify(await say('can I talk to a person?', conversation))).toContain('get this to a person');
  });

  it('answers a question of fact in the first reply', async () => {
    const replies = await say('what ports does writeback need open', 'a:conv-fact');
    expect(JSON.stringify(replies)).not.toContain('Question 1 of 3');
    expect(replies.flatMap(topicIdsIn).length).toBeGreaterThan(0);
  });

  it('rejects a malformed body with 400 and stays up', async () => {
    expect((await post('{not json')).status).toBe(400);
    expect((await post('[1,2]')).status).toBe(400);
    expect((await post({ hello: 'world' })).status).toBe(400);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', storage: 'ok' });
  });

  it('rejects a body over the limit with 413', async () => {
    const huge = JSON.stringify({ type: 'message', text: 'x'.repeat(400 * 1024) });
    expect((await post(huge)).status).toBe(413);
  });
});

describe('the pages the Teams manifest links to', () => {
  it('serves the knowledge tab, its search API and the privacy and terms pages from the bot server', async () => {
    const { startHttpBot } = await import('../helpers/httpBot.js');
    const bot = await startHttpBot();
    try {
      for (const path of ['/tab', '/privacy', '/terms']) {
        const response = await fetch(`${bot.base}${path}`);
        expect(response.status, path).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/html');
      }
      const search = (await (await fetch(`${bot.base}/api/kb/search?q=SSPR_0013`)).json()) as { results: Array<{ id: string }> };
      expect(search.results[0]!.id).toBe('sspr-0013');
      expect((await fetch(`${bot.base}/api/kb/admin`)).status).toBe(401);
    } finally {
      await bot.close();
    }
  });

  it('opens the admin data to the notify key and counts the topics people were answered with', async () => {
    const { startHttpBot } = await import('../helpers/httpBot.js');
    const key = 'a-long-enough-notify-key-0123456789';
    const bot = await startHttpBot({ notifyApiKey: key });
    try {
      await bot.say({ text: 'it says SSPR_0013', conversationId: 'a:stats' });
      const response = await fetch(`${bot.base}/api/kb/admin`, { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
      const summary = (await response.json()) as { topTopics: Array<{ id: string; count: number }> };
      expect(summary.topTopics).toContainEqual(expect.objectContaining({ id: 'sspr-0013', count: 1 }));
    } finally {
      await bot.close();
    }
  });
});

describe('odd input over HTTP', () => {
  it('answers 100 KB of text politely, reading only a bounded prefix', async () => {
    const { startHttpBot } = await import('../helpers/httpBot.js');
    const bot = await startHttpBot();
    try {
      const replies = await bot.say({ text: `it says SSPR_0013 ${'blah '.repeat(20_000)}`, conversationId: 'a:long' });
      const text = JSON.stringify(replies);
      expect(text).toContain('read the first part');
      expect(text).toContain('"topicId":"sspr-0013"');
    } finally {
      await bot.close();
    }
  });

  it('ignores activity types it does not handle, without failing', async () => {
    const { startHttpBot } = await import('../helpers/httpBot.js');
    const bot = await startHttpBot();
    try {
      for (const type of ['typing', 'messageReaction', 'endOfConversation', 'somethingNew']) {
        const before = bot.stub.calls.length;
        const response = await bot.post('/api/messages', {
          type,
          id: `x-${type}`,
          channelId: 'msteams',
          serviceUrl: bot.stub.url,
          conversation: { id: 'a:odd' },
          from: { id: 'u' },
          recipient: { id: 'b' },
        });
        expect(response.status, type).toBeLessThan(300);
        expect(bot.stub.calls.length, type).toBe(before);
      }
    } finally {
      await bot.close();
    }
  });

  it('reports storage it cannot reach on /healthz with 503', async () => {
    const { startHttpBot } = await import('../helpers/httpBot.js');
    const { MemoryStorage } = await import('botbuilder');
    const memory = new MemoryStorage();
    let down = false;
    const flaky = {
      read: async (keys: string[]) => (down ? Promise.reject(new Error('disk gone')) : memory.read(keys)),
      write: memory.write.bind(memory),
      delete: memory.delete.bind(memory),
    };
    const bot = await startHttpBot({ storage: flaky });
    try {
      expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
      down = true;
      const response = await fetch(`${bot.base}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'degraded', storage: 'unreachable' });
    } finally {
      await bot.close();
    }
  });
});
