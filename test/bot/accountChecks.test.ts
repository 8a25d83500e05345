import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { AccountChecks } from '../../src/bot/accountChecks.js';
import { GRAPH_MESSAGES, type AccountFactsSource, type CheckResult, type FactsResult } from '../../src/graph/index.js';
import { loadCatalog } from '../../src/knowledge/index.js';
import { CardRenderer, loadMessages, Replies } from '../../src/render/index.js';

const OBJECT_ID = '22222222-2222-4222-8222-222222222222';
const catalog = loadCatalog();
const replies = new Replies(new CardRenderer(), loadMessages());

/** A source that answers as told and counts what it was asked. */
function fakeSource(facts: FactsResult, check: CheckResult = { kind: 'refused', message: GRAPH_MESSAGES.refused }) {
  const asked: string[] = [];
  const source: AccountFactsSource = {
    enabled: true,
    factsFor: async (userId) => {
      asked.push(`facts ${userId ?? ''}`);
      return facts;
    },
    checkOther: async (_requester, target) => {
      asked.push(`check ${target.kind}`);
      return check;
    },
    canCheckOthers: async () => ({ allowed: false, message: GRAPH_MESSAGES.refused }),
    health: () => ({ state: 'ok' }),
  };
  return { source, asked };
}

function setUp(source: AccountFactsSource | undefined) {
  const state = new ConversationState(new MemoryStorage());
  const checks = new AccountChecks({ source, replies, catalog, noticeSaid: state.createProperty<boolean>('accountNoticeSaid') });
  const adapter = new TestAdapter();
  const sent: Array<Partial<Activity>> = [];
  /** One turn in a conversation of the given type; `work` runs inside it. */
  const turn = async (conversationType: string, work: (context: TurnContext) => Promise<void>): Promise<void> => {
    const activity = {
      type: 'message',
      channelId: 'msteams',
      text: 'x',
      from: { id: '29:user', name: 'User', aadObjectId: OBJECT_ID },
      recipient: { id: '28:bot', name: 'Bot' },
      conversation: { id: `conv-${conversationType}`, conversationType, isGroup: conversationType !== 'personal', name: '' },
      serviceUrl: 'http://localhost',
    } as Activity;
    const context = new TurnContext(adapter, activity);
    context.onSendActivities(async (_context, activities) => {
      sent.push(...activities);
      return activities.map(() => ({ id: 'sent' }));
    });
    await work(context);
    await state.saveChanges(context);
  };
  return { checks, turn, sent };
}

describe('account checks in the conversation', () => {
  it('gives the notice once per conversation when Graph could not answer', async () => {
    const { source } = fakeSource({ kind: 'unavailable', failure: 'consent-missing', message: GRAPH_MESSAGES.unavailable });
    const { checks, turn } = setUp(source);
    const seen: unknown[] = [];
    for (let i = 0; i < 2; i += 1) {
      await turn('personal', async (context) => {
        checks.startFacts(context, "I can't reset my password");
        seen.push(await checks.port(context));
      });
    }
    expect(seen).toEqual([{ notice: GRAPH_MESSAGES.unavailable }, undefined]);
  });

  it("looks nobody up in a channel or group chat: the writer's own account is not the problem there", async () => {
    const { source, asked } = fakeSource({ kind: 'off' });
    const { checks, turn } = setUp(source);
    for (const kind of ['channel', 'groupChat']) {
      await turn(kind, async (context) => {
        checks.startFacts(context, "my user can't reset her password");
        expect(await checks.port(context)).toBeUndefined();
      });
    }
    expect(asked).toEqual([]);
  });

  it('does not look up the writer\'s own account for "check alex@contoso.com", and says the refusal', async () => {
    const { source, asked } = fakeSource({ kind: 'off' });
    const { checks, turn, sent } = setUp(source);
    await turn('personal', async (context) => {
      checks.startFacts(context, 'check alex@contoso.com');
      expect(await checks.answerCheck(context, 'check alex@contoso.com')).toBe(true);
    });
    expect(asked).toEqual(['check upn']);
    expect(sent.map((a) => a.text)).toEqual([GRAPH_MESSAGES.refused]);
  });

  it('leaves an ordinary message to the conversation', async () => {
    const { source } = fakeSource({ kind: 'off' });
    const { checks, turn, sent } = setUp(source);
    await turn('personal', async (context) => {
      expect(await checks.answerCheck(context, "I can't reset my password")).toBe(false);
    });
    expect(sent).toEqual([]);
  });

  it('says account checks are not set up, without any look-up, when Graph is not configured', async () => {
    const { checks, turn, sent } = setUp(undefined);
    await turn('personal', async (context) => {
      checks.startFacts(context, "I can't reset my password");
      expect(await checks.port(context)).toBeUndefined();
      expect(await checks.answerCheck(context, 'check alex@contoso.com')).toBe(true);
    });
    expect(sent.map((a) => a.text)).toEqual([GRAPH_MESSAGES.notConfigured]);
  });
});
