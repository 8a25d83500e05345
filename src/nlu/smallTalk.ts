import type { ConceptLexicon, SmallTalkKind } from '../knowledge/types.js';
import { isStopWord } from './tokens.js';

/** When a message holds cues of several kinds, the one the conversation must act on first. */
const PRIORITY: readonly SmallTalkKind[] = ['human', 'still-broken', 'resolved', 'thanks', 'greeting'];

/** Small talk is short; a long message with a greeting in it is a problem report. */
const MAX_WORDS = 14;

export interface SmallTalkReader {
  readonly cues: ReadonlyArray<{ kind: SmallTalkKind; words: readonly string[] }>;
  /** Positions in `cues` by the cue's first word: only cues whose first word the message holds are tried. */
  readonly cuesByFirstWord: ReadonlyMap<string, readonly number[]>;
  readonly filler: ReadonlySet<string>;
}

/** Lower case, accents and apostrophes folded, anything but letters and digits a space. */
function plainWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019'`´]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

export function compileSmallTalk(lexicon: ConceptLexicon): SmallTalkReader {
  const cues = PRIORITY.flatMap((kind) => lexicon.smallTalk[kind].map((cue) => ({ kind, words: plainWords(cue) })))
    .filter((c) => c.words.length > 0)
    .sort((a, b) => b.words.length - a.words.length);
  const cuesByFirstWord = new Map<string, number[]>();
  cues.forEach((cue, at) => {
    const first = cue.words[0]!;
    cuesByFirstWord.set(first, [...(cuesByFirstWord.get(first) ?? []), at]);
  });
  return { cues, cuesByFirstWord, filler: new Set(lexicon.smallTalk.filler.flatMap(plainWords)) };
}

/**
 * The kind of conversational reply a message is, or null. It is small talk when it holds at least one cue and,
 * once cues, filler and function words are taken out, nothing is left that could describe a problem.
 */
export function readSmallTalk(reader: SmallTalkReader, text: string): SmallTalkKind | null {
  const words = plainWords(text.slice(0, 500));
  if (words.length === 0 || words.length > MAX_WORDS) return null;
  const used = new Array<boolean>(words.length).fill(false);
  const kinds = new Set<SmallTalkKind>();
  // The cues that could match, in the reader's order (longest first), which decides overlaps.
  const tried = new Set<number>();
  for (const word of words) for (const at of reader.cuesByFirstWord.get(word) ?? []) tried.add(at);
  for (const at of [...tried].sort((a, b) => a - b)) {
    const cue = reader.cues[at]!;
    for (let i = 0; i + cue.words.length <= words.length; i++) {
      if (cue.words.every((w, k) => !used[i + k] && words[i + k] === w)) {
        for (let k = 0; k < cue.words.length; k++) used[i + k] = true;
        kinds.add(cue.kind);
      }
    }
  }
  if (kinds.size === 0) return null;
  const leftover = words.filter((w, i) => !used[i] && !reader.filler.has(w) && !isStopWord(w));
  if (leftover.length > 0) return null;
  return PRIORITY.find((k) => kinds.has(k)) ?? null;
}
