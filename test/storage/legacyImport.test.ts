import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileNameForKey, IMPORTED_FOLDER } from '../../src/storage/legacyJsonStore.js';
import { DATABASE_FILE, SqliteStorage } from '../../src/storage/index.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 5, 1);

let root: string;
const stores: SqliteStorage[] = [];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'legacy-import-test-'));
});
afterAll(async () => {
  await Promise.all(stores.map((storage) => storage.close()));
  await rm(root, { recursive: true, force: true });
});

const open = (dir: string): SqliteStorage => {
  const storage = new SqliteStorage(dir, { now: () => NOW });
  stores.push(storage);
  return storage;
};

/** Writes an item file as the old JSON store did: `{key, item}` under the key's encoded name, last written `ageDays` ago. */
async function writeOldItem(dir: string, key: string, item: Record<string, unknown>, ageDays = 1): Promise<string> {
  const name = fileNameForKey(key);
  await writeFile(join(dir, name), JSON.stringify({ key, item }));
  const at = new Date(NOW - ageDays * DAY);
  await utimes(join(dir, name), at, at);
  return name;
}

describe('the first start on a folder of the old JSON store', () => {
  it('imports every whole item with its eTag and sets the old files aside in a subfolder', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    const conversation = 'msteams/conversations/19:abc@thread.v2/';
    const names = [
      await writeOldItem(dir, conversation, { dialogState: { step: 2 }, eTag: 'old-etag-1' }),
      await writeOldItem(dir, 'proactive/subscriptions', { subscriptions: { a: { id: 'a' } }, eTag: 'old-etag-2' }, 400),
      await writeOldItem(dir, 'x/'.repeat(200), { long: true, eTag: 'old-etag-3' }),
      await writeOldItem(dir, 'broken\uD800key', { lone: true, eTag: 'old-etag-4' }),
    ];

    const storage = open(dir);
    const items = await storage.read([conversation, 'proactive/subscriptions', 'x/'.repeat(200), 'broken\uD800key']);

    expect(items[conversation]).toEqual({ dialogState: { step: 2 }, eTag: 'old-etag-1' });
    expect(items['proactive/subscriptions']).toEqual({ subscriptions: { a: { id: 'a' } }, eTag: 'old-etag-2' });
    expect(items['x/'.repeat(200)]?.long).toBe(true);
    expect(items['broken\uD800key']?.lone).toBe(true);
    expect((await readdir(dir)).filter((name) => !name.startsWith(DATABASE_FILE))).toEqual([IMPORTED_FOLDER]);
    expect((await readdir(join(dir, IMPORTED_FOLDER))).sort()).toEqual([...names].sort());
  });

  it('lets a turn that read an imported item write it back with the old eTag', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    await writeOldItem(dir, 'stats/topics', { counts: { a: 1 }, eTag: 'old-etag' });
    const storage = open(dir);

    await storage.write({ 'stats/topics': { counts: { a: 2 }, eTag: 'old-etag' } });

    expect((await storage.read(['stats/topics']))['stats/topics']?.counts).toEqual({ a: 2 });
  });

  it('counts inactivity from the old file’s last write, so long-idle conversations are not imported back to life', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    await writeOldItem(dir, 'msteams/conversations/a:idle/', { n: 1 }, 45);
    await writeOldItem(dir, 'msteams/conversations/a:recent/', { n: 2 }, 3);
    await writeOldItem(dir, 'proactive/subscriptions', { subscriptions: {} }, 45);

    const items = await open(dir).read(['msteams/conversations/a:idle/', 'msteams/conversations/a:recent/', 'proactive/subscriptions']);

    expect(Object.keys(items).sort()).toEqual(['msteams/conversations/a:recent/', 'proactive/subscriptions']);
  });

  it('skips unreadable and misfiled records, sets them aside too, and deletes crash leftovers', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    const good = await writeOldItem(dir, 'good', { n: 1 });
    const corrupt = fileNameForKey('corrupt');
    await writeFile(join(dir, corrupt), '{"key": "corrupt", "item": {"n"');
    // A record copied by hand under another key's name: the old store never read it as that key either.
    const misfiled = fileNameForKey('misfiled');
    await writeFile(join(dir, misfiled), JSON.stringify({ key: 'someone-else', item: { n: 3 } }));
    const setAside = `${fileNameForKey('earlier')}.corrupt-1700000000000`;
    await writeFile(join(dir, setAside), 'garbage');
    const leftovers = [`.${good}.6f1c9a9e-2b7d-4c1e-9b8a-3c2d1e0f4a5b.tmp`, `${good}.lock`, `${good}.lock.stale-6f1c9a9e`];
    for (const name of leftovers) await writeFile(join(dir, name), 'partial');
    await writeFile(join(dir, 'notes.txt'), 'not ours');

    const storage = open(dir);

    expect(await storage.read(['good', 'corrupt', 'misfiled', 'someone-else'])).toEqual({ good: { n: 1, eTag: expect.any(String) } });
    expect((await readdir(dir)).filter((name) => !name.startsWith(DATABASE_FILE)).sort()).toEqual([IMPORTED_FOLDER, 'notes.txt']);
    expect((await readdir(join(dir, IMPORTED_FOLDER))).sort()).toEqual([corrupt, good, misfiled, setAside].sort());
  });

  it('imports once: old files that reappear later are set aside without bringing back what was deleted since', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    await writeOldItem(dir, 'proactive/subscriptions', { subscriptions: { a: {} } });
    const first = open(dir);
    await first.delete(['proactive/subscriptions']);
    await first.close();
    // As after a crash between the import's commit and the move of the files.
    await writeOldItem(dir, 'proactive/subscriptions', { subscriptions: { a: {} } });

    const restarted = open(dir);

    expect(await restarted.read(['proactive/subscriptions'])).toEqual({});
    expect((await readdir(dir)).filter((name) => !name.startsWith(DATABASE_FILE))).toEqual([IMPORTED_FOLDER]);
  });

  it('shares the imported items with a second instance opened on the folder, importing nothing twice', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    for (let n = 0; n < 50; n++) await writeOldItem(dir, `msteams/conversations/a:${n}/`, { n });
    const [a, b] = [open(dir), open(dir)];

    const [fromA, fromB] = await Promise.all([a.read(['msteams/conversations/a:7/']), b.read(['msteams/conversations/a:49/'])]);

    expect(fromA['msteams/conversations/a:7/']?.n).toBe(7);
    expect(fromB['msteams/conversations/a:49/']?.n).toBe(49);
    expect(await readdir(join(dir, IMPORTED_FOLDER))).toHaveLength(50);
  });

  it('starts empty on an empty folder and creates no subfolder', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    expect(await open(dir).read(['k'])).toEqual({});
    expect((await readdir(dir)).filter((name) => !name.startsWith(DATABASE_FILE))).toEqual([]);
  });
});
