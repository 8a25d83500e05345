import type { Catalog } from '../knowledge/types.js';
import { extractCodes, type FoundCode } from './codes.js';
import { OUT_OF_SCOPE, queryWords, vectorize, type Model } from './model.js';

export interface Match {
  readonly id: string;
  /** Calibrated confidence in 0..1 that this topic is the person's problem. */
  readonly score: number;
}

/** Conversational replies that are not a problem to diagnose. */
export type SmallTalk = 'greeting' | 'thanks' | 'resolved' | 'still-broken' | 'human';

export interface Classification {
  readonly matches: readonly Match[];
  readonly outOfScope: boolean;
  /** The kind of small talk the message is, or null when it is anything else. */
  readonly smallTalk: SmallTalk | null;
  /** Codes found in the text that the catalog knows, in order of appearance. */
  readonly codes: readonly FoundCode[];
  /** Topic ids the codes point at, each once, in order of appearance. */
  readonly codeTopicIds: readonly string[];
}

export interface ClassifyOptions {
  readonly maxMatches?: number;
  /** Weight of the nearest phrasing against the whole-topic profile. */
  readonly nearestWeight?: number;
  /** Below this text similarity, and without a code, a message is out of scope. */
  readonly minInScope?: number;
  /** Sharpness of the softmax that turns similarities into confidences. */
  readonly temperature?: number;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** How much better the out-of-scope examples must fit a message about passwords to call it out of scope. */
const DOMAIN_MARGIN = 0.05;

/** Similarity of the message to every class: the nearest phrasing blended with the topic profile. */
function scoreText(model: Model, words: readonly string[], nearestWeight: number): Float64Array {
  const query = vectorize(model, words);
  const classCount = model.classIds.length;
  const nearest = new Float64Array(classCount);
  const profile = new Float64Array(classCount);
  const phrasingScore = new Map<number, number>();
  for (const [term, weight] of query) {
    for (const p of model.phrasingPostings.get(term) ?? []) {
      phrasingScore.set(p.doc, (phrasingScore.get(p.doc) ?? 0) + weight * p.weight);
    }
    for (const p of model.classPostings.get(term) ?? []) profile[p.doc]! += weight * p.weight;
  }
  for (const [doc, score] of phrasingScore) {
    const cls = model.phrasingClass[doc]!;
    if (score > nearest[cls]!) nearest[cls] = score;
  }
  const scores = new Float64Array(classCount);
  for (let i = 0; i < classCount; i++) scores[i] = nearestWeight * nearest[i]! + (1 - nearestWeight) * profile[i]!;
  return scores;
}

export function classifyText(model: Model, catalog: Catalog, text: string, options: ClassifyOptions = {}): Classification {
  const { maxMatches = 5, nearestWeight = 0.6, minInScope = 0.2, temperature = 14 } = options;
  const codes = extractCodes(text, model.knownCodes);
  const codeTopicIds: string[] = [];
  for (const code of codes) {
    for (const topic of catalog.topicsForCode(code.type, code.value)) {
      if (!codeTopicIds.includes(topic.id)) codeTopicIds.push(topic.id);
    }
  }

  const words = queryWords(model, text);
  const scores = scoreText(model, words, nearestWeight);
  const oosIndex = model.classIds.indexOf(OUT_OF_SCOPE);
  const oosScore = oosIndex >= 0 ? scores[oosIndex]! : 0;
  const ranked = model.classIds
    .map((id, i) => ({ id, text: scores[i]!, coded: codeTopicIds.includes(id) }))
    .filter((c) => c.id !== OUT_OF_SCOPE)
    .sort((a, b) => Number(b.coded) - Number(a.coded) || b.text - a.text);

  const best = ranked[0]?.text ?? 0;
  // A message plainly about passwords ("reset isn't working") deserves follow-up questions however weak the fit,
  // unless the out-of-scope examples fit it clearly better ("reset my wifi password"). Any other message is out of
  // scope when the examples fit it better, or nothing fits it well.
  const aboutPasswords = words.some((w) => model.domainWords.has(w));
  const outOfScope =
    codeTopicIds.length === 0 &&
    (aboutPasswords ? oosScore >= best + DOMAIN_MARGIN : oosScore >= best || best < minInScope);

  // Confidence: a softmax over the leading candidates (and "none of them"), damped when even the best is a weak fit.
  const head = ranked.slice(0, maxMatches);
  const noneScore = Math.max(oosScore, minInScope);
  const exps = head.map((c) => Math.exp(temperature * (c.coded ? Math.max(c.text, best) + 0.5 : c.text)));
  const total = exps.reduce((a, b) => a + b, Math.exp(temperature * noneScore));
  const fit = sigmoid(12 * (best - minInScope));
  const matches = head.map((c, i) => {
    const share = exps[i]! / total;
    const score = c.coded ? Math.min(0.99, 0.75 + 0.24 * share) : share * fit;
    return { id: c.id, score: Math.round(score * 1000) / 1000 };
  });
  return { matches, outOfScope, smallTalk: null, codes, codeTopicIds };
}
