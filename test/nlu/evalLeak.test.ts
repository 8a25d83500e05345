import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/knowledge/index.js';
import { SHARED_DIR } from '../helpers/shared.js';

/** The eval files measure the classifier; nothing the classifier learns from may copy them. */
const EVAL_FILES = ['dev.jsonl', 'dev-generalise.jsonl'];
const NEAR_COPY = 0.6;

const tokens = (text: string): Set<string> =>
  new Set(
    text
      .toLowerCase()
      .replace(/['’]/g, '')
      .match(/[a-z0-9]+/g) ?? [],
  );

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

const evalDir = `${SHARED_DIR}/eval`;
const haveEval = existsSync(evalDir);
const evalLines = haveEval
  ? EVAL_FILES.flatMap((name) =>
      readFileSync(`${evalDir}/${name}`, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as { text: string }).text),
    ).map((text) => ({ text, tokens: tokens(text) }))
  : [];

function nearCopies(entries: readonly string[], minTokens = 1): string[] {
  const found: string[] = [];
  for (const entry of entries) {
    const t = tokens(entry);
    if (t.size < minTokens) continue;
    for (const line of evalLines) {
      if (jaccard(t, line.tokens) >= NEAR_COPY) found.push(`${JSON.stringify(entry)} ~ ${JSON.stringify(line.text)}`);
    }
  }
  return found;
}

const catalog = loadCatalog();
const g = catalog.outOfScope.gazetteer;

// Only when the eval folder is missing (a clone without ../shared) are these checks skipped, and the skip says why.
const check = it.skipIf(!haveEval);
const whereEval = haveEval ? '' : ` (skipped: ${evalDir} is absent)`;

describe(`what the classifier learns from${whereEval}`, () => {
  check('reads both eval files', () => {
    expect(evalLines.length).toBeGreaterThan(300);
  });

  check('has no catalog symptom that is a near copy of an eval line', () => {
    expect(nearCopies(catalog.topics.flatMap((t) => t.symptoms))).toEqual([]);
  });

  check('has no out-of-scope example that is a near copy of an eval line', () => {
    expect(nearCopies(catalog.outOfScope.examples)).toEqual([]);
  });

  // A single word ("hi", "licence", "sap") is vocabulary, not a phrasing: an eval line that is one word can't be
  // kept out of a dictionary. Every entry of two words or more is checked.
  check('has no lexicon or gazetteer entry of two words or more that is a near copy of an eval line', () => {
    const lexicon = [...catalog.concepts.concepts.flatMap((c) => c.forms), ...Object.values(catalog.concepts.smallTalk).flat()];
    const gazetteer = g ? [...g.consumer, ...g.enterprise, ...g.file, ...g.devices, ...g.deviceSecrets, ...g.standaloneDevice, ...g.inScope] : [];
    expect(nearCopies([...lexicon, ...gazetteer], 2)).toEqual([]);
  });

  check('has no test paraphrase that is a near copy of an eval line', () => {
    const fixture = readFileSync(new URL('./fixtures/paraphrases.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { text: string }).text);
    expect(nearCopies(fixture)).toEqual([]);
  });

  check('catches a near copy', () => {
    const line = evalLines[0]!.text;
    expect(nearCopies([line])).not.toEqual([]);
  });
});
