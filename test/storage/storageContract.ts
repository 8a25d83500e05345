import type { Storage } from 'botbuilder';
import { describe, expect, it } from 'vitest';

export interface ContractOptions {
  /**
   * What a change carrying an eTag (other than '*') does to a key that is not stored, e.g. after a delete.
   * MemoryStorage ignores the eTag and writes ('writes'). Azure Blob Storage checks the eTag with If-Match, which
   * fails when there is no blob, and SqliteStorage does the same ('conflicts'): stricter, so a writer that read an
   * item before it was deleted cannot bring it back, and safe for the bot, whose state writes use '*' and whose
   * updateItem writes '*' when it read nothing.
   */
  readonly eTagForMissingItem?: 'writes' | 'conflicts';
  /**
   * What a multi-key write does when one key conflicts. MemoryStorage and Blob write key by key, so the other keys
   * are stored ('per-key'); SQLite writes the call in one transaction, so nothing is ('all-or-nothing').
   */
  readonly multiKeyWrite?: 'per-key' | 'all-or-nothing';
}

/**
 * The behaviour every Storage in this bot must share, written once and run against botbuilder's MemoryStorage (the
 * reference) and against our own stores. `makeStorage` returns a new, empty store for each test.
 */
export function storageContract(
  name: string,
  makeStorage: () => Storage | Promise<Storage>,
  { eTagForMissingItem = 'writes', multiKeyWrite = 'per-key' }: ContractOptions = {},
): void {
  describe(`${name} (Storage contract)`, () => {
    it('leaves missing keys out of what it reads', async () => {
      const storage = await makeStorage();
      expect(await storage.read(['nobody/here'])).toEqual({});
    });

    it('reads back what was written, with an eTag added', async () => {
      const storage = await makeStorage();
      await storage.write({ 'user/1': { name: 'Ada', steps: [1, 2], profile: { tenant: 'contoso' } } });

      const items = await storage.read(['user/1']);

      expect(items['user/1']).toEqual({ name: 'Ada', steps: [1, 2], profile: { tenant: 'contoso' }, eTag: expect.any(String) });
    });

    it('reads and writes many keys in one call', async () => {
      const storage = await makeStorage();
      await storage.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });

      const items = await storage.read(['a', 'b', 'c', 'missing']);

      expect(Object.keys(items).sort()).toEqual(['a', 'b', 'c']);
      expect([items.a?.n, items.b?.n, items.c?.n]).toEqual([1, 2, 3]);
    });

    it('stores a copy, so changing the written object afterwards changes nothing stored', async () => {
      const storage = await makeStorage();
      const value = { nested: { count: 1 }, list: ['x'] };
      await storage.write({ k: value });

      value.nested.count = 99;
      value.list.push('y');

      expect((await storage.read(['k'])).k).toMatchObject({ nested: { count: 1 }, list: ['x'] });
    });

    it('hands out copies, so changing what was read changes nothing stored', async () => {
      const storage = await makeStorage();
      await storage.write({ k: { nested: { count: 1 } } });

      const first = await storage.read(['k']);
      first.k.nested.count = 99;

      expect((await storage.read(['k'])).k).toMatchObject({ nested: { count: 1 } });
    });

    it('does not add the eTag to the object the caller wrote', async () => {
      const storage = await makeStorage();
      const value = { n: 1 };
      await storage.write({ k: value });
      expect(value).toEqual({ n: 1 });
    });

    it('gives the item a new eTag on every write', async () => {
      const storage = await makeStorage();
      await storage.write({ k: { n: 1 } });
      const first = (await storage.read(['k'])).k;
      await storage.write({ k: { ...first, n: 2 } });
      const second = (await storage.read(['k'])).k;

      expect(typeof first?.eTag).toBe('string');
      expect(second?.eTag).not.toBe(first?.eTag);
      expect(second?.n).toBe(2);
    });

    it('rejects a write carrying a stale eTag and keeps the newer item', async () => {
      const storage = await makeStorage();
      await storage.write({ k: { n: 1 } });
      const stale = (await storage.read(['k'])).k;
      await storage.write({ k: { ...stale, n: 2 } });

      await expect(storage.write({ k: { ...stale, n: 3 } })).rejects.toThrow(/eTag conflict/);
      expect((await storage.read(['k'])).k?.n).toBe(2);
    });

    it("overwrites whatever is stored when the eTag is '*'", async () => {
      const storage = await makeStorage();
      await storage.write({ k: { n: 1 } });
      await storage.write({ k: { n: 2 } });

      await storage.write({ k: { n: 3, eTag: '*' } });

      expect((await storage.read(['k'])).k?.n).toBe(3);
    });

    it('overwrites whatever is stored when the change has no eTag (last writer wins)', async () => {
      const storage = await makeStorage();
      await storage.write({ k: { n: 1 } });
      await storage.write({ k: { n: 2 } });
      expect((await storage.read(['k'])).k?.n).toBe(2);
    });

    if (eTagForMissingItem === 'writes') {
      it('accepts an eTag on a change when nothing is stored yet', async () => {
        const storage = await makeStorage();
        await storage.write({ k: { n: 1, eTag: 'from-elsewhere' } });
        expect((await storage.read(['k'])).k?.n).toBe(1);
      });
    } else {
      it('rejects an eTag on a change when nothing is stored yet, and stores nothing', async () => {
        const storage = await makeStorage();
        await expect(storage.write({ k: { n: 1, eTag: 'from-elsewhere' } })).rejects.toThrow(/eTag conflict/);
        expect(await storage.read(['k'])).toEqual({});
      });

      it("creates a missing item when the change's eTag is '*'", async () => {
        const storage = await makeStorage();
        await storage.write({ k: { n: 1, eTag: '*' } });
        expect((await storage.read(['k'])).k?.n).toBe(1);
      });
    }

    if (multiKeyWrite === 'per-key') {
      it('still writes the other keys of a call when one key conflicts', async () => {
        const storage = await makeStorage();
        await storage.write({ conflicted: { n: 1 } });
        const stale = (await storage.read(['conflicted'])).conflicted;
        await storage.write({ conflicted: { n: 2 } });

        await expect(storage.write({ conflicted: { ...stale, n: 3 }, fresh: { n: 4 } })).rejects.toThrow(/eTag conflict/);

        const items = await storage.read(['conflicted', 'fresh']);
        expect([items.conflicted?.n, items.fresh?.n]).toEqual([2, 4]);
      });
    } else {
      it('writes no key of a call when one key conflicts', async () => {
        const storage = await makeStorage();
        await storage.write({ conflicted: { n: 1 }, existing: { n: 10 } });
        const stale = (await storage.read(['conflicted'])).conflicted;
        await storage.write({ conflicted: { n: 2 } });

        await expect(storage.write({ fresh: { n: 4 }, existing: { n: 11 }, conflicted: { ...stale, n: 3 } })).rejects.toThrow(/eTag conflict/);

        const items = await storage.read(['conflicted', 'existing', 'fresh']);
        expect([items.conflicted?.n, items.existing?.n, items.fresh]).toEqual([2, 10, undefined]);
      });
    }

    it('lets exactly one of several concurrent writes with the same eTag win', async () => {
      const storage = await makeStorage();
      await storage.write({ k: { n: 0 } });
      const base = (await storage.read(['k'])).k;

      const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => storage.write({ k: { ...base, n } })));

      const winners = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index + 1] : []));
      expect(winners).toHaveLength(1);
      expect((await storage.read(['k'])).k?.n).toBe(winners[0]);
    });

    it('deletes items, and deleting a missing key is fine', async () => {
      const storage = await makeStorage();
      await storage.write({ a: { n: 1 }, b: { n: 2 } });

      await storage.delete(['a', 'never-written']);

      expect(Object.keys(await storage.read(['a', 'b', 'never-written']))).toEqual(['b']);
    });

    if (eTagForMissingItem === 'writes') {
      it('accepts any eTag for a key written again after a delete', async () => {
        const storage = await makeStorage();
        await storage.write({ k: { n: 1 } });
        const old = (await storage.read(['k'])).k;
        await storage.delete(['k']);

        await storage.write({ k: { ...old, n: 2 } });

        expect((await storage.read(['k'])).k?.n).toBe(2);
      });
    } else {
      it('rejects the old eTag for a key written again after a delete, so the delete is not undone unseen', async () => {
        const storage = await makeStorage();
        await storage.write({ k: { n: 1 } });
        const old = (await storage.read(['k'])).k;
        await storage.delete(['k']);

        await expect(storage.write({ k: { ...old, n: 2 } })).rejects.toThrow(/eTag conflict/);
        await storage.write({ k: { n: 3 } });

        expect((await storage.read(['k'])).k?.n).toBe(3);
      });
    }
  });
}
