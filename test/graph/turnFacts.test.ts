import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkForTurn, createAccountFacts, factsForTurn, GRAPH_MESSAGES, leadTopic } from '../../src/graph/index.js';
import { AGENT_GROUP_ID, STUB_USERS, startGraphStub, type GraphStub } from '../helpers/graphStub.js';
import { capturingLogger } from './logSink.js';

// A winter morning in London (UTC+0): the stub's blocked user was blocked at 09:41, three hours ago.
const NOW = new Date('2026-01-14T12:41:00Z');
const clock = { now: NOW, timeZone: 'Europe/London' };
// "I can't reset my password" says too little to answer: without the facts the diagnosis would ask (undefined).
const wouldAsk = undefined;

describe('a turn with Graph on (against the local stub)', () => {
  let stub: GraphStub;
  beforeAll(async () => {
    stub = await startGraphStub({ now: () => NOW });
  });
  afterAll(async () => {
    await stub.close();
  });
  const source = () =>
    createAccountFacts({ settings: stub.settings, fetch: stub.fetch, logger: capturingLogger().logger, agentGroupId: AGENT_GROUP_ID, now: () => NOW });

  it('answers "I can\'t reset my password" from a user who is not registered with the registration topic, asking nothing', async () => {
    const turn = await factsForTurn(source(), STUB_USERS.notRegistered.id, clock);
    expect(turn.notice).toBeUndefined();
    expect(leadTopic(turn.advice!, wouldAsk)).toBe('register-security-info');
  });

  it('gives a blocked user the exact time to try again', async () => {
    const turn = await factsForTurn(source(), STUB_USERS.blocked.id, clock);
    expect(leadTopic(turn.advice!, wouldAsk)).toBe('reset-throttled');
    expect(turn.advice?.throttle?.retryText).toBe('you can try again from 09:41 tomorrow');
  });

  it('gives an unlicensed user the licence topic', async () => {
    const turn = await factsForTurn(source(), STUB_USERS.unlicensed.id, clock);
    expect(leadTopic(turn.advice!, wouldAsk)).toBe('sspr-0012');
  });

  it('gives an agent\'s "check alex@contoso.com" the facts and the likely topic', async () => {
    const reply = await checkForTurn(source(), { aadObjectId: STUB_USERS.agent.id }, 'check alex@contoso.com', clock);
    expect(reply).toMatchObject({ kind: 'facts', likelyTopicId: 'register-security-info' });
    if (reply?.kind !== 'facts') throw new Error('expected facts');
    expect(reply.advice.section.title).toBe('What I see for this account');
    expect(reply.advice.section.facts.find((f) => f.title === 'Methods on file')?.value).toBe('None');
  });

  it("refuses a non-agent's check, saying why", async () => {
    const reply = await checkForTurn(source(), { aadObjectId: STUB_USERS.registered.id }, 'check alex@contoso.com', clock);
    expect(reply).toEqual({ kind: 'message', message: GRAPH_MESSAGES.refused });
  });

  it('leaves ordinary messages to the conversation', async () => {
    expect(await checkForTurn(source(), { aadObjectId: STUB_USERS.agent.id }, "I can't reset my password", clock)).toBeUndefined();
  });

  it('falls back to the usual questions plus one sentence when Graph is down', async () => {
    const down = createAccountFacts({
      settings: stub.settings,
      logger: capturingLogger().logger,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    expect(await factsForTurn(down, STUB_USERS.notRegistered.id, clock)).toEqual({ notice: "I couldn't check your account right now, so I'll ask instead." });
    expect(down.health().state).toBe('unreachable');
    expect(await factsForTurn(source(), STUB_USERS.forbidden.id, clock)).toEqual({ notice: GRAPH_MESSAGES.unavailable });
  });

  it('changes nothing and says nothing when Graph is not configured', async () => {
    const off = createAccountFacts({ settings: undefined, logger: capturingLogger().logger });
    expect(await factsForTurn(off, STUB_USERS.notRegistered.id, clock)).toEqual({});
    expect(await checkForTurn(off, { aadObjectId: STUB_USERS.agent.id }, 'check alex@contoso.com', clock)).toEqual({
      kind: 'message',
      message: GRAPH_MESSAGES.notConfigured,
    });
  });
});
