/**
 * Spotting passwords in a chat message, so the bot can warn, never echo one and keep it out of logs and state.
 * Pure and linear in the text. Measured on test/fixtures/secrets (passwords caught, ordinary sentences left alone).
 */
import { declaredPasswords, type Span } from './declared.js';
import { isLooselyShaped, isPasswordShaped } from './tokenShape.js';

export const REDACTED = '[redacted]';

export interface PasswordScreen {
  readonly containsPassword: boolean;
  /** The text with each password replaced by [redacted]; everything else exactly as written. */
  readonly redacted: string;
}

const TOKENS = /\S+/gu;
const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '<': '>', '"': '"', "'": "'", '`': '`', '“': '”', '‘': '’' };
const TRAILING = /[.,;:?)\]}>"'`”’]$/u;
const TRAILING_RUN = /[.,;:?"'`”’]+$/u;

/** The token without the punctuation around it: "(Summer2024x)," reads "Summer2024x"; "(Parens)7x" stays whole. */
function coreOf(token: string, start: number): Span {
  let from = 0;
  let to = token.length;
  const first = token[0]!;
  const closer = OPENERS[first];
  if (closer !== undefined && (closer === first || !token.includes(closer, 1))) from = 1;
  // "(1Password)", "[Summer2024x]": wrapped whole.
  else if (closer !== undefined && token.replace(TRAILING_RUN, '').endsWith(closer)) {
    from = 1;
    to = token.replace(TRAILING_RUN, '').length - 1;
  }
  while (to > from && TRAILING.test(token.slice(from, to))) {
    const last = token[to - 1]!;
    const opener = Object.keys(OPENERS).find((o) => OPENERS[o] === last && o !== last);
    // Keep a closing bracket whose opening one is inside the token.
    if (opener !== undefined && token.slice(from, to - 1).includes(opener)) break;
    to -= 1;
  }
  return { start: start + from, end: start + to };
}

function overlaps(span: Span, spans: readonly Span[]): boolean {
  return spans.some((s) => s.start < span.end && span.start < s.end);
}

/**
 * A message that is one token of letters and digits ("ilovemydog2") is the answer to a question the bot asked, and
 * no question of ours is answered with such a token unless it is a technical one: a password.
 */
function isWholeAnswer(text: string): Span | undefined {
  const m = /^\s*(\S+)\s*$/u.exec(text);
  if (!m) return undefined;
  const start = text.indexOf(m[1]!);
  const core = coreOf(m[1]!, start);
  const value = text.slice(core.start, core.end);
  const letters = value.match(/\p{L}/gu)?.length ?? 0;
  return value.length >= 8 && letters >= 3 && /\p{N}/u.test(value) && isLooselyShaped(value, 8) ? core : undefined;
}

/** Every password in the text, as spans in order, none overlapping. */
export function findPasswords(text: string): Span[] {
  const spans = declaredPasswords(text);
  // A cue inside the token ("pwd=blue42sky") already says which part is the password.
  const whole = spans.length === 0 ? isWholeAnswer(text) : undefined;
  if (whole) spans.push(whole);
  for (const m of text.matchAll(TOKENS)) {
    const core = coreOf(m[0], m.index);
    if (core.end <= core.start || overlaps(core, spans)) continue;
    const value = text.slice(core.start, core.end);
    // "#Windows11": a hashtag is judged without its "#".
    const judged = /^#\p{L}/u.test(value) ? value.slice(1) : value;
    if (isPasswordShaped(judged)) spans.push(core);
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else merged.push(span);
  }
  return merged;
}

/** Whether the message holds a password, and the message with every password replaced by [redacted]. */
export function screenPasswords(text: string): PasswordScreen {
  if (typeof text !== 'string' || text === '') return { containsPassword: false, redacted: typeof text === 'string' ? text : '' };
  const spans = findPasswords(text);
  if (spans.length === 0) return { containsPassword: false, redacted: text };
  let redacted = '';
  let at = 0;
  for (const span of spans) {
    redacted += text.slice(at, span.start) + REDACTED;
    at = span.end;
  }
  return { containsPassword: true, redacted: redacted + text.slice(at) };
}
