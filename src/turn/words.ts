import type { SmallTalk } from '../nlu/index.js';

/** The word lists the conversation reads replies with (cards/words.json). All matching is on folded text. */
export interface ConversationWords {
  readonly help: readonly string[];
  readonly restart: readonly string[];
  readonly subscribe: readonly string[];
  readonly unsubscribe: readonly string[];
  readonly yes: readonly string[];
  readonly no: readonly string[];
  /** Words that make a reply to "Did this fix it?" a complaint about the answer. */
  readonly negative: readonly string[];
  readonly skip: readonly string[];
  /** "None of these" at a choice of topics. */
  readonly none: readonly string[];
  /** Openings that answer a prompt before saying more: "no, …", "also, …". */
  readonly leads: readonly string[];
  /** Exact phrasings of small talk, used when the classifier names none. */
  readonly smallTalk: Readonly<Record<SmallTalk, readonly string[]>>;
  /** Words that say nothing about which problem it is: a message made only of these is vague. */
  readonly generic: readonly string[];
  /** Openings of a question (of fact, when no problem marker follows). */
  readonly questionStarts: readonly string[];
  /** Words that make a question a complaint ("why can't I …"). */
  readonly problemMarkers: readonly string[];
  /** Words without which a reply to a support question ("which page?") is read as its answer, not a new problem. */
  readonly problemSignals: readonly string[];
  /** Words that show the writer describes someone else's problem. */
  readonly thirdPerson: readonly string[];
}

/** Lower case, apostrophes dropped, anything but letters, digits and ? / - turned into single spaces. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^\p{L}\p{N}?/-]+/gu, ' ')
    .trim();
}

/** The folded words of a text (no ? / -). */
export function wordsOf(text: string): string[] {
  return foldedWords(foldText(text));
}

/** The words of a text already folded (foldText). */
export function foldedWords(folded: string): string[] {
  return folded
    .replace(/[?/]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && w !== '-');
}

/**
 * Derives something from loaded words once: the lists are loaded at start-up and read on every turn, so their
 * derived forms (folded, compiled) are kept with them, weakly: a list made for one call is collected with its form.
 */
export function derivedFrom<K extends object, T>(derive: (source: K) => T): (source: K) => T {
  const derived = new WeakMap<K, T>();
  return (source) => {
    let value = derived.get(source);
    if (value === undefined) {
      value = derive(source);
      derived.set(source, value);
    }
    return value;
  };
}

/** The folded phrases of a list, as a set. */
export const foldedSet = derivedFrom((phrases: readonly string[]): ReadonlySet<string> => new Set(phrases.map(foldText)));

/** The phrases as space-bounded word sequences, for matching the start of a text. */
const openings = derivedFrom((phrases: readonly string[]): readonly string[] => phrases.map((p) => ` ${wordsOf(p).join(' ')} `));

/** Whether the whole text is one of the phrases (folded, trailing ? ignored unless the phrase is "?"). */
export function isOneOf(text: string, phrases: readonly string[]): boolean {
  return isFoldedOneOf(foldText(text), phrases);
}

/** isOneOf for a text already folded (foldText): a turn folds its text once and checks it against many lists. */
export function isFoldedOneOf(folded: string, phrases: readonly string[]): boolean {
  const bare = folded.replace(/\s*\?+$/, '');
  const set = foldedSet(phrases);
  return set.has(folded) || (bare !== '?' && set.has(bare));
}

/** Whether the text starts with one of the phrases as whole words. */
export function startsWithOneOf(text: string, phrases: readonly string[]): boolean {
  return wordsStartWithOneOf(wordsOf(text), phrases);
}

/** startsWithOneOf for a text's words (wordsOf). */
export function wordsStartWithOneOf(words: readonly string[], phrases: readonly string[]): boolean {
  const spaced = ` ${words.join(' ')} `;
  return openings(phrases).some((opening) => spaced.startsWith(opening));
}
