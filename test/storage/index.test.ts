import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureBlobStorage, closeStorage, createStorage, DATABASE_FILE, SqliteStorage } from '../../src/storage/index.js';

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

  it('builds a SQLite store in the configured folder, whose writes another instance reads at once', async () => {
    const storage = createStorage({ storageDir: join(root, 'data') });
    await storage.write({ k: { n: 1 } });

    expect(storage).toBeInstanceOf(SqliteStorage);
    expect((storage as SqliteStorage).file).toBe(join(root, 'data', DATABASE_FILE));
    const other = new SqliteStorage(join(root, 'data'));
    expect((await other.read(['k'])).k?.n).toBe(1);
    await closeStorage(other);
    await closeStorage(storage);
  });

  it('closes the SQLite store on closeStorage, after which it refuses to work', async () => {
    const storage = createStorage({ storageDir: join(root, 'closed') });
    await storage.write({ k: { n: 1 } });

    await closeStorage(storage);

    await expect(storage.read(['k'])).rejects.toThrow(/closed/);
    await expect(storage.write({ k: { n: 2 } })).rejects.toThrow(/closed/);
  });

  it('rejects a state lifetime that is not a positive whole number of days', () => {
    expect(() => createStorage({ storageDir: join(root, 'ttl'), stateTtlDays: 0 })).toThrow(RangeError);
    expect(() => createStorage({ storageDir: join(root, 'ttl'), stateTtlDays: 1.5 })).toThrow(RangeError);
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

  it('builds the SQLite store when the connection string is undefined, as the config gives it when unset', () => {
    const storage = createStorage({ storageDir: join(root, 'data'), azureStorageConnectionString: undefined, azureStorageContainer: 'sspr-bot-state' });
    expect(storage).toBeInstanceOf(SqliteStorage);
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
