import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { LRUCache } from 'lru-cache';

// Function words that say nothing about the problem. Negations stay: "never receive" matters.
const STOP_WORDS = new Set(
  (
    'a an the and or but if then so to of in on at by for from with into onto over under about as is are was were be been being am ' +
    'i me my mine we us our you your yours he him his she her they them their it its this that these those there here ' +
    'do does did doing have has had having will would shall should can could may might must ' +
    'what which who whom whose when where why how all any each some such very just also too again still even ' +
    'please pls plz thanks thank hi hello hey ok okay yes yeah up out now today im ive id ill youre theyre thats whats its ' +
    'one someone something anyone anything like really keep keeps kept trying tried try tries want wants need needs help'
  ).split(' '),
);

export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);

const TOKEN = /[a-z0-9][a-z0-9_@.+=-]*/g;

/** Splits normalized text into words, dropping function words and stray punctuation. */
export function splitWords(normalized: string): string[] {
  const words: string[] = [];
  for (const match of normalized.matchAll(TOKEN)) {
    const word = match[0].replace(/[.@+=-]+$/, '');
    if (word.length > 1 && !STOP_WORDS.has(word)) words.push(word);
  }
  return words;
}

// Where Porter merges words we must keep apart: "added" would become "ad" (Active Directory).
const STEM_EXCEPTIONS: Readonly<Record<string, string>> = { added: 'add', adding: 'add', adds: 'add' };

// The concept reader keeps what the word scorer drops and meaning needs: negation, direction, question words.
const CONCEPT_KEEP = new Set([
  'not',
  'no',
  'never',
  'off',
  'back',
  'out',
  'up',
  'how',
  'where',
  'what',
  'which',
  'who',
  'still',
  'again',
  'all',
  'too',
  'one',
  'someone',
  'me',
  'keep',
  'keeps',
  'try',
  'tried',
  'tries',
  'trying',
  'help',
  'before',
]);

export const isConceptKeepWord = (word: string): boolean => CONCEPT_KEEP.has(word);

/** Words for the concept reader: like splitWords, but negations, directions and question words stay. */
export function splitConceptWords(normalized: string): string[] {
  const words: string[] = [];
  for (const match of normalized.matchAll(TOKEN)) {
    const word = match[0].replace(/[.@+=-]+$/, '');
    if (word.length > 0 && (CONCEPT_KEEP.has(word) || !STOP_WORDS.has(word))) words.push(word);
  }
  return words;
}

const stemCache = new LRUCache<string, string>({ max: 50_000 });

/** Porter stem, memoised: the same few thousand words come back all the time. */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = STEM_EXCEPTIONS[word] ?? (/^[a-z]+$/.test(word) ? PorterStemmer.stem(word) : word);
    stemCache.set(word, stemmed);
  }
  return stemmed;
}
