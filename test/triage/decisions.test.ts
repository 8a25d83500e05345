import { describe, expect, it } from 'vitest';
import { Triage, type Expecting, type FacetAnswer, type FactsAdvice } from '../../src/triage/index.js';
import { readTurn } from '../../src/turn/index.js';
import { fakeCatalog, fakeClassify, QUESTIONS, RULES, WORDS } from './fakes.js';

const catalog = fakeCatalog();
const classify = fakeClassify(RULES, catalog);
const triage = new Triage({ classify, catalog, questions: QUESTIONS, words: WORDS });
const turn = (text: string) => readTurn(text, { classify, words: WORDS });

describe('the decision module decides the next move of a diagnosis', () => {
  it.each([
    { said: 'it says SSPR_0013', kind: 'personal', move: 'answer', topics: ['group-missing'], reason: 'code' },
    { said: 'SSPR_0012 and SSPR_0013', kind: 'personal', move: 'answer', topics: ['no-license', 'group-missing'], reason: 'code' },
    { said: 'the text message never arrives', kind: 'personal', move: 'answer', topics: ['sms-missing'], reason: 'confident' },
    { said: 'what ports does writeback need open', kind: 'personal', move: 'answer', topics: ['writeback-ports'], reason: 'fact' },
    { said: 'how many tries before reset locks me out, and for how long', kind: 'personal', move: 'answer', topics: ['throttled'], reason: 'fact' },
    { said: 'user in accounts gets bounced, she has no P1 licence', kind: 'personal', move: 'answer', topics: ['no-license'], reason: 'agent' },
    { said: 'the code never comes', kind: 'channel', move: 'answer', topics: ['sms-missing'], reason: 'agent' },
    { said: 'the code never comes', kind: 'personal', move: 'ask', topics: [], reason: undefined },
    { said: "I can't reset my password", kind: 'personal', move: 'ask', topics: [], reason: undefined },
    { said: 'how do I book a meeting room', kind: 'personal', move: 'outOfScope', topics: [], reason: undefined },
  ] as const)('"$said" in a $kind chat: $move', ({ said, kind, move, topics, reason }) => {
    const decision = triage.decide({ texts: [said], answers: [], kind });
    expect(decision.kind).toBe(move);
    if (decision.kind === 'answer') {
      expect(decision.topics.map((t) => t.id)).toEqual(topics);
      expect(decision.reason).toBe(reason);
    }
  });

  it('asks the question that splits the candidates, and answers once an answer rules the others out', () => {
    const first = triage.decide({ texts: ['the code never comes'], answers: [], kind: 'personal' });
    expect(first.kind === 'ask' && first.question.id).toBe('method');
    const answers: FacetAnswer[] = [{ questionId: 'method', values: ['email'] }];
    const second = triage.decide({ texts: ['the code never comes'], answers, kind: 'personal' });
    expect(second.kind === 'answer' && second.topics[0]!.id).toBe('email-missing');
  });

  it('offers "Which of these is it?" when the candidates stay close after the questions', () => {
    const answers: FacetAnswer[] = [
      { questionId: 'method', values: [] },
      { questionId: 'errorCode', values: [] },
    ];
    const decision = triage.decide({ texts: ['the code never comes'], answers, kind: 'personal' });
    expect(decision.kind).toBe('offerChoices');
    if (decision.kind === 'offerChoices') expect(decision.topics.map((t) => t.id)).toEqual(['sms-missing', 'email-missing', 'app-missing']);
  });

  it('takes account facts like answers: they rule topics out and their question is not asked', () => {
    const decision = triage.decide({ texts: ['the code never comes'], answers: [], facts: [{ questionId: 'method', values: ['app'] }], kind: 'personal' });
    expect(decision.kind === 'answer' && decision.topics[0]!.id).toBe('app-missing');
  });

  it('never answers a topic the person already said did not help', () => {
    const decision = triage.decide({ texts: ['security info is missing'], answers: [], excluded: ['group-missing'], kind: 'channel' });
    expect(decision.kind === 'answer' && decision.topics[0]!.id).toBe('info-missing');
  });
});

