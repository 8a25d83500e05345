/**
 * Scores the classifier on ../shared/eval/dev.jsonl next to two baselines trained on the same catalog
 * data in the same run: natural's BayesClassifier and node-nlp's NlpManager. Prints a Markdown table.
 * Usage: npm run bench:accuracy [-- path/to/eval.jsonl] [--misses]
 */
import '../src/quietDotenv.js';
import natural from 'natural';
import { loadCatalog, type Catalog } from '../src/knowledge/index.js';
import { Classifier, OUT_OF_SCOPE } from '../src/nlu/index.js';
import { pct, readEvalSet, score, type EvalLine, type Prediction, type Scores } from './evalSet.js';

function trainingData(catalog: Catalog): Array<{ text: string; label: string }> {
  return [
    ...catalog.topics.flatMap((t) => [t.title, ...t.symptoms, ...t.errorTexts].map((text) => ({ text, label: t.id }))),
    ...catalog.outOfScope.examples.map((text) => ({ text, label: OUT_OF_SCOPE })),
  ];
}

function bayesPredictions(catalog: Catalog, lines: readonly EvalLine[]): Prediction[] {
  const bayes = new natural.BayesClassifier();
  for (const { text, label } of trainingData(catalog)) bayes.addDocument(text, label);
  bayes.train();
  return lines.map((line) => {
    const ranked = bayes.getClassifications(line.text).map((c) => c.label);
    const outOfScope = ranked[0] === OUT_OF_SCOPE;
    return { ids: ranked.filter((id) => id !== OUT_OF_SCOPE), outOfScope };
  });
}

async function nodeNlpPredictions(catalog: Catalog, lines: readonly EvalLine[]): Promise<Prediction[]> {
  const { NlpManager } = await import('node-nlp');
  const manager = new NlpManager({ languages: ['en'], forceNER: false, nlu: { log: false }, autoSave: false });
  for (const { text, label } of trainingData(catalog)) manager.addDocument('en', text, label);
  await manager.train();
  const predictions: Prediction[] = [];
  for (const line of lines) {
    const result = await manager.process('en', line.text);
    const ranked = (result.classifications ?? [{ intent: result.intent, score: result.score }])
      .filter((c) => c.score > 0)
      .map((c) => c.intent);
    const outOfScope = result.intent === 'None' || result.intent === OUT_OF_SCOPE;
    predictions.push({ ids: ranked.filter((id) => id !== OUT_OF_SCOPE && id !== 'None'), outOfScope });
  }
  return predictions;
}

function row(name: string, s: Scores, personas: readonly string[]): string {
  const cells = [pct(s.top1), pct(s.top3), pct(s.oosPrecision), pct(s.oosRecall), pct(s.wronglyOos), ...personas.map((p) => pct(s.byPersona[p] ?? 0))];
  return `| ${name} | ${cells.join(' | ')} |`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const lines = readEvalSet(args.find((a) => !a.startsWith('--')));
  const catalog = loadCatalog();
  const classifier = new Classifier(catalog);
  const ours: Prediction[] = lines.map((line) => {
    const r = classifier.classify(line.text);
    return { ids: r.matches.map((m) => m.id), outOfScope: r.outOfScope, confidence: r.matches[0]?.score ?? 0 };
  });
  const personas = [...new Set(lines.map((l) => l.persona))].sort();
  const results: Array<[string, Scores]> = [
    ['this classifier', score(lines, ours)],
    ['natural BayesClassifier', score(lines, bayesPredictions(catalog, lines))],
    ['node-nlp NlpManager', score(lines, await nodeNlpPredictions(catalog, lines))],
  ];
  const inScope = results[0]![1].inScope;
  console.log(`dev set: ${lines.length} lines, ${inScope} in scope, ${lines.length - inScope} out of scope; catalog: ${catalog.topics.length} topics\n`);
  console.log(`| classifier | top-1 | top-3 | OOS precision | OOS recall | in-scope called OOS | ${personas.map((p) => `top-1 ${p}`).join(' | ')} |`);
  console.log(`|---|---|---|---|---|---|${personas.map(() => '---').join('|')}|`);
  for (const [name, s] of results) console.log(row(name, s, personas));

  // Calibration: how often the top answer is right, per band of reported confidence (in-scope answers only).
  console.log('\n| confidence of top match | answers | top-1 right |');
  console.log('|---|---|---|');
  const bands = [0, 0.2, 0.4, 0.6, 0.8, 1.01];
  for (let b = 0; b < bands.length - 1; b++) {
    const inBand = lines
      .map((line, i) => ({ line, p: ours[i]! }))
      .filter(({ p }) => !p.outOfScope && (p.confidence ?? 0) >= bands[b]! && (p.confidence ?? 0) < bands[b + 1]!);
    const right = inBand.filter(({ line, p }) => line.expect.includes(p.ids[0] ?? '')).length;
    console.log(`| ${bands[b]!.toFixed(1)}–${Math.min(1, bands[b + 1]!).toFixed(1)} | ${inBand.length} | ${inBand.length ? pct(right / inBand.length) : '–'} |`);
  }

  if (args.includes('--misses')) {
    console.log('\nMisses:');
    lines.forEach((line, i) => {
      const p = ours[i]!;
      const isOos = line.expect.includes('out-of-scope');
      const ok = isOos ? p.outOfScope : !p.outOfScope && line.expect.includes(p.ids[0] ?? '');
      if (!ok) console.log(`- [${line.expect.join(',')}] got ${p.outOfScope ? 'OOS ' : ''}${p.ids.slice(0, 3).join(', ')} (${(p.confidence ?? 0).toFixed(2)}): ${line.text.slice(0, 140)}`);
    });
  }
}

await main();
