/**
 * The names callers have used since the first version; the detector itself is in ./password/. New callers use
 * screenPasswords, which answers both questions in one pass.
 */
import { screenPasswords } from './password/index.js';

export { screenPasswords, type PasswordScreen } from './password/index.js';

/** Whether the text holds something that looks like a password. */
export function looksLikePassword(text: string): boolean {
  return screenPasswords(text).containsPassword;
}

/** The text with anything that looks like a password replaced by [redacted]. */
export function redactSecrets(text: string): string {
  return screenPasswords(text).redacted;
}
