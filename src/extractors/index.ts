/** Pure parsers over what users and admins paste: event logs, phone numbers, times, support codes, secrets. */
export * from './eventLog/index.js';
export { buildReport, type AnalysisReport } from './eventLog/report.js';
export { decodeText } from './eventLog/decodeText.js';
export {
  checkPhoneNumber,
  findPhoneNumber,
  findPhoneNumbers,
  maskPhoneNumber,
  maskPhoneNumbers,
  reviewPhoneNumber,
  type FoundPhoneNumber,
  type PhoneReview,
  type PhoneCheck,
  type PhoneProblem,
  type CountryCode,
} from './phone.js';
export { parseLastAttempt, retryTime, throttleStatus, formatLocal, THROTTLE_WAIT_MS, type ThrottleStatus } from './throttleClock.js';
export { findSupportCode, formatSupportCode, type SupportCode } from './supportCodes.js';
export { looksLikePassword, redactSecrets, screenPasswords, type PasswordScreen } from './secrets.js';
export { messageTime } from './messageTime.js';
export { scrubMessage, type ScrubbedText } from './scrub.js';
