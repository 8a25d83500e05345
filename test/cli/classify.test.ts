import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface Line {
  text: string;
  matches: Array<{ id: string; score: number }>;
  outOfScope: boolean;
  smallTalk: string | null;
}

function runClassify(input: Buffer | string, args: string[] = []): Line[] {
  const stdout = execFileSync('npm', ['run', '--silent', 'classify', ...(args.length ? ['--', ...args] : [])], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
}

describe('npm run --silent classify', () => {
  it('answers one JSON line per input line, in order, and prints nothing else', () => {
    const hostile = [
      'it says SSPR_0013',
      '',
      'x'.repeat(100 * 1024),
      '🔒🔑 my password 😭',
      'Ich kann mein Passwort nicht zurücksetzen',
      'パスワードをリセットできません',
      'bad\u0001control\u0007chars\u001b[31m',
      'my printer is jammed',
    ];
    const input = Buffer.concat([
      Buffer.from(hostile.join('\n') + '\n'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]), // invalid UTF-8, then a newline
    ]);
    const lines = runClassify(input);
    expect(lines).toHaveLength(hostile.length + 1);
    lines.forEach((line) => {
      expect(Array.isArray(line.matches)).toBe(true);
      expect(line.matches.length).toBeLessThanOrEqual(5);
      expect(typeof line.outOfScope).toBe('boolean');
      expect(Object.keys(line).sort()).toEqual(['matches', 'outOfScope', 'smallTalk', 'text']);
    });
    expect(lines[0]!.matches[0]!.id).toBe('sspr-0013');
    expect(lines[0]!.text).toBe('it says SSPR_0013');
    expect(lines[1]!.outOfScope).toBe(true);
    expect(lines[7]!.outOfScope).toBe(true);
    expect(lines[8]!.outOfScope).toBe(true);
    expect(lines[0]!.smallTalk).toBeNull();
  });

  it('says which small talk a message is', () => {
    const lines = runClassify('thanks, all sorted now\nhello\ncan I talk to a person\nstill not working, same as before\n');
    expect(lines.map((l) => l.smallTalk)).toEqual(['resolved', 'greeting', 'human', 'still-broken']);
    for (const line of lines) expect(line.matches).toEqual([]);
  });

  it('classifies one message given with --text', () => {
    const [line, ...rest] = runClassify('', ['--text', 'the code never arrives on my phone']);
    expect(rest).toEqual([]);
    expect(line!.outOfScope).toBe(false);
    expect(line!.matches.length).toBeGreaterThan(0);
  });
});
