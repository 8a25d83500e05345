/**
 * Start-up build time of the classifier, the memory the model adds, and per-message latency (p50, p99) over the
 * messages of both eval sets. Usage: npm run bench:speed
 */
import '../src/quietDotenv.js';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '../src/knowledge/index.js';
import { Classifier } from '../src/nlu/index.js';
import { DEFAULT_EVAL_PATH, GENERALISE_EVAL_PATH, readEvalSet } from './evalSet.js';

/** CPU time of the process in ms: on a shared machine wall time also counts the time other processes ran. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

const loadStart = performance.now();
const catalog = loadCatalog();
const loadMs = performance.now() - loadStart;
const messages = [...readEvalSet(DEFAULT_EVAL_PATH), ...readEvalSet(GENERALISE_EVAL_PATH)].map((l) => l.text);

// Memory: resident set before and after the first build (the one production pays), with the catalog already loaded.
gc?.();
const rssBefore = process.memoryUsage().rss;
const firstStart = performance.now();
const firstCpu = cpuMs();
let classifier = new Classifier(catalog);
const firstBuildCpu = cpuMs() - firstCpu;
const firstBuildMs = performance.now() - firstStart;
gc?.();
const rssAfter = process.memoryUsage().rss;

const builds: number[] = [];
const buildCpu: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  const cpu = cpuMs();
  classifier = new Classifier(catalog);
  buildCpu.push(cpuMs() - cpu);
  builds.push(performance.now() - start);
}
// A cold pass first: the typo and stem caches start empty in production too, so it is measured separately.
const cold: number[] = [];
for (const text of messages) {
  const start = performance.now();
  classifier.classify(text);
  cold.push(performance.now() - start);
}
const warm: number[] = [];
const warmCpu: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const text of messages) {
    const start = performance.now();
    const cpu = cpuMs();
    classifier.classify(text);
    warmCpu.push(cpuMs() - cpu);
    warm.push(performance.now() - start);
  }
}
cold.sort((a, b) => a - b);
warm.sort((a, b) => a - b);
builds.sort((a, b) => a - b);
buildCpu.sort((a, b) => a - b);
warmCpu.sort((a, b) => a - b);
const ms = (x: number): string => `${x.toFixed(3)} ms`;
console.log(`| measure | value |`);
console.log(`|---|---|`);
console.log(`| catalog load + schema validation | ${ms(loadMs)} |`);
console.log(`| model build, first (cold JIT): wall / CPU | ${ms(firstBuildMs)} / ${ms(firstBuildCpu)} |`);
console.log(`| model build (median of 5 more): wall / CPU | ${ms(quantile(builds, 0.5))} / ${ms(quantile(buildCpu, 0.5))} |`);
console.log(`| model's extra memory (RSS after first build − before${gc ? ', after gc' : ''}) | ${mb(rssAfter - rssBefore)} |`);
console.log(`| per message, first pass (${cold.length} msgs): p50 / p99 | ${ms(quantile(cold, 0.5))} / ${ms(quantile(cold, 0.99))} |`);
console.log(`| per message, warm (${warm.length} msgs): p50 / p99 wall | ${ms(quantile(warm, 0.5))} / ${ms(quantile(warm, 0.99))} |`);
console.log(`| per message, warm: p50 / p99 CPU | ${ms(quantile(warmCpu, 0.5))} / ${ms(quantile(warmCpu, 0.99))} |`);
console.log(`| load average at the end (1 min, ${os.cpus().length} cores) | ${os.loadavg()[0]!.toFixed(1)} |`);
