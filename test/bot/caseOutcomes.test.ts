import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { ABANDON_AFTER_MS, CaseOutcomes } from '../../src/bot/caseOutcomes.js';

describe('case outcomes', () => {
  it('counts resolved and escalated cases per topic, and keeps the rest open', async () => {
    const outcomes = new CaseOutcomes(new MemoryStorage(), () => 1_000);
    outcomes.opened('a', 'sspr-0013');
    outcomes.opened('b', 'sspr-0013');
    outcomes.opened('c', 'sspr-0012');
    outcomes.closed('a', 'sspr-0013', 'resolved');
    outcomes.closed('c', 'sspr-0012', 'escalated');
    await outcomes.flush();
    expect(await outcomes.summary()).toEqual([
      { id: 'sspr-0012', resolved: 0, escalated: 1, abandoned: 0, open: 0, rate: 0 },
      { id: 'sspr-0013', resolved: 1, escalated: 0, abandoned: 0, open: 1, rate: 1 },
    ]);
  });

  it('ends a case nobody answered for 24 hours as abandoned, and ignores a late verdict', async () => {
    let now = 0;
    const storage = new MemoryStorage();
    const outcomes = new CaseOutcomes(storage, () => now);
    outcomes.opened('a', 'reset-throttled');
    await outcomes.flush();
    now = ABANDON_AFTER_MS;
    outcomes.closed('a', 'reset-throttled', 'resolved');
    await outcomes.flush();
    expect(await outcomes.summary()).toEqual([{ id: 'reset-throttled', resolved: 0, escalated: 0, abandoned: 1, open: 0, rate: 0 }]);
  });

  it('adds up what several instances count in the same storage', async () => {
    const storage = new MemoryStorage();
    const one = new CaseOutcomes(storage, () => 0);
    const two = new CaseOutcomes(storage, () => 0);
    await one.initialize();
    one.opened('a', 'sspr-0013');
    two.opened('b', 'sspr-0013');
    await Promise.all([one.flush(), two.flush()]);
    one.closed('a', 'sspr-0013', 'resolved');
    two.closed('b', 'sspr-0013', 'resolved');
    await Promise.all([one.flush(), two.flush()]);
    expect((await one.summary())[0]).toMatchObject({ resolved: 2, open: 0 });
  });

  it('keeps its changes when storage fails, for the next flush', async () => {
    const memory = new MemoryStorage();
    let down = true;
    const flaky = {
      read: (keys: string[]) => (down ? Promise.reject(new Error('down')) : memory.read(keys)),
      write: memory.write.bind(memory),
      delete: memory.delete.bind(memory),
    };
    const outcomes = new CaseOutcomes(flaky, () => 0);
    outcomes.opened('a', 'sspr-0013');
    await expect(outcomes.flush()).rejects.toThrow();
    down = false;
    await outcomes.flush();
    expect((await outcomes.summary())[0]).toMatchObject({ id: 'sspr-0013', open: 1 });
  });
});
