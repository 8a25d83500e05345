/**
 * Per-turn cost of the real bot: POST /api/messages → dialogs → replies to a stub Bot Connector, embedded SQLite store.
 * The bot (bench/turnServer.ts) and the stub connector (bench/stubServer.ts) run in their own processes; this one is
 * the users: 50 conversations, each sending the next message of a realistic script after a think time.
 * Usage: npm run bench:turn [-- --conversations 50 --seconds 15 --think-ms 1000] [--memory | --fsync]
 */
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { teamsMessage } from '../test/helpers/activities.js';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const conversations = arg('conversations', 50);
const seconds = arg('seconds', 15);
const thinkMs = arg('think-ms', 1000);
const memory = process.argv.includes('--memory');
// One realistic conversation: vague, free-text answer, "no", a new coded problem, "yes".
const script = ["reset isn't working", 'the text with the code never arrives on my phone', "that didn't help", 'it says SSPR_0013', 'yes'];

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const child = spawn(
  process.execPath,
  [
    ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
    '--import',
    'tsx',
    'bench/turnServer.ts',
    ...process.argv.slice(2).filter((a) => ['--fsync', '--memory'].includes(a)),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
// The stub connector stands in for Teams, quick to answer; the simulated users yield the CPU (nice 10) on this
// shared box, as if they were on other machines.
const stubProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/stubServer.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
setPriority(10);
const lines = createInterface({ input: child.stdout });
const nextLine = (): Promise<Record<string, unknown>> => new Promise((resolve) => lines.once('line', (l) => resolve(JSON.parse(l) as Record<string, unknown>)));
const { port } = (await nextLine()) as { port: number };
const stub = await new Promise<{ url: string }>((resolve) =>
  createInterface({ input: stubProcess.stdout }).once('line', (l) => resolve(JSON.parse(l) as { url: string })),
);
const base = `http://127.0.0.1:${port}`;

const httpTimes: number[] = [];
let failures = 0;
const deadline = Date.now() + seconds * 1000;
async function converse(n: number): Promise<void> {
  await sleep(Math.random() * thinkMs);
  for (let round = 0; Date.now() < deadline; round++) {
    for (const text of script) {
      if (Date.now() >= deadline) return;
      const body = JSON.stringify(teamsMessage({ text, serviceUrl: stub.url, conversationId: `a:bench-${n}-${round}`, userId: `29:user-${n}` }));
      const start = performance.now();
      const response = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await response.arrayBuffer();
      httpTimes.push(performance.now() - start);
      if (response.status >= 300) failures++;
      await sleep(thinkMs * (0.5 + Math.random()));
    }
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: conversations }, (_, n) => converse(n)));
const elapsed = (performance.now() - started) / 1000;
const result = nextLine();
child.kill('SIGTERM');
const { durations, ownDurations, maxRssMb, loopDelayP99Ms } = (await result) as {
  durations: number[];
  ownDurations: number[];
  maxRssMb: number;
  loopDelayP99Ms: number;
};
stubProcess.kill('SIGTERM');

const ms = (x: number): string => `${x.toFixed(1)} ms`;
console.log(
  `| ${conversations} conversations, think time ~${thinkMs} ms, ${seconds} s, ${memory ? 'memory' : process.argv.includes('--fsync') ? 'SQLite, synchronous=FULL' : 'SQLite (the default)'} store | value |`,
);
console.log('|---|---|');
console.log(`| turns | ${httpTimes.length} (${(httpTimes.length / elapsed).toFixed(0)} turns/s), failures ${failures} |`);
console.log(
  `| bot's own processing (bot.run less waiting for the connector): p50 / p99 | ${ms(quantile(ownDurations, 0.5))} / ${ms(quantile(ownDurations, 0.99))} |`,
);
console.log(`| whole turn (bot.run, connector waits included): p50 / p99 | ${ms(quantile(durations, 0.5))} / ${ms(quantile(durations, 0.99))} |`);
console.log(`| whole HTTP request: p50 / p99 | ${ms(quantile(httpTimes, 0.5))} / ${ms(quantile(httpTimes, 0.99))} |`);
console.log(`| bot process event-loop delay p99 | ${ms(loopDelayP99Ms)} |`);
console.log(`| bot process peak RSS | ${maxRssMb.toFixed(0)} MB |`);
