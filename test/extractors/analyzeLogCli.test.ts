import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnalysisReport } from '../../src/extractors/index.js';

const fixturePath = (name: string): URL => new URL(`../fixtures/eventlog/${name}`, import.meta.url);

function runAnalyzeLog(input: Buffer | string): { report: AnalysisReport; lines: number } {
  const stdout = execFileSync('npm', ['run', '--silent', 'analyze-log'], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  return { report: JSON.parse(stdout) as AnalysisReport, lines: stdout.trimEnd().split('\n').length };
}

describe('npm run --silent analyze-log', () => {
  it('prints one JSON object with the timeline, the root cause, its title and admin fix', () => {
    const { report, lines } = runAnalyzeLog(readFileSync(fixturePath('viewer-33004.txt')));
    expect(lines).toBe(1);
    expect(report).toMatchObject({
      events: 3,
      ignored: 1,
      summary: '31001 PasswordResetStart → 33004 ADPermissionsError → 31003 PasswordResetFail',
      allInformational: false,
      rootCause: { topicId: 'event-33004', event: { id: 33004 }, title: expect.stringMatching(/^Event 33004/) },
    });
    expect(report.rootCause?.fix?.[0]).toMatch(/ADMA/);
  });

  it('exits 0 with {"events":0} when the input holds no event, even bytes that are not UTF-8', () => {
    const { report } = runAnalyzeLog(Buffer.from([0x68, 0x69, 0xff, 0xfe, 0xc3, 0x28, 0x0a]));
    expect(report).toMatchObject({ events: 0, timeline: [], allInformational: false });
    expect(report.rootCause).toBeUndefined();
  });
});
