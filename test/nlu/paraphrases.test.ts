import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/knowledge/index.js';
import { Classifier } from '../../src/nlu/index.js';

/**
 * Messages written for these tests in words the catalog does not use (none is a copy of an eval line): a guard that
 * the classifier keeps reading meaning, not that it knows these lines. Thresholds sit below today's scores.
 */
interface Line {
  readonly text: string;
  readonly expect: readonly string[];
  readonly style: string;
}

const lines = readFileSync(new URL('./fixtures/paraphrases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Line);
const classifier = new Classifier(loadCatalog());

function isRight(line: Line): boolean {
  const r = classifier.classify(line.text);
  if (line.expect.includes('small-talk')) return r.smallTalk !== null;
  if (line.expect.includes('out-of-scope')) return r.outOfScope;
  return !r.outOfScope && line.expect.includes(r.matches[0]?.id ?? '');
}

const share = (subset: readonly Line[]): number => subset.filter(isRight).length / subset.length;

describe('messages in words the catalog does not use', () => {
  it('has enough of them to mean something', () => {
    expect(lines.length).toBeGreaterThan(100);
  });

  it('gets most of the in-scope ones right at the first answer', () => {
    expect(share(lines.filter((l) => !l.expect.includes('out-of-scope') && !l.expect.includes('small-talk')))).toBeGreaterThanOrEqual(0.85);
  });

  it('calls the near misses out of scope', () => {
    expect(share(lines.filter((l) => l.expect.includes('out-of-scope')))).toBeGreaterThanOrEqual(0.9);
  });

  it('recognises the small talk', () => {
    expect(share(lines.filter((l) => l.expect.includes('small-talk')))).toBeGreaterThanOrEqual(0.9);
  });
});
