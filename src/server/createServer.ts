import { ActivityTypes, MessageFactory, type CloudAdapter, type Storage, type TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import restify from 'restify';
import type { Catalog } from '../knowledge/types.js';
import type { Logger } from '../logger.js';
import type { Notifier } from '../proactive/notifier.js';
import { checkActivity } from './activityShape.js';
import { jsonBody } from './bodyReader.js';
import { registerLegalRoutes } from './legalRoutes.js';
import { maskForLog } from './logText.js';
import { processValidatedActivity } from './processActivity.js';
import { probeStorage } from '../storage/index.js';
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
  /** False in local development without an app id: then only loopback serviceUrls are answered. */
  readonly authEnabled: boolean;
  /** The Microsoft Graph connection's state, for /healthz (informational: it never fails the check). */
  readonly graphHealth?: () => unknown;
  /** Defaults to DEFAULT_CONNECTION_LIMITS. */
  readonly connectionLimits?: ConnectionLimits;
  /** The knowledge tab's routes (search, topics, admin data); absent in tests that do not need them. */
  readonly tab?: Omit<TabRouteDeps, 'catalog'>;
}

/** Largest /api/messages body accepted; Teams activities are far smaller. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Every other route that takes a body (the monitoring webhook) gets far less. */
export const MAX_SMALL_BODY_BYTES = 16 * 1024;

/** Time limits and a connection cap, so slow or idle clients cannot hold the server. */
export interface ConnectionLimits {
  /** A body must arrive within this time. */
  readonly bodyTimeoutMs: number;
  /** Headers must arrive within this time (Node checks it every few seconds). */
  readonly headersTimeoutMs: number;
  /** A whole request must arrive within this time. */
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly maxConnections: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  bodyTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 2_000,
};

/** Where a turn keeps its logger (with the turn's correlation id) and the record of whether it failed. */
const TURN_LOGGER = Symbol('turnLogger');
/** The turn's logger, made on first use. */
type TurnLog = () => Logger;
const TURN_FAILED = Symbol('turnFailed');

/**
 * Logs a failed turn; a person who wrote a message gets one plain sentence. Other activities (invokes, member
 * updates) get nothing sent: nobody is waiting for text, and the HTTP answer says the turn failed.
 */
export function installTurnErrorHandler(adapter: CloudAdapter, logger: Logger, errorMessage: string): void {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const log = (context.turnState.get(TURN_LOGGER) as TurnLog | undefined)?.() ?? logger;
    const outcome = context.turnState.get(TURN_FAILED) as { failed: boolean } | undefined;
    if (outcome) outcome.failed = true;
    log.error({ err: error }, 'turn failed');
    if (context.activity.type !== ActivityTypes.Message) return;
    try {
      await context.sendActivity(MessageFactory.text(errorMessage));
    } catch (sendError) {
      log.warn({ err: sendError }, 'could not tell the user about the failed turn');
    }
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Without authentication nobody vouches for serviceUrl: the bot then replies only to this machine. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const { hostname, protocol } = new URL(url);
    return (protocol === 'http:' || protocol === 'https:') && (LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname));
  } catch {
    return false;
  }
}

function applyConnectionLimits(server: restify.Server, limits: ConnectionLimits): void {
  const http = server.server;
  http.headersTimeout = limits.headersTimeoutMs;
  http.requestTimeout = limits.requestTimeoutMs;
  http.keepAliveTimeout = limits.keepAliveTimeoutMs;
  http.maxConnections = limits.maxConnections;
  http.maxHeadersCount = 100;
}

export function createServer(deps: ServerDeps): restify.Server {
  const { adapter, bot, storage, logger } = deps;
  const limits = deps.connectionLimits ?? DEFAULT_CONNECTION_LIMITS;
  installTurnErrorHandler(adapter, logger, deps.errorMessage);
  const server = restify.createServer({ name: 'sspr-bot', handleUncaughtExceptions: false });
  applyConnectionLimits(server, limits);

  // One strict reader for every body, before any authentication: JSON only, bounded in size and time.
  const messageBody = jsonBody({ maxBytes: MAX_BODY_BYTES, timeoutMs: limits.bodyTimeoutMs });
  const smallBody = jsonBody({ maxBytes: MAX_SMALL_BODY_BYTES, timeoutMs: limits.bodyTimeoutMs });
  server.use((req, res, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(req.method ?? '')) return next();
    return req.getRoute()?.path === '/api/messages' ? messageBody(req, res, next) : smallBody(req, res, next);
  });

  server.post('/api/messages', async (req, res) => {
    const checked = checkActivity(req.body);
    if (!checked.ok) {
      res.send(400, { error: checked.error });
      return;
    }
    const { activity } = checked;
    if (!deps.authEnabled && !isLoopbackUrl(activity.serviceUrl)) {
      res.send(403, { error: 'without authentication (local development) the bot only replies to a serviceUrl on this machine' });
      return;
    }
    // The turn context is revoked once the adapter is done; onTurnError marks this plain object instead.
    const outcome = { failed: false };
    try {
      const invokeResponse = await processValidatedActivity(adapter, req.headers.authorization ?? '', activity, async (context) => {
        // One id per turn ties together everything logged about it; ids only, unless LOG_PII allows more.
        const bindings = {
          correlationId: randomUUID(),
          activityId: activity.id,
          type: activity.type,
          conversationId: activity.conversation.id,
          userId: activity.from.aadObjectId ?? activity.from.id,
          ...(deps.logPii && activity.text ? { text: maskForLog(activity.text) } : {}),
        };
        // The child logger is made only when the turn logs: pino redacts a child's bindings when it is made, which
        // was 5% of all the bytes a turn allocated, for a logger most turns never use.
        let turnLog: Logger | undefined;
        const log: TurnLog = () => (turnLog ??= logger.child(bindings));
        context.turnState.set(TURN_LOGGER, log);
        context.turnState.set(TURN_FAILED, outcome);
        const started = performance.now();
        await bot.run(context);
        if (logger.isLevelEnabled('debug')) log().debug({ ms: Math.round(performance.now() - started) }, 'turn done');
      });
      // onTurnError runs after the turn's logic has thrown, so the outcome is read once the adapter is done.
      if (outcome.failed) {
        res.send(500, { error: 'the turn failed' });
        return;
      }
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error) {
      if (error instanceof AuthenticationError || (error as { statusCode?: unknown }).statusCode === 401) {
        res.send(401, { error: 'unauthorized' });
        return;
      }
      // What botbuilder would print with console.error goes to the structured log instead.
      logger.error({ err: error, activityId: activity.id }, 'activity could not be processed');
      res.send(500, { error: 'the activity could not be processed' });
    }
  });

  registerNotifyRoute(server, { apiKey: deps.notifyApiKey, notifier: deps.notifier, catalog: deps.catalog, logger });
  if (deps.tab) registerTabRoutes(server, { ...deps.tab, catalog: deps.catalog });
  registerLegalRoutes(server);

  server.get('/healthz', async (_req, res) => {
    const { graphHealth } = deps;
    try {
      await probeStorage(storage);
      // The Graph connection's state is reported, never a reason to fail: the bot works without it.
      res.send(200, { status: 'ok', storage: 'ok', ...(graphHealth && { graph: graphHealth() }) });
    } catch (error) {
      logger.warn({ err: error }, 'storage unreachable');
      res.send(503, { status: 'degraded', storage: 'unreachable', ...(graphHealth && { graph: graphHealth() }) });
    }
  });

  server.on('restifyError', (req, res, err, callback) => {
    logger.info({ status: err.statusCode, path: req.path() }, 'request rejected');
    return callback();
  });
  return server;
}
