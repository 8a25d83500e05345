import { LRUCache } from 'lru-cache';
import type { GraphSettings } from '../config.js';
import type { Logger } from '../logger.js';
import { failureOf, type GraphFailure } from './errors.js';
import type { Fetch } from './fetchNetworkClient.js';
import { auditFacts, licenceFacts, registrationFacts, type AccountFacts, type FactPart } from './facts.js';
import { createGraphHttp, type GraphHttp, type RequestContext } from './graphHttp.js';
import { GRAPH_MESSAGES } from './messages.js';
import { parseDirectoryAudits, parseLicenseDetails, parseMemberGroups, parseRegistrationDetails, parseUserAccount, parseUserIds } from './resources.js';
import { createTokenSource } from './tokenSource.js';
import type { CheckTarget } from './checkRequest.js';

export type FactsResult =
  /** Graph is not configured: behave as without it, say nothing. */
  | { readonly kind: 'off' }
  | { readonly kind: 'facts'; readonly facts: AccountFacts; readonly cached: boolean }
  /** Graph was asked and gave nothing usable: ask the usual questions and say `message` once. */
  | { readonly kind: 'unavailable'; readonly failure: GraphFailure; readonly message: string };

export type AccessDecision = { readonly allowed: true; readonly via: 'admin' | 'agent-group' } | { readonly allowed: false; readonly message: string };

export type CheckResult = FactsResult | { readonly kind: 'refused'; readonly message: string };

/** The asking user as Teams names them: `aadObjectId` is the Entra object id, `id` the Teams user id. */
export interface Requester {
  readonly id?: string;
  readonly aadObjectId?: string;
}

export type GraphHealthState = 'ok' | 'not configured' | 'consent missing' | 'credentials rejected' | 'unreachable' | 'not checked yet';

export interface GraphHealth {
  readonly state: GraphHealthState;
  /** When Graph last answered or failed; undefined before the first call. */
  readonly checkedAt?: Date;
}

export interface FetchOptions {
  /** Aborts the look-up early (the turn ended); the budget applies anyway. */
  readonly signal?: AbortSignal;
}

/** What the conversation calls. One instance per process; it holds facts in memory only, for minutes. */
export interface AccountFactsSource {
  readonly enabled: boolean;
  /** The facts about the asking user, within the budget; never throws. */
  factsFor(userId: string | undefined, options?: FetchOptions): Promise<FactsResult>;
  /** An agent's or admin's look-up of someone else; anyone else is refused with a sentence that says why. */
  checkOther(requester: Requester, target: CheckTarget, options?: FetchOptions): Promise<CheckResult>;
  canCheckOthers(requester: Requester, options?: FetchOptions): Promise<AccessDecision>;
  health(): GraphHealth;
}

export interface AccountFactsOptions {
  readonly settings: GraphSettings | undefined;
  readonly logger: Logger;
  readonly adminUserIds?: ReadonlySet<string>;
  readonly agentGroupId?: string;
  readonly fetch?: Fetch;
  /** Everything a turn waits for Graph, token included. */
  readonly budgetMs?: number;
  /** How long facts stay in memory (at most 5 minutes). */
  readonly cacheTtlMs?: number;
  readonly now?: () => Date;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIVE_MINUTES = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const SSPR_SERVICE = 'Self-service Password Management';

/** A not-configured source: every call says "off" without touching the network. */
export function disabledAccountFacts(): AccountFactsSource {
  return {
    enabled: false,
    factsFor: async () => ({ kind: 'off' }),
    checkOther: async () => ({ kind: 'off' }),
    canCheckOthers: async () => ({ allowed: false, message: GRAPH_MESSAGES.notConfigured }),
    health: () => ({ state: 'not configured' }),
  };
}

/** OData string literal: single quotes doubled. */
const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

const userFilter = (upn: string): string => `userPrincipalName eq ${odataString(upn)} or mail eq ${odataString(upn)}`;

export function createAccountFacts(options: AccountFactsOptions): AccountFactsSource {
  const { settings } = options;
  if (!settings) return disabledAccountFacts();
  return new GraphAccountFacts({ ...options, settings });
}

class GraphAccountFacts implements AccountFactsSource {
  readonly enabled = true;
  private readonly http: GraphHttp;
  private readonly logger: Logger;
  private readonly budgetMs: number;
  private readonly now: () => Date;
  private readonly adminUserIds: ReadonlySet<string>;
  private readonly agentGroupId: string | undefined;
  private readonly facts: LRUCache<string, AccountFacts>;
  private readonly agents: LRUCache<string, boolean>;
  private state: GraphHealth = { state: 'not checked yet' };

