import type { Page } from './search.js';

/** Longest search text accepted; a message longer than this is not a search. */
export const MAX_QUERY_CHARS = 500;
export const MAX_PAGE_LIMIT = 100;

export type SearchRequest =
  { readonly kind: 'search'; readonly q: string } | { readonly kind: 'list'; readonly page: Page } | { readonly kind: 'invalid'; readonly error: string };

function parseCount(raw: string | null, fallback: number, min: number): number | undefined {
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min ? value : undefined;
}

/** Reads ?q= (or, without it, ?offset=&limit=) from a request URL's query string. */
export function parseSearchRequest(search: URLSearchParams): SearchRequest {
  const qs = search.getAll('q');
  if (qs.length > 1) return { kind: 'invalid', error: 'give q once' };
  const q = qs[0]?.trim() ?? '';
  if (q.length > MAX_QUERY_CHARS) return { kind: 'invalid', error: `q must be at most ${MAX_QUERY_CHARS} characters` };
  if (q !== '') return { kind: 'search', q };
  const offset = parseCount(search.get('offset'), 0, 0);
  const limit = parseCount(search.get('limit'), MAX_PAGE_LIMIT, 1);
  if (offset === undefined) return { kind: 'invalid', error: 'offset must be a whole number, 0 or more' };
  if (limit === undefined) return { kind: 'invalid', error: `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}` };
  return { kind: 'list', page: { offset, limit: Math.min(limit, MAX_PAGE_LIMIT) } };
}