const feedback: Expecting = { kind: 'feedback', inPlay: ['group-missing'] };
const facet: Expecting = { kind: 'facet', questionId: 'method', inPlay: ['sms-missing', 'email-missing', 'app-missing'] };
const field: Expecting = { kind: 'field', fieldId: 'page', choices: [], inPlay: ['group-missing'] };
const license: Expecting = { kind: 'field', fieldId: 'license', choices: ['Yes', 'No', "Don't know"], inPlay: ['group-missing'] };
const description: Expecting = { kind: 'field', fieldId: 'description', choices: [], inPlay: ['group-missing'] };
const pick: Expecting = { kind: 'pick', inPlay: ['sms-missing', 'email-missing'], titles: ['Title of sms-missing', 'Title of email-missing'] };

describe('a reply at a prompt is read the same way at every prompt', () => {
  it.each([
    { at: 'feedback', expecting: feedback, said: 'no', reading: 'answer' },
    { at: 'feedback', expecting: feedback, said: 'Yes, it is fixed', reading: 'answer' },
    { at: 'feedback', expecting: feedback, said: 'no, IT added me to the group and now it says security info is missing', reading: 'newProblem' },
    { at: 'feedback', expecting: feedback, said: 'no, still the same', reading: 'answer' },
    { at: 'feedback', expecting: feedback, said: "also, what about my colleague's SSPR_0012", reading: 'newProblem' },
    { at: 'feedback', expecting: feedback, said: 'it still says SSPR_0013', reading: 'answer' },
    { at: 'feedback', expecting: feedback, said: 'thanks, that fixed it', reading: 'answer' },
    { at: 'feedback', expecting: feedback, said: 'can I talk to a person?', reading: 'smallTalk' },
    { at: 'feedback', expecting: feedback, said: 'help', reading: 'command' },
    { at: 'facet', expecting: facet, said: 'An email', reading: 'answer' },
    { at: 'facet', expecting: facet, said: 'sms', reading: 'answer' },
    { at: 'facet', expecting: facet, said: 'what ports does writeback need open', reading: 'newProblem' },
    { at: 'facet', expecting: facet, said: 'no, IT added me to the group and now it says security info is missing', reading: 'newProblem' },
    { at: 'facet', expecting: facet, said: 'thanks, that fixed it', reading: 'smallTalk' },
    { at: 'facet', expecting: facet, said: 'start over', reading: 'command' },
    { at: 'field', expecting: field, said: 'the text message never arrives on my phone', reading: 'newProblem' },
    { at: 'field', expecting: field, said: 'https://passwordreset.microsoftonline.com', reading: 'answer' },
    { at: 'field', expecting: field, said: 'the text message never arrives https://passwordreset.microsoftonline.com', reading: 'newProblem' },
    { at: 'field', expecting: field, said: 'skip', reading: 'answer' },
    { at: 'field', expecting: field, said: 'the portal page on my laptop', reading: 'answer' },
    { at: 'facet', expecting: facet, said: 'the portal page on my laptop', reading: 'newProblem' },
    { at: 'field', expecting: field, said: 'no idea what that is, SSPR_0012', reading: 'answer' },
    { at: 'field', expecting: license, said: 'No', reading: 'answer' },
    { at: 'field', expecting: description, said: 'the text message never arrives on my phone', reading: 'answer' },
    { at: 'field', expecting: field, said: 'can I talk to a person?', reading: 'smallTalk' },
    { at: 'pick', expecting: pick, said: 'Title of email-missing', reading: 'answer' },
    { at: 'pick', expecting: pick, said: 'None of these', reading: 'answer' },
    { at: 'pick', expecting: pick, said: 'SSPR_0012', reading: 'newProblem' },
  ] as const)('at a $at prompt, "$said" is $reading', ({ expecting, said, reading }) => {
    expect(triage.read(turn(said), expecting).kind).toBe(reading);
  });

  it('diagnoses the rest of "no, <new problem>" and never the answer just refused', () => {
    const reading = triage.read(turn('no, IT added me to the group and now it says security info is missing'), feedback);
    expect(reading).toEqual({ kind: 'newProblem', text: 'IT added me to the group and now it says security info is missing', excluded: ['group-missing'] });
  });
});

