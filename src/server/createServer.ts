import { MessageFactory, type CloudAdapter, type Storage, type TurnContext } from 'botbuilder';
import restify from 'restify';
import type { Catalog } from '../knowledge/types.js';
import type { Logger } from '../logger.js';
import type { Notifier } from '../proactive/notifier.js';
import { registerLegalRoutes } from './legalRoutes.js';
import { registerNotifyRoute } from './notifyRoute.js';
import { registerTabRoutes, type TabRouteDeps } from '../tab/index.js';

export interface ServerDeps {
  readonly adapter: CloudAdapter;
  /** Runs one turn (the bot's run method). */
  readonly bot: { run(context: TurnContext): Promise<void> };
  readonly storage: Storage;
  readonly logger: Logger;
  /** The one sentence users see when a turn fails. */
  readonly errorMessage: string;
  readonly catalog: Catalog;
  readonly notifier?: Notifier;
  readonly notifyApiKey?: string;
  /** The knowledge tab's routes (search, topics, admin data); absent in tests that do not need them. */
  readonly tab?: Omit<TabRouteDeps, 'catalog'>;
}

/** Largest request body accepted; Teams activities are far smaller. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Tells the user something went wrong, without internals, and logs the error. */
export function installTurnErrorHandler(adapter: CloudAdapter, logger: Logger, errorMessage: string): void {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, conversationId: context.activity.conversation?.id, activityId: context.activity.id }, 'turn failed');
    try {
      await context.sendActivity(MessageFactory.text(errorMessage));
    } catch (sendError) {
      logger.warn({ err: sendError }, 'could not tell the user about the failed turn');
    }
  };
}

export function createServer(deps: ServerDeps): restify.Server {
  const { adapter, bot, storage, logger } = deps;
  installTurnErrorHandler(adapter, logger, deps.errorMessage);
  const server = restify.createServer({ name: 'sspr-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      res.send(400, { error: 'the body must be a Bot Framework activity (a JSON object with a type)' });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  registerNotifyRoute(server, { apiKey: deps.notifyApiKey, notifier: deps.notifier, catalog: deps.catalog, logger });
  if (deps.tab) registerTabRoutes(server, { ...deps.tab, catalog: deps.catalog });
  registerLegalRoutes(server);

  server.get('/healthz', async (_req, res) => {
    try {
      await storage.read(['healthz']);
      res.send(200, { status: 'ok', storage: 'ok' });
    } catch (error) {
      logger.warn({ err: error }, 'storage unreachable');
      res.send(503, { status: 'degraded', storage: 'unreachable' });
    }
  });

  server.on('restifyError', (req, res, err, callback) => {
    logger.info({ status: err.statusCode, path: req.path() }, 'request rejected');
    return callback();
  });
  return server;
}
