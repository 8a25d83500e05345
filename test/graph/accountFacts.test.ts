import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createAccountFacts, GRAPH_MESSAGES, type AccountFactsSource, type FactsResult } from '../../src/graph/index.js';
import { AGENT_GROUP_ID, STUB_USERS, UNKNOWN_USER_ID, startGraphStub, type GraphStub } from '../helpers/graphStub.js';
import { capturingLogger } from './logSink.js';

let stub: GraphStub;

beforeAll(async () => {
  stub = await startGraphStub();
});
afterAll(async () => {
  await stub.close();
});

function source(options: { budgetMs?: number } = {}) {
  const log = capturingLogger();
  const facts = createAccountFacts({ settings: stub.settings, fetch: stub.fetch, logger: log.logger, agentGroupId: AGENT_GROUP_ID, ...options });
  return { facts, log };
}

function factsOf(result: FactsResult) {
  if (result.kind !== 'facts') throw new Error(`expected facts, got ${JSON.stringify(result)}`);
  return result.facts;
}

describe('account facts from Graph (against the local stub)', () => {
  it('reads a registered, licensed user: ready to reset, method types, P1 licence, no recent attempts', async () => {
    const { facts } = source();
    const result = factsOf(await facts.factsFor(STUB_USERS.registered.id));
    expect(result.registration).toMatchObject({ registered: true, enabled: true, capable: true, isAdmin: false, methodTypes: ['mobilePhone', 'email'] });
    expect(result.registration?.resetMethods).toEqual(['sms', 'call', 'email']);
    expect(result.licence).toMatchObject({ coverage: 'premium', ssprPlans: ['AAD_PREMIUM'] });
    expect(result.audit?.latest).toEqual([]);
    expect(result.account).toEqual({ synced: false });
    expect(result.missing).toEqual([]);
    expect(facts.health().state).toBe('ok');
  });

  it('reads a user who has not registered any method', async () => {
    const { facts } = source();
    const result = factsOf(await facts.factsFor(STUB_USERS.notRegistered.id));
    expect(result.registration).toMatchObject({ registered: false, enabled: true, capable: false, methodTypes: [] });
  });

  it('reads a user registered with one method when the policy needs two', async () => {
    const { facts } = source();
    const result = factsOf(await facts.factsFor(STUB_USERS.oneMethod.id));
    expect(result.registration).toMatchObject({ registered: false, capable: false, methodTypes: ['mobilePhone'] });
  });

  it('reads an unlicensed user', async () => {
    const { facts } = source();
    const result = factsOf(await facts.factsFor(STUB_USERS.unlicensed.id));
    expect(result.licence).toEqual({ coverage: 'none', ssprPlans: [], skuCount: 0 });
  });

  it('reads a block three hours ago from the audit log, and cleans the reason of addresses and numbers', async () => {
    const { facts } = source();
    const result = factsOf(await facts.factsFor(STUB_USERS.blocked.id));
    const blockedAt = result.audit?.blockedAt?.getTime() ?? 0;
    expect(Math.abs(Date.now() - 3 * 3600_000 - blockedAt)).toBeLessThan(60_000);
    expect(result.audit?.latest.map((e) => e.activity)).toEqual(['blocked', 'progress']);
    expect(result.account).toEqual({ synced: true });
    const reasons = result.audit?.latest.map((e) => e.reason ?? '').join(' ') ?? '';
    expect(reasons).not.toMatch(/555|@contoso/);
    expect(reasons).toContain('[address]');
    const auditRequest = stub.requests.find((r) => r.path.startsWith('/v1.0/auditLogs/directoryAudits') && r.path.includes(STUB_USERS.blocked.id));
    const filter = new URLSearchParams(auditRequest!.path.split('?')[1]).get('$filter') ?? '';
    expect(filter).toContain("loggedByService eq 'Self-service Password Management'");
    expect(filter).toContain(`t/id eq '${STUB_USERS.blocked.id}'`);
  });

  it('waits out a 429 with Retry-After inside the budget and then succeeds', async () => {
    const { facts } = source();
    const started = performance.now();
    const result = factsOf(await facts.factsFor(STUB_USERS.throttledOnce.id));
    const elapsed = performance.now() - started;
    expect(result.missing).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3000);
    const hits = stub.requests.filter((r) => r.path.includes(STUB_USERS.throttledOnce.id) && r.path.includes('licenseDetails'));
    expect(hits).toHaveLength(2);
  });

  it('does not wait for a Retry-After that would overrun the budget', async () => {
    const fresh = await startGraphStub();
    try {
      const log = capturingLogger();
      const facts = createAccountFacts({ settings: fresh.settings, fetch: fresh.fetch, logger: log.logger, budgetMs: 800 });
      const started = performance.now();
      const result = await facts.factsFor(STUB_USERS.throttledOnce.id);
      expect(performance.now() - started).toBeLessThan(800);
      expect(result).toEqual({ kind: 'unavailable', failure: 'throttled', message: GRAPH_MESSAGES.unavailable });
    } finally {
      await fresh.close();
    }
  });

  it('degrades to one plain sentence when consent is missing (403), and /healthz says so', async () => {
    const { facts, log } = source();
    const result = await facts.factsFor(STUB_USERS.forbidden.id);
    expect(result).toEqual({ kind: 'unavailable', failure: 'consent-missing', message: "I couldn't check your account right now, so I'll ask instead." });
    expect(facts.health().state).toBe('consent missing');
    expect(log.lines.find((l) => l.event === 'graph.facts')).toMatchObject({ outcome: 'unavailable', failure: 'consent-missing' });
  });

  it('degrades when the user is not found (404)', async () => {
    const { facts } = source();
    expect(await facts.factsFor(UNKNOWN_USER_ID)).toMatchObject({ kind: 'unavailable', failure: 'not-found' });
    expect(facts.health().state).toBe('ok');
  });

  it('gives up at the budget when Graph is slow', async () => {
    const { facts } = source();
    const started = performance.now();
    const result = await facts.factsFor(STUB_USERS.slow.id);
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ kind: 'unavailable', failure: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(2900);
    expect(elapsed).toBeLessThan(3400);
    expect(facts.health().state).toBe('unreachable');
  });

  it('asks Graph nothing for a user without an Entra object id (console chat)', async () => {
    const { facts } = source();
    const before = stub.requests.length;
    expect(await facts.factsFor('29:1teams-user-id')).toMatchObject({ kind: 'unavailable' });
    expect(await facts.factsFor(undefined)).toMatchObject({ kind: 'unavailable' });
    expect(stub.requests.length).toBe(before);
  });

  it('keeps facts in memory for the next turn and asks Graph again once they expire', async () => {
    const log = capturingLogger();
    const facts = createAccountFacts({ settings: stub.settings, fetch: stub.fetch, logger: log.logger, cacheTtlMs: 200 });
    const count = () => stub.requests.filter((r) => r.path.includes(`userRegistrationDetails/${STUB_USERS.registered.id}`)).length;
    const before = count();
    expect(await facts.factsFor(STUB_USERS.registered.id)).toMatchObject({ kind: 'facts', cached: false });
    expect(await facts.factsFor(STUB_USERS.registered.id)).toMatchObject({ kind: 'facts', cached: true });
    expect(count()).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await facts.factsFor(STUB_USERS.registered.id)).toMatchObject({ kind: 'facts', cached: false });
    expect(count()).toBe(before + 2);
  });

  it('reuses one app-only token across look-ups', async () => {
    const fresh = await startGraphStub();
    try {
      const facts = createAccountFacts({ settings: fresh.settings, fetch: fresh.fetch, logger: capturingLogger().logger });
      await facts.factsFor(STUB_USERS.registered.id);
      await facts.factsFor(STUB_USERS.notRegistered.id);
      expect(fresh.tokenRequests()).toBe(1);
      expect(fresh.requests[0]?.path).toBe(`/${fresh.settings.tenantId}/v2.0/.well-known/openid-configuration`);
    } finally {
      await fresh.close();
    }
  });

  it('reports rejected credentials without facts and without throwing', async () => {
    const facts = createAccountFacts({ settings: { ...stub.settings, clientSecret: 'wrong' }, fetch: stub.fetch, logger: capturingLogger().logger });
    expect(await facts.factsFor(STUB_USERS.registered.id)).toMatchObject({ kind: 'unavailable', failure: 'credentials-rejected' });
    expect(facts.health().state).toBe('credentials rejected');
  });

  it('turns on from the environment through loadConfig', async () => {
    const config = loadConfig(stub.env);
    const facts = createAccountFacts({ settings: config.graph, agentGroupId: config.agentGroupId, fetch: stub.fetch, logger: capturingLogger().logger });
    expect(facts.enabled).toBe(true);
    expect(await facts.factsFor(STUB_USERS.oneMethod.id)).toMatchObject({ kind: 'facts' });
    expect(await facts.canCheckOthers({ aadObjectId: STUB_USERS.agent.id })).toEqual({ allowed: true, via: 'agent-group' });
  });

  it('is off without settings: no Graph call, "not configured" on /healthz', async () => {
    const before = stub.requests.length;
    const facts: AccountFactsSource = createAccountFacts({ settings: undefined, fetch: stub.fetch, logger: capturingLogger().logger });
    expect(facts.enabled).toBe(false);
    expect(await facts.factsFor(STUB_USERS.registered.id)).toEqual({ kind: 'off' });
    expect(facts.health()).toEqual({ state: 'not configured' });
    expect(stub.requests.length).toBe(before);
  });
});
