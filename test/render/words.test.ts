import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORDS_PATH, loadWords, parseWords, WordsError } from '../../src/render/index.js';

const raw = JSON.parse(readFileSync(DEFAULT_WORDS_PATH, 'utf8')) as Record<string, unknown>;

describe('cards/words.json', () => {
  it('loads, with every list the conversation reads', () => {
    const words = loadWords();
    expect(words.yes).toContain('yes');
    expect(words.smallTalk.human.length).toBeGreaterThan(0);
  });

  it.each([
    { change: { yes: 'yes' }, names: 'yes' },
    { change: { generic: ['ok', ''] }, names: 'generic' },
    { change: { smallTalk: { greeting: ['hi'] } }, names: 'smallTalk.thanks' },
    { change: { smallTalk: null }, names: 'smallTalk' },
  ])('refuses a file where $names is malformed, naming it', ({ change, names }) => {
    expect(() => parseWords({ ...raw, ...change })).toThrow(WordsError);
    expect(() => parseWords({ ...raw, ...change })).toThrow(names);
  });

  it('refuses what is not an object', () => {
    expect(() => parseWords([])).toThrow(WordsError);
    expect(() => loadWords('/nonexistent/words.json')).toThrow(/cannot be read/);
  });
});
