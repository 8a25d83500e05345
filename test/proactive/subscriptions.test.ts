import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { afterAll, describe, expect, it } from 'vitest';
import { SubscriptionStore } from '../../src/proactive/subscriptions.js';
import { DiskStorage } from '../../src/storage/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const disk = (options = {}): Storage => {
  const dir = mkdtempSync(join(tmpdir(), 'sspr-subs-'));
  dirs.push(dir);
  return new DiskStorage(dir, options);
};

const subscription = (id: string) => ({ id, reference: { conversation: { id, isGroup: false, conversationType: 'personal', name: '' } }, subscribedBy: { id: 'admin' }, at: '2026-01-01T00:00:00Z' });

describe.each([
  ['MemoryStorage', () => new MemoryStorage()],
  ['DiskStorage (single process)', () => disk({ crossProcessLocks: false })],
  ['DiskStorage (shared folder)', () => disk()],
])('SubscriptionStore on %s', (_name, makeStorage) => {
  it('loses no update when many subscribe and unsubscribe at once', async () => {
    const storage = makeStorage();
    const store = new SubscriptionStore(storage);
    await store.initialize();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.subscribe(subscription(`c${i}`))));
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => store.unsubscribe(`c${i}`)),
      ...Array.from({ length: 10 }, (_, i) => store.subscribe(subscription(`d${i}`))),
    ]);
    const ids = (await store.list()).map((s) => s.id).sort();
    expect(ids).toEqual([...Array.from({ length: 10 }, (_, i) => `c${i + 10}`), ...Array.from({ length: 10 }, (_, i) => `d${i}`)].sort());
  });

  it('tells whether a subscription was new and whether one was removed', async () => {
    const store = new SubscriptionStore(makeStorage());
    await store.initialize();
    expect(await store.subscribe(subscription('x'))).toBe(true);
    expect(await store.subscribe(subscription('x'))).toBe(false);
    expect(await store.unsubscribe('x')).toBe(true);
    expect(await store.unsubscribe('x')).toBe(false);
  });
});
