import { describe, expect, it } from 'vitest';
import { summarizeDeflection } from '../../src/tab/index.js';

describe('the deflection figures of the admin section', () => {
  it('gives each topic and the whole its share of ended cases the bot resolved', () => {
    const summary = summarizeDeflection(
      [
        { id: 'sspr-0013', resolved: 6, escalated: 2, abandoned: 2, open: 1 },
        { id: 'sspr-0012', resolved: 0, escalated: 1, abandoned: 0, open: 0 },
        { id: 'reset-throttled', resolved: 0, escalated: 0, abandoned: 0, open: 3 },
      ],
      (id) => `title ${id}`,
    );
    expect(summary).toMatchObject({ resolved: 6, escalated: 3, abandoned: 2, open: 4, rate: 0.545 });
    expect(summary.topics.map((t) => [t.id, t.rate])).toEqual([
      ['sspr-0013', 0.6],
      ['sspr-0012', 0],
      ['reset-throttled', null],
    ]);
    expect(summary.topics[0]!.title).toBe('title sspr-0013');
  });

  it('has no rate before any case ended', () => {
    expect(summarizeDeflection([], (id) => id)).toEqual({ resolved: 0, escalated: 0, abandoned: 0, open: 0, rate: null, topics: [] });
  });
});
