/**
 * The real bot for bench/load.ts, in its own process so the load generator does not share its event loop.
 * Usage: tsx bench/loadServer.ts --store disk | --store blob --connection-string <s> --container <name>
 * Prints {"port": n} when listening; on SIGTERM prints {"maxRssMb": n, "cpuMs": n} and exits.
 */
import '../src/quietDotenv.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudAdapter } from 'botbuilder';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { StrictBotFrameworkAuthentication } from '../src/server/botAuthentication.js';
import { applyHeapPolicy, scheduleStartupGarbageRelease } from '../src/server/heapPolicy.js';
import { createStorage } from '../src/storage/index.js';
import { serveForBench } from './serveForBench.js';

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

// As src/index.ts does at start-up.
applyHeapPolicy();
const store = option('store') ?? 'disk';
const connectionString = option('connection-string');
if (store === 'blob' && !connectionString) throw new Error('--store blob needs --connection-string');
const dir = connectionString ? undefined : mkdtempSync(join(tmpdir(), 'sspr-load-'));
// The same choice src/index.ts makes from the configuration.
const storage = connectionString
  ? createStorage({ azureStorageConnectionString: connectionString, azureStorageContainer: option('container') ?? 'sspr-bench-load' })
  : createStorage({ storageDir: dir! });
const logger = createLogger({ level: 'silent', logPii: false });
// The same authentication class src/index.ts uses (without an app id: local development).
const adapter = new CloudAdapter(new StrictBotFrameworkAuthentication({}, logger));
const { server } = await createApp({ storage, adapter, logger, botAppId: '', adminUserIds: new Set(), lookupMember: async () => ({}) });
// As src/index.ts does once it listens.
scheduleStartupGarbageRelease();
serveForBench(server, () => {
  // Turns still under way may be writing into the folder: retry.
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});
