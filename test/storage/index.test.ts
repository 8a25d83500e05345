import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureBlobStorage, createStorage, DiskStorage, WriteBehindStorage } from '../../src/storage/index.js';

/** Made up, shaped like a storage account key. */
const ACCOUNT_KEY = Buffer.from('not-a-real-key-'.repeat(4)).toString('base64');

describe('createStorage', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'create-storage-test-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('builds a write-behind disk store in the configured folder', async () => {
    const storage = createStorage({ storageDir: join(root, 'data') });
    await storage.write({ k: { n: 1 } });

    expect(storage).toBeInstanceOf(WriteBehindStorage);
    await (storage as WriteBehindStorage).flush();
    expect((await new DiskStorage(join(root, 'data')).read(['k'])).k?.n).toBe(1);
  });

  it('builds an AzureBlobStorage on the configured container when a connection string is given, without touching the network', () => {
    const storage = createStorage({
      storageDir: join(root, 'unused'),
      azureStorageConnectionString: `DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`,
      azureStorageContainer: 'sspr-bot-state',
    });

    expect(storage).toBeInstanceOf(AzureBlobStorage);
    expect((storage as AzureBlobStorage).container).toBe('sspr-bot-state');
  });

  it('builds the disk store when the connection string is undefined, as the config gives it when unset', () => {
    const storage = createStorage({ storageDir: join(root, 'data'), azureStorageConnectionString: undefined, azureStorageContainer: 'sspr-bot-state' });
    expect(storage).toBeInstanceOf(WriteBehindStorage);
  });

  it.each(['not a connection string', `AccountName=contoso;AccountKey=${ACCOUNT_KEY}`])(
    'rejects the malformed connection string %j at once, without repeating it',
    (connectionString) => {
      let error: unknown;
      try {
        createStorage({ storageDir: root, azureStorageConnectionString: connectionString, azureStorageContainer: 'sspr-bot-state' });
      } catch (thrown) {
        error = thrown;
      }

      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/connection string is not valid/);
      expect((error as Error).message).not.toContain(connectionString);
      expect((error as Error).message).not.toContain(ACCOUNT_KEY);
      expect((error as Error).cause).toBeUndefined();
    },
  );
});
