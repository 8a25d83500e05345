import type { CloudAdapter, Storage, TurnContext } from 'botbuilder';
import type { MemberLookup } from '../dialogs/ports.js';
import { createBot, type BotComponents } from './composition.js';
import type { GraphSettings } from './config.js';
import type { AccountFactsSource } from './graph/accountFacts.js';
import type { Fetch } from './graph/fetchNetworkClient.js';
import type { Logger } from './logger.js';
import type { SendQueueOptions } from './proactive/sendQueue.js';
import { createSsoVerifier } from './auth/teamsSsoVerifier.js';
import { createAdminAuthorizer } from './server/adminAccess.js';
import { createServer, type ConnectionLimits } from './server/createServer.js';
import { summarizeDeflection, type AdminSummary } from './tab/index.js';
import type restify from 'restify';

export interface AppOptions {
  readonly storage: Storage;
  readonly adapter: CloudAdapter;
  readonly logger: Logger;
  /** The bot's app id ('' for local development without authentication). */
  readonly botAppId: string;
  readonly adminUserIds: ReadonlySet<string>;
  readonly notifyApiKey?: string;
  readonly logPii?: boolean;
  readonly lookupMember?: MemberLookup;
  readonly sendQueue?: SendQueueOptions;
  readonly alertWindowMs?: number;
  /** For the tab's admin section: Teams SSO tokens are checked for this domain's audience. */
  readonly botDomain?: string;
  readonly tenantId?: string;
  /** Verifies tab SSO tokens; defaults to Microsoft's published keys when an app id is configured. */
  readonly verifySsoToken?: (token: string) => Promise<string | undefined>;
  /** Body and connection time limits of the HTTP edge; the defaults suit production. */
  readonly connectionLimits?: ConnectionLimits;
  /** Microsoft Graph for live account facts; undefined (the default) makes no Graph call at all. */
  readonly graph?: GraphSettings;
  /** The Entra group whose members may check someone else's account ("check alex@contoso.com"). */
  readonly agentGroupId?: string;
  /** The fetch Graph requests go through (tests hand in the local stub's). */
  readonly graphFetch?: Fetch;
  /** A ready account-facts source instead of one built from `graph` (tests and benches: another cache or budget). */
  readonly accountFacts?: AccountFactsSource;
  /** Wraps the bot's turn (benchmarks time it); the default runs the bot. */
  readonly wrapTurn?: (run: (context: TurnContext) => Promise<void>) => (context: TurnContext) => Promise<void>;
}

export interface App extends BotComponents {
  readonly server: restify.Server;
  /** Flushes counters and lets queued notifications go out; call on shutdown after the server stops listening. */
  close(): Promise<void>;
}

/**
 * The Graph connection, once per process, or undefined without settings. Loaded on demand: the token library takes
 * about 160 ms to load, which a bot without Graph should not pay at every start.
 */
async function loadAccountFacts(options: AppOptions): Promise<AccountFactsSource | undefined> {
  if (options.accountFacts) return options.accountFacts;
  if (!options.graph) return undefined;
  const { createAccountFacts } = await import('./graph/index.js');
  return createAccountFacts({
    settings: options.graph,
    agentGroupId: options.agentGroupId,
    adminUserIds: options.adminUserIds,
    logger: options.logger,
    ...(options.graphFetch && { fetch: options.graphFetch }),
  });
}

/** How often the answer counters are merged into storage. */
const STATS_FLUSH_MS = 30_000;

/** The whole bot behind its web server, ready to listen: used by src/index.ts, the HTTP tests and the benches. */
export async function createApp(options: AppOptions): Promise<App> {
  const { storage, adapter, logger } = options;
  const accountFacts = await loadAccountFacts(options);
  const components = createBot(storage, {
    lookupMember: options.lookupMember,
    accountFacts,
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
  await components.outcomes.initialize();
  const { catalog, stats, proactive, outcomes } = components;
  const adminData = async (): Promise<AdminSummary> => {
    const [recent, top, ends] = await Promise.all([proactive?.notifier.recent() ?? [], stats.top(10), outcomes.summary()]);
    return {
      recentNotifications: recent.slice(0, 20),
      topTopics: top.map(({ id, count }) => ({ id, count, title: catalog.topic(id)?.title ?? id })),
      deflection: summarizeDeflection(ends, (id) => catalog.topic(id)?.title ?? id),
    };
  };
  const verifySsoToken =
    options.verifySsoToken ??
    (options.botAppId ? createSsoVerifier({ appId: options.botAppId, botDomain: options.botDomain, tenantId: options.tenantId }) : undefined);
  const run = (context: TurnContext): Promise<void> => components.bot.run(context);
  const server = createServer({
    adapter,
    bot: { run: options.wrapTurn ? options.wrapTurn(run) : run },
    storage,
    logger,
    errorMessage: components.messages.error,
    catalog: components.catalog,
    notifier: components.proactive?.notifier,
    notifyApiKey: options.notifyApiKey,
    logPii: options.logPii,
    authEnabled: options.botAppId !== '',
    // Without Graph settings /healthz says nothing about Graph (its body stays what monitors already expect).
    graphHealth: accountFacts ? () => accountFacts.health() : undefined,
    connectionLimits: options.connectionLimits,
    tab: {
      classifier: components.classifier,
      adminData,
      authorizeAdmin: createAdminAuthorizer({ notifyApiKey: options.notifyApiKey, verifySsoToken, adminUserIds: options.adminUserIds }),
    },
  });
  const flushStats = async (): Promise<void> => {
    await Promise.all([
      stats.flush().catch((error: unknown) => logger.warn({ err: error }, 'could not save topic counters')),
      outcomes.flush().catch((error: unknown) => logger.warn({ err: error }, 'could not save case outcomes')),
    ]);
  };
  const timer = setInterval(() => void flushStats(), STATS_FLUSH_MS);
  timer.unref();
  const close = async (): Promise<void> => {
    clearInterval(timer);
    // Every write is committed by the store before it resolves, so nothing is left to flush; the caller that
    // created the storage closes it afterwards.
    // Sending stops (what is left stays in the durable outbox for the next process) and the sender lease is released.
    await Promise.all([flushStats(), proactive?.notifier.close()]);
  };
  return { ...components, server, close };
}
