import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsMessage } from '../helpers/activities.js';
import { startHttpBot } from '../helpers/httpBot.js';

type Bot = Awaited<ReturnType<typeof startHttpBot>>;

/** A raw POST, so headers such as content-encoding go out exactly as given. */
function rawPost(base: string, path: string, headers: Record<string, string>, body: Buffer | string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // The server may close a refused upload before it is all sent.
    req.on('error', (error) => (error.message.includes('EPIPE') || error.message.includes('ECONNRESET') ? resolve({ status: -1, text: '' }) : reject(error)));
    req.end(body);
  });
}

const healthy = async (bot: Bot): Promise<boolean> => (await fetch(`${bot.base}/healthz`, { signal: AbortSignal.timeout(2000) })).status === 200;

describe('the HTTP edge refuses what is not a small JSON body, before authentication', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startHttpBot({
      notifyApiKey: 'a-long-enough-notify-key-0123456789',
      connectionLimits: { bodyTimeoutMs: 400, headersTimeoutMs: 2000, requestTimeoutMs: 3000, keepAliveTimeoutMs: 1000, maxConnections: 1000 },
    });
  });
  afterAll(() => bot.close());

  it.each(['/api/messages', '/api/notify'])('answers a gzip header over plain or truncated bytes on %s with 415 and stays up', async (path) => {
    const json = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
    expect((await rawPost(bot.base, path, json, 'hello')).status).toBe(415);
    const truncated = gzipSync(JSON.stringify(teamsMessage({ text: 'hi', serviceUrl: bot.stub.url }))).subarray(0, 20);
    expect((await rawPost(bot.base, path, json, truncated)).status).toBe(415);
    expect((await rawPost(bot.base, path, { ...json, 'content-encoding': 'deflate, br' }, 'x')).status).toBe(415);
    expect(await healthy(bot)).toBe(true);
  });

  it('refuses a gzip bomb without inflating it: quick answer, bounded memory', async () => {
    const bomb = gzipSync(Buffer.from(`{"type":"message","text":"${'a'.repeat(50 * 1024 * 1024)}"}`));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const answer = await rawPost(bot.base, '/api/messages', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, bomb);
    expect([415, -1]).toContain(answer.status);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(40 * 1024 * 1024);
    expect(await healthy(bot)).toBe(true);
  });

  it('refuses multipart, forms and CSV with 415 and a plain reason, writing nothing to the temp folder', async () => {
    const tempBefore = readdirSync(tmpdir()).length;
    const boundary = 'xyz';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n${'z'.repeat(300_000)}\r\n--${boundary}--\r\n`;
    const cases: Array<[string, string]> = [
      [`multipart/form-data; boundary=${boundary}`, multipart],
      ['application/x-www-form-urlencoded', 'type=message&text=hi'],
      ['text/csv', 'a,b\n1,2'],
      ['text/plain', '{"type":"message"}'],
      ['application/json; charset=latin1', '{"type":"message"}'],
    ];
    for (const [type, body] of cases) {
      const answer = await rawPost(bot.base, '/api/messages', { 'content-type': type }, body);
      expect([415, -1], type).toContain(answer.status);
      if (answer.status === 415) expect(JSON.parse(answer.text), type).toEqual({ error: expect.stringMatching(/JSON|UTF-8/) });
    }
    expect(readdirSync(tmpdir()).length).toBeLessThanOrEqual(tempBefore);
  });

  it('answers 413 for a declared or streamed body over the limit, 400 for an empty one', async () => {
    expect(
      (await rawPost(bot.base, '/api/messages', { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) }, '{}')).status,
    ).toBeOneOf([413, -1]);
    const streamed = await rawPost(
      bot.base,
      '/api/messages',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      `{"text":"${'b'.repeat(600 * 1024)}"}`,
    );
    expect([413, -1]).toContain(streamed.status);
    expect(
      (await rawPost(bot.base, '/api/notify', { 'content-type': 'application/json', authorization: 'Bearer x' }, `{"message":"${'c'.repeat(40 * 1024)}"}`))
        .status,
    ).toBeOneOf([413, -1]);
    expect((await rawPost(bot.base, '/api/messages', { 'content-type': 'application/json' }, '')).status).toBe(400);
    expect(await healthy(bot)).toBe(true);
  });

  it.each([
    ['a null entity', { entities: [null] }],
    ['a null member added', { type: 'conversationUpdate', membersAdded: [null] }],
    ['a member without an id', { type: 'conversationUpdate', membersRemoved: [{ name: 'x' }] }],
    ['an invoke whose value is a string', { type: 'invoke', name: 'composeExtension/query', value: 'oops' }],
    ['a conversation that is a string', { conversation: 'c' }],
    ['a missing serviceUrl', { serviceUrl: undefined }],
  ])('answers a malformed activity (%s) with 400 before the bot sees it', async (_name, change) => {
    const before = bot.stub.calls.length;
    const activity = { ...teamsMessage({ text: 'hello', serviceUrl: bot.stub.url }), ...change };
    const response = await bot.post('/api/messages', activity);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^not a Bot Framework activity/);
    expect(bot.stub.calls.length).toBe(before);
  });

  it('keeps /healthz and turns answering while hundreds of clients trickle their bodies, then cuts them off', async () => {
    const port = new URL(bot.base).port;
    const sockets: Socket[] = [];
    const closed: Array<Promise<string>> = [];
    for (let i = 0; i < 300; i++) {
      const socket = connect(Number(port), '127.0.0.1');
      sockets.push(socket);
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('error', () => undefined);
      closed.push(new Promise((resolve) => socket.on('close', () => resolve(answer))));
      socket.write(`POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"type":`);
    }
    try {
      const started = Date.now();
      expect(await healthy(bot)).toBe(true);
      const replies = await bot.say({ text: 'it says SSPR_0013', conversationId: 'a:during-trickle' });
      expect(JSON.stringify(replies)).toContain('sspr-0013');
      expect(Date.now() - started).toBeLessThan(3000);
      // The body timeout (400 ms here) answers each trickler with 408 and closes its connection.
      const answers = await Promise.race([Promise.all(closed), new Promise<null>((r) => setTimeout(() => r(null), 8000))]);
      expect(answers).not.toBeNull();
      expect(answers!.filter((a) => a.startsWith('HTTP/1.1 408')).length).toBeGreaterThan(250);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});

describe('local development without authentication', () => {
  it('replies only to a serviceUrl on this machine', async () => {
    const bot = await startHttpBot();
    try {
      const response = await bot.post('/api/messages', teamsMessage({ text: 'it says SSPR_0013', serviceUrl: 'https://smba.example.com/amer/' }));
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toContain('this machine');
      expect((await bot.post('/api/messages', teamsMessage({ text: 'it says SSPR_0013', serviceUrl: bot.stub.url }))).status).toBe(200);
    } finally {
      await bot.close();
    }
  });
});

describe('a store that cannot write', () => {
  it('fails the turn loudly: the user gets the plain error sentence, the connector a 500, /healthz a 503', async () => {
    const { MemoryStorage } = await import('botbuilder');
    const memory = new MemoryStorage();
    let down = false;
    const storage = {
      read: (keys: string[]) => memory.read(keys),
      write: (changes: Record<string, unknown>) => (down ? Promise.reject(new Error('disk full')) : memory.write(changes)),
      delete: (keys: string[]) => memory.delete(keys),
    };
    const bot = await startHttpBot({ storage });
    try {
      down = true;
      const before = bot.stub.calls.length;
      const response = await bot.post('/api/messages', teamsMessage({ text: "reset isn't working", serviceUrl: bot.stub.url, conversationId: 'a:outage' }));
      expect(response.status).toBe(500);
      const sent = JSON.stringify(bot.stub.calls.slice(before).map((c) => c.body));
      expect(sent).toContain('something went wrong on my side');
      expect((await fetch(`${bot.base}/healthz`)).status).toBe(503);
      down = false;
      expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
    } finally {
      await bot.close();
    }
  });
});
