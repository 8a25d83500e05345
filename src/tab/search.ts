import { topicHeader } from './topicView.js';
import type { Catalog, Topic } from '../knowledge/types.js';
import type { Classification } from '../nlu/index.js';
import type { SearchResult } from './types.js';

/** Most results a text or code search returns. */
export const MAX_SEARCH_RESULTS = 10;

/** Score of a topic the classifier reached through a code but did not rank (it caps coded matches at 0.99). */
const CODED_SCORE = 0.99;
/** Below this confidence a text match is noise (a code-only query scores every other topic 0). */
export const MIN_TEXT_SCORE = 0.01;

const byTitle = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true, numeric: true });

export function toSearchResult(topic: Topic, score: number): SearchResult {
  return { ...topicHeader(topic), score };
}

/** Turns a classification into search results: topics named by a code first, then the text matches, each once. */
export function searchResultsFrom(catalog: Catalog, classification: Classification, max: number = MAX_SEARCH_RESULTS): SearchResult[] {
  const scoreOf = new Map(classification.matches.map((m) => [m.id, m.score]));
  const ids = [...classification.codeTopicIds];
  // Out of scope means no text match is worth showing; codes still count.
  if (!classification.outOfScope) ids.push(...classification.matches.filter((m) => m.score >= MIN_TEXT_SCORE).map((m) => m.id));
  const results: SearchResult[] = [];
  for (const id of new Set(ids)) {
    if (results.length >= max) break;
    const topic = catalog.topic(id);
    if (topic) results.push(toSearchResult(topic, scoreOf.get(id) ?? CODED_SCORE));
  }
  return results;
}

export interface Page {
  readonly offset: number;
  readonly limit: number;
}

/** The catalog sorted by title, one page of it, and the total for paging. */
export function listTopics(catalog: Catalog, page: Page): { results: SearchResult[]; total: number } {
  const sorted = [...catalog.topics].sort((a, b) => byTitle.compare(a.title, b.title) || a.id.localeCompare(b.id));
  return {
    results: sorted.slice(page.offset, page.offset + page.limit).map((topic) => toSearchResult(topic, 1)),
    total: sorted.length,
  };
}
