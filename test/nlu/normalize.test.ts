import { describe, expect, it } from 'vitest';
import { MAX_CLASSIFIED_CHARS, normalizeText } from '../../src/nlu/normalize.js';

describe('normalizeText', () => {
  it.each([
    ['AADConnect', 'aadconnect'],
    ['Azure AD Connect', 'aadconnect'],
    ['Entra Connect Sync', 'aadconnect'],
    ['the text message', 'the sms'],
    ['my administrator', 'my admin'],
    ['ask IT', 'ask admin'],
    ['i got blocked', 'i received locked'],
    ['Café pwd', 'cafe password'],
    ['I can’t sign-in', 'i cannot signin'],
  ])('spells %j as %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('keeps the pronoun "it" when it is not in capitals', () => {
    expect(normalizeText('it fails')).toBe('it fails');
  });

  it('looks only at a bounded prefix', () => {
    expect(normalizeText('a '.repeat(10 * MAX_CLASSIFIED_CHARS)).length).toBeLessThanOrEqual(MAX_CLASSIFIED_CHARS);
  });
});
