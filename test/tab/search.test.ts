import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/knowledge/index.js';
import type { Classification } from '../../src/nlu/index.js';
import { listTopics, searchResultsFrom, toSearchResult } from '../../src/tab/search.js';

const catalog = loadCatalog();

const classification = (over: Partial<Classification>): Classification => ({
  matches: [],
  outOfScope: false,
  smallTalk: null,
  codes: [],
  codeTopicIds: [],
  ...over,
});

describe('search result shaping', () => {
  it('shapes a topic as a result with its code values', () => {
    expect(toSearchResult(catalog.topic('sspr-0013')!, 0.5)).toEqual({
      id: 'sspr-0013',
      title: catalog.topic('sspr-0013')!.title,
      audience: 'user',
      category: 'user-error-code',
      codes: ['SSPR_0013', 'UserNotMemberOfScopedAccessGroup'],
      score: 0.5,
    });
  });

  it('puts topics named by a code first, then text matches, each once', () => {
    const results = searchResultsFrom(
      catalog,
      classification({
        codeTopicIds: ['sspr-0013', 'sspr-0011'],
        matches: [
          { id: 'sspr-0011', score: 0.9 },
          { id: 'email-not-received', score: 0.4 },
          { id: 'sspr-0013', score: 0.95 },
        ],
      }),
    );
    expect(results.map((r) => [r.id, r.score])).toEqual([
      ['sspr-0013', 0.95],
      ['sspr-0011', 0.9],
      ['email-not-received', 0.4],
    ]);
  });

  it('gives a coded topic the classifier did not rank a high score', () => {
    expect(searchResultsFrom(catalog, classification({ codeTopicIds: ['sspr-0013'] }))[0]?.score).toBe(0.99);
  });

  it('drops text matches that are out of scope or too weak, but keeps codes', () => {
    const matches = [{ id: 'email-not-received', score: 0.4 }];
    expect(searchResultsFrom(catalog, classification({ matches, outOfScope: true }))).toEqual([]);
    expect(searchResultsFrom(catalog, classification({ matches: [{ id: 'email-not-received', score: 0 }] }))).toEqual([]);
    expect(searchResultsFrom(catalog, classification({ matches, outOfScope: true, codeTopicIds: ['sspr-0013'] })).map((r) => r.id)).toEqual(['sspr-0013']);
  });

  it('skips ids the catalog does not know and stops at the maximum', () => {
    const matches = catalog.topics.slice(0, 20).map((t) => ({ id: t.id, score: 0.5 }));
    expect(searchResultsFrom(catalog, classification({ matches: [{ id: 'gone', score: 0.9 }, ...matches] }), 10)).toHaveLength(10);
    expect(searchResultsFrom(catalog, classification({ matches: [{ id: 'gone', score: 0.9 }] }))).toEqual([]);
  });

  it('lists a page of the catalog by title with the total', () => {
    const { results, total } = listTopics(catalog, { offset: 2, limit: 3 });
    expect(total).toBe(catalog.topics.length);
    expect(results).toHaveLength(3);
    expect(results.every((r) => r.score === 1)).toBe(true);
    expect(listTopics(catalog, { offset: total, limit: 10 }).results).toEqual([]);
  });
});
