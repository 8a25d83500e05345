import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { afterAll, describe, expect, it } from 'vitest';
import { ANYONE_LISTENING_TTL_MS, SubscriptionStore } from '../../src/proactive/subscriptions.js';
import { createStorage, isClosable } from '../../src/storage/index.js';

const dirs: string[] = [];
const opened: Storage[] = [];
afterAll(async () => {
  await Promise.all(opened.filter(isClosable).map((s) => s.close()));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});
/** The embedded store as the bot creates it; `connections` stores on one file stand for processes of one host. */
const sqlite = (connections: number): Storage[] => {
  const dir = mkdtempSync(join(tmpdir(), 'sspr-subs-'));
  dirs.push(dir);
  const stores = Array.from({ length: connections }, () => createStorage({ storageDir: dir }));
  opened.push(...stores);
  return stores;
};

const subscription = (id: string) => ({
  id,
  reference: { conversation: { id, isGroup: false, conversationType: 'personal', name: '' } },
  subscribedBy: { id: 'admin' },
  at: '2026-01-01T00:00:00Z',
});

describe.each([
  ['MemoryStorage', (): Storage[] => [new MemoryStorage()]],
  ['SQLite', () => sqlite(1)],
  ['SQLite, two connections to one file', () => sqlite(2)],
])('SubscriptionStore on %s', (_name, makeStorages) => {
  it('loses no update when many subscribe and unsubscribe at once', async () => {
    const stores = makeStorages().map((s) => new SubscriptionStore(s));
    const store = (i: number): SubscriptionStore => stores[i % stores.length]!;
    await store(0).initialize();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store(i).subscribe(subscription(`c${i}`))));
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => store(i + 1).unsubscribe(`c${i}`)),
      ...Array.from({ length: 10 }, (_, i) => store(i).subscribe(subscription(`d${i}`))),
    ]);
    for (const s of stores) {
      const ids = (await s.list()).map((x) => x.id).sort();
      expect(ids).toEqual([...Array.from({ length: 10 }, (_, i) => `c${i + 10}`), ...Array.from({ length: 10 }, (_, i) => `d${i}`)].sort());
    }
  });

  it('tells whether a subscription was new and whether one was removed', async () => {
    const store = new SubscriptionStore(makeStorages()[0]!);
    await store.initialize();
    expect(await store.subscribe(subscription('x'))).toBe(true);
    expect(await store.subscribe(subscription('x'))).toBe(false);
    expect(await store.unsubscribe('x')).toBe(true);
    expect(await store.unsubscribe('x')).toBe(false);
  });
});

describe('SubscriptionStore.anyoneListening', () => {
  it("sees this process's changes at once and reads storage at most once per interval otherwise", async () => {
    const storage = new MemoryStorage();
    let reads = 0;
    const read = storage.read.bind(storage);
    storage.read = (keys) => {
      reads++;
      return read(keys);
    };
    const store = new SubscriptionStore(storage);
    await store.initialize();
    expect(await store.anyoneListening()).toBe(false);
    await store.subscribe(subscription('c1'));
    expect(await store.anyoneListening()).toBe(true);
    const before = reads;
    for (let i = 0; i < 10; i++) expect(await store.anyoneListening()).toBe(true);
    expect(reads).toBe(before);
    await store.unsubscribe('c1');
    expect(await store.anyoneListening()).toBe(false);
  });

  it("notices another instance's subscription once the interval has passed", async () => {
    let clock = 1_000;
    const storage = new MemoryStorage();
    const here = new SubscriptionStore(storage, { now: () => clock });
    const elsewhere = new SubscriptionStore(storage);
    await here.initialize();
    expect(await here.anyoneListening()).toBe(false);
    await elsewhere.subscribe(subscription('c2'));
    clock += ANYONE_LISTENING_TTL_MS - 1;
    expect(await here.anyoneListening()).toBe(false);
    clock += 2;
    expect(await here.anyoneListening()).toBe(true);
  });
});
