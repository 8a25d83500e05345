/**
 * The store alone: write and read operations per second and their latency (p50, p99), for botbuilder's
 * MemoryStorage and for SqliteStorage (synchronous=NORMAL, the default, and FULL), in one process and in two
 * processes sharing one database file. Each operation is awaited before the next, as a turn does; items are shaped
 * like a conversation's dialog state (about 1.5 KB of JSON); writes are unconditional ('*', as botbuilder saves
 * state) and every tenth one is eTag-checked (as updateItem does for shared lists).
 * Usage: npx tsx bench/storage.ts [--writes 4000 --reads 16000 --keys 500]
 * (internally: bench/storage.ts --worker <store> <dir> <tag> runs one process's share and prints its samples).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemoryStorage, type Storage } from 'botbuilder';
import { SqliteStorage } from '../src/storage/index.js';

type StoreKind = 'memory' | 'sqlite' | 'sqlite-full';

interface Samples {
  /** Milliseconds per operation. */
  readonly writes: number[];
  readonly reads: number[];
  readonly writeSeconds: number;
  readonly readSeconds: number;
}

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
};
const WRITES = arg('writes', 4_000);
const READS = arg('reads', 16_000);
const KEYS = arg('keys', 500);

function openStore(kind: StoreKind, dir: string): Storage {
  if (kind === 'memory') return new MemoryStorage();
  return new SqliteStorage(dir, { synchronous: kind === 'sqlite-full' ? 'FULL' : 'NORMAL' });
}

/** About 1.5 KB of JSON, shaped like the dialog stack and history the bot keeps per conversation. */
function dialogState(n: number): Record<string, unknown> {
  return {
    dialogState: {
      dialogStack: [
        { id: 'main', state: { stepIndex: 1, options: {}, values: { instanceId: `i-${n}` } } },
        { id: 'troubleshoot', state: { stepIndex: n % 4, options: { topicId: 'sms-or-call-not-received' }, values: { asked: ['q1', 'q2'] } } },
      ],
    },
    history: Array.from({ length: 8 }, (_, i) => ({ at: `2026-01-01T00:0${i}:00Z`, text: `turn ${i} of conversation ${n}, a sentence of ordinary length` })),
    profile: { locale: 'en-US', timeZone: 'Europe/Paris', lastTopic: 'sspr-0013' },
  };
}

/** One process's share: WRITES writes then READS reads over KEYS keys (prefixed by `tag` so processes differ). */
async function runWorkload(storage: Storage, tag: string): Promise<Samples> {
  const key = (i: number): string => `msteams/conversations/a:${tag}-${i % KEYS}/`;
  const writes: number[] = [];
  const writesStart = performance.now();
  for (let i = 0; i < WRITES; i++) {
    let change: Record<string, unknown> = { ...dialogState(i), eTag: '*' };
    if (i % 10 === 0 && i >= KEYS) {
      // An eTag-checked update of an item read just before (the read is not timed).
      const current = (await storage.read([key(i)]))[key(i)];
      change = { ...dialogState(i), eTag: current?.eTag ?? '*' };
    }
    const started = performance.now();
    await storage.write({ [key(i)]: change });
    writes.push(performance.now() - started);
  }
  const writeSeconds = (performance.now() - writesStart) / 1000;
  const reads: number[] = [];
  const readsStart = performance.now();
  for (let i = 0; i < READS; i++) {
    const started = performance.now();
    await storage.read([key((i * 7919) % KEYS)]);
    reads.push(performance.now() - started);
  }
  return { writes, reads, writeSeconds, readSeconds: (performance.now() - readsStart) / 1000 };
}

const quantile = (xs: readonly number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

/** Runs `processes` workers at once on one folder, each in its own process, and returns their samples. */
async function runProcesses(kind: StoreKind, processes: number): Promise<Samples[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-storage-'));
  try {
    // The database is created (and its schema written) before the workers start, so they measure steady state.
    if (kind !== 'memory') await (openStore(kind, dir) as SqliteStorage).close();
    return await Promise.all(Array.from({ length: processes }, (_, n) => runWorker(kind, dir, `p${n}`)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runWorker(kind: StoreKind, dir: string, tag: string): Promise<Samples> {
  const args = ['--import', 'tsx', 'bench/storage.ts', '--worker', kind, dir, tag, ...process.argv.slice(2)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as Samples) : reject(new Error(`worker ${tag} exited with ${code}`))));
  });
}

function row(label: string, results: readonly Samples[]): string {
  // Throughput adds up over processes; latency quantiles are over every process's operations.
  const writeRate = results.reduce((sum, r) => sum + r.writes.length / r.writeSeconds, 0);
  const readRate = results.reduce((sum, r) => sum + r.reads.length / r.readSeconds, 0);
  const writes = results.flatMap((r) => r.writes);
  const reads = results.flatMap((r) => r.reads);
  const ms = (x: number): string => x.toFixed(3);
  return `| ${label} | ${Math.round(writeRate).toLocaleString('en-US')} | ${ms(quantile(writes, 0.5))} | ${ms(quantile(writes, 0.99))} | ${Math.round(readRate).toLocaleString('en-US')} | ${ms(quantile(reads, 0.5))} | ${ms(quantile(reads, 0.99))} |`;
}

if (process.argv[2] === '--worker') {
  const [kind, dir, tag] = process.argv.slice(3) as [StoreKind, string, string];
  const storage = openStore(kind, dir);
  const samples = await runWorkload(storage, tag);
  if (storage instanceof SqliteStorage) await storage.close();
  process.stdout.write(JSON.stringify(samples));
} else {
  process.stdout.write(`Storage bench: ${WRITES} writes then ${READS} reads per process, ${KEYS} keys per process, items of about 1.5 KB\n\n`);
  process.stdout.write(
    '| store | writes/s | write p50 ms | write p99 ms | reads/s | read p50 ms | read p99 ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n',
  );
  const cases: Array<[string, StoreKind, number]> = [
    ['MemoryStorage, 1 process', 'memory', 1],
    ['SQLite (NORMAL), 1 process', 'sqlite', 1],
    ['SQLite (FULL, fsync each commit), 1 process', 'sqlite-full', 1],
    ['SQLite (NORMAL), 2 processes on one file', 'sqlite', 2],
  ];
  for (const [label, kind, processes] of cases) process.stdout.write(`${row(label, await runProcesses(kind, processes))}\n`);
  process.stdout.write('\nMemoryStorage cannot be shared between processes, so it has no two-process row.\n');
}
