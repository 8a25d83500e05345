import { describe, expect, it } from 'vitest';
import { MAX_CLASSIFIED_CHARS } from '../../src/nlu/index.js';
import { isFactQuestion, readTurn } from '../../src/turn/index.js';
import { fakeClassify, RULES, WORDS } from '../triage/fakes.js';

const classify = fakeClassify(RULES);
const read = (text: string) => readTurn(text, { classify, words: WORDS });

describe('reading one message', () => {
  it('strips the bot mention and classifies the words once', () => {
    let calls = 0;
    const turn = readTurn('<at>Password bot</at> it says SSPR_0013', { classify: (t) => (calls++, classify(t)), words: WORDS });
    expect(turn.text).toBe('it says SSPR_0013');
    expect(turn.classification.codeTopicIds).toEqual(['group-missing']);
    expect(calls).toBe(1);
  });

  it.each([
    { said: 'no, now it says security info is missing', lead: 'no', rest: 'now it says security info is missing' },
    { said: 'Nope — still the same', lead: 'no', rest: 'still the same' },
    { said: 'yes, thanks', lead: 'yes', rest: 'thanks' },
    { said: "also, what about my colleague's SSPR_0012", lead: 'other', rest: "what about my colleague's SSPR_0012" },
    { said: 'no text message ever arrives on my phone', lead: undefined, rest: 'no text message ever arrives on my phone' },
    { said: 'no', lead: undefined, rest: 'no' },
  ])('"$said" opens with $lead', ({ said, lead, rest }) => {
    const turn = read(said);
    expect(turn.lead).toBe(lead);
    expect(turn.rest).toBe(rest);
  });

  it.each([
    { said: 'what ports does writeback need open', fact: true },
    { said: 'how many tries before reset locks me out, and for how long', fact: true },
    { said: 'how long does sdprop take', fact: true },
    { said: 'does SSPR work for admins?', fact: true },
    { said: "why can't I reset my password", fact: false },
    { said: 'can I talk to a person?', fact: false },
    { said: 'the text never arrives', fact: false },
    { said: 'what is wrong, it fails with an error', fact: false },
  ])('"$said" is a question of fact: $fact', ({ said, fact }) => {
    expect(isFactQuestion(said, WORDS)).toBe(fact);
  });

  it.each([
    { said: "I can't reset my password", vague: true },
    { said: 'password reset not working', vague: true },
    { said: 'the text never arrives on my phone', vague: false },
    { said: 'it says SSPR_0013', vague: false },
  ])('"$said" is vague: $vague', ({ said, vague }) => {
    expect(read(said).vague).toBe(vague);
  });

  it.each([
    { said: 'user in accounts keeps getting bounced, she has no P1 licence', other: true },
    { said: 'my colleague cannot reset', other: true },
    { said: 'I cannot reset', other: false },
  ])('"$said" is about someone else: $other', ({ said, other }) => {
    expect(read(said).aboutSomeoneElse).toBe(other);
  });

  it('warns only when something was removed: an ordinary sentence about passwords is left alone', () => {
    expect(read('an email just told me my work password was reset').hadPassword).toBe(false);
    expect(read('I cannot change my password').hadPassword).toBe(false);
    const turn = read('my password is Summer2024! and reset fails');
    expect(turn.hadPassword).toBe(true);
    expect(turn.text).not.toContain('Summer2024');
  });

  it('replaces a phone number in the kept text and hands it over for this turn only', () => {
    const turn = read('the code never reaches +1 425 555 0100');
    expect(turn.phone).toBeDefined();
    expect(turn.text).toContain('[phone number]');
    expect(turn.text).not.toContain('555');
  });

  it('keeps no phone number at all when a message has several', () => {
    const turn = read('try +1 425 555 0100 or +44 20 7946 0958, neither gets the text');
    expect(turn.text).not.toMatch(/555|7946/);
    expect(turn.text.match(/\[phone number\]/g)).toHaveLength(2);
  });

  it('remembers a support code in its canonical form', () => {
    expect(read('support code 1B4E28BA-2FA1-11D2-883F-0016D3CCA427').supportCode).toBe('1b4e28ba-2fa1-11d2-883f-0016d3cca427');
  });

  it('cuts a message longer than the classifier reads and says so', () => {
    const turn = read('x '.repeat(MAX_CLASSIFIED_CHARS));
    expect(turn.truncated).toBe(true);
    expect(turn.text.length).toBe(MAX_CLASSIFIED_CHARS);
  });

  it.each([
    { said: 'help', command: 'help' },
    { said: 'Start over', command: 'restart' },
    { said: 'subscribe', command: 'subscribe' },
    { said: 'unsubscribe', command: 'unsubscribe' },
    { said: 'help me reset my password', command: undefined },
  ])('"$said" is the command $command', ({ said, command }) => {
    expect(read(said).command).toBe(command);
  });

  it('names small talk from the classifier first, else from the exact phrases', () => {
    expect(read('can I talk to a person?').smallTalk).toBe('human');
    expect(read('hello').smallTalk).toBe('greeting');
    expect(read('thank you').smallTalk).toBe('thanks');
    expect(read('hello, my reset fails').smallTalk).toBeNull();
  });
});
