import { MessageFactory, type CloudAdapter, type Storage, type TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import restify from 'restify';
import { redactSecrets } from '../extractors/secrets.js';
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
  /** Log message text (secrets still redacted) and names; otherwise ids only. */
  readonly logPii?: boolean;
  /** The knowledge tab's routes (search, topics, admin data); absent in tests that do not need them. */
  readonly tab?: Omit<TabRouteDeps, 'catalog'>;
}

/** Largest request body accepted; Teams activities are far smaller. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Where a turn keeps its logger (with the turn's correlation id) for the error handler. */
const TURN_LOGGER = Symbol('turnLogger');

/** Tells the user something went wrong, without internals, and logs the error. */
export function installTurnErrorHandler(adapter: CloudAdapter, logger: Logger, errorMessage: string): void {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const log = (context.turnState.get(TURN_LOGGER) as Logger | undefined) ?? logger;
    log.error({ err: error }, 'turn failed');
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
    await adapter.process(req, res, async (context) => {
      const { activity } = context;
      // One id per turn ties together everything logged about it; ids only, unless LOG_PII allows more.
      const log = logger.child({
        correlationId: randomUUID(),
        activityId: activity.id,
        type: activity.type,
        conversationId: activity.conversation?.id,
        userId: activity.from?.aadObjectId ?? activity.from?.id,
        ...(deps.logPii && activity.text ? { text: redactSecrets(activity.text) } : {}),
      });
      context.turnState.set(TURN_LOGGER, log);
      const started = performance.now();
      await bot.run(context);
      log.debug({ ms: Math.round(performance.now() - started) }, 'turn done');
    });
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
