import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity, type Storage, type StoreItems } from 'botbuilder';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonCheckedConversationState } from '../../src/bot/jsonCheckedState.js';
import { SqliteStorage } from '../../src/storage/index.js';
import { takeJsonAsRead, takeJsonToWrite } from '../../src/storage/itemJson.js';

const KEY = 'msteams/conversations/a:1/';

/** A store class that also counts its writes and deletes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's constructor takes any arguments
function counting<T extends new (...args: any[]) => Storage>(Base: T) {
  return class extends Base {
    writes = 0;
    deletes = 0;
    override async write(changes: StoreItems): Promise<void> {
      this.writes++;
      return super.write(changes);
    }
    override async delete(keys: string[]): Promise<void> {
      this.deletes++;
      return super.delete(keys);
    }
  };
}

const CountingStorage = counting(MemoryStorage);
type CountingStorage = InstanceType<typeof CountingStorage>;
/** The SQLite store, counting likewise: it hands JSON to and from the state (storage/itemJson.ts). */
const CountingSqliteStorage = counting(SqliteStorage);
type CountingSqliteStorage = InstanceType<typeof CountingSqliteStorage>;

const folders: string[] = [];
const sqliteStore = (): CountingSqliteStorage => {
  const folder = mkdtempSync(join(tmpdir(), 'json-checked-'));
  folders.push(folder);
  return new CountingSqliteStorage(folder);
};
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const adapter = new TestAdapter();
const turn = (): TurnContext =>
  new TurnContext(adapter, { type: 'message', channelId: 'msteams', conversation: { id: 'a:1' }, from: { id: 'u' }, recipient: { id: 'b' } } as Activity);

/** What a test does in one turn to a state, through a property as the bot does. */
type Step = (state: ConversationState, context: TurnContext) => Promise<void>;

/**
 * Runs the same turns against botbuilder's ConversationState on MemoryStorage, this one on MemoryStorage and this one
 * on the SQLite store; returns what each stored and wrote.
 */
async function bothWays(turns: ReadonlyArray<readonly Step[]>): Promise<Array<{ stored: unknown; writes: number; deletes: number }>> {
  const ways: Array<[(s: Storage) => ConversationState, () => CountingStorage | CountingSqliteStorage]> = [
    [(s) => new ConversationState(s), () => new CountingStorage()],
    [(s) => new JsonCheckedConversationState(s), () => new CountingStorage()],
    [(s) => new JsonCheckedConversationState(s), sqliteStore],
  ];
  return Promise.all(
    ways.map(async ([make, store]) => {
      const storage = store();
      const state = make(storage);
      for (const steps of turns) {
        const context = turn();
        for (const step of steps) await step(state, context);
      }
      const { [KEY]: stored } = await storage.read([KEY]);
      const { eTag: _eTag, ...value } = (stored ?? {}) as Record<string, unknown>;
      return { stored: stored === undefined ? undefined : value, writes: storage.writes, deletes: storage.deletes };
    }),
  );
}

const set =
  (name: string, value: unknown): Step =>
  async (state, context) =>
    state.createProperty(name).set(context, value);
const read =
  (name: string): Step =>
  async (state, context) =>
    void (await state.createProperty(name).get(context));
const mutate =
  (name: string, change: (value: Record<string, unknown>) => void): Step =>
  async (state, context) =>
    change((await state.createProperty<Record<string, unknown>>(name).get(context, {}))!);
const save =
  (force = false): Step =>
  async (state, context) =>
    state.saveChanges(context, force);

