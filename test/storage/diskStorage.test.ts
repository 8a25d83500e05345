import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MemoryStorage } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskStorage, ETagConflictError, StorageLockError, WriteBehindStorage } from '../../src/storage/index.js';
import { fileNameForKey } from '../../src/storage/fileNames.js';
import { storageContract } from './storageContract.js';

const execFileAsync = promisify(execFile);
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'disk-storage-test-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A new folder under the test root; `store` inside it does not exist yet, so DiskStorage must create it. */
async function freshFolder(): Promise<{ parent: string; store: string }> {
  const parent = await mkdtemp(join(root, 'case-'));
  return { parent, store: join(parent, 'nested', 'store') };
}

storageContract('MemoryStorage', () => new MemoryStorage());
storageContract('DiskStorage', async () => new DiskStorage((await freshFolder()).store));
storageContract('WriteBehindStorage over MemoryStorage', () => new WriteBehindStorage(new MemoryStorage()));
storageContract('WriteBehindStorage over DiskStorage (the default store)', async () => new WriteBehindStorage(new DiskStorage((await freshFolder()).store, { crossProcessLocks: false, fsync: false })));
storageContract('DiskStorage for a single process (cached, no lock files, no fsync)', async () => new DiskStorage((await freshFolder()).store, { crossProcessLocks: false, fsync: false }));

