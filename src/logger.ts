import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Structured JSON logs. Secrets are always redacted; personal data only when logPii is set. */
export function createLogger(options: { level: string; logPii: boolean }, destination?: pino.DestinationStream): Logger {
  const secrets = ['*.password', '*.MicrosoftAppPassword', '*.authorization', 'req.headers.authorization', '*.connectionString'];
  const personal = options.logPii ? [] : ['*.name', '*.email', '*.text', '*.userPrincipalName'];
  return pino({ level: options.level, redact: { paths: [...secrets, ...personal], censor: '[redacted]' } }, destination);
}
