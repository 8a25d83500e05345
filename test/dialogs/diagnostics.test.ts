import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startChat, textOf, topicIdsOf } from '../helpers/botHarness.js';

const fixture = (name: string): string => readFileSync(`test/fixtures/eventlog/${name}`, 'utf8');

describe('diagnostics in the conversation', () => {
  it('reads a pasted event log and names its root cause with the fix', async () => {
    const { send } = startChat();
    const replies = await send(fixture('viewer-33004.txt'));
    const text = textOf(replies);
    expect(text).toContain('33004');
    expect(text).toContain('31003');
    expect(text).toMatch(/[Rr]oot cause/);
    expect(text).toMatch(/permission/i);
  });

  it('says everything is fine for informational events only', async () => {
    const { send } = startChat();
    expect(textOf(await send(fixture('getwinevent-success.txt')))).toMatch(/informational|fine/i);
  });

  it('explains a phone number with an extension, shows the right form, and keeps no number', async () => {
    const { send, storage } = startChat();
    const replies = await send('the text with the code never arrives on my phone, it is +1 425 555 0100 ext 22');
    const text = textOf(replies);
    expect(text).toMatch(/extensions/);
    // The right form is shown with the middle digits hidden; the number itself is never echoed.
    expect(text).toContain('+1 425•••0100');
    expect(text).not.toMatch(/555/);
    expect(topicIdsOf(replies)).toContain('sms-or-call-not-received');
    const stored = JSON.stringify(await storage.read(['msteams/conversations/conv-personal/']));
    expect(stored).not.toMatch(/425\s*555/);
    expect(stored).toContain('[phone number]');
  });

  it('tells a throttled user when they can try again', async () => {
    const { send } = startChat();
    const replies = await send('I got blocked after too many reset attempts about 3 hours ago');
    expect(topicIdsOf(replies)).toContain('reset-throttled');
    expect(textOf(replies)).toMatch(/You can try again from .*Europe\/Paris/);
  });

  it('asks for the time of the last attempt when it was not given, then works it out', async () => {
    const { send } = startChat();
    const first = await send('I got blocked after too many attempts');
    expect(topicIdsOf(first)).toContain('reset-throttled');
    expect(textOf(first)).toMatch(/when your last attempt was/);
    expect(textOf(await send('about 2 hours ago'))).toMatch(/You can try again from/);
  });

  it('carries a support code pasted earlier into the escalation without asking again', async () => {
    const { send } = startChat();
    await send('it says SSPR_0011, support code 1b4e28ba-2fa1-11d2-883f-0016d3cca427');
    await send('no');
    const prompts: string[] = [];
    let replies = await send('no');
    for (let i = 0; i < 8 && !textOf(replies).includes('Here is your summary'); i++) {
      prompts.push(textOf(replies));
      replies = await send('skip');
    }
    expect(prompts.join('\n')).not.toContain('What is the support code?');
    expect(textOf(replies)).toContain('1b4e28ba-2fa1-11d2-883f-0016d3cca427');
  });
});
