import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviseFromFacts, createAccountFacts, parseCheckRequest } from '../../src/graph/index.js';
import { AGENT_GROUP_ID, STUB_USERS, UNKNOWN_USER_ID, startGraphStub, type GraphStub } from '../helpers/graphStub.js';
import { capturingLogger } from './logSink.js';

/** What must never leave Graph's answers: every user's sign-in name, address, display name and phone number. */
const personal = Object.values(STUB_USERS).flatMap((u) => [u.upn, u.displayName, u.mobilePhone, u.mobilePhone.replace(/\D/g, ''), '555 0142', '203.0.113.7']);

describe('privacy of account facts', () => {
  let stub: GraphStub;
  beforeAll(async () => {
    stub = await startGraphStub();
  });
  afterAll(async () => {
    await stub.close();
  });

  it('logs ids and outcome codes only: no sign-in name, address, name or phone number of anyone', async () => {
    const { logger, raw, lines } = capturingLogger();
    const facts = createAccountFacts({ settings: stub.settings, fetch: stub.fetch, logger, agentGroupId: AGENT_GROUP_ID });
    for (const user of Object.values(STUB_USERS)) {
      if (user.behaviour === 'slow') continue;
      await facts.factsFor(user.id);
    }
    await facts.factsFor(UNKNOWN_USER_ID);
    await facts.checkOther({ aadObjectId: STUB_USERS.agent.id }, parseCheckRequest('check alex@contoso.com')!);
    await facts.checkOther({ aadObjectId: STUB_USERS.agent.id }, parseCheckRequest('check nobody@contoso.com')!);
    await facts.checkOther({ aadObjectId: STUB_USERS.registered.id }, parseCheckRequest('check blake@contoso.com')!);

    expect(lines.length).toBeGreaterThan(10);
    const text = raw.join('\n');
    for (const value of [...personal, 'nobody@contoso.com', '@contoso']) expect(text).not.toContain(value);
    const allowed = new Set(['level', 'time', 'pid', 'hostname', 'event', 'userId', 'outcome', 'failure', 'parts', 'ms']);
    for (const line of lines) for (const key of Object.keys(line)) expect(allowed).toContain(key);
  });

  it('keeps no personal data in the facts, so nothing personal can be stored or shown from them', async () => {
    const facts = createAccountFacts({ settings: stub.settings, fetch: stub.fetch, logger: capturingLogger().logger, agentGroupId: AGENT_GROUP_ID });
    const results = [];
    for (const user of [STUB_USERS.registered, STUB_USERS.blocked, STUB_USERS.oneMethod]) results.push(await facts.factsFor(user.id));
    const checked = await facts.checkOther({ aadObjectId: STUB_USERS.agent.id }, parseCheckRequest('check alex@contoso.com')!);
    const advice = results.flatMap((r) => (r.kind === 'facts' ? [adviseFromFacts(r.facts, { now: new Date(), timeZone: 'Europe/Paris' })] : []));
    const serialised = JSON.stringify([results, checked, advice]);
    expect(advice).toHaveLength(3);
    for (const value of personal) expect(serialised).not.toContain(value);
    expect(serialised).not.toMatch(/contoso/i);
  });
});
