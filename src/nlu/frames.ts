import type { FrameSlot, Topic } from '../knowledge/types.js';
import type { ConceptMatcher } from './concepts.js';

/** The topics' frames as concept sets, with how much each concept tells topics apart. */
export interface FrameIndex {
  /** Per class (the model's class order): the concepts of its frame; empty for classes without one. */
  readonly frames: ReadonlyArray<ReadonlySet<number>>;
  /** Per concept: its weight (the lexicon's, or its rarity across frames). */
  readonly weights: Float64Array;
  readonly slots: readonly FrameSlot[];
  readonly frameWeight: Float64Array;
  /** Concepts that split the catalog in two (see gateFactors). */
  readonly gates: readonly number[];
  /** Per class: the exclusive slots its frame names. */
  readonly exclusiveNamed: ReadonlyArray<ReadonlySet<FrameSlot>>;
  /** The concept that says an operation started, if the lexicon has one (out-started). */
  readonly started?: number;
  /** Per concept: the classes whose frame has it, in class order. A message names a few concepts, so scoring
   * visits the few topics they touch instead of every topic. */
  readonly classesWith: ReadonlyArray<readonly number[]>;
}

/** Slots where naming a different value is evidence against a topic: a failure is not a success. */
const EXCLUSIVE_SLOTS: ReadonlySet<FrameSlot> = new Set(['operation', 'outcome']);

export function buildFrameIndex(matcher: ConceptMatcher, classIds: readonly string[], topicOf: (id: string) => Topic | undefined): FrameIndex {
  const frames = classIds.map((id) => {
    const frame = topicOf(id)?.frame ?? {};
    const set = new Set<number>();
    for (const ids of Object.values(frame))
      for (const cid of ids) {
        const index = matcher.indexOf.get(cid);
        if (index !== undefined) set.add(index);
      }
    return set;
  });
  const df = new Float64Array(matcher.concepts.length);
  for (const frame of frames) for (const c of frame) df[c]! += 1;
  const topics = frames.filter((f) => f.size > 0).length || 1;
  const weights = Float64Array.from(matcher.concepts, (c, i) => c.weight ?? Math.log(1 + topics / (1 + df[i]!)));
  const frameWeight = Float64Array.from(frames, (f) => [...f].reduce((sum, c) => sum + weights[c]!, 0));
  const started = matcher.indexOf.get('out-started');
  const slots = matcher.concepts.map((c) => c.slot);
  const exclusiveNamed = frames.map((f) => new Set([...f].map((c) => slots[c]!).filter((slot) => EXCLUSIVE_SLOTS.has(slot))));
  const gates = matcher.concepts.flatMap((c, i) => (c.gate ? [i] : []));
  const classesWith = matcher.concepts.map((_, c) => frames.flatMap((frame, t) => (frame.has(c) ? [t] : [])));
  return { frames, weights, slots, frameWeight, exclusiveNamed, gates, classesWith, ...(started === undefined ? {} : { started }) };
}

/**
 * "The request reached the server but AD refused it" tells of a failure, not of a start: once a message names how an
 * operation ended, its mention of the start is dropped.
 */
function laterStages(index: FrameIndex, message: ReadonlySet<number>): ReadonlySet<number> {
  if (index.started === undefined || !message.has(index.started)) return message;
  const ended = [...message].some((c) => c !== index.started && index.slots[c] === 'outcome');
  if (!ended) return message;
  const kept = new Set(message);
  kept.delete(index.started);
  return kept;
}

/** Below 1, the frame score favours explaining the message over covering the whole frame (F-beta). */
const BETA = 0.5;

/** How much weight of a concept, once it is in a different value of an exclusive slot, counts against a topic. */
const CONFLICT_PENALTY = 0.5;

/**
 * How well each topic's frame explains the message's concepts, in 0..1: the F-beta mean of the share of the
 * message's meaning the frame accounts for (weighted more) and the share of the frame the message names, less a
 * penalty when the message names another operation or outcome than the topic's.
 */
/** How much a topic's score keeps when it and the message disagree on a gate concept. */
export const GATE_KEEP = 0.7;

/**
 * Per class: 1, or GATE_KEEP when the topic's frame needs a gate concept the message does not name: an event topic
 * answers a question about the event log, not a user's report of the same failure. (The other way round is not
 * damped: a message about the log may well be about a writeback topic that the log diagnoses.)
 */
export function gateFactors(index: FrameIndex, message: ReadonlySet<number>): number[] {
  // Plain arrays: typed arrays of a hundred numbers are allocated outside the JS heap, slower on every turn.
  const factors = new Array<number>(index.frames.length).fill(1);
  for (const g of index.gates) {
    if (message.has(g)) continue;
    for (const t of index.classesWith[g]!) factors[t] = GATE_KEEP;
  }
  return factors;
}

export function scoreFrames(index: FrameIndex, rawMessage: ReadonlySet<number>): number[] {
  const scores = new Array<number>(index.frames.length).fill(0);
  const message = laterStages(index, rawMessage);
  let messageWeight = 0;
  for (const c of message) messageWeight += index.weights[c]!;
  if (messageWeight === 0) return scores;
  const concepts = [...message];
  // A topic whose frame has none of the message's concepts scores 0 (nothing matched, and a conflict only lowers a
  // score that is floored at 0), which the array already says: only the topics the concepts touch are scored.
  const touched = new Set<number>();
  for (const c of concepts) for (const t of index.classesWith[c]!) touched.add(t);
  for (const t of touched) {
    const frame = index.frames[t]!;
    let matched = 0;
    // Per exclusive slot: whether the frame matched a concept of it, and the weight of those it did not.
    let operationHit = false,
      outcomeHit = false,
      operationMissed = 0,
      outcomeMissed = 0;
    for (const c of concepts) {
      const slot = index.slots[c]!;
      const weight = index.weights[c]!;
      if (frame.has(c)) {
        matched += weight;
        if (slot === 'operation') operationHit = true;
        if (slot === 'outcome') outcomeHit = true;
      } else if (slot === 'operation') operationMissed += weight;
      else if (slot === 'outcome') outcomeMissed += weight;
    }
    const named = index.exclusiveNamed[t]!;
    let conflict = 0;
    if (!operationHit && named.has('operation')) conflict += operationMissed;
    if (!outcomeHit && named.has('outcome')) conflict += outcomeMissed;
    const precision = matched / messageWeight;
    const recall = matched / (index.frameWeight[t]! || 1);
    const b2 = BETA * BETA;
    const f = precision + recall > 0 ? ((1 + b2) * precision * recall) / (b2 * precision + recall) : 0;
    scores[t] = Math.max(0, f - (CONFLICT_PENALTY * conflict) / messageWeight);
  }
  return scores;
}
