import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenPasswords } from '../../src/extractors/secrets.js';

/** Lines of a corpus file, without blank lines and # comments. */
function corpus(name: string): string[] {
  return readFileSync(new URL(`../fixtures/secrets/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

interface Marked {
  readonly message: string;
  readonly secrets: readonly string[];
  /** The words of the message outside the secrets: redaction must leave them. */
  readonly context: readonly string[];
}

function unmark(line: string): Marked {
  const secrets = [...line.matchAll(/⟦([^⟧]+)⟧/g)].map((m) => m[1]!);
  const outside = line.replace(/⟦[^⟧]+⟧/g, ' ');
  return {
    message: line.replace(/[⟦⟧]/g, ''),
    secrets,
    context: outside.match(/\p{L}{3,}/gu) ?? [],
  };
}

const DETECTION_FLOOR = 0.98;
const FALSE_ALARM_CEILING = 0.02;

describe('the password corpora', () => {
  const passwords = corpus('passwords.txt').map(unmark);
  const ordinary = corpus('ordinary.txt');

  it('are large enough to measure: at least 150 passwords and 200 ordinary messages', () => {
    expect(passwords.length).toBeGreaterThanOrEqual(150);
    expect(ordinary.length).toBeGreaterThanOrEqual(200);
    expect(passwords.every((p) => p.secrets.length > 0)).toBe(true);
  });

  it(`catches at least ${DETECTION_FLOOR * 100}% of the messages that hold a password`, () => {
    const missed = passwords.filter((p) => !screenPasswords(p.message).containsPassword).map((p) => p.message);
    expect(1 - missed.length / passwords.length, `missed: ${missed.join(' | ')}`).toBeGreaterThanOrEqual(DETECTION_FLOOR);
  });

  it(`raises at most ${FALSE_ALARM_CEILING * 100}% false alarms on ordinary messages`, () => {
    const alarms = ordinary.filter((line) => screenPasswords(line).containsPassword);
    expect(alarms.length / ordinary.length, `false alarms: ${alarms.join(' | ')}`).toBeLessThanOrEqual(FALSE_ALARM_CEILING);
  });

  it('redacts every marked password of a caught message and keeps the words around it', () => {
    const leaks: string[] = [];
    for (const p of passwords) {
      const screen = screenPasswords(p.message);
      if (!screen.containsPassword) continue;
      const leaked = p.secrets.filter((secret) => screen.redacted.includes(secret));
      const lost = p.context.filter((word) => !screen.redacted.includes(word));
      if (leaked.length > 0 || lost.length > 0) leaks.push(`${screen.redacted} (leaked ${leaked.join(',')}; lost ${lost.join(',')})`);
    }
    expect(leaks).toEqual([]);
  });

  it('leaves ordinary messages exactly as written', () => {
    const changed = ordinary.filter((line) => screenPasswords(line).redacted !== line);
    expect(changed.length / ordinary.length).toBeLessThanOrEqual(FALSE_ALARM_CEILING);
  });
});
