import { describe, expect, it } from 'vitest';
import { bearerToken } from '../../src/tab/bearer.js';

describe('the bearer token', () => {
  it.each([
    ['Bearer eyJ0.eyJ1.c2ln', 'eyJ0.eyJ1.c2ln'],
    ['bearer abc-_~+/=', 'abc-_~+/='],
    ['  Bearer   abc  ', 'abc'],
  ])('is read from %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwdw==', 'Bearer a b', 'Bearer <script>'])('is absent from %j', (header) => {
    expect(bearerToken(header)).toBeUndefined();
  });
});