describe('"Did this fix it?"', () => {
  it.each([
    { said: 'Yes, it is fixed', verdict: 'fixed' },
    { said: 'yes', verdict: 'fixed' },
    { said: 'thanks, that fixed it', verdict: 'fixed' },
    { said: 'No, that did not help', verdict: 'not-fixed' },
    { said: 'still getting the same error', verdict: 'not-fixed' },
    { said: 'no.', verdict: 'not-fixed' },
    { said: 'I use the authenticator app', verdict: 'other' },
  ] as const)('"$said" is $verdict', ({ said, verdict }) => {
    expect(triage.verdict(turn(said))).toBe(verdict);
  });
});

describe('"Which of these is it?"', () => {
  const topics = ['sms-missing', 'email-missing'].map((id) => catalog.topic(id)!);
  it.each([
    { said: 'Title of email-missing', picked: 'email-missing' },
    { said: '1', picked: 'sms-missing' },
    { said: 'none of these', picked: 'none' },
    { said: 'hmm', picked: undefined },
  ])('"$said" picks $picked', ({ said, picked }) => {
    const result = triage.pick(turn(said), topics);
    expect(typeof result === 'object' ? result.id : result).toBe(picked);
  });
});

describe("the asking user's account facts (Microsoft Graph advice) in the decision", () => {
  const section = { title: 'What I see for your account', facts: [{ title: 'Methods on file', value: 'None' }], note: 'Checked a moment ago.' };
  const settles = (topicId: string, overrides: Partial<FactsAdvice> = {}): FactsAdvice => ({
    answers: [],
    weights: {},
    lead: { topicId, reason: 'not-registered' },
    section,
    ...overrides,
  });
  const decide = (said: string, account: FactsAdvice, kind: 'personal' | 'channel' = 'personal', excluded: string[] = []) =>
    triage.decide({ texts: [said], answers: [], kind, account, excluded });

  it('answers the topic the facts settle instead of asking, with the section and the reason', () => {
    const decision = decide('the code never comes', settles('info-missing'));
    expect(decision.kind).toBe('answer');
    if (decision.kind !== 'answer') return;
    expect(decision.topics.map((t) => t.id)).toEqual(['info-missing']);
    expect(decision.reason).toBe('account');
    expect(decision.account?.section).toEqual(section);
    expect(decision.alternatives).not.toContain('info-missing');
  });

  it('keeps the topic a code names, and still shows the section', () => {
    const decision = decide('it says SSPR_0013', settles('info-missing'));
    expect(decision.kind === 'answer' && decision.topics.map((t) => t.id)).toEqual(['group-missing']);
    expect(decision.kind === 'answer' && decision.account?.section.title).toBe(section.title);
  });

  it("ignores the facts in a channel: the writer is an agent, and their account is not the user's", () => {
    const decision = decide('the code never comes', settles('info-missing'), 'channel');
    expect(decision.kind === 'answer' && decision.topics.map((t) => t.id)).toEqual(['sms-missing']);
    expect(decision.kind === 'answer' && decision.account).toBeUndefined();
  });

  it('never leads with a topic the person already said did not help', () => {
    const decision = decide('the code never comes', settles('info-missing'), 'personal', ['info-missing']);
    expect(decision.kind).toBe('ask');
  });

  it('does not lead a message that is not about passwords', () => {
    expect(decide('how do I book a meeting room', settles('info-missing')).kind).toBe('outOfScope');
  });

  it('skips the questions the facts answer, and moves topics by their weights', () => {
    const answered = decide('the code never comes', { answers: [{ questionId: 'method', values: ['email'] }], weights: {}, section });
    expect(answered.kind === 'answer' && answered.topics[0]!.id).toBe('email-missing');
    const weighed = decide('security info is missing', { answers: [], weights: { 'info-missing': 5 }, section });
    expect(weighed.kind === 'answer' && weighed.topics[0]!.id).toBe('info-missing');
  });

  it('carries the throttle clock of a blocked account to the answer', () => {
    const throttle = { blockedAt: new Date(0), retryAt: new Date(86_400_000), canRetryNow: false, retryText: 'you can try again from 09:41 tomorrow' };
    const decision = decide('the code never comes', settles('throttled', { throttle }));
    expect(decision.kind === 'answer' && decision.topics[0]!.id).toBe('throttled');
    expect(decision.kind === 'answer' && decision.account?.throttle?.retryText).toBe('you can try again from 09:41 tomorrow');
  });
});
