import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubscriptionStore, type Subscription } from '../../src/proactive/subscriptions.js';
import { DATABASE_FILE, probeStorage, SqliteStorage, StorageUnavailableError } from '../../src/storage/index.js';

let root: string;
const stores: SqliteStorage[] = [];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'loud-failures-test-'));
});
afterAll(async () => {
  await Promise.all(stores.map((storage) => storage.close()));
  await rm(root, { recursive: true, force: true });
});

function sqlite(dir: string, options: ConstructorParameters<typeof SqliteStorage>[1] = {}): SqliteStorage {
  const storage = new SqliteStorage(dir, options);
  stores.push(storage);
  return storage;
}

/** Holds SQLite's write lock from another connection, as a stuck process would, until released. */
function holdWriteLock(file: string): { release(): void } {
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  return {
    release: () => {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}

/** The old write-behind failure, as a fake: writes are acknowledged and silently dropped. */
class DroppingStorage implements Storage {
  readonly #inner = new MemoryStorage();
  read(keys: string[]): Promise<StoreItems> {
    return this.#inner.read(keys);
  }
  async write(): Promise<void> {
    // acknowledged, never stored
  }
  delete(keys: string[]): Promise<void> {
    return this.#inner.delete(keys);
  }
}

describe('probeStorage', () => {
  it('resolves on stores that take writes', async () => {
    await expect(probeStorage(new MemoryStorage())).resolves.toBeUndefined();
    await expect(probeStorage(sqlite(await mkdtemp(join(root, 'case-'))))).resolves.toBeUndefined();
  });

  it('rejects when STORAGE_DIR is a file, with the store’s error as the cause', async () => {
    const dir = join(await mkdtemp(join(root, 'case-')), 'data');
    await writeFile(dir, 'not a folder');

    const error: unknown = await probeStorage(sqlite(dir)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toMatch(/cannot be written/);
    expect((error as Error).cause).toMatchObject({ code: expect.stringMatching(/EEXIST|ENOTDIR/) });
  });

  it('rejects on a read-only database that still reads', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    await sqlite(dir).write({ k: { n: 1 } });
    const readonly = sqlite(dir, { readonly: true });

    expect((await readonly.read(['k'])).k?.n).toBe(1);
    await expect(probeStorage(readonly)).rejects.toMatchObject({ name: 'StorageUnavailableError', cause: { code: 'SQLITE_READONLY' } });
  });

  it('rejects on a closed store', async () => {
    const storage = sqlite(await mkdtemp(join(root, 'case-')));
    await storage.close();
    await expect(probeStorage(storage)).rejects.toMatchObject({ name: 'StorageUnavailableError', cause: { name: 'StorageClosedError' } });
  });

  it('rejects on a store that acknowledges writes without keeping them', async () => {
    await expect(probeStorage(new DroppingStorage())).rejects.toThrow(/did not read back/);
  });
});

describe('a storage failure during a change', () => {
  const subscription = (id: string): Subscription => ({
    id,
    reference: { conversation: { id, isGroup: false, conversationType: 'personal', name: '' } },
    subscribedBy: { id: 'admin' },
    at: '2026-01-01T00:00:00Z',
  });

  it('fails an unsubscribe that cannot be stored, and a later restart never brings back one that succeeded', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    const storage = sqlite(dir, { busyTimeoutMs: 20 });
    const store = new SubscriptionStore(storage);
    await store.initialize();
    await store.subscribe(subscription('a:admin-chat'));

    const lock = holdWriteLock(join(dir, DATABASE_FILE));
    try {
      // The admin is told it failed (the turn fails), rather than told "unsubscribed" while nothing changed.
      await expect(store.unsubscribe('a:admin-chat')).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    } finally {
      lock.release();
    }
    expect((await store.list()).map((s) => s.id)).toEqual(['a:admin-chat']);

    expect(await store.unsubscribe('a:admin-chat')).toBe(true);
    await storage.close();

    const afterRestart = new SubscriptionStore(sqlite(dir));
    await afterRestart.initialize();
    expect(await afterRestart.list()).toEqual([]);
  });

  it('acknowledges no write of a turn that was not stored: the call rejects and the old state stays', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    const storage = sqlite(dir, { busyTimeoutMs: 20 });
    await storage.write({ 'msteams/conversations/a:1/': { step: 1 }, 'msteams/users/29:1/': { name: 'Ada' } });

    const lock = holdWriteLock(join(dir, DATABASE_FILE));
    try {
      await expect(
        storage.write({ 'msteams/conversations/a:1/': { step: 2, eTag: '*' }, 'msteams/users/29:1/': { name: 'Ada L.', eTag: '*' } }),
      ).rejects.toThrow(/locked/);
    } finally {
      lock.release();
    }

    const items = await sqlite(dir).read(['msteams/conversations/a:1/', 'msteams/users/29:1/']);
    expect([items['msteams/conversations/a:1/']?.step, items['msteams/users/29:1/']?.name]).toEqual([1, 'Ada']);
  });
});
