import { findPhoneNumber, redactSecrets } from '../extractors/index.js';

/** Message text as it may appear in a log with LOG_PII on: passwords and phone numbers never do. */
export function maskForLog(text: string): string {
  let masked = redactSecrets(text);
  for (let found = findPhoneNumber(masked), guard = 0; found && guard < 50; found = findPhoneNumber(masked), guard++) {
    masked = masked.replace(found, '[phone number]');
  }
  return masked;
}
