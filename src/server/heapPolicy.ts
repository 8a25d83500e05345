import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection, in percent. Left to itself
 * V8 lets it reach several times that before collecting again; under load a turn waits on the Bot Connector long
 * enough for its short-lived objects to outlive two scavenges and be promoted, so the server sat at 400+ MB, most of
 * it garbage. Letting the old generation only double keeps the peak about a third lower (430–460 → 280–300 MB in
 * bench:load) at no measured throughput cost; 25 and 50 were also measured, saving a little more memory for more
 * CPU per turn.
 */
export const HEAP_GROWING_PERCENT = 100;

/**
 * The young generation's limit per semi-space, in MB (V8's default on this machine is 16). Under load a turn's
 * objects live as long as the turn waits on the Bot Connector and the store, so most of those in a 16 MB semi-space
 * are still alive when it fills, and every scavenge copies them: scavenges took about 4 ms each and were a tenth of
 * the server's CPU. With 32 MB half as many scavenges copy much the same live set. bench:load, the same build with
 * and without it, three rounds each: 12–14% less server CPU per turn and 10–14% more turns per second at 50
 * connections, for 25 MB more peak RSS; 64 gained no more and cost 100 MB.
 *
 * V8 reads this only when the process starts, so it is a node option of `npm start` (package.json); the benches run
 * the bot with the options its checkout's `npm start` gives (bench/compiled.ts).
 */
export const SEMI_SPACE_MB = 32;

/** The node option that sets SEMI_SPACE_MB. */
export const SEMI_SPACE_OPTION = `--max-semi-space-size=${SEMI_SPACE_MB}`;

/**
 * Applies the heap policy to this process. Called first thing at start-up, before the heap has grown: V8 reads the
 * factor each time it sets the old generation's next limit, so a flag set now governs every later collection.
 */
export function applyHeapPolicy(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * A sentence for the log when the process was started without a young-generation limit (as `node dist/src/index.js`
 * is, rather than `npm start`): the bot works, with less throughput under load. Undefined when one was given.
 */
export function semiSpaceNotice(execArgv: readonly string[], nodeOptions: string | undefined): string | undefined {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((arg) => /^--max-semi-space-size(?:=|$)/.test(arg));
  return given ? undefined : `started without ${SEMI_SPACE_OPTION} (npm start gives it): expect about a tenth fewer turns per second under load`;
}

/** How long after listening the start-up garbage is released: past the first requests of a fresh start. */
const RELEASE_AFTER_START_MS = 1_000;

/** Called once the server listens: start-up's garbage goes back a second later (releaseStartupGarbage). */
export function scheduleStartupGarbageRelease(): void {
  setTimeout(() => void releaseStartupGarbage(), RELEASE_AFTER_START_MS).unref();
}

/**
 * Returns start-up's garbage to the operating system: one collection that also shrinks the young generation. Start-up
 * (modules, the catalog and its schemas, the classifier's model) allocates enough to grow the young generation to
 * its limit and leaves the old one full of garbage, and V8 gives neither back while the bot idles: no allocation, no
 * collection. A memory-reducing collection is what the inspector's collectGarbage asks of V8 (neither gc() nor time
 * does it), through an in-process session: no port is opened. Resolves false when it could not be done.
 */
export async function releaseStartupGarbage(): Promise<boolean> {
  try {
    const { Session } = await import('node:inspector/promises');
    const session = new Session();
    session.connect();
    try {
      await session.post('HeapProfiler.collectGarbage');
    } finally {
      session.disconnect();
    }
    return true;
  } catch {
    return false;
  }
}
