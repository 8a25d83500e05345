import { describe, expect, it } from 'vitest';
import { buttonsOf, startChat, textOf, topicIdsOf } from '../helpers/botHarness.js';

describe('a personal chat with the bot', () => {
  it('answers a clear message with the card of its topic, then asks whether it helped', async () => {
    const { send } = startChat();
    const replies = await send("I can't reset my password, it says SSPR_0013");
    expect(topicIdsOf(replies)).toEqual(['sspr-0013']);
    expect(textOf(replies)).toContain('group');
    expect(buttonsOf(replies)).toEqual(expect.arrayContaining(['Yes, it is fixed', 'No, that did not help']));
  });

  it('answers every code of a message', async () => {
    const { send } = startChat();
    expect(topicIdsOf(await send('SSPR_0009 and SSPR_0012'))).toEqual(['sspr-0009', 'sspr-0012']);
  });

  it('asks a follow-up question when the message is vague, then answers from free text', async () => {
    const { send } = startChat();
    const question = await send("reset isn't working");
    expect(topicIdsOf(question)).toEqual([]);
    expect(textOf(question)).toContain('Question 1 of 3');
    expect(buttonsOf(question).length).toBeGreaterThan(1);
    const answer = await send('the text with the code never arrives on my phone');
    expect(topicIdsOf(answer)).toEqual(['sms-or-call-not-received']);
  });

  it('takes a clicked choice as the answer to a follow-up question', async () => {
    const { send } = startChat();
    const question = await send('password reset problem');
    expect(textOf(question)).toContain('Question 1 of 3');
    const choices = buttonsOf(question);
    expect(choices.length).toBeGreaterThan(1);
    const next = await send(choices[0]!);
    // Either another question or an answer, never the same question again.
    expect(textOf(next)).not.toEqual(textOf(question));
    expect(next.length).toBeGreaterThan(0);
  });

  it('takes a reply button (a card submit) as if the words were typed', async () => {
    const { send } = startChat();
    const replies = await send({ type: 'message', value: { action: 'reply', text: "I can't reset my password, it says SSPR_0013" } });
    expect(topicIdsOf(replies)).toEqual(['sspr-0013']);
    expect(textOf(await send({ type: 'message', value: { action: 'reply', text: 'x'.repeat(10_000) } }))).toMatch(/older message/);
  });

  it('asks at most three follow-up questions, then answers or offers the close candidates to pick from', async () => {
    const { send } = startChat();
    let replies = await send('password problem');
    let questions = 0;
    while (/Question \d of 3/.test(textOf(replies)) && questions < 5) {
      questions++;
      replies = await send('Not sure');
    }
    expect(questions).toBeLessThanOrEqual(3);
    if (textOf(replies).includes('Which of these is it?')) {
      const [first] = buttonsOf(replies);
      replies = await send({ type: 'message', value: { action: 'reply', text: first } });
    }
    expect(topicIdsOf(replies).length).toBeGreaterThan(0);
  });

  it('offers the next-best answer after a "no", then escalates', async () => {
    const { send } = startChat();
    await send('the text with the code never arrives on my phone');
    const next = await send("that didn't help");
    expect(topicIdsOf(next)).toHaveLength(1);
    expect(topicIdsOf(next)).not.toContain('sms-or-call-not-received');
    const escalation = await send('no');
    expect(textOf(escalation)).toMatch(/admin or Microsoft support will need/);
  });

  it('collects the escalation details, validates the support code and ends with a summary card', async () => {
    const { send } = startChat();
    await send('it says SSPR_0014');
    await send('no');
    let replies = await send('no'); // the alternative did not help either: escalation
    let summary = '';
    let validated = false;
    // Answer each question the way a person would; the fields come from catalog/escalation.json.
    for (let turn = 0; turn < 12 && !summary; turn++) {
      const text = textOf(replies);
      if (text.includes('Here is your summary')) summary = text;
      else if (/What is the support code/.test(text) && !validated) {
        expect(textOf(await send('no idea what that is, 1234'))).toMatch(/doesn't look like a support code/);
        validated = true;
        replies = await send('1B4E28BA-2FA1-11D2-883F-0016D3CCA427');
      } else if (/What kind of account/.test(text)) replies = await send('Cloud-only');
      else if (/Which page/.test(text)) replies = await send('https://passwordreset.microsoftonline.com');
      else replies = await send('skip');
    }
    expect(validated).toBe(true);
    expect(summary).toContain('1b4e28ba-2fa1-11d2-883f-0016d3cca427');
    expect(summary).toContain('ada@contoso.com');
    expect(summary).toContain('Cloud-only');
    expect(summary).toContain('Europe/Paris');
  });

  it('lets the user skip an escalation question', async () => {
    const { send } = startChat();
    await send('it says SSPR_0011');
    await send('no');
    let replies = await send('no');
    for (let i = 0; i < 8 && !textOf(replies).includes('Here is your summary'); i++) replies = await send('skip');
    expect(textOf(replies)).toContain('(skipped)');
  });

  it('politely declines what is not a password problem and shows what it can do', async () => {
    const { send } = startChat();
    const replies = await send('how do i book a meeting room');
    expect(topicIdsOf(replies)).toEqual([]);
    expect(textOf(replies)).toMatch(/only help with/);
    expect(buttonsOf(replies).length).toBeGreaterThan(0);
  });

  it('explains itself on "help", with examples to click', async () => {
    const { send } = startChat();
    const replies = await send('help');
    expect(buttonsOf(replies)).toContain("I can't reset my password, it says SSPR_0013");
  });

  it('restarts on "start over" in the middle of a diagnosis', async () => {
    const { send } = startChat();
    expect(textOf(await send("reset isn't working"))).toContain('Question 1 of 3');
    expect(textOf(await send('start over'))).toMatch(/start over/);
    expect(topicIdsOf(await send('SSPR_0012'))).toEqual(['sspr-0012']);
  });

  it('welcomes on install', async () => {
    const { send } = startChat();
    const replies = await send({ type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'bot' }], recipient: { id: 'bot', name: 'bot' } });
    expect(buttonsOf(replies).length).toBeGreaterThan(0);
  });

  it('switches a card to the admin view when asked', async () => {
    const { send } = startChat();
    const replies = await send({ type: 'message', value: { action: 'switchView', topicId: 'sspr-0013', view: 'admin' } });
    expect(topicIdsOf(replies)).toEqual(['sspr-0013']);
    expect(textOf(replies)).toContain('Selected groups');
  });

  it.each([
    { action: 'switchView', topicId: 'no-such-topic', view: 'admin' },
    { action: 'switchView', topicId: '../../etc/passwd', view: 'admin' },
    { action: 'switchView', topicId: 'sspr-0013', view: 'root' },
    { action: 'launchMissiles' },
    'not an object',
  ])('answers a forged or stale card submit %j with a plain sentence', async (value) => {
    const { send } = startChat();
    const replies = await send({ type: 'message', value });
    expect(textOf(replies)).toMatch(/older message/);
  });

  it('warns about a shared password and keeps it out of state', async () => {
    const { send, storage } = startChat();
    const replies = await send('my password is Summer2024! and reset fails with SSPR_0012');
    expect(textOf(replies)).toMatch(/never share your password/);
    expect(textOf(replies)).not.toContain('Summer2024!');
    expect(topicIdsOf(replies)).toEqual(['sspr-0012']);
    const stored = JSON.stringify(await storage.read(['msteams/conversations/conv-personal/']));
    expect(stored).not.toContain('Summer2024');
    expect(stored).toContain('[redacted]');
  });

  it('replies politely to an empty message', async () => {
    const { send } = startChat();
    expect(textOf(await send('   '))).toMatch(/didn't get any text/);
  });
});

