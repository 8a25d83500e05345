import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { MemoryStorage } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, ETagConflictError, SqliteStorage } from '../../src/storage/index.js';
import { updateItem } from '../../src/storage/optimistic.js';
import { storageContract } from './storageContract.js';

const execFileAsync = promisify(execFile);
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

let root: string;
const opened: SqliteStorage[] = [];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sqlite-storage-test-'));
});
afterAll(async () => {
  await Promise.all(opened.map((storage) => storage.close()));
  await rm(root, { recursive: true, force: true });
});

/** A folder that does not exist yet, under a parent that does not either: the store must create both. */
async function freshDir(): Promise<string> {
  return join(await mkdtemp(join(root, 'case-')), 'nested', 'data');
}

function track(storage: SqliteStorage): SqliteStorage {
  opened.push(storage);
  return storage;
}

storageContract('MemoryStorage (the reference)', () => new MemoryStorage());
storageContract('SqliteStorage', async () => track(new SqliteStorage(await freshDir())), { eTagForMissingItem: 'conflicts', multiKeyWrite: 'all-or-nothing' });

describe('SqliteStorage', () => {
  it('creates its folder and one database file that only its owner can read', async () => {
    const dir = await freshDir();
    await track(new SqliteStorage(dir)).write({ k: { n: 1 } });

    expect((await stat(join(dir, DATABASE_FILE))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('keeps items across instances: a new SqliteStorage on the folder reads what the first wrote', async () => {
    const dir = await freshDir();
    const first = new SqliteStorage(dir);
    await first.write({ 'msteams/conversations/19:abc@thread.v2/': { topic: 'sspr-0013' } });
    await first.close();

    const items = await track(new SqliteStorage(dir)).read(['msteams/conversations/19:abc@thread.v2/']);

    expect(items['msteams/conversations/19:abc@thread.v2/']).toMatchObject({ topic: 'sspr-0013' });
  });

  it('uses write-ahead logging and records, to the minute, when each item was last written', async () => {
    const dir = await freshDir();
    const clock = { now: Date.UTC(2026, 0, 2, 10, 41, 27, 123) };
    const storage = track(new SqliteStorage(dir, { now: () => clock.now }));
    await storage.write({ k: { n: 1 } });

    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const rows = () => db.prepare('SELECT key, value, updated_at FROM items').all();
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(rows()).toEqual([{ key: 'k', value: '{"n":1}', updated_at: Date.UTC(2026, 0, 2, 10, 41) }]);
      clock.now += 30_000;
      await storage.write({ k: { n: 2 } });
      expect(rows()).toEqual([{ key: 'k', value: '{"n":2}', updated_at: Date.UTC(2026, 0, 2, 10, 41) }]);
      clock.now += 30_000;
      await storage.write({ k: { n: 3 } });
      expect(rows()).toEqual([{ key: 'k', value: '{"n":3}', updated_at: Date.UTC(2026, 0, 2, 10, 42) }]);
    } finally {
      db.close();
    }
  });

  const awkwardKeys: Array<[string, string]> = [
    ['slashes and colons', 'msteams/conversations/19:abc@thread.v2/users/29:1xyz'],
    ['parent-folder steps', '../../../etc/passwd'],
    ['unicode', 'utilisateur/Zoë/密码/🔑'],
    ['a lone high surrogate', 'broken\uD800key'],
    ['another lone high surrogate', 'broken\uD801key'],
    ['a lone low surrogate', 'broken\uDC00key'],
    ['a NUL character', 'nul\u0000key'],
    ['a leading NUL character', '\u0000"broken\\ud800key"'],
    ['the empty string', ''],
    ['SQL quotes', "it's'; DROP TABLE items; --"],
    ['10,000 characters', 'x/'.repeat(5_000)],
  ];

  it('keeps every key apart, however awkward, and reads each back under its own name', async () => {
    const storage = track(new SqliteStorage(await freshDir()));
    await storage.write(Object.fromEntries(awkwardKeys.map(([label, key]) => [key, { label }])));

    const items = await storage.read(awkwardKeys.map(([, key]) => key));

    expect(Object.keys(items)).toHaveLength(awkwardKeys.length);
    for (const [label, key] of awkwardKeys) expect(items[key]?.label, label).toBe(label);
  });

  it('rejects a value that is not an object with a TypeError, and writes nothing from that call', async () => {
    const storage = track(new SqliteStorage(await freshDir()));
    for (const bad of ['text', null, [1, 2], 42]) {
      await expect(storage.write({ good: { n: 1 }, bad: bad as never })).rejects.toThrow(TypeError);
    }
    expect(await storage.read(['good', 'bad'])).toEqual({});
  });

  it('treats an empty eTag as none, as MemoryStorage does', async () => {
    const storage = track(new SqliteStorage(await freshDir()));
    await storage.write({ k: { n: 1 } });
    await storage.write({ k: { n: 2, eTag: '' } });
    expect((await storage.read(['k'])).k?.n).toBe(2);
  });

  it('keeps text outside ASCII and large items intact', async () => {
    const storage = track(new SqliteStorage(await freshDir()));
    const big = { name: 'Zoë Ångström 密码 🔑', steps: Array.from({ length: 2_000 }, (_, i) => ({ i, note: 'x'.repeat(50) })) };
    await storage.write({ k: big });
    expect((await storage.read(['k'])).k).toEqual({ ...big, eTag: expect.any(String) });
  });

  describe('with two instances on one file, as two processes on one host', () => {
    it('rejects in one instance a write whose eTag the other has made stale', async () => {
      const dir = await freshDir();
      const [a, b] = [track(new SqliteStorage(dir)), track(new SqliteStorage(dir))];
      await a.write({ k: { n: 1 } });
      const seenByA = (await a.read(['k'])).k;
      await b.write({ k: { ...(await b.read(['k'])).k, n: 2 } });

      const error: unknown = await a.write({ k: { ...seenByA, n: 3 } }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ETagConflictError);
      expect(error).toMatchObject({ key: 'k', expectedETag: seenByA?.eTag });
      expect((await a.read(['k'])).k?.n).toBe(2);
    });

    it('does not let a writer that read before a delete bring the item back', async () => {
      const dir = await freshDir();
      const [a, b] = [track(new SqliteStorage(dir)), track(new SqliteStorage(dir))];
      await a.write({ 'proactive/subscriptions': { ids: ['admin'] } });
      const before = (await a.read(['proactive/subscriptions']))['proactive/subscriptions'];
      await b.delete(['proactive/subscriptions']);

      await expect(a.write({ 'proactive/subscriptions': { ...before, ids: ['admin', 'other'] } })).rejects.toThrow(ETagConflictError);
      expect(await b.read(['proactive/subscriptions'])).toEqual({});
    });

    it('loses no increment when 40 optimistic updates of one counter race between them', async () => {
      const dir = await freshDir();
      const instances = [track(new SqliteStorage(dir)), track(new SqliteStorage(dir))];
      await instances[0]!.write({ counter: { count: 0 } });

      await Promise.all(
        Array.from({ length: 40 }, (_, i) => updateItem<{ count: number }>(instances[i % 2]!, 'counter', (current) => ({ count: (current?.count ?? 0) + 1 }))),
      );

      expect((await instances[1]!.read(['counter'])).counter?.count).toBe(40);
    });
  });

  it('loses no increment when two processes race on one counter', { timeout: 60_000 }, async () => {
    const dir = await freshDir();
    const storage = track(new SqliteStorage(dir));
    await storage.write({ counter: { count: 0 } });
    const worker = join(projectRoot, 'test/storage/counterWorker.ts');
    const rounds = 150;

    const outputs = await Promise.all(
      [1, 2].map(() => execFileAsync(process.execPath, ['--import', 'tsx', worker, dir, String(rounds)], { cwd: projectRoot, timeout: 50_000 })),
    );

    expect((await storage.read(['counter'])).counter?.count).toBe(2 * rounds);
    for (const { stdout } of outputs) expect(JSON.parse(stdout)).toEqual({ conflicts: expect.any(Number) });
  });
});

describe('SqliteStorage when it cannot store', () => {
  it('fails every call while STORAGE_DIR is a file, and works once it can create the folder', async () => {
    const parent = await mkdtemp(join(root, 'case-'));
    const dir = join(parent, 'data');
    await writeFile(dir, 'not a folder');
    const storage = track(new SqliteStorage(dir));

    await expect(storage.write({ k: { n: 1 } })).rejects.toThrow(/EEXIST|ENOTDIR/);
    await expect(storage.read(['k'])).rejects.toThrow(/EEXIST|ENOTDIR/);

    await rm(dir);
    await storage.write({ k: { n: 1 } });
    expect((await storage.read(['k'])).k?.n).toBe(1);
  });

  it('fails writes through a read-only connection, and stores nothing', async () => {
    const dir = await freshDir();
    const writable = new SqliteStorage(dir);
    await writable.write({ k: { n: 1 } });
    await writable.close();
    const readonly = track(new SqliteStorage(dir, { readonly: true }));

    await expect(readonly.write({ k: { n: 2 } })).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    await expect(readonly.delete(['k'])).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    expect((await readonly.read(['k'])).k?.n).toBe(1);
  });

  it('fails a write that waits longer than its busy timeout for another process, and stores none of its keys', async () => {
    const dir = await freshDir();
    const storage = track(new SqliteStorage(dir, { busyTimeoutMs: 50 }));
    await storage.write({ a: { n: 1 } });
    const other = new Database(join(dir, DATABASE_FILE));
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(storage.write({ a: { n: 2 }, b: { n: 2 } })).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
      // Readers are not blocked by a writer in WAL mode.
      expect((await storage.read(['a'])).a?.n).toBe(1);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['a']);
    await storage.write({ b: { n: 3 } });
    expect((await storage.read(['b'])).b?.n).toBe(3);
  });

  it('fails when the database file is not a database, and leaves the file for a human', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    await writeFile(join(dir, DATABASE_FILE), 'this is not a database '.repeat(100));
    const storage = track(new SqliteStorage(dir));

    await expect(storage.read(['k'])).rejects.toMatchObject({ code: 'SQLITE_NOTADB' });
    await expect(storage.write({ k: { n: 1 } })).rejects.toMatchObject({ code: 'SQLITE_NOTADB' });
    expect((await stat(join(dir, DATABASE_FILE))).size).toBe('this is not a database '.length * 100);
  });

  it('refuses a database written by a newer schema instead of misreading it', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    const db = new Database(join(dir, DATABASE_FILE));
    db.pragma('user_version = 99');
    db.close();

    await expect(track(new SqliteStorage(dir)).read(['k'])).rejects.toThrow(/newer version/);
  });
});
