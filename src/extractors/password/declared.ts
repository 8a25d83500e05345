/**
 * Passwords the sentence announces: "password: X", "pw=X", "my password is X", "the temp password they gave me was
 * X", "I typed X". After a strong announcement (":" or "=") any value counts that is not a word saying what is
 * wrong with the password ("password: expired"); after "is"/"was" the value must look like a password, be quoted,
 * be a passphrase of four plain words or more, or be one word that ends the clause and says nothing about the
 * password ("my password is monkey", not "my password is wrong"); after a verb such as "tried" it must be quoted or
 * loosely shaped, and after "typed" or "entered" a plain word counts too.
 */
import { isLooselyShaped, isPasswordShaped } from './tokenShape.js';

export interface Span {
  readonly start: number;
  readonly end: number;
}

const NOUN = String.raw`password|passwort|passwd|passcode|pass ?code|passphrase|pwd|pw|kennwort|mot de passe|contraseña|senha|wachtwoord`;
/** The noun, alone (not "pwdLastSet", "UserPassword", "passwords"). */
const CUE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${NOUN})(?![\p{L}\p{N}_])`, 'giu');
/** "I typed X", "changed it to X", "sign in with X": a value follows, but the verb is also used for other things. */
const VERB_CUE =
  /(?<![\p{L}\p{N}])(?:tried|typed|entered|used|reused|picked|chose|wrote|put in|put|set (?:it|mine|my password) to|changed it to|reset it to|(?:log|logged|logging|sign|signed|signing) in with|use)(?![\p{L}\p{N}])/giu;

/** "new one: X", "old one = X": in a conversation about passwords, only with ":" or "=" after it. */
const ONE = /(?<![\p{L}\p{N}])(?:new|old|current|previous) one(?=\s*(?::|=))/giu;
/** ":" "=" "->" right after the noun (or after "is"). */
const ASSIGNED = /^\s*(?:is\s*:|:|=|->|=>)\s*/iu;
/** "is", "was", "ist", "est", "used to be", optionally "just". */
const STATED = /^\s+(?:is|was|ist|est|es|are|used to be|should be)(?:\s+just)?\s+/iu;
/** Up to four words between the noun and "is"/"was"/":" ("the temp password they gave me was X"). */
const STATED_LATER = /^((?:\s+[^\s:=]+){1,4}?)\s*(?:\s(?:is|was)\s+|:\s*|=\s*)/iu;
const QUOTED = /^(["'`“‘])([^"'`“”‘’\n]{1,128})(["'`”’])/u;

/** Words that say something about the password rather than being it. */
const STATUS = new Set(
  `reset expired expires expiring wrong incorrect correct right invalid valid weak strong short long locked blocked
  disabled enabled changed required needed forgotten unknown empty blank missing same different new old ok okay fine
  rejected accepted working broken set unset synced saved stored hidden visible masked yes none null n/a na tbd sensitive
  case complex simple secure insecure compromised leaked pwned known better worse longer shorter stronger weaker simpler
  harder easier good bad great terrible awful weird strange random unique personal private secret safe unsafe
  temporary permanent default standard generic common obvious something anything nothing everything gone lost
  different wrong same identical similar mine yours`.split(/\s+/),
);
/** Words a passphrase is not made of: they start a clause about the password. */
const FUNCTION_WORDS = new Set(
  `a an the to in on at for of by from with without into onto and or but nor so yet if then than as because since when
  while after before until not no never is are was were be been being am it its it's this that these those which who
  what where how why my your our their his her me you we they them i i'm i've can can't could couldn't will won't would
  wouldn't should shouldn't does doesn't do don't did didn't has have had isn't wasn't aren't too very really still just
  also again anymore now like about there here please thanks thank`.split(/\s+/),
);

const TOKEN = /^\S+/u;
const NEXT_FIELD = /[;,&](?=[\p{L}_][\p{L}\p{N}_.-]*=)/u;
const TRAILING = /[.,;:?)\]}>"'”’]+$/u;
const WORD = /^[\p{Ll}'’-]+/u;

function firstToken(text: string, offset: number): Span | undefined {
  const m = TOKEN.exec(text.slice(offset));
  if (!m) return undefined;
  // "password=X;user=Y": a value ends where the next field starts.
  const value = m[0].split(NEXT_FIELD)[0]!.replace(TRAILING, '');
  return value === '' ? undefined : { start: offset, end: offset + value.length };
}

/** The span of a quoted value at `offset`, without its quotes. */
function quoted(text: string, offset: number): Span | undefined {
  const m = QUOTED.exec(text.slice(offset, offset + 140));
  return m ? { start: offset + 1, end: offset + 1 + m[2]!.length } : undefined;
}

/** Plain lower-case words from `offset` up to punctuation or a function word: "correct horse battery staple". */
function plainWords(text: string, offset: number, max = 6): { readonly span?: Span; readonly words: readonly string[] } {
  const words: string[] = [];
  let at = offset;
  let end = offset;
  while (words.length < max) {
    const gap = /^[ \t]*/.exec(text.slice(at))![0].length;
    const m = WORD.exec(text.slice(at + gap));
    if (!m) break;
    const next = text[at + gap + m[0].length];
    if (next !== undefined && !/[\s.,;!?)"'”’]/u.test(next)) break;
    if (FUNCTION_WORDS.has(m[0])) break;
    words.push(m[0]);
    at += gap + m[0].length;
    end = at;
    if (next !== undefined && /[.,;!?]/.test(next)) break;
  }
  return words.length > 0 ? { span: { start: offset, end }, words } : { words };
}

/** The value after "password:" / "pw=": quoted, a passphrase, or one token that is not a status word. */
function assignedValue(text: string, offset: number): Span | undefined {
  const quote = quoted(text, offset);
  if (quote) return quote;
  const phrase = plainWords(text, offset);
  if (phrase.words.length >= 2) return phrase.span;
  const token = firstToken(text, offset);
  if (!token) return undefined;
  const value = text.slice(token.start, token.end);
  if (!/[\p{L}\p{N}]/u.test(value) || STATUS.has(value.toLowerCase()) || FUNCTION_WORDS.has(value.toLowerCase())) return undefined;
  return token;
}

/** The value after "my password is": quoted, shaped like a password, or a passphrase of four or more plain words. */
/** Adjectives and participles ("compromised", "changing", "unusable", "useless"): a word about the password. */
const DESCRIBING = /(?:ed|ing|able|ible|ful|less|ous|ive|ly)$/u;

/**
 * "my password is monkey": one plain word, not one that says something about the password, ending the clause.
 * Digits alone count from six ("my password is 19841984").
 */
function singleWordValue(text: string, token: Span): boolean {
  const value = text.slice(token.start, token.end);
  if (/^\d{6,}$/.test(value)) return true;
  const word = value.toLowerCase();
  if (!/^\p{L}{4,}$/u.test(value) || STATUS.has(word) || FUNCTION_WORDS.has(word) || DESCRIBING.test(word)) return false;
  const after = /^[ \t]*([\p{L}']+)?/u.exec(text.slice(token.end))![1];
  return after === undefined || FUNCTION_WORDS.has(after.toLowerCase());
}

/**
 * The value after "my password is": quoted, shaped like a password, a passphrase of four or more plain words, or
 * a single word that ends the clause and says nothing about the password.
 */
function statedValue(text: string, offset: number): Span | undefined {
  const quote = quoted(text, offset);
  if (quote) return quote;
  const phrase = plainWords(text, offset);
  if (phrase.words.length >= 4) return phrase.span;
  const token = firstToken(text, offset);
  if (!token) return undefined;
  return isLooselyShaped(text.slice(token.start, token.end)) || singleWordValue(text, token) ? token : undefined;
}

/** Verbs whose object is what was typed, so a plain word after them is the password ("I typed iloveyou"). */
const TYPING_VERB = /^(?:typed|entered|put in)$/i;

/** The value after "I typed": quoted, or loosely shaped; after "typed" or "entered" also a plain word. */
function verbValue(text: string, offset: number, verb: string): Span | undefined {
  const quote = quoted(text, offset);
  if (quote) return quote;
  const token = firstToken(text, offset);
  if (!token) return undefined;
  if (isLooselyShaped(text.slice(token.start, token.end), 4)) return token;
  return TYPING_VERB.test(verb) && singleWordValue(text, token) ? token : undefined;
}

function valueAfterNoun(text: string, end: number): Span | undefined {
  const rest = text.slice(end, end + 200);
  const assigned = ASSIGNED.exec(rest);
  if (assigned) return assignedValue(text, end + assigned[0].length);
  const stated = STATED.exec(rest);
  if (stated) return statedValue(text, end + stated[0].length);
  const direct = /^\s+/.exec(rest);
  if (direct) {
    // "here's my password Mango#Tango8", "password "Sp@ce Cadet 9"".
    const at = end + direct[0].length;
    const quote = quoted(text, at);
    if (quote) return quote;
    const token = firstToken(text, at);
    if (token && isPasswordShaped(text.slice(token.start, token.end))) return token;
  }
  const later = STATED_LATER.exec(rest);
  if (later) {
    const at = end + later[0].length;
    const quote = quoted(text, at);
    if (quote) return quote;
    const token = firstToken(text, at);
    if (token && isLooselyShaped(text.slice(token.start, token.end))) return token;
  }
  return undefined;
}

/** Every value the text announces as a password. */
export function declaredPasswords(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(CUE)) {
    const span = valueAfterNoun(text, m.index + m[0].length);
    if (span) spans.push(span);
  }
  for (const m of text.matchAll(ONE)) {
    const assigned = ASSIGNED.exec(text.slice(m.index + m[0].length));
    const span = assigned ? assignedValue(text, m.index + m[0].length + assigned[0].length) : undefined;
    if (span) spans.push(span);
  }
  for (const m of text.matchAll(VERB_CUE)) {
    const rest = /^\s+/.exec(text.slice(m.index + m[0].length));
    if (!rest) continue;
    const span = verbValue(text, m.index + m[0].length + rest[0].length, m[0]);
    if (span) spans.push(span);
  }
  return spans;
}