describe('the conversation listens at every prompt', () => {
  it('answers a new SMS problem told in the escalation questions (SSPR_0013, no, no, then the SMS problem)', async () => {
    const { send } = startChat();
    expect(topicIdsOf(await send("I can't reset my password, it says SSPR_0013"))).toEqual(['sspr-0013']);
    await send('no');
    expect(textOf(await send('no'))).toMatch(/admin or Microsoft support will need/);
    const replies = await send('no text message ever arrives on my phone');
    expect(topicIdsOf(replies)).toContain('sms-or-call-not-received');
  });

  it('closes the case on "thanks" after an answer, without another article', async () => {
    const { send, components } = startChat();
    await send('it says SSPR_0012');
    const replies = await send('thanks');
    expect(topicIdsOf(replies)).toEqual([]);
    expect(textOf(replies)).toMatch(/glad/i);
    const [row] = await components.outcomes.summary();
    expect(row).toMatchObject({ id: 'sspr-0012', resolved: 1, escalated: 0 });
  });

  it('takes "can I talk to a person?" to the escalation at once', async () => {
    const { send } = startChat();
    await send('it says SSPR_0012');
    expect(textOf(await send('can I talk to a person?'))).toMatch(/get this to a person/);
  });

  it('answers a question of fact in its first reply', async () => {
    const { send } = startChat();
    const replies = await send('how many tries before reset locks me out, and for how long');
    expect(topicIdsOf(replies)[0]).toBe('reset-throttled');
    expect(textOf(replies)).not.toContain('Question 1 of 3');
  });

  it('asks about the vague headline message instead of guessing an article', async () => {
    const { send } = startChat();
    const replies = await send("I can't reset my password");
    expect(topicIdsOf(replies)).toEqual([]);
    expect(textOf(replies)).toContain('Question 1 of 3');
  });

  it('gives an agent describing someone else the best answer and the runners-up, not an interview', async () => {
    const { send } = startChat();
    const replies = await send('user in accounts keeps getting bounced by the reset page, she has no P1 licence');
    expect(textOf(replies)).not.toContain('Question 1 of 3');
    expect(topicIdsOf(replies).length).toBeGreaterThan(1);
    expect(textOf(replies)).toContain('Other likely causes');
  });

  it('gives no password warning for an ordinary sentence about passwords', async () => {
    const { send } = startChat();
    expect(textOf(await send('an email just told me my work password was reset'))).not.toMatch(/never share your password/);
  });
});

describe('a channel', () => {
  it('stays silent when the bot is not mentioned', async () => {
    const { send } = startChat({ conversationType: 'channel' });
    expect(await send('SSPR_0013')).toEqual([]);
  });

  it('answers a mention with the agent view', async () => {
    const { send } = startChat({ conversationType: 'channel' });
    const replies = await send({
      type: 'message',
      text: '<at>Password bot</at> user gets SSPR_0013',
      recipient: { id: 'bot', name: 'Password bot' },
      entities: [{ type: 'mention', mentioned: { id: 'bot', name: 'Password bot' }, text: '<at>Password bot</at>' }],
    });
    expect(topicIdsOf(replies)).toEqual(['sspr-0013']);
    expect(textOf(replies)).toContain('Selected groups');
  });
});
