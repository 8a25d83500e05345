import type { Catalog } from '../knowledge/types.js';
import { extractCodes, type FoundCode } from './codes.js';
import { gateFactors, scoreFrames } from './frames.js';
import { namesWorkAccount, readOutOfScopeName, type OutOfScopeKind } from './gazetteer.js';
import { OUT_OF_SCOPE, readMessage, vectorize, type Model } from './model.js';
import { readSmallTalk } from './smallTalk.js';

export interface Match {
  readonly id: string;
  /** Calibrated confidence in 0..1 that this topic is the person's problem. */
  readonly score: number;
}

/** Conversational replies that are not a problem to diagnose. */
export type SmallTalk = 'greeting' | 'thanks' | 'resolved' | 'still-broken' | 'human';

export type { OutOfScopeKind } from './gazetteer.js';

export interface Classification {
  readonly matches: readonly Match[];
  /** Not a question this bot answers (another system, another request, or small talk): answer no topic. */
  readonly outOfScope: boolean;
  /** The kind of small talk the message is, or null when it is anything else. */
  readonly smallTalk: SmallTalk | null;
  /** Codes found in the text that the catalog knows, in order of appearance. */
  readonly codes: readonly FoundCode[];
  /** Topic ids the codes point at, each once, in order of appearance. */
  readonly codeTopicIds: readonly string[];
  /**
   * True when the message names no code and no symptom or situation that tells topics apart ("I can't reset my
   * password"): the scores are then low and spread, and the conversation should ask before answering.
   */
  readonly vague?: boolean;
  /** What the message is about when it names another system than the work or school account. */
  readonly outOfScopeKind?: OutOfScopeKind | null;
  /** Ids of the concepts (catalog/concepts.json) the message was read into, for explanations and tests. */
  readonly concepts?: readonly string[];
}

export interface ClassifyOptions {
  readonly maxMatches?: number;
  /** Weight of the nearest phrasing against the whole-topic profile. */
  readonly nearestWeight?: number;
  /** Weight of the meaning-frame match added to the text similarity. */
  readonly frameWeight?: number;
  /** Below this text similarity, and without a code, a message is out of scope. */
  readonly minInScope?: number;
  /** Sharpness of the softmax that turns similarities into confidences. */
  readonly temperature?: number;
}

/**
 * Raw leader score → share of such leaders that are right, piecewise linear. Measured on dev and dev-generalise
 * (bench:accuracy's calibration table) and kept a little below what was measured, so an unseen set is not
 * over-trusted.
 */
const CALIBRATION: ReadonlyArray<readonly [number, number]> = [
  [0, 0.4],
  [0.1, 0.65],
  [0.3, 0.82],
  [0.5, 0.93],
  [1, 0.99],
];

