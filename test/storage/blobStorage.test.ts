import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubscriptionStore, type Subscription } from '../../src/proactive/subscriptions.js';
import { AzureBlobStorage, ETagConflictError } from '../../src/storage/index.js';
import { isETagConflict, updateItem } from '../../src/storage/optimistic.js';
import { freshContainerName, startAzurite, type Azurite } from '../helpers/azurite.js';
import { storageContract } from './storageContract.js';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

/** A store on a container of its own, created by the store on first use. */
const inFreshContainer = (): AzureBlobStorage => new AzureBlobStorage(azurite.connectionString, freshContainerName());

storageContract('AzureBlobStorage on Azurite', inFreshContainer, { eTagForMissingItem: 'conflicts', multiKeyWrite: 'per-key' });

describe('AzureBlobStorage', () => {
  it('keeps items in the container: another instance on it reads what the first wrote', async () => {
    const container = freshContainerName();
    await new AzureBlobStorage(azurite.connectionString, container).write({ 'msteams/conversations/a:1/': { topic: 'sspr-0013' } });

    const items = await new AzureBlobStorage(azurite.connectionString, container).read(['msteams/conversations/a:1/']);

    expect(items['msteams/conversations/a:1/']).toMatchObject({ topic: 'sspr-0013' });
  });

  it('keeps text outside ASCII intact', async () => {
    const storage = inFreshContainer();
    await storage.write({ 'utilisateur/Zoë': { name: 'Zoë Ångström 密码 🔑', note: 'x'.repeat(5_000) } });
    expect((await storage.read(['utilisateur/Zoë']))['utilisateur/Zoë']).toMatchObject({ name: 'Zoë Ångström 密码 🔑' });
  });

  it('rejects a stale eTag with an ETagConflictError naming the key and the eTag it expected', async () => {
    const storage = inFreshContainer();
    await storage.write({ k: { n: 1 } });
    const stale = (await storage.read(['k'])).k;
    await storage.write({ k: { ...stale, n: 2 } });

    const error: unknown = await storage.write({ k: { ...stale, n: 3 } }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ETagConflictError);
    expect(error).toMatchObject({ key: 'k', expectedETag: stale?.eTag });
    expect(isETagConflict(error)).toBe(true);
  });

  it('rejects a value that is not an object with a TypeError and writes nothing from that call', async () => {
    const storage = inFreshContainer();
    await expect(storage.write({ good: { n: 1 }, bad: 'text' as never })).rejects.toThrow(TypeError);
    expect(await storage.read(['good', 'bad'])).toEqual({});
  });

  describe('when the first attempt to create the container fails', () => {
    let proxy: Server;
    let reachable = false;
    let connectionString: string;
    const sockets = new Set<Socket>();

    // A loopback proxy in front of Azurite that drops every connection until it is told the network is back.
    beforeAll(async () => {
      const target = new URL(/BlobEndpoint=([^;]+)/.exec(azurite.connectionString)![1]!);
      proxy = createServer((client) => {
        if (!reachable) return void client.destroy();
        const upstream = connect(Number(target.port), target.hostname, () => client.pipe(upstream).pipe(client));
        sockets.add(client).add(upstream);
        const close = (): void => {
          for (const socket of [client, upstream]) {
            socket.destroy();
            sockets.delete(socket);
          }
        };
        client.on('error', close).on('close', close);
        upstream.on('error', close).on('close', close);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const port = (proxy.address() as AddressInfo).port;
      connectionString = azurite.connectionString.replace(/BlobEndpoint=http:\/\/[^/]+/, `BlobEndpoint=http://127.0.0.1:${port}`);
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    });

    it('tries again on the next call, where BlobsStorage alone would keep failing', async () => {
      reachable = false;
      const container = freshContainerName();
      const ours = new AzureBlobStorage(connectionString, container, { retry: { maxTries: 1 } });
      const theirs = new BlobsStorage(connectionString, container, { storagePipelineOptions: { retryOptions: { maxTries: 1 } } });
      await expect(ours.read(['k'])).rejects.toThrow();
      await expect(theirs.read(['k'])).rejects.toThrow();

      reachable = true;

      await ours.write({ k: { n: 1 } });
      expect((await ours.read(['k'])).k?.n).toBe(1);
      await expect(theirs.read(['k'])).rejects.toThrow();
    });
  });
});

describe('optimistic updates through Azure Blob Storage', () => {
  it('loses no increment when 20 updates of one counter race, from two instances', async () => {
    const container = freshContainerName();
    const instances = [new AzureBlobStorage(azurite.connectionString, container), new AzureBlobStorage(azurite.connectionString, container)];
    await instances[0]!.write({ counter: { count: 0 } });

    await Promise.all(
      Array.from({ length: 20 }, (_, i) => updateItem<{ count: number }>(instances[i % 2]!, 'counter', (current) => ({ count: (current?.count ?? 0) + 1 }))),
    );

    expect((await instances[1]!.read(['counter'])).counter?.count).toBe(20);
  });

  it('loses no subscription change when two instances subscribe and unsubscribe at once', async () => {
    const container = freshContainerName();
    const [first, second] = [1, 2].map(() => new SubscriptionStore(new AzureBlobStorage(azurite.connectionString, container)));
    await first!.initialize();
    await second!.initialize();
    for (const id of ['old-1', 'old-2', 'old-3', 'old-4']) await first!.subscribe(subscription(id));

    await Promise.all([
      ...['old-1', 'old-2', 'old-3'].map((id, i) => (i % 2 ? first! : second!).unsubscribe(id)),
      ...['new-1', 'new-2', 'new-3', 'new-4', 'new-5', 'new-6'].map((id, i) => (i % 2 ? second! : first!).subscribe(subscription(id))),
    ]);

    expect((await second!.list()).map((s) => s.id).sort()).toEqual(['new-1', 'new-2', 'new-3', 'new-4', 'new-5', 'new-6', 'old-4']);
  });
});

const subscription = (id: string): Subscription => ({
  id,
  reference: { conversation: { id, isGroup: false, conversationType: 'personal', name: '' } },
  subscribedBy: { id: 'admin' },
  at: '2026-01-01T00:00:00Z',
});
