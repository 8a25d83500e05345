import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBot } from '../helpers/httpBot.js';

type Bot = Awaited<ReturnType<typeof startHttpBot>>;
let bot: Bot;
beforeAll(async () => {
  bot = await startHttpBot();
});
afterAll(async () => bot.close());

const THREAD = '19:support@thread.tacv2;messageid=1700000000000';
const topicIds = (bodies: Array<Record<string, unknown>>): string[] => [...new Set(bodies.flatMap((b) => [...JSON.stringify(b).matchAll(/"topicId":"([a-z0-9-]+)"/g)].map((m) => m[1]!)))];

describe('a support channel', () => {
  it('answers a mention in the same thread, with the agent view', async () => {
    const before = bot.stub.sent().length;
    const replies = await bot.say({ text: 'user gets SSPR_0013 on the reset page', conversationType: 'channel', conversationId: THREAD, mentionBot: true, userId: '29:agent-a' });
    expect(topicIds(replies)).toEqual(['sspr-0013']);
    expect(JSON.stringify(replies)).toContain('Selected groups');
    const paths = bot.stub.sent().slice(before).map((c) => decodeURIComponent(c.path));
    expect(paths.every((p) => p.includes(THREAD))).toBe(true);
  });

  it('stays silent without a mention', async () => {
    expect(await bot.say({ text: 'SSPR_0013', conversationType: 'channel', conversationId: THREAD, userId: '29:agent-a' })).toEqual([]);
  });

  it('keeps each agent\'s follow-up questions to that agent', async () => {
    const thread = '19:support@thread.tacv2;messageid=1700000000999';
    const question = await bot.say({ text: "reset isn't working", conversationType: 'channel', conversationId: thread, mentionBot: true, userId: '29:agent-a' });
    expect(JSON.stringify(question)).toContain('Question 1 of 3');
    // Another agent in the same thread starts their own diagnosis; it does not answer agent A's question.
    const other = await bot.say({ text: 'it says SSPR_0012', conversationType: 'channel', conversationId: thread, mentionBot: true, userId: '29:agent-b' });
    expect(topicIds(other)).toEqual(['sspr-0012']);
    // Agent A's question is still open: "Not sure" answers it (the next question), not agent B's "Did this fix it?".
    const next = JSON.stringify(await bot.say({ text: 'Not sure', conversationType: 'channel', conversationId: thread, mentionBot: true, userId: '29:agent-a' }));
    expect(next).toContain('Question 2 of 3');
    expect(next).not.toContain('instead');
  });
});
