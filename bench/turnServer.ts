/**
 * The bot server for bench/turn.ts, in its own process so the load generator does not share its CPU.
 * Prints {"port": n} when listening; on SIGTERM prints the bot.run durations as JSON and exits.
 */
import '../src/quietDotenv.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MemoryStorage, type TurnContext, type Storage } from 'botbuilder';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { createStorage, SqliteStorage } from '../src/storage/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sspr-bench-'));
// The default is the store `npm start` uses; --memory and --fsync (SQLite with synchronous=FULL) compare.
const storage: Storage = process.argv.includes('--memory')
  ? new MemoryStorage()
  : process.argv.includes('--fsync')
    ? new SqliteStorage(dir, { synchronous: 'FULL' })
    : createStorage({ storageDir: dir });
const durations: number[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const ownDurations: number[] = [];
// The bot's own processing is the turn minus the time spent waiting for the connector to accept its messages.
const timed =
  (run: (context: TurnContext) => Promise<void>) =>
  async (context: TurnContext): Promise<void> => {
    let waiting = 0;
    context.onSendActivities(async (_context, _activities, next) => {
      const sent = performance.now();
      try {
        return await next();
      } finally {
        waiting += performance.now() - sent;
      }
    });
    const start = performance.now();
    await run(context);
    const total = performance.now() - start;
    durations.push(total);
    ownDurations.push(total - waiting);
  };
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const logger = createLogger({ level: 'silent', logPii: false });
const { server } = await createApp({ storage, adapter, logger, botAppId: '', adminUserIds: new Set(), lookupMember: async () => ({}), wrapTurn: timed });
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(
    `${JSON.stringify({ durations, ownDurations, maxRssMb: process.resourceUsage().maxRSS / 1024, loopDelayP99Ms: loopDelay.percentile(99) / 1e6 })}\n`,
  );
  process.exit(0);
});
