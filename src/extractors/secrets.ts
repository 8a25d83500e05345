/**
 * Spotting text that looks like a password, so the bot can warn, never echo it and keep it out of logs and state.
 * Pure and conservative: a false alarm costs a polite reminder; a miss could store a secret.
 */
const REDACTED = '[redacted]';

// "my password is X", "pwd: X", "password = X", "new pw X" ...
const DECLARED = /\b((?:my\s+|the\s+|new\s+|old\s+|current\s+|temp(?:orary)?\s+)?(?:password|passwort|passcode|passwd|pwd|pw)\s*(?:is|was|=|:|->)\s*)("[^"]+"|'[^']+'|\S+)/gi;
const TOKEN = /\S{8,64}/g;
const NOT_SECRET = /^(?:https?:\/\/|www\.)|@|^SSPR_\d+$|^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$|^(?:hr=|0x)?[0-9a-f]{8}$|^\+?\d[\d\s-]*$|^[a-z]+[.,!?]*$|^[A-Z][a-z]+[.,!?]*$/i;

const STOP = new Set(['password', 'reset', 'because', 'something', 'anything', 'nothing', 'everything', 'somewhere']);

/**
 * A lone token shaped like a password: letters, digits and a symbol together, or all four character kinds.
 * Hyphenated words ("cloud-only") and product names ("Windows10") are not.
 */
function looksLikeSecretToken(token: string): boolean {
  const word = token.replace(/[.,!?;:)]+$/, '');
  if (word.length < 8 || NOT_SECRET.test(word) || STOP.has(word.toLowerCase())) return false;
  const lower = /[a-z]/.test(word);
  const upper = /[A-Z]/.test(word);
  const digit = /\d/.test(word);
  const symbol = /[^A-Za-z\d_.-]/.test(word);
  return (lower || upper) && digit && symbol;
}

export function looksLikePassword(text: string): boolean {
  DECLARED.lastIndex = 0;
  const declared = [...text.matchAll(DECLARED)].some((m) => !/^(?:not|wrong|incorrect|expired|reset|correct|right|too|being|still|the|a|an|my)$/i.test(m[2]!.replace(/["']/g, '')));
  if (declared) return true;
  return (text.match(TOKEN) ?? []).some(looksLikeSecretToken);
}

/** The text with anything that looks like a password replaced by [redacted]. */
export function redactSecrets(text: string): string {
  return text
    .replace(DECLARED, (whole, lead: string, value: string) =>
      /^(?:not|wrong|incorrect|expired|reset|correct|right|too|being|still|the|a|an|my)$/i.test(value.replace(/["']/g, '')) ? whole : `${lead}${REDACTED}`,
    )
    .replace(TOKEN, (token) => (looksLikeSecretToken(token) ? REDACTED : token));
}
