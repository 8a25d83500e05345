import { normalizeText } from './normalize.js';
import { splitWords, stem } from './tokens.js';
import type { TypoCorrector } from './typos.js';

/** Sparse term counts: stemmed words plus adjacent-word pairs (which keep "not receive" apart from "receive"). */
export type TermCounts = Map<string, number>;

export function wordsOf(text: string, typos?: TypoCorrector): string[] {
  const words = splitWords(normalizeText(text));
  return typos ? words.map((w) => typos.correct(w)) : words;
}

export function termCounts(words: readonly string[]): TermCounts {
  const counts: TermCounts = new Map();
  const add = (term: string, weight: number): void => {
    counts.set(term, (counts.get(term) ?? 0) + weight);
  };
  let previous: string | undefined;
  for (const word of words) {
    const stemmed = stem(word);
    add(stemmed, 1);
    if (previous !== undefined) add(`${previous}~${stemmed}`, 0.5);
    previous = stemmed;
  }
  return counts;
}
