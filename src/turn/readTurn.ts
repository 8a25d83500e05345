import { findPhoneNumbers, findSupportCode, formatSupportCode, parseEventLog, screenPasswords } from '../extractors/index.js';
import { MAX_CLASSIFIED_CHARS, type Classification, type SmallTalk } from '../nlu/index.js';
import type { Command, TurnInput } from './types.js';
import { derivedFrom, foldedSet, foldedWords, foldText, isFoldedOneOf, isOneOf, wordsStartWithOneOf, type ConversationWords } from './words.js';

export interface TurnReader {
  readonly classify: (text: string) => Classification;
  readonly words: ConversationWords;
}

const PHONE_PLACEHOLDER = '[phone number]';
const SMALL_TALK: readonly SmallTalk[] = ['human', 'resolved', 'still-broken', 'thanks', 'greeting'];

/** Teams mentions arrive as <at>Name</at>; the words of a mention are not part of the problem. */
const stripMentions = (text: string): string => text.replace(/<at>[^<]*<\/at>/g, '').trim();

/** A text folded once (foldText) and its words: the turn checks both against many word lists. */
interface Folded {
  readonly text: string;
  readonly folded: string;
  readonly words: readonly string[];
}

function foldOnce(text: string): Folded {
  const folded = foldText(text);
  return { text, folded, words: foldedWords(folded) };
}

function readCommand(text: Folded, words: ConversationWords): Command | undefined {
  if (isFoldedOneOf(text.folded, words.help)) return 'help';
  if (isFoldedOneOf(text.folded, words.restart)) return 'restart';
  if (isFoldedOneOf(text.folded, words.subscribe)) return 'subscribe';
  if (isFoldedOneOf(text.folded, words.unsubscribe)) return 'unsubscribe';
  return undefined;
}

type LeadKind = 'yes' | 'no' | 'other';

/** The leads as patterns, longest first, each with what it means; built once per word set. */
const leadPatternsOf = derivedFrom((words: ConversationWords): ReadonlyArray<{ readonly pattern: RegExp; readonly kind: LeadKind }> =>
  [...words.leads]
    .sort((a, b) => b.length - a.length)
    .map((lead) => {
      const escaped = lead.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
      const kind: LeadKind = isOneOf(lead, words.no) ? 'no' : isOneOf(lead, words.yes) ? 'yes' : 'other';
      return { pattern: new RegExp(`^\\s*${escaped}\\s*[,.;:!\u2014\u2013-]+\\s*`, 'i'), kind };
    }),
);

/** "no, now it says …" → lead "no", rest "now it says …". A lead needs punctuation after it: "no text arrives" has none. */
function splitLead(text: string, words: ConversationWords): { lead?: LeadKind; rest: string } {
  for (const { pattern, kind } of leadPatternsOf(words)) {
    const match = pattern.exec(text);
    if (match) return { lead: kind, rest: text.slice(match[0].length).trim() };
  }
  return { rest: text };
}

function readSmallTalk(text: Folded, classification: Classification, words: ConversationWords): SmallTalk | null {
  if (classification.smallTalk) return classification.smallTalk;
  return SMALL_TALK.find((kind) => isFoldedOneOf(text.folded, words.smallTalk[kind])) ?? null;
}

const PERMISSION_QUESTIONS = ['can i', 'could i', 'may i'];

/** A question of fact opens like a question and names no failure: "how long does sdprop take". */
export function isFactQuestion(text: string, words: ConversationWords): boolean {
  return readsAsFactQuestion(foldOnce(text), words);
}

function readsAsFactQuestion(text: Folded, words: ConversationWords): boolean {
  const isQuestion = wordsStartWithOneOf(text.words, words.questionStarts) || /\?\s*$/.test(text.text);
  if (!isQuestion || wordsStartWithOneOf(text.words, PERMISSION_QUESTIONS)) return false;
  const markers = foldedSet(words.problemMarkers);
  return !text.words.some((w) => markers.has(w));
}

/** Vague: no code, and every word is one that does not tell problems apart. */
export function isVague(text: string, classification: Classification, words: ConversationWords): boolean {
  return readsAsVague(foldOnce(text), classification, words);
}

function readsAsVague(text: Folded, classification: Classification, words: ConversationWords): boolean {
  if (classification.codes.length > 0) return false;
  // The classifier's own reading (no symptom that tells topics apart) counts too, when it gives one.
  if (classification.vague === true) return true;
  const generic = foldedSet(words.generic);
  return text.words.length > 0 && text.words.every((w) => generic.has(w));
}

function mentionsSomeoneElse(text: Folded, words: ConversationWords): boolean {
  const thirdPerson = foldedSet(words.thirdPerson);
  return text.words.some((w) => thirdPerson.has(w));
}

/**
 * Reads one message: strips mentions, removes passwords, replaces a phone number, caps the length, finds codes, an
 * event log and a support code, and classifies it once. Pure: text in, value out.
 */
export function readTurn(raw: string, reader: TurnReader): TurnInput {
  const { words } = reader;
  const stripped = stripMentions(raw);
  const screen = screenPasswords(stripped);
  const events = parseEventLog(screen.redacted);
  const truncated = screen.redacted.length > MAX_CLASSIFIED_CHARS;
  const capped = truncated ? screen.redacted.slice(0, MAX_CLASSIFIED_CHARS) : screen.redacted;
  // Every phone number leaves the kept text; the first is handed over for this turn's check (not in an event log).
  const phones = findPhoneNumbers(capped);
  let text = capped;
  for (const found of [...phones].reverse()) text = text.slice(0, found.index) + PHONE_PLACEHOLDER + text.slice(found.index + found.text.length);
  const hadPassword = screen.containsPassword;
  const phone = events.length > 0 ? undefined : phones[0]?.text;
  const code = findSupportCode(text);
  const { lead, rest } = splitLead(text, words);
  const classification = reader.classify(rest === '' ? text : rest);
  const foldedText = foldOnce(text);
  const foldedRest = rest === text ? foldedText : foldOnce(rest);
  return {
    text,
    lead,
    rest,
    command: readCommand(foldedText, words),
    smallTalk: readSmallTalk(foldedText, classification, words),
    factQuestion: rest !== '' && readsAsFactQuestion(foldedRest, words),
    vague: readsAsVague(foldedRest, classification, words),
    aboutSomeoneElse: mentionsSomeoneElse(foldedRest, words),
    classification,
    events,
    phone,
    supportCode: code ? formatSupportCode(code) : undefined,
    hadPassword,
    truncated,
  };
}
