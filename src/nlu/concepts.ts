import type { Concept, ConceptLexicon, FrameSlot } from '../knowledge/types.js';
import { normalizeText } from './normalize.js';
import { isConceptKeepWord, splitConceptWords, stem } from './tokens.js';

/** A concept ready to match: its forms as stem sequences. */
export interface CompiledConcept {
  readonly id: string;
  readonly slot: FrameSlot;
  readonly weight?: number;
  readonly gate?: boolean;
  readonly generic: boolean;
  /** Indexes of the concepts this one implies. */
  readonly implies: readonly number[];
}

interface Form {
  readonly concept: number;
  readonly stems: readonly string[];
}

/** The lexicon compiled for matching: forms indexed by their first stem, longest first. */
export interface ConceptMatcher {
  readonly concepts: readonly CompiledConcept[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly byFirst: ReadonlyMap<string, readonly Form[]>;
  /** Every word the forms use, so the typo corrector can correct towards them. */
  readonly vocabulary: ReadonlySet<string>;
}

/** How many words of the message may sit between two words of a form ("not *really* enabled"). */
const MAX_GAP = 0;

/** The stems the concept reader sees for a text (typo correction applied to words first, when given). */
export function conceptStems(text: string, correct: (word: string) => string = (w) => w): string[] {
  return normalizedConceptStems(normalizeText(text), correct);
}

/** The same, for text already through normalizeText. */
export function normalizedConceptStems(normalized: string, correct: (word: string) => string = (w) => w): string[] {
  return splitConceptWords(normalized).map((w) => stem(correct(w)));
}

export function compileLexicon(lexicon: ConceptLexicon): ConceptMatcher {
  const ids = new Map(lexicon.concepts.map((c, i) => [c.id, i]));
  const concepts: CompiledConcept[] = lexicon.concepts.map((c: Concept) => ({
    id: c.id,
    slot: c.slot,
    generic: c.generic === true,
    implies: (c.implies ?? []).flatMap((id) => (ids.has(id) ? [ids.get(id)!] : [])),
    ...(c.weight === undefined ? {} : { weight: c.weight }),
    ...(c.gate === true ? { gate: true } : {}),
  }));
  const indexOf = ids;
  const byFirst = new Map<string, Form[]>();
  const vocabulary = new Set<string>();
  lexicon.concepts.forEach((concept, index) => {
    for (const form of concept.forms) {
      const words = splitConceptWords(normalizeText(form));
      // A form that normalisation shrank to function words alone ("wasn't me" to "not"), or to one word ("I set" to
      // "set"), would match far more than it says.
      const shrank = words.length < form.trim().split(/\s+/).length;
      if (words.length === 0 || (shrank && (words.length === 1 || words.every(isConceptKeepWord)))) continue;
      for (const w of words) vocabulary.add(w);
      const stems = words.map(stem);
      const list = byFirst.get(stems[0]!) ?? [];
      if (!list.some((f) => f.concept === index && f.stems.join(' ') === stems.join(' '))) list.push({ concept: index, stems });
      byFirst.set(stems[0]!, list);
    }
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  return { concepts, indexOf, byFirst, vocabulary };
}

/** Where a form matches from `start`, as the positions it uses, or undefined. */
function matchAt(stems: readonly string[], used: readonly boolean[], start: number, form: Form): number[] | undefined {
  const positions = [start];
  let at = start;
  for (let k = 1; k < form.stems.length; k++) {
    let found = -1;
    for (let j = at + 1; j <= at + 1 + MAX_GAP && j < stems.length; j++) {
      if (!used[j] && stems[j] === form.stems[k]) {
        found = j;
        break;
      }
    }
    if (found < 0) return undefined;
    positions.push(found);
    at = found;
  }
  return positions;
}

/**
 * The concepts a message evokes. Longer forms win over the shorter forms they contain, and each word serves one
 * concept: "account disabled" is the AD account state, not "the feature is disabled".
 */
export function readConcepts(matcher: ConceptMatcher, stems: readonly string[]): Set<number> {
  const candidates: Array<{ concept: number; positions: number[] }> = [];
  const none: boolean[] = new Array<boolean>(stems.length).fill(false);
  stems.forEach((s, i) => {
    for (const form of matcher.byFirst.get(s) ?? []) {
      const positions = matchAt(stems, none, i, form);
      if (positions) candidates.push({ concept: form.concept, positions });
    }
  });
  candidates.sort((a, b) => b.positions.length - a.positions.length || a.positions[0]! - b.positions[0]!);
  const used = new Array<boolean>(stems.length).fill(false);
  const found = new Set<number>();
  for (const c of candidates) {
    if (c.positions.some((p) => used[p])) continue;
    for (const p of c.positions) used[p] = true;
    found.add(c.concept);
  }
  for (const c of [...found]) for (const implied of matcher.concepts[c]!.implies) found.add(implied);
  return found;
}
