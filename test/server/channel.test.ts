import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBot } from '../helpers/httpBot.js';

type Bot = Awaited<ReturnType<typeof startHttpBot>>;
let bot: Bot;
beforeAll(async () => {
  bot = await startHttpBot();
});
afterAll(async () => bot.close());

const THREAD = '19:support@thread.tacv2;messageid=1700000000000';
const topicIds = (bodies: Array<Record<string, unknown>>): string[] => [
  ...new Set(bodies.flatMap((b) => [...JSON.stringify(b).matchAll(/"topicId":"([a-z0-9-]+)"/g)].map((m) => m[1]!))),
];

describe('a support channel', () => {
  it('answers a mention in the same thread, with the agent view', async () => {
    const before = bot.stub.sent().length;
    const replies = await bot.say({
      text: 'user gets SSPR_0013 on the reset page',
      conversationType: 'channel',
      conversationId: THREAD,
      mentionBot: true,
      userId: '29:agent-a',
    });
    expect(topicIds(replies)).toEqual(['sspr-0013']);
    expect(JSON.stringify(replies)).toContain('Selected groups');
    const paths = bot.stub
      .sent()
      .slice(before)
      .map((c) => decodeURIComponent(c.path));
    expect(paths.every((p) => p.includes(THREAD))).toBe(true);
  });

  it('stays silent without a mention', async () => {
    expect(await bot.say({ text: 'SSPR_0013', conversationType: 'channel', conversationId: THREAD, userId: '29:agent-a' })).toEqual([]);
  });

  it('gives an agent the best answer and the runners-up instead of follow-up questions', async () => {
    const thread = '19:support@thread.tacv2;messageid=1700000000998';
    const replies = await bot.say({
      text: "user says reset isn't working",
      conversationType: 'channel',
      conversationId: thread,
      mentionBot: true,
      userId: '29:agent-a',
    });
    const text = JSON.stringify(replies);
    expect(text).not.toContain('Question 1 of 3');
    expect(text).toContain('Other likely causes');
    expect(topicIds(replies).length).toBeGreaterThan(1);
  });

  it("keeps each agent's case to that agent", async () => {
    const thread = '19:support@thread.tacv2;messageid=1700000000999';
    const say = (text: string, userId: string) => bot.say({ text, conversationType: 'channel', conversationId: thread, mentionBot: true, userId });
    expect(topicIds(await say('user gets SSPR_0013', '29:agent-a'))).toEqual(['sspr-0013']);
    // Another agent in the same thread starts their own case; it does not take over agent A's "Did this fix it?".
    expect(topicIds(await say('it says SSPR_0012', '29:agent-b'))).toEqual(['sspr-0012']);
    // Agent A's "no" answers agent A's case: the next-best topic for SSPR_0013, never agent B's.
    const next = JSON.stringify(await say('No, that did not help', '29:agent-a'));
    expect(next).toContain('instead');
    expect(next).not.toContain('"topicId":"sspr-0012"');
    // And agent B's "yes" closes agent B's case.
    expect(JSON.stringify(await say('Yes, it is fixed', '29:agent-b'))).toMatch(/glad/i);
  });
});
