import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

/** A pino logger whose lines the test can read back, raw and parsed. */
export function capturingLogger(): { logger: Logger; raw: string[]; lines: Array<Record<string, unknown>> } {
  const raw: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLogger({ level: 'trace', logPii: false }, sink), raw, lines };
}
