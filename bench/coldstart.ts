/**
 * Cold start and idle memory of the compiled bot against the compiled echo bot, in one run:
 *   - cold start: process spawned → first 200 on /healthz;
 *   - idle RSS: the server process's resident memory 2 s after that, with no traffic.
 * The bot runs as `npm start` runs it (node with its options, tools/start.mjs, dist/ already built); the echo bot is
 * bench/echoServer.ts compiled. Each is started --runs times, alternating, and the medians are compared.
 * Usage: npm run bench:coldstart [-- --runs 5] [--bot-under-tsx]
 * --bot-under-tsx starts the bot from its TypeScript sources through tsx, as `npm start` did before the build existed;
 * --bot-dir <checkout> starts it from another checkout (e.g. an older commit, with --bot-under-tsx) for a before/after
 * comparison against the same echo bot in the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildBenchServers, startOptionsOf } from './compiled.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const at = process.argv.indexOf('--runs');
const runs = at >= 0 ? Number(process.argv[at + 1]) : 5;
if (!Number.isInteger(runs) || runs < 1) throw new Error('usage: bench/coldstart.ts [--runs 5]');

interface Sample {
  readonly startMs: number;
  readonly idleRssMb: number;
}

const rssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
};

/** Resolves with the port once the child prints it: {"port": n} (echo) or the bot's "bot listening" log line. */
function portOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { port?: unknown; url?: unknown; msg?: unknown };
        if (typeof entry.port === 'number') resolve(entry.port);
        else if (entry.msg === 'bot listening' && typeof entry.url === 'string') resolve(Number(new URL(entry.url).port));
      } catch {
        // not a JSON line
      }
    });
    child.once('exit', () => reject(new Error(`${child.spawnargs.join(' ')} exited before listening`)));
  });
}

async function firstHealthy(port: number): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

const botDirAt = process.argv.indexOf('--bot-dir');
const botDir = botDirAt >= 0 ? process.argv[botDirAt + 1] : undefined;

async function sample(args: readonly string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<Sample> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--no-deprecation', ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const port = await portOf(child);
    await firstHealthy(port);
    const startMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 2000));
    return { startMs, idleRssMb: rssMb(child.pid!) };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

buildBenchServers();
const dir = mkdtempSync(join(tmpdir(), 'sspr-coldstart-'));
const bot: Sample[] = [];
const echo: Sample[] = [];
try {
  for (let i = 0; i < runs; i++) {
    process.stderr.write(`run ${i + 1} of ${runs}…\n`);
    // With the node options of that checkout's `npm start`.
    const botArgs = [
      ...startOptionsOf(botDir ?? ROOT),
      ...(process.argv.includes('--bot-under-tsx') ? ['--import', 'tsx', 'src/index.ts'] : ['tools/start.mjs']),
    ];
    const botEnv = { PORT: '0', HOST: '127.0.0.1', STORAGE_DIR: join(dir, String(i)), MicrosoftAppId: '', LOG_LEVEL: 'info' };
    bot.push(await sample(botArgs, botEnv, botDir));
    echo.push(await sample([join(ROOT, 'dist/bench/echoServer.js')], {}));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const row = (name: string, samples: readonly Sample[]): string =>
  `| ${name} | ${median(samples.map((s) => s.startMs)).toFixed(0)} ms (${Math.min(...samples.map((s) => s.startMs)).toFixed(0)}–${Math.max(...samples.map((s) => s.startMs)).toFixed(0)}) | ${median(samples.map((s) => s.idleRssMb)).toFixed(0)} MB |`;
const startRatio = median(bot.map((s) => s.startMs)) / median(echo.map((s) => s.startMs));
const rssRatio = median(bot.map((s) => s.idleRssMb)) / median(echo.map((s) => s.idleRssMb));
console.log(
  [
    '| server (compiled) | cold start to first 200 on /healthz, median (range) | idle RSS, median |',
    '|---|---:|---:|',
    row('bot (npm start)', bot),
    row('echo bot', echo),
    `| **bot / echo** | **${startRatio.toFixed(2)}×** (target ≤ 2×) | **${rssRatio.toFixed(2)}×** (target ≤ 1.6×) |`,
    '',
    `${runs} starts of each, alternating, on this machine in one run.`,
  ].join('\n'),
);
