/**
 * One monitoring notification to 1,000 subscribed conversations through a stub Bot Connector that throttles like
 * Teams: per conversation 7 messages a second and 60 in 30 s, per bot 50 requests a second, and 429 with
 * Retry-After past either. Reports the time, the send rate, the 429s received and how often each conversation got it.
 *
 * Usage: npm run bench:fanout [-- --subscribers 1000] [-- --mode in-process|kill|two]
 *   in-process  one Notifier in this process, on MemoryStorage (the default)
 *   kill        a sender process on SQLite, killed with SIGKILL halfway through the fan-out and started again
 *               (right after a message was accepted; add --random-kill to kill 0–1,000 ms later)
 *   two         two sender processes on one Azurite (Blob) container; the lease lets one send at a time
 *               (add --handover to shut the sending one down cleanly halfway: the other takes over)
 * Internally the other modes start this file again with --worker.
 */
import '../src/quietDotenv.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MemoryStorage, type Storage } from 'botbuilder';
import { loadCatalog } from '../src/knowledge/index.js';
import { Notifier } from '../src/proactive/notifier.js';
import { SendQueue } from '../src/proactive/sendQueue.js';
import { SubscriptionStore } from '../src/proactive/subscriptions.js';
import { CardRenderer, loadMessages } from '../src/render/index.js';
import { topicForEvent } from '../src/server/notifyRoute.js';
import { createStorage, isClosable } from '../src/storage/index.js';
import { freshContainerName, startAzurite } from '../test/helpers/azurite.js';
import { startConnectorStub, type ConnectorCall } from '../test/helpers/connectorStub.js';

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const subscribers = Number(arg('subscribers') ?? 1000);
const EVENT = { eventId: 32002, host: 'AADC01', message: 'Error Connecting to ServiceBus' };

/** Storage from a worker's --store argument: sqlite:<dir> or blob:<container>:<connection string>. */
function storageFrom(spec: string): Storage {
  if (spec.startsWith('sqlite:')) return createStorage({ storageDir: spec.slice('sqlite:'.length) });
  const [, container, ...rest] = spec.split(':');
  return createStorage({ azureStorageConnectionString: rest.join(':'), azureStorageContainer: container! });
}

function buildNotifier(storage: Storage, instance: string): Notifier {
  const catalog = loadCatalog();
  return new Notifier({
    storage,
    subscriptions: new SubscriptionStore(storage),
    queue: new SendQueue(),
    adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
    botAppId: '',
    renderer: new CardRenderer(),
    catalog,
    texts: loadMessages().notifications,
    lease: { owner: instance, ttlMs: 6_000, marginMs: 2_000 },
    pollMs: 250,
    slotConcurrency: process.env.FANOUT_SLOTS ? Number(process.env.FANOUT_SLOTS) : undefined,
  });
}

/** The subscriber list, written at once (subscribing 1,000 admins one by one is not what is measured here). */
async function writeSubscribers(storage: Storage, stubUrl: string): Promise<void> {
  const list: Record<string, unknown> = {};
  for (let i = 0; i < subscribers; i++) {
    const id = `a:subscriber-${i}`;
    list[id] = {
      id,
      reference: {
        serviceUrl: stubUrl,
        channelId: 'msteams',
        conversation: { id, conversationType: 'personal', isGroup: false, name: '' },
        bot: { id: 'bot', name: 'bot' },
      },
      subscribedBy: { id: 'admin' },
      at: new Date().toISOString(),
    };
  }
  await storage.write({ 'proactive/subscriptions': { subscriptions: list, eTag: '*' } });
}

