import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startHttpBot } from '../helpers/httpBot.js';

function collectingLogger(logPii: boolean) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', logPii }, sink) };
}

describe('structured logs', () => {
  it('log each turn with a correlation id and ids only, never the text or a password', async () => {
    const { lines, logger } = collectingLogger(false);
    const bot = await startHttpBot({ logger });
    try {
      await bot.say({ text: 'my password is Summer2024! and it says SSPR_0013', conversationId: 'a:log-1' });
      const turn = lines.find((l) => l.msg === 'turn done');
      expect(turn).toMatchObject({ conversationId: 'a:log-1', type: 'message' });
      expect(typeof turn!.correlationId).toBe('string');
      const all = JSON.stringify(lines);
      expect(all).not.toContain('Summer2024');
      expect(all).not.toContain('SSPR_0013');
    } finally {
      await bot.close();
    }
  });

  it('include the message text when LOG_PII is on, with passwords still redacted', async () => {
    const { lines, logger } = collectingLogger(true);
    const bot = await startHttpBot({ logger, logPii: true });
    try {
      await bot.say({ text: 'my password is Summer2024! and it says SSPR_0013', conversationId: 'a:log-2' });
      const all = JSON.stringify(lines);
      expect(all).toContain('SSPR_0013');
      expect(all).not.toContain('Summer2024');
    } finally {
      await bot.close();
    }
  });

  it.each([
    ['a password given as the whole answer', 'P@ssw0rd123', ['P@ssw0rd123']],
    ['a passphrase after "password:"', 'password: correct horse battery staple', ['correct horse battery staple']],
    ['two phone numbers', 'texts never reach +1 425 555 0100 or +44 20 7946 0958', ['555 0100', '5550100', '7946 0958', '79460958']],
  ])('never log %s, even with LOG_PII on', async (_name, text, secrets) => {
    const { lines, logger } = collectingLogger(true);
    const bot = await startHttpBot({ logger, logPii: true });
    try {
      await bot.say({ text, conversationId: `a:log-${secrets.length}-${text.length}` });
      for (const secret of secrets)
        expect(
          lines.filter((l) => JSON.stringify(l).includes(secret)),
          secret,
        ).toEqual([]);
    } finally {
      await bot.close();
    }
  });
});
