import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface EvalLine {
  readonly text: string;
  readonly expect: readonly string[];
  readonly persona: string;
  /** How the line was written (dev-generalise.jsonl): paraphrase, typo, near-miss, conversational… */
  readonly style?: string;
}

export const EVAL_DIR = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
export const DEFAULT_EVAL_PATH = `${EVAL_DIR}dev.jsonl`;
export const GENERALISE_EVAL_PATH = `${EVAL_DIR}dev-generalise.jsonl`;

/** The label of lines that are conversational replies, right when the classifier recognises small talk. */
export const SMALL_TALK = 'small-talk';
const OUT_OF_SCOPE = 'out-of-scope';

export function readEvalSet(path = DEFAULT_EVAL_PATH): EvalLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalLine);
}

export interface Prediction {
  readonly ids: readonly string[];
  readonly outOfScope: boolean;
  readonly smallTalk?: string | null;
  readonly confidence?: number;
}

export interface Scores {
  readonly lines: number;
  readonly inScope: number;
  readonly top1: number;
  readonly top3: number;
  readonly oosPrecision: number;
  readonly oosRecall: number;
  readonly wronglyOos: number;
  /** Share of small-talk lines recognised as small talk (NaN-free: 0 when the set has none). */
  readonly smallTalk: number;
  readonly smallTalkLines: number;
  /** Share of lines right, by the rule of isRight, per persona and per style. */
  readonly byPersona: Record<string, number>;
  readonly byStyle: Record<string, number>;
}

const ratio = (n: number, d: number): number => (d === 0 ? 0 : n / d);

/** The before-stop hook's rule: small talk recognised, out of scope called so, or the top match expected. */
export function isRight(line: EvalLine, p: Prediction): boolean {
  if (line.expect.includes(SMALL_TALK)) return typeof p.smallTalk === 'string' && p.smallTalk !== '';
  if (line.expect.includes(OUT_OF_SCOPE)) return p.outOfScope;
  return !p.outOfScope && line.expect.includes(p.ids[0] ?? '');
}

function shares(lines: readonly EvalLine[], predictions: readonly Prediction[], key: (l: EvalLine) => string | undefined): Record<string, number> {
  const buckets: Record<string, { n: number; ok: number }> = {};
  lines.forEach((line, i) => {
    const k = key(line);
    if (k === undefined) return;
    const bucket = (buckets[k] ??= { n: 0, ok: 0 });
    bucket.n++;
    if (isRight(line, predictions[i]!)) bucket.ok++;
  });
  return Object.fromEntries(Object.entries(buckets).map(([k, v]) => [k, ratio(v.ok, v.n)]));
}

/** Top-k counts only when the message was not called out of scope: the bot would not have answered it. */
export function score(lines: readonly EvalLine[], predictions: readonly Prediction[]): Scores {
  let inScope = 0,
    top1 = 0,
    top3 = 0,
    wronglyOos = 0,
    predictedOos = 0,
    trueOos = 0,
    hitOos = 0,
    talk = 0,
    talkHit = 0;
  lines.forEach((line, i) => {
    const p = predictions[i]!;
    if (line.expect.includes(SMALL_TALK)) {
      talk++;
      if (isRight(line, p)) talkHit++;
      return;
    }
    const isOos = line.expect.includes(OUT_OF_SCOPE);
    if (p.outOfScope) predictedOos++;
    if (isOos) {
      trueOos++;
      if (p.outOfScope) hitOos++;
      return;
    }
    inScope++;
    if (p.outOfScope) {
      wronglyOos++;
      return;
    }
    if (line.expect.includes(p.ids[0] ?? '')) top1++;
    if (p.ids.slice(0, 3).some((id) => line.expect.includes(id))) top3++;
  });
  return {
    lines: lines.length,
    inScope,
    top1: ratio(top1, inScope),
    top3: ratio(top3, inScope),
    oosPrecision: ratio(hitOos, predictedOos),
    oosRecall: ratio(hitOos, trueOos),
    wronglyOos: ratio(wronglyOos, inScope),
    smallTalk: ratio(talkHit, talk),
    smallTalkLines: talk,
    byPersona: shares(lines, predictions, (l) => l.persona),
    byStyle: shares(lines, predictions, (l) => l.style),
  };
}

export const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
