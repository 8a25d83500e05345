import './quietDotenv.js';
import type { AddressInfo } from 'node:net';
import dotenv from 'dotenv';
import { CloudAdapter } from 'botbuilder';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { StrictBotFrameworkAuthentication } from './server/botAuthentication.js';
import { applyHeapPolicy, scheduleStartupGarbageRelease, semiSpaceNotice } from './server/heapPolicy.js';
import { closeStorage, createStorage } from './storage/index.js';

dotenv.config({ quiet: true });

async function start(): Promise<void> {
  applyHeapPolicy();
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel, logPii: config.logPii });
  const heapNotice = semiSpaceNotice(process.execArgv, process.env.NODE_OPTIONS);
  if (heapNotice) logger.info(heapNotice);
  const storage = createStorage({
    storageDir: config.storageDir,
    azureStorageConnectionString: config.azureStorageConnectionString,
    azureStorageContainer: config.azureStorageContainer,
    stateTtlDays: config.stateTtlDays,
    onSweep: (deleted) => logger.info({ deleted, stateTtlDays: config.stateTtlDays }, 'expired conversation state deleted'),
    onSweepError: (error) => logger.error({ err: error }, 'could not delete expired conversation state'),
  });
  const auth = new StrictBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.microsoftAppId,
      MicrosoftAppPassword: config.microsoftAppPassword,
      MicrosoftAppType: config.microsoftAppType,
      MicrosoftAppTenantId: config.microsoftAppTenantId,
    },
    logger,
  );
  const adapter = new CloudAdapter(auth);
  const app = await createApp({
    storage,
    adapter,
    logger,
    botAppId: config.microsoftAppId ?? '',
    adminUserIds: config.adminUserIds,
    notifyApiKey: config.notifyApiKey,
    logPii: config.logPii,
    botDomain: config.botDomain,
    tenantId: config.microsoftAppTenantId,
    graph: config.graph,
    agentGroupId: config.agentGroupId,
  });
  const { server } = app;

  server.listen(config.port, config.host, () => {
    const port = (server.address() as AddressInfo | null)?.port ?? config.port;
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    const store = config.azureStorageConnectionString ? `Azure Blob container ${config.azureStorageContainer}` : `folder ${config.storageDir}`;
    logger.info({ url, host: config.host, auth: config.microsoftAppId ? 'on' : 'off (local development)', store }, 'bot listening');
    if (!config.microsoftAppId) {
      // Loud on purpose: without an app id nobody's token is checked, so this mode must never face a network.
      logger.warn(
        { host: config.host },
        'AUTHENTICATION IS OFF (no MicrosoftAppId): local development only. Anyone who can reach this port can talk as any user; replies go only to serviceUrls on this machine.',
      );
    }
    // Once the first requests of a fresh start are past, start-up's garbage goes back to the operating system.
    scheduleStartupGarbageRelease();
    if (process.stdout.isTTY) {
      process.stdout.write(
        `\nThe bot is listening on ${url}/api/messages\n` +
          `Talk to it with the Bot Framework Emulator or Microsoft 365 Agents Playground pointed at that URL,\n` +
          `or run "npm run chat" for a console chat. Health: ${url}/healthz\n\n`,
      );
    }
  });

  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    // Stop taking turns, let queued notifications go out, then leave.
    server.close();
    // The store closes last, once nothing can write to it any more.
    void app
      .close()
      .finally(() => closeStorage(storage))
      .catch((error: unknown) => logger.error({ err: error }, 'could not close storage cleanly'))
      .finally(() => process.exit(0));
    // Open keep-alive connections must not hold the process forever.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

start().catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? `Configuration error: ${error.message}` : `Cannot start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