function calibrateLeader(raw: number): number {
  for (let i = 1; i < CALIBRATION.length; i++) {
    const [x0, y0] = CALIBRATION[i - 1]!;
    const [x1, y1] = CALIBRATION[i]!;
    if (raw <= x1) return y0 + ((y1 - y0) * (Math.max(raw, x0) - x0)) / (x1 - x0);
  }
  return CALIBRATION[CALIBRATION.length - 1]![1];
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** How much better the out-of-scope examples must fit a message about passwords to call it out of scope. */
const DOMAIN_MARGIN = 0.05;

/** A frame match this good is evidence enough that the message is about this bot's subject. */
const FRAME_EVIDENCE = 0.3;

/** A frame match this good says what the message is about: only a named other system makes it out of scope. */
const FRAME_CERTAIN = 0.5;

/** Concept weight (beyond generic words) that, with a good frame match, makes the meaning certain. */
const CERTAIN_WEIGHT = 3;

/** Concept weight a message must name, beyond generic words, to count as specific. */
const SPECIFIC_WEIGHT = 1.2;

/** A zeroed number per class. Plain arrays: a typed array this size is allocated outside the JS heap, which is slower per call. */
const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/**
 * The phrasing scores of the message being scored, one per phrasing, kept between calls and zeroed after each (the
 * classifier is synchronous, so no two calls share it at once). A message touches a few dozen of the catalog's
 * phrasings; allocating and scanning all of them on every turn was most of this function's cost.
 */
const phrasingScratch = new WeakMap<Model, Float64Array>();
/** The phrasings the message being scored touched (a phrasing whose weights sum to 0 may appear twice: harmless). */
const touchedScratch: number[] = [];

/** Similarity of the message to every class: the nearest phrasing blended with the topic profile. */
function scoreText(model: Model, words: readonly string[], concepts: ReadonlySet<number>, nearestWeight: number): number[] {
  const query = vectorize(model, words, concepts);
  const classCount = model.classIds.length;
  const nearest = zeros(classCount);
  const profile = zeros(classCount);
  let phrasingScore = phrasingScratch.get(model);
  if (!phrasingScore) phrasingScratch.set(model, (phrasingScore = new Float64Array(model.phrasingClass.length)));
  // Each phrasing once (its first touch), in a list kept between calls like the scores themselves.
  const touched = touchedScratch;
  touched.length = 0;
  for (const [term, weight] of query) {
    const phrasings = model.phrasingPostings.get(term);
    if (phrasings) {
      for (let k = 0; k < phrasings.docs.length; k++) {
        const doc = phrasings.docs[k]!;
        if (phrasingScore[doc] === 0) touched.push(doc);
        phrasingScore[doc]! += weight * phrasings.weights[k]!;
      }
    }
    const classes = model.classPostings.get(term);
    if (classes) for (let k = 0; k < classes.docs.length; k++) profile[classes.docs[k]!]! += weight * classes.weights[k]!;
  }
  for (const doc of touched) {
    const cls = model.phrasingClass[doc]!;
    if (phrasingScore[doc]! > nearest[cls]!) nearest[cls] = phrasingScore[doc]!;
  }
  for (const doc of touched) phrasingScore[doc] = 0;
  const scores = zeros(classCount);
  for (let i = 0; i < classCount; i++) scores[i] = nearestWeight * nearest[i]! + (1 - nearestWeight) * profile[i]!;
  return scores;
}

/** Weight of the concepts that tell topics apart (those the lexicon marks generic, such as "reset", left out). */
function specificWeight(model: Model, concepts: ReadonlySet<number>): number {
  let weight = 0;
  for (const c of concepts) if (!model.concepts.concepts[c]!.generic) weight += model.frames.weights[c]!;
  return weight;
}

interface Ranked {
  readonly id: string;
  readonly score: number;
  readonly coded: boolean;
}

/**
 * The `keep` leading topics, coded ones first, then by score, ties in catalog order (what a stable sort of every
 * topic would put first), and the best text and frame similarity of any topic. Only the leaders are kept in order:
 * the classifier runs on every turn, and sorting a hundred objects to read five showed up in its profile.
 */
function rankTopics(
  classIds: readonly string[],
  skip: number,
  lexical: readonly number[],
  frame: readonly number[],
  gate: readonly number[],
  frameWeight: number,
  codeTopicIds: readonly string[],
  keep: number,
): { ranked: Ranked[]; bestText: number; bestFrame: number } {
  const ranked: Ranked[] = [];
  let bestText = 0;
  let bestFrame = 0;
  for (let i = 0; i < classIds.length; i++) {
    if (i === skip) continue;
    bestText = Math.max(bestText, lexical[i]!);
    bestFrame = Math.max(bestFrame, frame[i]!);
    const score = gate[i]! * (lexical[i]! + frameWeight * frame[i]!);
    const coded = codeTopicIds.length > 0 && codeTopicIds.includes(classIds[i]!);
    // Most topics do not make the leaders: they are passed over without an object.
    if (ranked.length === keep && !ranksAbove(coded, score, ranked[keep - 1]!)) continue;
    const candidate: Ranked = { id: classIds[i]!, score, coded };
    // Insert after every leader at least as good: equal candidates keep catalog order.
    let at = ranked.length;
    while (at > 0 && ranksAbove(coded, score, ranked[at - 1]!)) at--;
    if (at < keep) {
      ranked.splice(at, 0, candidate);
      if (ranked.length > keep) ranked.pop();
    }
  }
  return { ranked, bestText, bestFrame };
}

const ranksAbove = (coded: boolean, score: number, b: Ranked): boolean => (coded !== b.coded ? coded : score > b.score);

export function classifyText(model: Model, catalog: Catalog, text: string, options: ClassifyOptions = {}): Classification {
  const { maxMatches = 5, nearestWeight = 0.5, frameWeight = 0.3, minInScope = 0.2, temperature = 10 } = options;
  const codes = extractCodes(text, model.knownCodes);
  const codeTopicIds: string[] = [];
  for (const code of codes) {
    for (const topic of catalog.topicsForCode(code.type, code.value)) {
      if (!codeTopicIds.includes(topic.id)) codeTopicIds.push(topic.id);
    }
  }

  const smallTalk = codes.length === 0 ? readSmallTalk(model.smallTalk, text) : null;
  if (smallTalk) {
    return { matches: [], outOfScope: true, smallTalk, codes, codeTopicIds, vague: false, outOfScopeKind: null, concepts: [] };
  }

  const { words, concepts } = readMessage(model, text);
  const lexical = scoreText(model, words, concepts, nearestWeight);
  const frame = scoreFrames(model.frames, concepts);
  const gate = gateFactors(model.frames, concepts);
  const specific = specificWeight(model, concepts);

  const oosIndex = model.classIds.indexOf(OUT_OF_SCOPE);
  const oosScore = oosIndex >= 0 ? lexical[oosIndex]! : 0;
  const { ranked, bestText, bestFrame } = rankTopics(model.classIds, oosIndex, lexical, frame, gate, frameWeight, codeTopicIds, Math.max(1, maxMatches));
  const best = ranked[0]?.score ?? 0;
  const outOfScopeKind = codeTopicIds.length === 0 ? readOutOfScopeName(model.gazetteer, text) : null;
  // A message plainly about passwords ("reset isn't working") deserves follow-up questions however weak the fit,
  // unless the out-of-scope examples fit it clearly better ("reset my wifi password"). Any other message is out of
  // scope when the examples fit it better, or nothing fits it well. A named other system settles it.
  // One concept alone ("tomorrow" read as a wait) is too little to hold a message with no password word in scope.
  const aboutPasswords = words.some((w) => model.domainWords.has(w)) || (bestFrame >= FRAME_EVIDENCE && specific >= SPECIFIC_WEIGHT && concepts.size > 1);
  const certain = bestFrame >= FRAME_CERTAIN && specific >= CERTAIN_WEIGHT;
  const outOfScope =
    codeTopicIds.length === 0 &&
    (outOfScopeKind !== null ||
      (!namesWorkAccount(model.gazetteer, text) &&
        !certain &&
        (aboutPasswords ? oosScore >= bestText + DOMAIN_MARGIN : oosScore >= bestText || bestText < minInScope)));

  // Confidence: a softmax over the leading candidates (and "none of them"), damped when even the best is a weak fit
  // and when the message names nothing specific, so a vague message gets low, spread scores.
  const vague = codeTopicIds.length === 0 && specific < SPECIFIC_WEIGHT;
  const head = ranked.slice(0, maxMatches);
  const noneScore = Math.max(oosScore, minInScope);
  const sharpness = vague ? temperature / 3 : temperature;
  const exps = head.map((c) => Math.exp(sharpness * (c.coded ? Math.max(c.score, best) + 0.5 : c.score)));
  const total = exps.reduce((a, b) => a + b, Math.exp(sharpness * noneScore));
  const fit = sigmoid(8 * (best - 0.35)) * (vague ? 0.5 : 1);
  const shares = head.map((_, i) => exps[i]! / total);
  const raw = head.map((c, i) => (c.coded ? Math.min(0.99, 0.75 + 0.24 * shares[i]!) : shares[i]! * fit));
  // A clear, specific message: the leader's raw score maps to how often such a leader is right, and the others share
  // what is left in proportion to their fit. A vague message keeps its low, spread raw scores.
  const calibrated = head[0] && !head[0].coded && !vague ? calibrateLeader(raw[0]!) : undefined;
  const othersShare = shares.slice(1).reduce((a, b) => a + b, Math.exp(sharpness * noneScore) / total);
  const matches = head.map((c, i) => {
    let score = raw[i]!;
    if (calibrated !== undefined) score = i === 0 ? calibrated : c.coded ? score : Math.min(calibrated, ((1 - calibrated) * shares[i]!) / othersShare);
    return { id: c.id, score: Math.round(score * 1000) / 1000 };
  });
  const conceptIds = [...concepts].map((c) => model.concepts.concepts[c]!.id);
  return { matches, outOfScope, smallTalk: null, codes, codeTopicIds, vague, outOfScopeKind, concepts: conceptIds };
}
