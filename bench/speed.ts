/**
 * Start-up build time of the classifier and per-message latency (p50, p99) over the dev set's messages.
 * Usage: npm run bench:speed
 */
import '../src/quietDotenv.js';
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '../src/knowledge/index.js';
import { Classifier } from '../src/nlu/index.js';
import { readEvalSet } from './evalSet.js';

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const loadStart = performance.now();
const catalog = loadCatalog();
const loadMs = performance.now() - loadStart;
const builds: number[] = [];
let classifier = new Classifier(catalog);
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  classifier = new Classifier(catalog);
  builds.push(performance.now() - start);
}
const messages = readEvalSet().map((l) => l.text);
// A cold pass first: the typo cache starts empty in production too, so it is measured separately.
const cold: number[] = [];
for (const text of messages) {
  const start = performance.now();
  classifier.classify(text);
  cold.push(performance.now() - start);
}
const warm: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const text of messages) {
    const start = performance.now();
    classifier.classify(text);
    warm.push(performance.now() - start);
  }
}
cold.sort((a, b) => a - b);
warm.sort((a, b) => a - b);
builds.sort((a, b) => a - b);
const ms = (x: number): string => `${x.toFixed(3)} ms`;
console.log(`| measure | value |`);
console.log(`|---|---|`);
console.log(`| catalog load + schema validation | ${ms(loadMs)} |`);
console.log(`| model build (median of 5) | ${ms(quantile(builds, 0.5))} |`);
console.log(`| per message, first pass (${cold.length} msgs): p50 / p99 | ${ms(quantile(cold, 0.5))} / ${ms(quantile(cold, 0.99))} |`);
console.log(`| per message, warm (${warm.length} msgs): p50 / p99 | ${ms(quantile(warm, 0.5))} / ${ms(quantile(warm, 0.99))} |`);