describe('JsonCheckedConversationState', () => {
  it.each<[string, ReadonlyArray<readonly Step[]>]>([
    [
      'a turn that only reads',
      [
        [set('a', 1), save()],
        [read('a'), save()],
      ],
    ],
    [
      'a turn that changes a value',
      [
        [set('a', 1), save()],
        [set('a', 2), save()],
      ],
    ],
    [
      'a change deep inside an object',
      [
        [set('case', { topic: 'x', texts: ['one'] }), save()],
        [mutate('case', (c) => (c.texts as string[]).push('two')), save()],
      ],
    ],
    [
      'a value set to what it was',
      [
        [set('a', { b: [1, 2] }), save()],
        [set('a', { b: [1, 2] }), save()],
      ],
    ],
    ['a turn that never touches the state', [[set('a', 1), save()], [save()]]],
    [
      'a forced save after only reading',
      [
        [set('a', 1), save()],
        [read('a'), save(true)],
      ],
    ],
    ['a forced save with nothing read', [[save(true)]]],
    [
      'a clear',
      [
        [set('a', 1), save()],
        [async (state, context) => state.clear(context), save()],
      ],
    ],
    ['a delete', [[set('a', 1), save()], [async (state, context) => state.delete(context)]]],
    ['two saves in one turn', [[set('a', 1), save(), set('a', 2), save(), save()]]],
  ])('stores and writes exactly what botbuilder does: %s', async (_name, turns) => {
    const [botbuilder, ours, onSqlite] = await bothWays(turns);
    expect(ours).toEqual(botbuilder);
    expect(onSqlite).toEqual(botbuilder);
  });

  it('on SQLite, compares with the text the store read and has the store write the JSON it made', async () => {
    const storage = sqliteStore();
    const state = new JsonCheckedConversationState(storage);
    const first = turn();
    await state.createProperty('case').set(first, { topic: 'x', texts: ['one'] });
    await state.saveChanges(first);
    const second = turn();
    const value = (await state.createProperty<{ texts: string[] }>('case').get(second))!;
    // The store's text was taken by the state: nothing is left to take.
    expect(takeJsonAsRead(state.get(second)!)).toBeUndefined();
    value.texts.push('two');
    await state.saveChanges(second);
    expect(takeJsonToWrite(state.get(second)!)).toBeUndefined();
    expect(storage.writes).toBe(2);
    expect(await storage.read([KEY])).toMatchObject({ [KEY]: { case: { topic: 'x', texts: ['one', 'two'] } } });
  });

  it('on SQLite, an item read, changed and written by anyone else is stored as changed', async () => {
    const storage = sqliteStore();
    await storage.write({ list: { ids: ['a'] } });
    const { list } = await storage.read(['list']);
    (list as { ids: string[] }).ids.push('b');
    await storage.write({ list: list! });
    expect(await storage.read(['list'])).toMatchObject({ list: { ids: ['a', 'b'] } });
  });

  it('takes its JSON back when the write fails, so a later write of the changed state is not stale', async () => {
    const storage = sqliteStore();
    const state = new JsonCheckedConversationState(storage);
    const context = turn();
    await state.createProperty('a').set(context, 1);
    await storage.close();
    await expect(state.saveChanges(context)).rejects.toThrow();
    const item = state.get(context)!;
    expect(takeJsonToWrite(item)).toBeUndefined();
  });

  it('writes nothing for a turn that did not change the state, and once for one that did', async () => {
    const storage = new CountingStorage();
    const state = new JsonCheckedConversationState(storage);
    const first = turn();
    await state.createProperty('a').set(first, { n: 1 });
    await state.saveChanges(first);
    expect(storage.writes).toBe(1);

    const second = turn();
    expect(await state.createProperty('a').get(second)).toEqual({ n: 1 });
    await state.saveChanges(second);
    expect(storage.writes).toBe(1);

    const third = turn();
    ((await state.createProperty<{ n: number }>('a').get(third)) as { n: number }).n = 2;
    await state.saveChanges(third);
    expect(storage.writes).toBe(2);
    expect(await storage.read([KEY])).toMatchObject({ [KEY]: { a: { n: 2 } } });
  });

  it('writes with eTag "*": the last writer wins, as botbuilder state does', async () => {
    const storage = new CountingStorage();
    const state = new JsonCheckedConversationState(storage);
    const [one, two] = [turn(), turn()];
    await state.createProperty('a').get(one);
    await state.createProperty('a').get(two);
    await state.createProperty('a').set(one, 'first');
    await state.createProperty('a').set(two, 'second');
    await state.saveChanges(one);
    await state.saveChanges(two);
    expect(await storage.read([KEY])).toMatchObject({ [KEY]: { a: 'second' } });
  });

  it('gives the state read in this turn, and nothing before it is read', async () => {
    const storage = new CountingStorage();
    const state = new JsonCheckedConversationState(storage);
    const context = turn();
    expect(state.get(context)).toBeUndefined();
    await state.createProperty('a').set(context, 1);
    expect(state.get(context)).toMatchObject({ a: 1 });
  });
});
