import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface EvalLine {
  readonly text: string;
  readonly expect: readonly string[];
  readonly persona: string;
}

export const DEFAULT_EVAL_PATH = fileURLToPath(new URL('../../shared/eval/dev.jsonl', import.meta.url));

export function readEvalSet(path = DEFAULT_EVAL_PATH): EvalLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalLine);
}

export interface Prediction {
  readonly ids: readonly string[];
  readonly outOfScope: boolean;
  readonly confidence?: number;
}

export interface Scores {
  readonly inScope: number;
  readonly top1: number;
  readonly top3: number;
  readonly oosPrecision: number;
  readonly oosRecall: number;
  readonly wronglyOos: number;
  readonly byPersona: Record<string, number>;
}

const ratio = (n: number, d: number): number => (d === 0 ? 0 : n / d);

/** Top-k counts only when the message was not called out of scope: the bot would not have answered it. */
export function score(lines: readonly EvalLine[], predictions: readonly Prediction[]): Scores {
  let inScope = 0, top1 = 0, top3 = 0, wronglyOos = 0, predictedOos = 0, trueOos = 0, hitOos = 0;
  const persona: Record<string, { n: number; ok: number }> = {};
  lines.forEach((line, i) => {
    const p = predictions[i]!;
    const isOos = line.expect.includes('out-of-scope');
    if (p.outOfScope) predictedOos++;
    const bucket = (persona[line.persona] ??= { n: 0, ok: 0 });
    bucket.n++;
    if (isOos) {
      trueOos++;
      if (p.outOfScope) { hitOos++; bucket.ok++; }
      return;
    }
    inScope++;
    if (p.outOfScope) { wronglyOos++; return; }
    if (line.expect.includes(p.ids[0] ?? '')) { top1++; bucket.ok++; }
    if (p.ids.slice(0, 3).some((id) => line.expect.includes(id))) top3++;
  });
  return {
    inScope,
    top1: ratio(top1, inScope),
    top3: ratio(top3, inScope),
    oosPrecision: ratio(hitOos, predictedOos),
    oosRecall: ratio(hitOos, trueOos),
    wronglyOos: ratio(wronglyOos, inScope),
    byPersona: Object.fromEntries(Object.entries(persona).map(([k, v]) => [k, ratio(v.ok, v.n)])),
  };
}

export const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
