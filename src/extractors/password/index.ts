export { screenPasswords, findPasswords, REDACTED, type PasswordScreen } from './screen.js';
export type { Span } from './declared.js';
