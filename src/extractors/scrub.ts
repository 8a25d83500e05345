import { maskPhoneNumbers, type CountryCode } from './phone.js';
import { screenPasswords } from './password/index.js';

export interface ScrubbedText {
  /** The text with every password replaced by [redacted] and every phone number masked ("+1 ••• ••• ••00"). */
  readonly text: string;
  readonly hadPassword: boolean;
}

/**
 * What may be stored or logged of a message: passwords removed, phone numbers masked, everything else as written.
 * Passwords go first, so that a password made of digits is never half-masked as a phone number.
 */
export function scrubMessage(text: string, defaultCountry?: CountryCode): ScrubbedText {
  const screen = screenPasswords(text);
  return { text: maskPhoneNumbers(screen.redacted, defaultCountry), hadPassword: screen.containsPassword };
}
