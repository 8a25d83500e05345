import { scrubMessage } from '../extractors/index.js';

/** Message text as it may appear in a log with LOG_PII on: passwords and phone numbers never do. */
export const maskForLog = (text: string): string => scrubMessage(text).text;
