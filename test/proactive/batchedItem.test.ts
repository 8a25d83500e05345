import { MemoryStorage, type StoreItems } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { BatchedItem } from '../../src/proactive/batchedItem.js';

/** Counts the writes that reach the store. */
class CountingStorage extends MemoryStorage {
  writes = 0;
  override async write(changes: StoreItems): Promise<void> {
    this.writes++;
    await super.write(changes);
  }
}

describe('BatchedItem', () => {
  it('applies 50 simultaneous changes in a few writes and loses none', async () => {
    const storage = new CountingStorage();
    const item = new BatchedItem<{ ids: string[] }>(storage, 'list', () => ({ ids: [] }));
    await Promise.all(Array.from({ length: 50 }, (_, i) => item.update((current) => ({ ids: [...current.ids, `id-${i}`] }))));
    expect((await item.read()).ids.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `id-${i}`).sort());
    expect(storage.writes).toBeLessThanOrEqual(3);
  });

  it('loses no change when two writers (two instances) update the same item at once', async () => {
    const storage = new MemoryStorage();
    const a = new BatchedItem<{ n: number }>(storage, 'counter', () => ({ n: 0 }));
    const b = new BatchedItem<{ n: number }>(storage, 'counter', () => ({ n: 0 }));
    await storage.write({ counter: { n: 0, eTag: '*' } });
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).update((current) => ({ n: current.n + 1 }))));
    expect((await a.read()).n).toBe(40);
  });

  it('rejects the callers of a failed write, and later changes still go through', async () => {
    const storage = new MemoryStorage();
    const item = new BatchedItem<{ n: number }>(storage, 'x', () => ({ n: 0 }));
    await expect(
      item.update(() => {
        throw new Error('bad change');
      }),
    ).rejects.toThrow('bad change');
    await item.update((current) => ({ n: current.n + 1 }));
    expect((await item.read()).n).toBe(1);
  });
});
