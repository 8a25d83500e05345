import { describe, expect, it } from 'vitest';
import { looksLikePassword, redactSecrets, screenPasswords } from '../../src/extractors/secrets.js';

describe('screenPasswords', () => {
  it.each([
    ['P@ssw0rd123', '[redacted]'],
    ['Secret@Corp2025', '[redacted]'],
    ['Summer2024x', '[redacted]'],
    ['Blue.Sky.42', '[redacted]'],
    ['password: correct horse battery staple', 'password: [redacted]'],
    ['https://x.y/Pw!9a', '[redacted]'],
  ])('catches %j, which the first detector missed, and redacts it to %j', (text, redacted) => {
    expect(screenPasswords(text)).toEqual({ containsPassword: true, redacted });
  });

  it.each([
    'an email told me my work password was reset',
    'my UPN is jane.doe@contoso.com',
    'SSPR_0013',
    'AADConnect',
    '31001',
    'MS-ADMA',
    'tracking id 6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20',
    'call +1 425 555 0100 at 9:40',
  ])('leaves %j alone', (text) => {
    expect(screenPasswords(text)).toEqual({ containsPassword: false, redacted: text });
  });

  it('replaces only the secret and keeps the sentence readable', () => {
    expect(screenPasswords('I tried Summer2024x three times, then SSPR_0013 at 9:41.').redacted).toBe(
      'I tried [redacted] three times, then SSPR_0013 at 9:41.',
    );
  });

  it('redacts every password of a message, each in place', () => {
    expect(screenPasswords('old one Mountain99! new one Mountain100!').redacted).toBe('old one [redacted] new one [redacted]');
  });

  it('keeps quotes and punctuation around a redacted value', () => {
    expect(screenPasswords('my password is "letmein", right?').redacted).toBe('my password is "[redacted]", right?');
    expect(screenPasswords('(Winter2025!)').redacted).toBe('([redacted])');
  });

  it('ends a value where the next key=value field starts', () => {
    expect(screenPasswords('password=Orbit_9_Moon;user=jsmith').redacted).toBe('password=[redacted];user=jsmith');
  });

  it('says nothing about a value that is not text', () => {
    expect(screenPasswords(undefined as unknown as string)).toEqual({ containsPassword: false, redacted: '' });
    expect(screenPasswords('')).toEqual({ containsPassword: false, redacted: '' });
  });

  it('screens a typical message in well under 0.2 ms', () => {
    const messages = ['I tried Summer2024x three times and it still fails', 'my password expired this morning, event 33004 at 9:41'];
    const rounds = 2000;
    const started = performance.now();
    for (let i = 0; i < rounds; i++) for (const m of messages) screenPasswords(m);
    expect((performance.now() - started) / (rounds * messages.length)).toBeLessThan(0.2);
  });

  it.each([
    ['upper-case groups', `${'AB-'.repeat(30_000)}ab!`],
    ['one 100 KB token', 'x'.repeat(100_000)],
    ['ten thousand cues', 'password: '.repeat(10_000)],
    ['key=value fields', `${'a=b;'.repeat(20_000)}!`],
  ])('screens a hostile message of %s in bounded time', (_label, text) => {
    const started = performance.now();
    screenPasswords(text);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stays linear on a 100 KB message', () => {
    const text = 'my password is not Summer2024x, see https://aka.ms/sspr '.repeat(2000);
    const started = performance.now();
    const screen = screenPasswords(text);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(screen.redacted).not.toContain('Summer2024x');
  });
});

describe('the first names, kept for their callers', () => {
  it('looksLikePassword and redactSecrets agree with screenPasswords', () => {
    const text = 'my password is Gr33nTea* ok';
    expect(looksLikePassword(text)).toBe(true);
    expect(redactSecrets(text)).toBe('my password is [redacted] ok');
    expect(looksLikePassword('my password is not working')).toBe(false);
  });
});
