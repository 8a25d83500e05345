import { describe, expect, it } from 'vitest';
import { parseSearchRequest } from '../../src/tab/query.js';

const parse = (query: string) => parseSearchRequest(new URLSearchParams(query));

describe('the search request', () => {
  it.each([
    ['q=SSPR_0013', { kind: 'search', q: 'SSPR_0013' }],
    ['q=%20%20sms%20never%20arrives%20', { kind: 'search', q: 'sms never arrives' }],
    ['', { kind: 'list', page: { offset: 0, limit: 100 } }],
    ['q=%20%20', { kind: 'list', page: { offset: 0, limit: 100 } }],
    ['offset=20&limit=10', { kind: 'list', page: { offset: 20, limit: 10 } }],
    ['limit=500', { kind: 'list', page: { offset: 0, limit: 100 } }],
    [`q=${'a'.repeat(500)}`, { kind: 'search', q: 'a'.repeat(500) }],
  ])('reads %j', (query, expected) => {
    expect(parse(query)).toEqual(expected);
  });

  it.each([`q=${'a'.repeat(501)}`, 'q=a&q=b', 'offset=-1', 'offset=1.5', 'limit=0', 'limit=ten', 'offset=99999999999'])('rejects %j', (query) => {
    expect(parse(query).kind).toBe('invalid');
  });
});
