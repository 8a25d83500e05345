import type { Catalog } from '../knowledge/types.js';
import { buildKnownCodes, type KnownCodes } from './codes.js';
import { normalizeText } from './normalize.js';
import { splitWords } from './tokens.js';
import { TypoCorrector } from './typos.js';
import { termCounts, type TermCounts } from './features.js';
import { compileLexicon, normalizedConceptStems, readConcepts, type ConceptMatcher } from './concepts.js';
import { buildFrameIndex, type FrameIndex } from './frames.js';
import { compileSmallTalk, type SmallTalkReader } from './smallTalk.js';
import { compileGazetteer, type CompiledGazetteer } from './gazetteer.js';

/** The class that stands for "not a password-reset question". */
export const OUT_OF_SCOPE = 'out-of-scope';

/** The documents a term occurs in and its weight in each, as parallel typed arrays (fast to scan). */
export interface Postings {
  readonly docs: Int32Array;
  readonly weights: Float64Array;
}

/** A TF-IDF index over the catalog's phrasings, ready to score a message. Immutable after build. */
export interface Model {
  readonly classIds: readonly string[];
  readonly phrasingClass: Int32Array;
  readonly phrasingPostings: ReadonlyMap<string, Postings>;
  readonly classPostings: ReadonlyMap<string, Postings>;
  readonly idf: ReadonlyMap<string, number>;
  readonly typos: TypoCorrector;
  readonly knownCodes: KnownCodes;
  /** Normalized words that mark a message as being about passwords, however vague. */
  readonly domainWords: ReadonlySet<string>;
  readonly concepts: ConceptMatcher;
  readonly frames: FrameIndex;
  readonly smallTalk: SmallTalkReader;
  readonly gazetteer: CompiledGazetteer;
}

/** Weight of a concept term against a word term in the TF-IDF vectors: synonyms meet on the concept. */
const CONCEPT_TERM_WEIGHT = 1;

/** Adds the concepts a text evokes to its word counts, as terms of their own ("#license"). */
export function withConcepts(counts: TermCounts, matcher: ConceptMatcher, concepts: ReadonlySet<number>): TermCounts {
  for (const c of concepts) {
    const term = `#${matcher.concepts[c]!.id}`;
    counts.set(term, (counts.get(term) ?? 0) + CONCEPT_TERM_WEIGHT);
  }
  return counts;
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

/** The concepts a message evokes, read after typo correction. */
export function messageConcepts(model: Model, text: string): Set<number> {
  return readMessage(model, text).concepts;
}

/** A message's words (for the word score) and concepts, from one pass of normalisation. */
export function readMessage(model: Model, text: string): { words: string[]; concepts: Set<number> } {
  const normalized = normalizeText(text);
  const correct = (w: string): string => model.typos.correct(w);
  return { words: splitWords(normalized).map(correct), concepts: readConcepts(model.concepts, normalizedConceptStems(normalized, correct)) };
}

/** Unit-length TF-IDF vector of a message's words and concepts. */
export function vectorize(model: Model, words: readonly string[], concepts: ReadonlySet<number> = new Set()): Map<string, number> {
  return weigh(withConcepts(termCounts(words), model.concepts, concepts), model.idf);
}

export function buildModel(catalog: Catalog): Model {
  const matcher = compileLexicon(catalog.concepts);
  const classes = phrasingsOf(catalog);
  const classIds = classes.map((c) => c.classId);
  const vocabulary = new Set<string>();
  const phrasingCounts: Array<{ cls: number; counts: TermCounts }> = [];
  const classCounts: TermCounts[] = [];
  classes.forEach(({ texts }, cls) => {
    const total: TermCounts = new Map();
    for (const text of texts) {
      const normalized = normalizeText(text);
      const words = splitWords(normalized);
      for (const w of words) vocabulary.add(w);
      const counts = withConcepts(termCounts(words), matcher, readConcepts(matcher, normalizedConceptStems(normalized)));
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

  const index = (vectors: Array<Map<string, number>>): Map<string, Postings> => {
    const lists = new Map<string, Array<{ doc: number; weight: number }>>();
    vectors.forEach((vector, doc) => {
      for (const [term, weight] of vector) {
        const list = lists.get(term) ?? [];
        list.push({ doc, weight });
        lists.set(term, list);
      }
    });
    const postings = new Map<string, Postings>();
    for (const [term, list] of lists) {
      postings.set(term, { docs: Int32Array.from(list, (p) => p.doc), weights: Float64Array.from(list, (p) => p.weight) });
    }
    return postings;
  };

  const codes = catalog.topics.flatMap((t) => t.codes);

  return {
    classIds,
    phrasingClass: Int32Array.from(phrasingCounts.map((p) => p.cls)),
    phrasingPostings: index(phrasingCounts.map((p) => weigh(p.counts, idf))),
    classPostings: index(classCounts.map((c) => weigh(c, idf))),
    idf,
    typos: new TypoCorrector(new Set([...vocabulary, ...matcher.vocabulary])),
    knownCodes: buildKnownCodes(codes),
    domainWords: new Set((catalog.outOfScope.domainWords ?? []).flatMap((w) => splitWords(normalizeText(w)))),
    concepts: matcher,
    frames: buildFrameIndex(matcher, classIds, (id) => catalog.topic(id)),
    smallTalk: compileSmallTalk(catalog.concepts),
    gazetteer: compileGazetteer(catalog.outOfScope.gazetteer),
  };
}
