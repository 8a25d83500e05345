import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/storage/index.js';
import { teamsMessage } from '../helpers/activities.js';
import { freshContainerName, startAzurite, type Azurite } from '../helpers/azurite.js';
import { startConnectorStub } from '../helpers/connectorStub.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

interface BotServer {
  readonly url: string;
  readonly storageDir: string;
  stop(): Promise<void>;
}

/** A bot server process on the given environment, with a STORAGE_DIR of its own that must stay empty. */
async function startBotServer(env: Record<string, string>): Promise<BotServer> {
  const storageDir = await mkdtemp(join(tmpdir(), 'sspr-unused-store-'));
  try {
    const server = await startServerProcess({ STORAGE_DIR: storageDir, ...env });
    return {
      url: server.url,
      storageDir,
      stop: async () => {
        await server.stop();
        await rm(storageDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(storageDir, { recursive: true, force: true });
    throw error;
  }
}

const topicIdsIn = (body: Record<string, unknown>): string[] => [...JSON.stringify(body).matchAll(/"topicId":"([a-z0-9-]+)"/g)].map((m) => m[1]!);

type Stub = Awaited<ReturnType<typeof startConnectorStub>>;

/** Sends one user message to a server and returns the topic ids of what the bot posted back during that turn. */
async function say(stub: Stub, server: { url: string }, text: string): Promise<string[]> {
  const before = stub.sent().length;
  const response = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(teamsMessage({ text, serviceUrl: stub.url, conversationId: 'a:shared-conversation', userId: '29:roaming-user' })),
  });
  expect(response.status).toBeLessThan(300);
  await stub.waitFor(() => stub.sent().length > before);
  await new Promise((resolve) => setTimeout(resolve, 150)); // let the turn's last activities arrive
  return stub
    .sent()
    .slice(before)
    .flatMap((call) => topicIdsIn(call.body));
}

/** One conversation whose turns alternate between the two servers: each must see the state the other stored. */
async function expectAlternatingConversationContinues(stub: Stub, serverA: { url: string }, serverB: { url: string }): Promise<void> {
  expect(await say(stub, serverA, "reset isn't working")).toEqual([]); // a follow-up question, no answer yet

  expect(await say(stub, serverB, 'the text with the code never arrives on my phone')).toContain('sms-or-call-not-received');

  const next = await say(stub, serverA, "that didn't help");
  expect(next).toHaveLength(1);
  expect(next).not.toContain('sms-or-call-not-received');
}

describe('two bot server processes sharing one SQLite file (the default store)', () => {
  let stub: Stub;
  let storageDir: string;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    stub = await startConnectorStub();
    storageDir = await mkdtemp(join(tmpdir(), 'sspr-shared-sqlite-'));
    servers = await Promise.all([startServerProcess({ STORAGE_DIR: storageDir }), startServerProcess({ STORAGE_DIR: storageDir })]);
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await stub?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  it('continues one conversation whose turns alternate between the servers', async () => {
    await expectAlternatingConversationContinues(stub, servers[0]!, servers[1]!);
  });

  it('keeps that conversation in the one database file', async () => {
    const db = new Database(join(storageDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const keys = db.prepare<[], string>('SELECT key FROM items').pluck().all();
      expect(keys.filter((key) => key.includes('a:shared-conversation'))).toHaveLength(1);
    } finally {
      db.close();
    }
  });
});

describe('two bot servers sharing one Azure Blob container', () => {
  let azurite: Azurite;
  let stub: Stub;
  let serverA: BotServer;
  let serverB: BotServer;

  beforeAll(async () => {
    [azurite, stub] = await Promise.all([startAzurite(), startConnectorStub()]);
    const env = { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: freshContainerName('bot-state') };
    [serverA, serverB] = await Promise.all([startBotServer(env), startBotServer(env)]);
  });

  afterAll(async () => {
    await Promise.all([serverA?.stop(), serverB?.stop()]);
    await stub?.close();
    await azurite?.stop();
  });

  it('continues one conversation whose turns alternate between the servers', async () => {
    await expectAlternatingConversationContinues(stub, serverA, serverB);
  });

  it('keeps nothing in STORAGE_DIR when a connection string is set', async () => {
    expect([...(await readdir(serverA.storageDir)), ...(await readdir(serverB.storageDir))]).toEqual([]);
  });
});
