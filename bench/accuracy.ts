/**
 * Scores the classifier on ../shared/eval/dev.jsonl and dev-generalise.jsonl next to two baselines trained on the
 * same catalog data in the same run: natural's BayesClassifier and node-nlp's NlpManager. Prints Markdown tables:
 * top-1, top-3, out of scope, small talk, per style and per persona, and a calibration table.
 * Usage: npm run bench:accuracy [-- path/to/eval.jsonl ...] [--misses] [--no-baselines]
 */
import '../src/quietDotenv.js';
import natural from 'natural';
import { loadCatalog, type Catalog } from '../src/knowledge/index.js';
import { Classifier, OUT_OF_SCOPE } from '../src/nlu/index.js';
import { DEFAULT_EVAL_PATH, GENERALISE_EVAL_PATH, isRight, pct, readEvalSet, score, type EvalLine, type Prediction, type Scores } from './evalSet.js';

function trainingData(catalog: Catalog): Array<{ text: string; label: string }> {
  return [
    ...catalog.topics.flatMap((t) => [t.title, ...t.symptoms, ...t.errorTexts].map((text) => ({ text, label: t.id }))),
    ...catalog.outOfScope.examples.map((text) => ({ text, label: OUT_OF_SCOPE })),
  ];
}

type Predict = (lines: readonly EvalLine[]) => Promise<Prediction[]>;

function bayesBaseline(catalog: Catalog): Predict {
  const bayes = new natural.BayesClassifier();
  for (const { text, label } of trainingData(catalog)) bayes.addDocument(text, label);
  bayes.train();
  return (lines) =>
    Promise.resolve(
      lines.map((line) => {
        const ranked = bayes.getClassifications(line.text).map((c) => c.label);
        return { ids: ranked.filter((id) => id !== OUT_OF_SCOPE), outOfScope: ranked[0] === OUT_OF_SCOPE, smallTalk: null };
      }),
    );
}

async function nodeNlpBaseline(catalog: Catalog): Promise<Predict> {
  const { NlpManager } = await import('node-nlp');
  const manager = new NlpManager({ languages: ['en'], forceNER: false, nlu: { log: false }, autoSave: false });
  for (const { text, label } of trainingData(catalog)) manager.addDocument('en', text, label);
  await manager.train();
  return async (lines) => {
    const predictions: Prediction[] = [];
    for (const line of lines) {
      const result = await manager.process('en', line.text);
      const ranked = (result.classifications ?? [{ intent: result.intent, score: result.score }]).filter((c) => c.score > 0).map((c) => c.intent);
      const outOfScope = result.intent === 'None' || result.intent === OUT_OF_SCOPE;
      predictions.push({ ids: ranked.filter((id) => id !== OUT_OF_SCOPE && id !== 'None'), outOfScope, smallTalk: null });
    }
    return predictions;
  };
}

const columnsOf = (lines: readonly EvalLine[], key: (l: EvalLine) => string | undefined): string[] =>
  [...new Set(lines.map(key).filter((k): k is string => k !== undefined))].sort();

function printTable(results: ReadonlyArray<readonly [string, Scores]>, styles: readonly string[], personas: readonly string[]): void {
  const head = [
    'classifier',
    'top-1',
    'top-3',
    'OOS precision',
    'OOS recall',
    'in-scope called OOS',
    'small talk',
    ...styles.map((s) => `style ${s}`),
    ...personas.map((p) => `persona ${p}`),
  ];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const [name, s] of results) {
    const talk = s.smallTalkLines ? pct(s.smallTalk) : '–';
    const cells = [
      pct(s.top1),
      pct(s.top3),
      pct(s.oosPrecision),
      pct(s.oosRecall),
      pct(s.wronglyOos),
      talk,
      ...styles.map((k) => pct(s.byStyle[k] ?? 0)),
      ...personas.map((k) => pct(s.byPersona[k] ?? 0)),
    ];
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}

/** How often the top answer is right, per band of reported confidence (answered in-scope lines only). */
function printCalibration(lines: readonly EvalLine[], ours: readonly Prediction[]): void {
  console.log('\n| confidence of top match | answers | top-1 right |');
  console.log('|---|---|---|');
  const bands = [0, 0.2, 0.4, 0.6, 0.8, 1.01];
  for (let b = 0; b < bands.length - 1; b++) {
    const inBand = lines
      .map((line, i) => ({ line, p: ours[i]! }))
      .filter(({ line, p }) => !p.outOfScope && !line.expect.includes('small-talk') && (p.confidence ?? 0) >= bands[b]! && (p.confidence ?? 0) < bands[b + 1]!);
    const right = inBand.filter(({ line, p }) => line.expect.includes(p.ids[0] ?? '')).length;
    console.log(
      `| ${bands[b]!.toFixed(1)}–${Math.min(1, bands[b + 1]!).toFixed(1)} | ${inBand.length} | ${inBand.length ? pct(right / inBand.length) : '–'} |`,
    );
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const paths = args.filter((a) => !a.startsWith('--'));
  const catalog = loadCatalog();
  const classifier = new Classifier(catalog);
  const baselines: Array<[string, Predict]> = args.includes('--no-baselines')
    ? []
    : [
        ['natural BayesClassifier (baseline)', bayesBaseline(catalog)],
        ['node-nlp NlpManager (baseline)', await nodeNlpBaseline(catalog)],
      ];
  for (const path of paths.length ? paths : [DEFAULT_EVAL_PATH, GENERALISE_EVAL_PATH]) {
    const lines = readEvalSet(path);
    const ours: Prediction[] = lines.map((line) => {
      const r = classifier.classify(line.text);
      return { ids: r.matches.map((m) => m.id), outOfScope: r.outOfScope, smallTalk: r.smallTalk, confidence: r.matches[0]?.score ?? 0 };
    });
    const results: Array<readonly [string, Scores]> = [['this classifier', score(lines, ours)]];
    for (const [name, predict] of baselines) results.push([name, score(lines, await predict(lines))]);
    const s = results[0]![1];
    console.log(
      `\n## ${path.split('/').pop()}: ${lines.length} lines, ${s.inScope} in scope, ${lines.length - s.inScope - s.smallTalkLines} out of scope, ${s.smallTalkLines} small talk; catalog: ${catalog.topics.length} topics\n`,
    );
    printTable(
      results,
      columnsOf(lines, (l) => l.style),
      columnsOf(lines, (l) => l.persona),
    );
    printCalibration(lines, ours);
    if (args.includes('--misses')) {
      console.log('\nMisses:');
      lines.forEach((line, i) => {
        const p = ours[i]!;
        if (!isRight(line, p))
          console.log(
            `- [${line.expect.join(',')}] ${line.style ?? ''} got ${p.outOfScope ? 'OOS ' : ''}${p.ids.slice(0, 3).join(', ')} (${(p.confidence ?? 0).toFixed(2)}): ${line.text.slice(0, 140)}`,
          );
      });
    }
  }
}

await main();
