import { LRUCache } from 'lru-cache';
import JaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance.js';

/** Corrects misspelt words to the closest word the catalog uses (Jaro-Winkler), or leaves them be. */
export class TypoCorrector {
  private readonly byInitial = new Map<string, string[]>();
  private readonly cache = new LRUCache<string, string>({ max: 20_000 });

  constructor(
    private readonly vocabulary: ReadonlySet<string>,
    private readonly minSimilarity = 0.9,
  ) {
    for (const word of vocabulary) {
      if (word.length < 4 || !/^[a-z]+$/.test(word)) continue;
      const bucket = this.byInitial.get(word[0]!) ?? [];
      bucket.push(word);
      this.byInitial.set(word[0]!, bucket);
    }
  }

  correct(word: string): string {
    if (word.length < 4 || this.vocabulary.has(word) || !/^[a-z]+$/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    let best = word;
    let bestScore = this.minSimilarity;
    // Typos seldom hit the first letter; looking only there keeps this fast.
    for (const candidate of this.byInitial.get(word[0]!) ?? []) {
      if (Math.abs(candidate.length - word.length) > 2) continue;
      const score = JaroWinklerDistance(word, candidate);
      if (score > bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
    this.cache.set(word, best);
    return best;
  }
}
