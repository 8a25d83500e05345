import type { Catalog } from '../knowledge/types.js';
import { buildKnownCodes, type KnownCodes } from './codes.js';
import { normalizeText } from './normalize.js';
import { splitWords } from './tokens.js';
import { TypoCorrector } from './typos.js';
import { termCounts, type TermCounts } from './features.js';

/** The class that stands for "not a password-reset question". */
export const OUT_OF_SCOPE = 'out-of-scope';

interface Posting {
  readonly doc: number;
  readonly weight: number;
}

/** A TF-IDF index over the catalog's phrasings, ready to score a message. Immutable after build. */
export interface Model {
  readonly classIds: readonly string[];
  readonly phrasingClass: Int32Array;
  readonly phrasingPostings: ReadonlyMap<string, readonly Posting[]>;
  readonly classPostings: ReadonlyMap<string, readonly Posting[]>;
  readonly idf: ReadonlyMap<string, number>;
  readonly typos: TypoCorrector;
  readonly knownCodes: KnownCodes;
  /** Normalized words that mark a message as being about passwords, however vague. */
  readonly domainWords: ReadonlySet<string>;
}

function phrasingsOf(catalog: Catalog): Array<{ classId: string; texts: readonly string[] }> {
  return [
    ...catalog.topics.map((t) => ({
      classId: t.id,
      texts: [t.title, ...t.symptoms, ...t.errorTexts, ...t.codes.filter((c) => c.type === 'name').map((c) => c.value)],
    })),
    { classId: OUT_OF_SCOPE, texts: catalog.outOfScope.examples },
  ];
}

function weigh(counts: TermCounts, idf: ReadonlyMap<string, number>): Map<string, number> {
  const vector = new Map<string, number>();
  let norm = 0;
  for (const [term, count] of counts) {
    const weight = (1 + Math.log(count)) * (idf.get(term) ?? 0);
    if (weight <= 0) continue;
    vector.set(term, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [term, weight] of vector) vector.set(term, weight / norm);
  return vector;
}

/** The message's words after normalization and typo correction. */
export function queryWords(model: Model, text: string): string[] {
  return splitWords(normalizeText(text)).map((w) => model.typos.correct(w));
}

/** Unit-length TF-IDF vector of a message's words. */
export function vectorize(model: Model, words: readonly string[]): Map<string, number> {
  return weigh(termCounts(words), model.idf);
}

export function buildModel(catalog: Catalog): Model {
  const classes = phrasingsOf(catalog);
  const classIds = classes.map((c) => c.classId);
  const vocabulary = new Set<string>();
  const phrasingCounts: Array<{ cls: number; counts: TermCounts }> = [];
  const classCounts: TermCounts[] = [];
  classes.forEach(({ texts }, cls) => {
    const total: TermCounts = new Map();
    for (const text of texts) {
      const words = splitWords(normalizeText(text));
      for (const w of words) vocabulary.add(w);
      const counts = termCounts(words);
      phrasingCounts.push({ cls, counts });
      for (const [term, n] of counts) total.set(term, (total.get(term) ?? 0) + n);
    }
    classCounts.push(total);
  });

  // Document frequency over classes, so a word every topic uses weighs little.
  const df = new Map<string, number>();
  for (const counts of classCounts) for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [term, n] of df) idf.set(term, Math.log(1 + classIds.length / n));

  const index = (vectors: Array<Map<string, number>>): Map<string, Posting[]> => {
    const postings = new Map<string, Posting[]>();
    vectors.forEach((vector, doc) => {
      for (const [term, weight] of vector) {
        const list = postings.get(term) ?? [];
        list.push({ doc, weight });
        postings.set(term, list);
      }
    });
    return postings;
  };

  const codes = catalog.topics.flatMap((t) => t.codes);

  return {
    classIds,
    phrasingClass: Int32Array.from(phrasingCounts.map((p) => p.cls)),
    phrasingPostings: index(phrasingCounts.map((p) => weigh(p.counts, idf))),
    classPostings: index(classCounts.map((c) => weigh(c, idf))),
    idf,
    typos: new TypoCorrector(vocabulary),
    knownCodes: buildKnownCodes(codes),
    domainWords: new Set((catalog.outOfScope.domainWords ?? []).flatMap((w) => splitWords(normalizeText(w)))),
  };
}
