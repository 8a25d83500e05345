import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeSendError } from '../../src/proactive/sendErrors.js';
import { postActivitiesAsPlainJson } from '../../src/server/plainJsonActivities.js';

interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** A Bot Connector stand-in that records every request and answers what the test queued (default: 200 with an id). */
function startRecorder(): Promise<{
  url: string;
  received: Received[];
  answers: Array<{ status: number; headers?: Record<string, string>; body: string }>;
  server: Server;
}> {
  const received: Received[] = [];
  const answers: Array<{ status: number; headers?: Record<string, string>; body: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: raw ? (JSON.parse(raw) as unknown) : undefined });
      const answer = answers.shift() ?? { status: 200, body: JSON.stringify({ id: `id-${received.length}` }) };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/amer/`, received, answers, server })),
  );
}

// No app id: the credentials add no token, so the test needs no token endpoint.
const client = (baseUri: string): ConnectorClient => new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri });

const CARD = CardFactory.adaptiveCard({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Cause — “quoted” ü', wrap: true }],
  actions: [{ type: 'Action.Submit', title: 'Yes', data: { action: 'reply', text: 'yes', nested: { list: [1, null, 'x'] } } }],
});

/** Activities as a turn sends them: a card reply, text with a mention and suggested actions, a proactive message. */
function activities(): Array<Partial<Activity>> {
  const reference = {
    serviceUrl: 'ignored',
    channelId: 'msteams',
    conversation: { id: '19:abc@thread.tacv2;messageid=1700000000000', name: 'Support', conversationType: 'channel', isGroup: true, tenantId: 't-1' },
    from: { id: '28:bot', name: 'SSPR helper' },
    recipient: { id: '29:user', name: 'Alex', aadObjectId: '00000000-0000-0000-0000-000000000001' },
  };
  const card = { ...MessageFactory.attachment(CARD), ...reference, replyToId: '1700000000000', locale: 'en-US' };
  const text = {
    ...MessageFactory.suggestedActions(['Yes', 'No'], 'Did this fix it? <at>Alex</at>'),
    ...reference,
    replyToId: 'f:1/2?3',
    entities: [{ type: 'mention', text: '<at>Alex</at>', mentioned: { id: '29:user', name: 'Alex' } }],
    channelData: { notification: { alert: true } },
    timestamp: new Date('2026-12-04T10:00:00.000Z'),
  };
  const proactive = {
    ...MessageFactory.text('Digest: 3 people hit SSPR_0013'),
    ...reference,
    conversation: { id: 'a:1 2/3', name: '', conversationType: 'personal', isGroup: false },
  };
  return [card, text, proactive];
}

describe('postActivitiesAsPlainJson', () => {
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  beforeAll(async () => {
    recorder = await startRecorder();
  });
  afterAll(() => new Promise<void>((resolve) => recorder.server.close(() => resolve())));

  it("sends the same request as botframework-connector's mapped operations, and returns the connector's id", async () => {
    const mapped = client(recorder.url);
    const plain = postActivitiesAsPlainJson(client(recorder.url));
    // The mapped operations go through sendOperationRequest (and its model serialiser); the plain ones must not.
    const mappedCalls = vi.spyOn(plain, 'sendOperationRequest');
    for (const activity of activities()) {
      const send = async (c: ConnectorClient) =>
        activity.replyToId
          ? c.conversations.replyToActivity(activity.conversation!.id, activity.replyToId, activity)
          : c.conversations.sendToConversation(activity.conversation!.id, activity);
      recorder.received.length = 0;
      const ids = [(await send(mapped)).id, (await send(plain)).id];
      const [before, after] = recorder.received;
      expect(ids).toEqual(['id-1', 'id-2']);
      expect(after!.method).toBe('POST');
      expect(after!.path).toBe(before!.path);
      expect(after!.path.startsWith('/amer/v3/conversations/')).toBe(true);
      expect(after!.headers['x-ms-conversation-id']).toBe(before!.headers['x-ms-conversation-id']);
      expect(after!.headers['content-type']).toMatch(/^application\/json/);
      expect(after!.body).toEqual(before!.body);
    }
    expect(mappedCalls).not.toHaveBeenCalled();
  });

  it('fails as the mapped operation does: a RestError with the status, the message and a readable Retry-After', async () => {
    // A Retry-After date already past: the pipeline's own retries (the same for both) do not wait, and the time the
    // error asks for is still there to read, seven seconds after "now".
    const throttled = {
      status: 429,
      headers: { 'retry-after': 'Thu, 03 Dec 2026 10:00:07 GMT' },
      body: JSON.stringify({ error: { code: 'Throttled', message: 'Too many requests' } }),
    };
    const now = Date.parse('2026-12-03T10:00:00Z');
    const failures: unknown[] = [];
    for (const c of [client(recorder.url), postActivitiesAsPlainJson(client(recorder.url))]) {
      recorder.answers.splice(0, Infinity, ...Array.from({ length: 10 }, () => throttled));
      failures.push(await c.conversations.sendToConversation('a:1', { type: 'message', text: 'hi' }).catch((error: unknown) => error));
    }
    const [mapped, plain] = failures as Array<{ statusCode?: number; message?: string; code?: string }>;
    expect(plain).toMatchObject({ name: 'RestError', statusCode: 429, message: mapped!.message });
    expect(describeSendError(plain, now)).toEqual(describeSendError(mapped, now));
    expect(describeSendError(plain, now)).toEqual({ status: 429, retryable: true, retryAfterMs: 7000 });
    recorder.answers.length = 0;
  });

  it('names the status when the connector sends no error body', async () => {
    // 403: the user blocked the bot; the pipeline does not retry it.
    recorder.answers.push({ status: 403, body: 'Forbidden' });
    const plain = postActivitiesAsPlainJson(client(recorder.url));
    await expect(plain.conversations.sendToConversation('a:1', { type: 'message', text: 'hi' })).rejects.toMatchObject({ statusCode: 403, message: /403/ });
  });

  it('leaves a client of another shape as it is', () => {
    const other = { serviceUrl: 'https://s/' } as unknown as ConnectorClient;
    expect(postActivitiesAsPlainJson(other)).toBe(other);
    expect(other).toEqual({ serviceUrl: 'https://s/' });
  });
});