describe('DiskStorage', () => {
  it('creates its folder on first use, including missing parents', async () => {
    const { store } = await freshFolder();
    await new DiskStorage(store).write({ k: { n: 1 } });
    expect(await readdir(store)).toEqual([fileNameForKey('k')]);
  });

  it('keeps items across instances: a new DiskStorage on the same folder reads what the first wrote', async () => {
    const { store } = await freshFolder();
    await new DiskStorage(store).write({ 'conversation/19:abc@thread.v2': { topic: 'SSPR_0013' } });

    const items = await new DiskStorage(store).read(['conversation/19:abc@thread.v2']);

    expect(items['conversation/19:abc@thread.v2']).toMatchObject({ topic: 'SSPR_0013' });
  });

  it('stores the original key inside the item file', async () => {
    const { store } = await freshFolder();
    await new DiskStorage(store).write({ 'user/Ada': { n: 1 } });
    const record: unknown = JSON.parse(await readFile(join(store, fileNameForKey('user/Ada')), 'utf8'));
    expect(record).toMatchObject({ key: 'user/Ada', item: { n: 1 } });
  });

  const awkwardKeys: Array<[string, string]> = [
    ['slashes', 'msteams/conversations/19:abc@thread.v2/users/29:1xyz'],
    ['parent-folder steps', '../../../etc/passwd'],
    ['a lone dot-dot', '..'],
    ['backslashes and a drive', 'C:\\Windows\\..\\system32'],
    ['unicode', 'utilisateur/Zoë/密码/🔑'],
    ['a lone surrogate', 'broken\uD800key'],
    ['another lone surrogate', 'broken\uD801key'],
    ['a NUL character', 'nul\u0000key'],
    ['a reserved Windows name', 'CON'],
    ['the empty string', ''],
    ['500 characters', 'x/'.repeat(250)],
    ['500 other characters', 'x/'.repeat(249) + 'yy'],
  ];

  it.each(awkwardKeys)('keeps a key with %s inside its folder and reads it back', async (_label, key) => {
    const { parent, store } = await freshFolder();
    const storage = new DiskStorage(store);

    await storage.write({ [key]: { key } });

    expect((await storage.read([key]))[key]).toMatchObject({ key });
    expect(await readdir(parent)).toEqual(['nested']);
    expect(await readdir(join(parent, 'nested'))).toEqual(['store']);
    const [name, ...others] = await readdir(store);
    expect(others).toEqual([]);
    expect(name).toMatch(/^[hk]-[0-9a-f]*\.json$/);
    expect(name!.length).toBeLessThanOrEqual(160);
  });

  it('keeps every awkward key apart from the others in one folder', async () => {
    const { store } = await freshFolder();
    const storage = new DiskStorage(store);
    const keys = awkwardKeys.map(([, key]) => key);

    await storage.write(Object.fromEntries(keys.map((key, index) => [key, { index }])));
    const items = await storage.read(keys);

    expect(keys.map((key) => items[key]?.index)).toEqual(keys.map((_key, index) => index));
    expect(await readdir(store)).toHaveLength(keys.length);
  });

  it('names files in lower case only, so keys differing in case stay apart on case-insensitive disks', () => {
    const names = ['Ab', 'aB', 'AB', 'ab'].map(fileNameForKey);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(4);
  });

  it('moves a corrupt item file aside and reads the item as missing', async () => {
    const { store } = await freshFolder();
    const storage = new DiskStorage(store);
    await storage.write({ k: { n: 1 } });
    const name = fileNameForKey('k');
    await writeFile(join(store, name), '{"key":"k","item":{"n":');

    expect(await storage.read(['k'])).toEqual({});

    const files = await readdir(store);
    expect(files).toEqual([expect.stringMatching(new RegExp(`^${name}\\.corrupt-\\d+$`))]);
    expect(await readFile(join(store, files[0]!), 'utf8')).toBe('{"key":"k","item":{"n":');
  });

  it.each([
    ['a JSON array', '[1,2]'],
    ['a record without an item', '{"key":"k"}'],
    ['a record for another key', '{"key":"other","item":{"n":1}}'],
    ['an empty file', ''],
  ])('treats %s as corrupt', async (_label, contents) => {
    const { store } = await freshFolder();
    await mkdir(store, { recursive: true });
    await writeFile(join(store, fileNameForKey('k')), contents);

    expect(await new DiskStorage(store).read(['k'])).toEqual({});
    expect(await readdir(store)).toEqual([expect.stringContaining('.corrupt-')]);
  });

  it('writes over a corrupt item after moving it aside', async () => {
    const { store } = await freshFolder();
    await mkdir(store, { recursive: true });
    await writeFile(join(store, fileNameForKey('k')), 'not json');
    const storage = new DiskStorage(store);

    await storage.write({ k: { n: 2, eTag: 'stale' } });

    expect((await storage.read(['k'])).k?.n).toBe(2);
    const files = await readdir(store);
    expect(files).toHaveLength(2);
    expect(files).toContain(fileNameForKey('k'));
    expect(files).toContainEqual(expect.stringContaining('.corrupt-'));
  });

  it('ignores a temp file left behind by a crash mid-write', async () => {
    const { store } = await freshFolder();
    const storage = new DiskStorage(store);
    await storage.write({ k: { n: 1 } });
    const leftover = join(store, `.${fileNameForKey('k')}.0b1c2d3e.tmp`);
    await writeFile(leftover, '{"key":"k","item":{"n":2,"eTag":"half-writ');

    expect((await storage.read(['k'])).k?.n).toBe(1);
    expect(await storage.read(['never-written'])).toEqual({});
    expect(await readFile(leftover, 'utf8')).toContain('half-writ');
  });

  it('leaves no temp or lock files behind after writes and deletes', async () => {
    const { store } = await freshFolder();
    const storage = new DiskStorage(store);
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    await storage.delete(['a']);
    expect(await readdir(store)).toEqual([fileNameForKey('b')]);
  });

  it('rejects a stale eTag with an ETagConflictError naming the key and both eTags', async () => {
    const { store } = await freshFolder();
    const storage = new DiskStorage(store);
    await storage.write({ k: { n: 1 } });
    const stored = (await storage.read(['k'])).k;

    const error: unknown = await storage.write({ k: { n: 2, eTag: 'stale' } }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ETagConflictError);
    expect(error).toMatchObject({ key: 'k', expectedETag: 'stale', storedETag: stored?.eTag });
    expect((error as Error).message).toContain('"k"');
  });

  it.each([
    ['a string', 'text'],
    ['a number', 42],
    ['null', null],
    ['an array', [1, 2]],
    ['undefined', undefined],
  ])('rejects %s as a value with a TypeError and writes nothing from that call', async (_label, value) => {
    const { store } = await freshFolder();
    const storage = new DiskStorage(store);

    await expect(storage.write({ good: { n: 1 }, bad: value as never })).rejects.toThrow(TypeError);

    expect(await storage.read(['good', 'bad'])).toEqual({});
  });

  it('lets exactly one of two instances on one folder win a race of writes with the same eTag', async () => {
    const { store } = await freshFolder();
    const first = new DiskStorage(store);
    const second = new DiskStorage(store);

    await first.write({ k: { n: 0 } });

    for (let round = 1; round <= 10; round += 1) {
      const base = (await first.read(['k'])).k;
      const results = await Promise.allSettled([first.write({ k: { ...base, n: round } }), second.write({ k: { ...base, n: -round } })]);

      const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.reason).toBeInstanceOf(ETagConflictError);
      expect(Math.abs((await second.read(['k'])).k?.n)).toBe(round);
    }
  });

  it('lets exactly one of many instances on one folder win, across many keys at once', async () => {
    const { store } = await freshFolder();
    const instances = Array.from({ length: 6 }, () => new DiskStorage(store));
    const keys = ['a', 'b', 'c'];
    await instances[0]!.write(Object.fromEntries(keys.map((key) => [key, { by: -1 }])));
    const base = await instances[0]!.read(keys);

    const results = await Promise.allSettled(
      instances.flatMap((storage, by) => keys.map((key) => storage.write({ [key]: { ...base[key], by } }))),
    );

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(keys.length);
    const final = await instances[0]!.read(keys);
    expect(keys.every((key) => final[key]?.by !== -1)).toBe(true);
  });

  it('breaks a lock left by a crashed process once it is older than staleLockMs', async () => {
    const { store } = await freshFolder();
    await mkdir(store, { recursive: true });
    const lockPath = join(store, `${fileNameForKey('k')}.lock`);
    await writeFile(lockPath, '{"pid":1}');
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockPath, longAgo, longAgo);

    await new DiskStorage(store, { lockTimeoutMs: 1_000 }).write({ k: { n: 1 } });

    expect(await readdir(store)).toEqual([fileNameForKey('k')]);
  });

  it('fails with a StorageLockError when another process holds the lock for longer than lockTimeoutMs', async () => {
    const { store } = await freshFolder();
    await mkdir(store, { recursive: true });
    await writeFile(join(store, `${fileNameForKey('k')}.lock`), '{"pid":1}');
    const storage = new DiskStorage(store, { lockTimeoutMs: 100 });

    await expect(storage.write({ k: { n: 1 } })).rejects.toThrow(StorageLockError);
    await expect(storage.delete(['k'])).rejects.toThrow(StorageLockError);
  });

  it('reads without waiting for a lock held by a writer', async () => {
    const { store } = await freshFolder();
    const storage = new DiskStorage(store, { lockTimeoutMs: 100 });
    await storage.write({ k: { n: 1 } });
    await writeFile(join(store, `${fileNameForKey('k')}.lock`), '{"pid":1}');

    expect((await storage.read(['k'])).k?.n).toBe(1);
  });
});

