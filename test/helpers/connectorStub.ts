import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
}

/** Decides the answer to one call; default: 200 with an id. */
export type StubResponder = (call: ConnectorCall) => { status: number; headers?: Record<string, string>; body?: unknown } | undefined;

/** A local stand-in for the Bot Connector REST API: records what the bot sends, answers as told. */
export async function startConnectorStub(responder: StubResponder = () => undefined) {
  const calls: ConnectorCall[] = [];
  const waiters: Array<() => void> = [];
  let nextId = 1;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const call: ConnectorCall = { method: req.method ?? '', path: req.url ?? '', body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
      calls.push(call);
      const answer =
        responder(call) ??
        (call.method === 'GET' ? { status: 404, body: { error: { code: 'NotFound' } } } : { status: 200, body: { id: `reply-${nextId++}` } });
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body ?? {}));
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Activities the bot posted to a conversation. */
  const sent = (): ConnectorCall[] => calls.filter((c) => c.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(c.path));

  async function waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the bot');
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  return { url, calls, sent, waitFor, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
