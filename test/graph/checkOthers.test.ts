import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adviseFromFacts,
  createAccountFacts,
  GRAPH_MESSAGES,
  likelyTopic,
  parseCheckRequest,
  targetFromObjectId,
  type CheckTarget,
} from '../../src/graph/index.js';
import { AGENT_GROUP_ID, STUB_USERS, startGraphStub, type GraphStub } from '../helpers/graphStub.js';
import { capturingLogger } from './logSink.js';

describe('parseCheckRequest', () => {
  const alex: CheckTarget = { kind: 'upn', value: 'alex@contoso.com' };
  it.each([
    ['check alex@contoso.com', alex],
    ['Check Alex@Contoso.com', alex],
    ['please check alex@contoso.com', alex],
    ['check alex@contoso.com please', alex],
    ['look up alex@contoso.com?', alex],
    ['can you check the account of alex@contoso.com', alex],
    ['check user alex@contoso.com', alex],
    ["check alex@contoso.com's account", alex],
    ['check <a href="mailto:alex@contoso.com">alex@contoso.com</a>', alex],
    ['check mailto:alex@contoso.com', alex],
    ['check AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA', { kind: 'objectId', value: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa' }],
  ])('reads %j as a request to check someone', (text, target) => {
    expect(parseCheckRequest(text)).toEqual(target);
  });

  it.each([
    'I cannot reset my password',
    'check my email, the code never came',
    'check alex',
    'alex@contoso.com cannot reset',
    'check alex@contoso.com and bob@contoso.com',
    'check alex@contoso',
    'check 12345',
  ])('does not read %j as one', (text) => {
    expect(parseCheckRequest(text)).toBeUndefined();
  });

  it('takes the author of a message (message extension) by object id only', () => {
    expect(targetFromObjectId(STUB_USERS.alex.id)).toEqual({ kind: 'objectId', value: STUB_USERS.alex.id });
    expect(targetFromObjectId('29:1abc')).toBeUndefined();
    expect(targetFromObjectId(undefined)).toBeUndefined();
  });
});

describe('checking someone else (against the local stub)', () => {
  let stub: GraphStub;
  beforeAll(async () => {
    stub = await startGraphStub();
  });
  afterAll(async () => {
    await stub.close();
  });

  const build = (adminUserIds: string[] = []) =>
    createAccountFacts({
      settings: stub.settings,
      fetch: stub.fetch,
      logger: capturingLogger().logger,
      agentGroupId: AGENT_GROUP_ID,
      adminUserIds: new Set(adminUserIds),
    });

  it('lets a member of the agents group check alex@contoso.com and get the facts and the likely topic', async () => {
    const facts = build();
    expect(await facts.canCheckOthers({ aadObjectId: STUB_USERS.agent.id })).toEqual({ allowed: true, via: 'agent-group' });
    const result = await facts.checkOther({ aadObjectId: STUB_USERS.agent.id, id: '29:agent' }, parseCheckRequest('check alex@contoso.com')!);
    if (result.kind !== 'facts') throw new Error(`expected facts, got ${result.kind}`);
    expect(result.facts.userId).toBe(STUB_USERS.alex.id);
    expect(result.facts.registration?.registered).toBe(false);
    const advice = adviseFromFacts(result.facts, { now: new Date(), subject: 'other' });
    expect(likelyTopic(advice)).toBe('register-security-info');
    expect(advice.section.title).toBe('What I see for this account');
  });

  it('lets an admin in ADMIN_USER_IDS check someone by Teams id, without asking Graph about groups', async () => {
    const facts = build(['29:admin-teams-id']);
    const before = stub.requests.filter((r) => r.path.includes('checkMemberGroups')).length;
    const result = await facts.checkOther({ id: '29:admin-teams-id' }, { kind: 'objectId', value: STUB_USERS.blocked.id });
    expect(result.kind).toBe('facts');
    expect(stub.requests.filter((r) => r.path.includes('checkMemberGroups')).length).toBe(before);
  });

  it('refuses anyone else, says why, and looks nobody up', async () => {
    const facts = build();
    const before = stub.requests.filter((r) => r.path.startsWith('/v1.0/users?')).length;
    const result = await facts.checkOther({ aadObjectId: STUB_USERS.registered.id }, parseCheckRequest('check alex@contoso.com')!);
    expect(result).toEqual({ kind: 'refused', message: GRAPH_MESSAGES.refused });
    expect(GRAPH_MESSAGES.refused).toMatch(/only .* your own account.*helpdesk agents and admins/);
    expect(stub.requests.filter((r) => r.path.startsWith('/v1.0/users?')).length).toBe(before);
  });

  it('remembers group membership for a while instead of asking Graph every turn', async () => {
    const facts = build();
    const count = () => stub.requests.filter((r) => r.path === `/v1.0/users/${STUB_USERS.registered.id}/checkMemberGroups`).length;
    const before = count();
    await facts.canCheckOthers({ aadObjectId: STUB_USERS.registered.id });
    await facts.canCheckOthers({ aadObjectId: STUB_USERS.registered.id });
    expect(count()).toBe(before + 1);
  });

  it('refuses without an agents group or an Entra id to check', async () => {
    const facts = createAccountFacts({ settings: stub.settings, fetch: stub.fetch, logger: capturingLogger().logger });
    expect(await facts.canCheckOthers({ aadObjectId: STUB_USERS.agent.id })).toEqual({ allowed: false, message: GRAPH_MESSAGES.refused });
    expect(await build().canCheckOthers({ id: '29:someone' })).toEqual({ allowed: false, message: GRAPH_MESSAGES.refused });
  });

  it('says it could not confirm the agent when Graph refuses the membership check', async () => {
    const facts = build();
    expect(await facts.canCheckOthers({ aadObjectId: STUB_USERS.forbidden.id })).toEqual({ allowed: false, message: GRAPH_MESSAGES.refusedUnverified });
  });

  it('says so when the checked account does not exist', async () => {
    const facts = build();
    const result = await facts.checkOther({ aadObjectId: STUB_USERS.agent.id }, parseCheckRequest('check nobody@contoso.com')!);
    expect(result).toEqual({ kind: 'unavailable', failure: 'not-found', message: GRAPH_MESSAGES.otherNotFound });
  });

  it('says so when an object id from a message names nobody, and when Graph is not reachable for that account', async () => {
    const facts = build();
    const agent = { aadObjectId: STUB_USERS.agent.id };
    expect(await facts.checkOther(agent, { kind: 'objectId', value: 'deadbeef-0000-4000-8000-000000000000' })).toEqual({
      kind: 'unavailable',
      failure: 'not-found',
      message: GRAPH_MESSAGES.otherNotFound,
    });
    expect(await facts.checkOther(agent, { kind: 'objectId', value: STUB_USERS.forbidden.id })).toEqual({
      kind: 'unavailable',
      failure: 'consent-missing',
      message: GRAPH_MESSAGES.unavailableOther,
    });
  });

  it('is off without settings', async () => {
    const facts = createAccountFacts({ settings: undefined, logger: capturingLogger().logger });
    expect(await facts.checkOther({ aadObjectId: STUB_USERS.agent.id }, { kind: 'upn', value: 'alex@contoso.com' })).toEqual({ kind: 'off' });
    expect(await facts.canCheckOthers({ aadObjectId: STUB_USERS.agent.id })).toEqual({ allowed: false, message: GRAPH_MESSAGES.notConfigured });
  });
});