  constructor(options: AccountFactsOptions & { readonly settings: GraphSettings }) {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const tokens = createTokenSource(options.settings, fetchImpl);
    this.http = createGraphHttp({ endpoint: options.settings.endpoint, tokens, fetch: fetchImpl });
    this.logger = options.logger;
    this.budgetMs = options.budgetMs ?? 3000;
    this.now = options.now ?? (() => new Date());
    this.adminUserIds = options.adminUserIds ?? new Set();
    this.agentGroupId = options.agentGroupId;
    const ttl = Math.min(options.cacheTtlMs ?? FIVE_MINUTES, FIVE_MINUTES);
    this.facts = new LRUCache({ max: 1000, ttl });
    this.agents = new LRUCache({ max: 1000, ttl });
  }

  health(): GraphHealth {
    return this.state;
  }

  async factsFor(userId: string | undefined, options: FetchOptions = {}): Promise<FactsResult> {
    if (!userId || !GUID.test(userId)) {
      // Without an Entra object id (console chat, Emulator) there is nobody to look up.
      this.logger.info({ event: 'graph.facts', outcome: 'no-object-id' });
      return { kind: 'unavailable', failure: 'not-found', message: GRAPH_MESSAGES.unavailable };
    }
    return this.withBudget(options, (context) => this.lookUp(userId.toLowerCase(), context, 'self'));
  }

  async canCheckOthers(requester: Requester, options: FetchOptions = {}): Promise<AccessDecision> {
    return this.withBudget(options, (context) => this.authorise(requester, context));
  }

  async checkOther(requester: Requester, target: CheckTarget, options: FetchOptions = {}): Promise<CheckResult> {
    return this.withBudget(options, async (context) => {
      const access = await this.authorise(requester, context);
      if (!access.allowed) return { kind: 'refused', message: access.message };
      let userId: string;
      if (target.kind === 'objectId') userId = target.value;
      else {
        const found = await this.resolve(target.value, context);
        if (typeof found !== 'string') return found;
        userId = found;
      }
      return this.lookUp(userId, context, 'other');
    });
  }

  /** Runs `work` under one budget: a signal that aborts after budgetMs (or with the caller's). */
  private async withBudget<T>(options: FetchOptions, work: (context: RequestContext) => Promise<T>): Promise<T> {
    const budget = AbortSignal.timeout(this.budgetMs);
    const signal = options.signal ? AbortSignal.any([budget, options.signal]) : budget;
    return work({ signal, deadline: performance.now() + this.budgetMs });
  }

  private async authorise(requester: Requester, context: RequestContext): Promise<AccessDecision> {
    const ids = [requester.aadObjectId, requester.id].filter((id): id is string => Boolean(id));
    if (ids.some((id) => this.adminUserIds.has(id))) return { allowed: true, via: 'admin' };
    const objectId = requester.aadObjectId?.toLowerCase();
    if (!this.agentGroupId || !objectId || !GUID.test(objectId)) return { allowed: false, message: GRAPH_MESSAGES.refused };
    const known = this.agents.get(objectId);
    if (known !== undefined) return known ? { allowed: true, via: 'agent-group' } : { allowed: false, message: GRAPH_MESSAGES.refused };
    try {
      const body = await this.http.request(
        { path: `/v1.0/users/${objectId}/checkMemberGroups`, method: 'POST', body: { groupIds: [this.agentGroupId] } },
        context,
      );
      const member = parseMemberGroups(body).some((id) => id.toLowerCase() === this.agentGroupId);
      this.agents.set(objectId, member);
      this.record('graph.agent-check', { userId: objectId, outcome: member ? 'member' : 'not-member' });
      return member ? { allowed: true, via: 'agent-group' } : { allowed: false, message: GRAPH_MESSAGES.refused };
    } catch (error) {
      const failure = failureOf(error);
      this.record('graph.agent-check', { userId: objectId, outcome: 'unavailable', failure }, failure);
      return { allowed: false, message: GRAPH_MESSAGES.refusedUnverified };
    }
  }

  /** The object id of the user with this sign-in name or address; the name itself is never logged. */
  private async resolve(upn: string, context: RequestContext): Promise<string | FactsResult> {
    try {
      const path = `/v1.0/users?$filter=${encodeURIComponent(userFilter(upn))}&$select=id&$top=2`;
      const ids = parseUserIds(await this.http.request({ path }, context));
      const id = ids.length === 1 ? ids[0]!.toLowerCase() : undefined;
      if (!id || !GUID.test(id)) {
        this.record('graph.resolve', { outcome: ids.length === 0 ? 'not-found' : 'ambiguous' });
        return { kind: 'unavailable', failure: 'not-found', message: GRAPH_MESSAGES.otherNotFound };
      }
      return id;
    } catch (error) {
      const failure = failureOf(error);
      this.record('graph.resolve', { outcome: 'unavailable', failure }, failure);
      return { kind: 'unavailable', failure, message: failure === 'not-found' ? GRAPH_MESSAGES.otherNotFound : GRAPH_MESSAGES.unavailableOther };
    }
  }

