import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { closeStorage, SqliteStorage } from '../../src/storage/index.js';
import { teamsMessage, type TeamsMessageOptions } from './activities.js';
import { startConnectorStub, type StubResponder } from './connectorStub.js';

export type Stub = Awaited<ReturnType<typeof startConnectorStub>>;

/** The real app on a loopback port, a stub connector, and a SQLite store in a temp folder; close() cleans up. */
export async function startHttpBot(options: Partial<AppOptions> & { responder?: StubResponder } = {}) {
  const stub = await startConnectorStub(options.responder);
  const dir = mkdtempSync(join(tmpdir(), 'sspr-http-'));
  const storage = options.storage ?? new SqliteStorage(dir);
  const app: App = await createApp({
    storage,
    adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
    logger: createLogger({ level: 'silent', logPii: false }),
    botAppId: '',
    adminUserIds: new Set(),
    ...options,
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  /** Sends a Teams message and returns what the bot posted back during that turn. */
  async function say(message: Omit<TeamsMessageOptions, 'serviceUrl'>): Promise<Array<Record<string, unknown>>> {
    const before = stub.calls.length;
    const response = await post('/api/messages', teamsMessage({ ...message, serviceUrl: stub.url }));
    if (response.status >= 300) throw new Error(`POST /api/messages answered ${response.status}`);
    return stub.calls
      .slice(before)
      .filter((c) => c.method === 'POST')
      .map((c) => c.body);
  }

  async function close(): Promise<void> {
    await app.close();
    app.server.close();
    await stub.close();
    if (!options.storage) await closeStorage(storage);
    rmSync(dir, { recursive: true, force: true });
  }

  return { app, stub, base, post, say, close };
}