/** A sender process: optionally accepts the notification, then sends until the outbox is empty. Prints JSON lines. */
async function worker(): Promise<void> {
  const storage = storageFrom(arg('store')!);
  const instance = arg('instance') ?? 'worker';
  const notifier = buildNotifier(storage, instance);
  // A clean shutdown (as on a deployment): stop sending, give the lease up, leave the rest in the outbox.
  process.once('SIGTERM', () => {
    void notifier.close().then(() => {
      process.stdout.write(`${JSON.stringify({ done: instance, stopped: true, ...notifier.stats })}\n`);
      process.exit(0);
    });
  });
  if (arg('accept')) {
    await writeSubscribers(storage, arg('stub')!);
    await notifier.initialize();
    const result = await notifier.notifyEvent(EVENT, topicForEvent(loadCatalog(), EVENT.eventId)!);
    process.stdout.write(`${JSON.stringify({ accepted: result.subscribers })}\n`);
  } else {
    await notifier.initialize();
    // Started alongside (or after) the one that accepts: wait for the work to appear.
    const deadline = Date.now() + 60_000;
    while ((await notifier.backlog()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await notifier.idle(600_000);
  await notifier.close();
  process.stdout.write(`${JSON.stringify({ done: instance, ...notifier.stats })}\n`);
  if (isClosable(storage)) await storage.close();
  process.exit(0);
}

interface Limit {
  readonly limit: number;
  readonly windowMs: number;
}

/** Timestamps in a sliding window: the stub's own account of Teams' limits (a measuring instrument). */
class Window {
  readonly #times: number[] = [];
  constructor(private readonly limits: readonly Limit[]) {}
  /** Milliseconds until one more request fits every window (0: it fits now). */
  wait(now: number): number {
    let wait = 0;
    for (const { limit, windowMs } of this.limits) {
      const inWindow = this.#times.filter((t) => t > now - windowMs);
      if (inWindow.length >= limit) wait = Math.max(wait, inWindow[inWindow.length - limit]! + windowMs + 1 - now);
    }
    return wait;
  }
  record(now: number): void {
    this.#times.push(now);
    const longest = Math.max(...this.limits.map((l) => l.windowMs));
    while (this.#times.length > 0 && this.#times[0]! <= now - longest) this.#times.shift();
  }
}

/** Most events in any window of `windowMs` (times sorted). */
function busiest(times: readonly number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

async function startThrottlingStub() {
  const teamsBot = new Window([{ limit: 50, windowMs: 1000 }]);
  const perConversation = new Map<string, Window>();
  const delivered = new Map<string, number>();
  const accepted: number[] = [];
  const requests: number[] = [];
  let throttled = 0;
  const responder = (call: ConnectorCall) => {
    const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(call.path);
    if (call.method !== 'POST' || !match) return undefined;
    const conversation = decodeURIComponent(match[1]!);
    const now = Date.now();
    requests.push(now);
    let window = perConversation.get(conversation);
    if (!window) {
      window = new Window([
        { limit: 7, windowMs: 1000 },
        { limit: 60, windowMs: 30_000 },
      ]);
      perConversation.set(conversation, window);
    }
    const wait = Math.max(teamsBot.wait(now), window.wait(now));
    if (wait > 0) {
      throttled++;
      return { status: 429, headers: { 'Retry-After': String(Math.ceil(wait / 1000)) }, body: { error: { code: 'Throttled' } } };
    }
    teamsBot.record(now);
    window.record(now);
    accepted.push(now);
    delivered.set(conversation, (delivered.get(conversation) ?? 0) + 1);
    return undefined;
  };
  const stub = await startConnectorStub(responder);
  const report = () => {
    const once = [...delivered.values()].filter((n) => n === 1).length;
    const twice = [...delivered.values()].filter((n) => n > 1).length;
    return {
      once,
      twice,
      missing: subscribers - delivered.size,
      throttled,
      spanSeconds: accepted.length > 1 ? (accepted.at(-1)! - accepted[0]!) / 1000 : 0,
      busiestSecond: busiest(accepted, 1000),
      busiestRequests: busiest(requests, 1000),
      deliveredCount: () => delivered.size,
    };
  };
  return { stub, report, delivered };
}

function startWorker(args: string[], onLine: (line: Record<string, unknown>) => void): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', '--subscribers', String(subscribers), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      onLine(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not ours
    }
  });
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

function printTable(title: string, rows: Array<[string, string]>): void {
  console.log(`| ${title} | value |`);
  console.log('|---|---|');
  for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
  console.log('');
}

async function inProcess(): Promise<void> {
  const { stub, report } = await startThrottlingStub();
  const storage = new MemoryStorage();
  const notifier = buildNotifier(storage, 'bench');
  await writeSubscribers(storage, stub.url);
  await notifier.initialize();
  const started = performance.now();
  const result = await notifier.notifyEvent(EVENT, topicForEvent(loadCatalog(), EVENT.eventId)!);
  await notifier.idle(600_000);
  const seconds = (performance.now() - started) / 1000;
  await notifier.close();
  await stub.close();
  const r = report();
  printTable(`fan-out to ${result.subscribers} conversations, one process`, [
    ['delivered exactly once', `${r.once} (twice: ${r.twice}; missing: ${r.missing})`],
    ['time', `${seconds.toFixed(1)} s (floor at 50/s: ${(subscribers / 50).toFixed(1)} s)`],
    ['send rate', `${(r.once / seconds).toFixed(1)} messages/s`],
    ['most messages accepted in any second', `${r.busiestSecond} (Teams allows 50)`],
    ['429s received', String(r.throttled)],
    ['failures recorded', String((await notifier.failures()).length)],
  ]);
}

async function killAndRestart(): Promise<void> {
  const { stub, report } = await startThrottlingStub();
  const dir = mkdtempSync(join(tmpdir(), 'fanout-kill-'));
  const store = `sqlite:${dir}`;
  const started = performance.now();
  const first = startWorker(['--store', store, '--stub', stub.url, '--accept', '1', '--instance', 'first'], () => undefined);
  const killAt = Math.floor(subscribers / 2);
  await stub.waitFor(() => report().deliveredCount() >= killAt, 600_000);
  // Right after Teams accepted a message, the kill lands in the duplicate window by construction (the worst case);
  // --random-kill waits 0–1,000 ms more, so it lands wherever the sender happens to be.
  if (process.argv.includes('--random-kill')) await new Promise((resolve) => setTimeout(resolve, Math.random() * 1_000));
  first.child.kill('SIGKILL');
  await first.exited;
  const atKill = report().deliveredCount();
  let stats: Record<string, unknown> = {};
  const second = startWorker(['--store', store, '--stub', stub.url, '--instance', 'second'], (line) => {
    if (line.done) stats = line;
  });
  const code = await second.exited;
  const seconds = (performance.now() - started) / 1000;
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
  const r = report();
  printTable(
    `kill -9 during a fan-out to ${subscribers} conversations (SQLite)${process.argv.includes('--random-kill') ? ' at a random moment' : ''}, restart`,
    [
      ['delivered before the kill', String(atKill)],
      ['delivered exactly once', String(r.once)],
      ['delivered twice', String(r.twice)],
      ['missing', String(r.missing)],
      ['found half-sent after restart (posted again)', String(stats.inDoubt ?? '?')],
      ['posted by the restarted process', String(stats.posted ?? '?')],
      [
        'duplicate window (post handed to the connector → "sent" stored), restarted process',
        `mean ${(Number(stats.windowMsTotal) / Number(stats.posted)).toFixed(1)} ms, worst ${Number(stats.windowMsMax).toFixed(1)} ms`,
      ],
      ['time including restart', `${seconds.toFixed(1)} s`],
      ['restarted process exit code', String(code)],
    ],
  );
}

async function twoInstances(handover: boolean): Promise<void> {
  const { stub, report } = await startThrottlingStub();
  const azurite = await startAzurite();
  try {
    const store = `blob:${freshContainerName('fanout')}:${azurite.connectionString}`;
    const started = performance.now();
    const done: Array<Record<string, unknown>> = [];
    let accepted: () => void = () => undefined;
    const acceptedOnce = new Promise<void>((resolve) => (accepted = resolve));
    const onLine = (line: Record<string, unknown>): void => {
      if (line.accepted) accepted();
      if (line.done) done.push(line);
    };
    const a = startWorker(['--store', store, '--stub', stub.url, '--accept', '1', '--instance', 'A'], onLine);
    // B starts once A has written the subscriber list and accepted the notification (on a brand-new container B's
    // start-up would otherwise create an empty subscriber list over the one the bench writes directly).
    await Promise.race([acceptedOnce, a.exited]);
    const b = startWorker(['--store', store, '--stub', stub.url, '--instance', 'B'], onLine);
    if (handover) {
      // Halfway through, A (which took the lease first) is shut down cleanly; B carries on.
      await stub.waitFor(() => report().deliveredCount() >= Math.floor(subscribers / 2), 600_000);
      a.child.kill('SIGTERM');
    }
    await Promise.all([a.exited, b.exited]);
    const seconds = (performance.now() - started) / 1000;
    const r = report();
    printTable(`two instances on Azurite, one fan-out to ${subscribers} conversations${handover ? ', the sending one shut down halfway' : ''}`, [
      ['delivered exactly once', String(r.once)],
      ['delivered twice', String(r.twice)],
      ['missing', String(r.missing)],
      ['most messages accepted in any second', `${r.busiestSecond} (Teams allows 50)`],
      ['most requests (429s included) in any second', String(r.busiestRequests)],
      ['429s received', String(r.throttled)],
      ['posted by A / B', done.map((d) => `${String(d.done)}: ${String(d.posted)}`).join(', ')],
      ['first to last message', `${r.spanSeconds.toFixed(1)} s (floor at 50/s: ${(subscribers / 50).toFixed(1)} s)`],
      ['time', `${seconds.toFixed(1)} s (including process start)`],
    ]);
  } finally {
    await stub.close();
    await azurite.stop();
  }
}

if (process.argv.includes('--worker')) await worker();
else {
  const mode = arg('mode') ?? 'in-process';
  if (mode === 'kill') await killAndRestart();
  else if (mode === 'two') await twoInstances(process.argv.includes('--handover'));
  else await inProcess();
}
