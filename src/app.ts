import type { CloudAdapter, Storage, TurnContext } from 'botbuilder';
import type { MemberLookup } from '../dialogs/deps.js';
import { createBot, type BotComponents } from './composition.js';
import type { Logger } from './logger.js';
import type { SendQueueOptions } from './proactive/sendQueue.js';
import { createServer } from './server/createServer.js';
import type restify from 'restify';

export interface AppOptions {
  readonly storage: Storage;
  readonly adapter: CloudAdapter;
  readonly logger: Logger;
  /** The bot's app id ('' for local development without authentication). */
  readonly botAppId: string;
  readonly adminUserIds: ReadonlySet<string>;
  readonly notifyApiKey?: string;
  readonly lookupMember?: MemberLookup;
  readonly sendQueue?: SendQueueOptions;
  readonly alertWindowMs?: number;
  /** Wraps the bot's turn (benchmarks time it); the default runs the bot. */
  readonly wrapTurn?: (run: (context: TurnContext) => Promise<void>) => (context: TurnContext) => Promise<void>;
}

export interface App extends BotComponents {
  readonly server: restify.Server;
}

/** The whole bot behind its web server, ready to listen: used by src/index.ts, the HTTP tests and the benches. */
export async function createApp(options: AppOptions): Promise<App> {
  const { storage, adapter, logger } = options;
  const components = createBot(storage, {
    lookupMember: options.lookupMember,
    proactive: {
      adapter,
      botAppId: options.botAppId,
      adminUserIds: options.adminUserIds,
      queue: options.sendQueue,
      windowMs: options.alertWindowMs,
      onError: (error) => logger.error({ err: error }, 'notification delivery failed'),
    },
  });
  await components.proactive?.notifier.initialize();
  const run = (context: TurnContext): Promise<void> => components.bot.run(context);
  const server = createServer({
    adapter,
    bot: { run: options.wrapTurn ? options.wrapTurn(run) : run },
    storage,
    logger,
    errorMessage: components.dialogDeps.messages.error,
    catalog: components.catalog,
    notifier: components.proactive?.notifier,
    notifyApiKey: options.notifyApiKey,
  });
  return { ...components, server };
}