describe('DiskStorage shared by separate processes', () => {
  const worker = fileURLToPath(new URL('./counterWorker.ts', import.meta.url));

  it('loses no increment when three processes update one item at the same time', async () => {
    const { store } = await freshFolder();
    await new DiskStorage(store).write({ counter: { count: 0 } });

    const runs = await Promise.all(
      [1, 2, 3].map(() => execFileAsync(process.execPath, ['--import', 'tsx', worker, store, '20'], { cwd: projectRoot })),
    );

    expect((await new DiskStorage(store).read(['counter'])).counter?.count).toBe(60);
    expect(runs.map((run) => JSON.parse(run.stdout) as unknown)).toEqual([1, 2, 3].map(() => ({ conflicts: expect.any(Number) })));
  });
});

describe('DiskStorage for a single process', () => {
  it('persists what it caches, so a new instance on the folder reads it back', async () => {
    const { store } = await freshFolder();
    const first = new DiskStorage(store, { crossProcessLocks: false });
    await first.write({ a: { n: 1 } });
    const read = await first.read(['a']);
    await first.write({ a: { ...read.a, n: 2 } });
    const second = new DiskStorage(store, { crossProcessLocks: false });
    expect((await second.read(['a'])).a).toMatchObject({ n: 2 });
  });

  it('still rejects a stale eTag from its cache', async () => {
    const { store } = await freshFolder();
    const storage = new DiskStorage(store, { crossProcessLocks: false });
    await storage.write({ a: { n: 1 } });
    const stale = (await storage.read(['a'])).a!;
    await storage.write({ a: { ...stale, n: 2 } });
    await expect(storage.write({ a: { ...stale, n: 3 } })).rejects.toThrow(/eTag/);
  });
});

describe('WriteBehindStorage', () => {
  it('has everything on disk after flush, for a new process to read', async () => {
    const { store } = await freshFolder();
    const storage = new WriteBehindStorage(new DiskStorage(store, { crossProcessLocks: false, fsync: false }));
    for (let i = 0; i < 20; i++) await storage.write({ counter: { n: i }, [`k${i}`]: { i } });
    await storage.delete(['k3']);
    await storage.flush();
    const fresh = new DiskStorage(store);
    const items = await fresh.read(['counter', 'k0', 'k3', 'k19']);
    expect(items.counter).toMatchObject({ n: 19 });
    expect(items.k19).toMatchObject({ i: 19 });
    expect(items.k3).toBeUndefined();
  });

  it('reports on flush a write the inner store kept refusing', async () => {
    const failing = { read: async () => ({}), write: async () => Promise.reject(new Error('disk full')), delete: async () => undefined };
    const storage = new WriteBehindStorage(failing);
    await storage.write({ a: { n: 1 } });
    expect((await storage.read(['a'])).a).toMatchObject({ n: 1 });
    await expect(storage.flush()).rejects.toThrow('disk full');
  });
});