  private async lookUp(userId: string, context: RequestContext, subject: 'self' | 'other'): Promise<FactsResult> {
    const started = performance.now();
    const cached = this.facts.get(userId);
    if (cached) {
      this.logger.info({ event: 'graph.facts', userId, outcome: 'cached' });
      return { kind: 'facts', facts: cached, cached: true };
    }
    const since = new Date(this.now().getTime() - DAY_MS).toISOString();
    const auditFilter = `loggedByService eq '${SSPR_SERVICE}' and activityDateTime ge ${since} and targetResources/any(t:t/id eq '${userId}')`;
    const [registration, licence, audit, account] = await Promise.allSettled([
      this.http
        .request({ path: `/v1.0/reports/authenticationMethods/userRegistrationDetails/${userId}` }, context)
        .then(parseRegistrationDetails)
        .then(registrationFacts),
      this.http
        .request({ path: `/v1.0/users/${userId}/licenseDetails` }, context)
        .then(parseLicenseDetails)
        .then(licenceFacts),
      this.http
        .request(
          {
            path: `/v1.0/auditLogs/directoryAudits?$filter=${encodeURIComponent(auditFilter)}&$orderby=${encodeURIComponent('activityDateTime desc')}&$top=50`,
          },
          context,
        )
        .then(parseDirectoryAudits)
        .then(auditFacts),
      this.http.request({ path: `/v1.0/users/${userId}?$select=id,onPremisesSyncEnabled` }, context).then(parseUserAccount),
    ]);
    const parts: Record<FactPart, PromiseSettledResult<unknown>> = { registration, licence, audit, account };
    const missing = (Object.keys(parts) as FactPart[]).flatMap((part) => {
      const settled = parts[part];
      return settled.status === 'rejected' ? [{ part, failure: failureOf(settled.reason) }] : [];
    });
    const outcomes = Object.fromEntries((Object.keys(parts) as FactPart[]).map((part) => [part, missing.find((m) => m.part === part)?.failure ?? 'ok']));
    const ms = Math.round(performance.now() - started);
    // The audit log alone says something only when it holds an entry (a user who is not found has an empty one).
    const useful = registration.status === 'fulfilled' || licence.status === 'fulfilled' || (audit.status === 'fulfilled' && audit.value.latest.length > 0);
    if (!useful) {
      // Registration is the fact the diagnosis leans on most: its failure names the outcome.
      const failure = missing[0]?.failure ?? 'not-found';
      this.record('graph.facts', { userId, outcome: 'unavailable', failure, parts: outcomes, ms }, failure);
      const message =
        subject === 'self' ? GRAPH_MESSAGES.unavailable : failure === 'not-found' ? GRAPH_MESSAGES.otherNotFound : GRAPH_MESSAGES.unavailableOther;
      return { kind: 'unavailable', failure, message };
    }
    const facts: AccountFacts = {
      userId,
      checkedAt: this.now(),
      ...(registration.status === 'fulfilled' && { registration: registration.value }),
      ...(licence.status === 'fulfilled' && { licence: licence.value }),
      ...(audit.status === 'fulfilled' && { audit: audit.value }),
      ...(account.status === 'fulfilled' && { account: account.value }),
      missing,
    };
    // Partial facts are not cached: the next turn may get the rest.
    if (missing.length === 0) this.facts.set(userId, facts);
    this.record(
      'graph.facts',
      { userId, outcome: missing.length === 0 ? 'facts' : 'partial', parts: outcomes, ms },
      missing.find((m) => m.failure !== 'not-found')?.failure,
    );
    return { kind: 'facts', facts, cached: false };
  }

  /** Logs ids and outcome codes only, and keeps the connection state /healthz shows. */
  private record(event: string, fields: Record<string, unknown>, failure?: GraphFailure): void {
    this.logger.info({ event, ...fields });
    this.state = { state: healthOf(failure), checkedAt: this.now() };
  }
}

function healthOf(failure: GraphFailure | undefined): GraphHealthState {
  switch (failure) {
    case undefined:
    case 'not-found':
    case 'rejected':
    case 'invalid-response':
      // Graph answered; the problem is the request or the user, not the connection.
      return 'ok';
    case 'consent-missing':
      return 'consent missing';
    case 'credentials-rejected':
      return 'credentials rejected';
    default:
      return 'unreachable';
  }
}
