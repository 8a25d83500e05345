import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_TYPE_QUESTION_ID,
  ON_PREMISES_TOPICS,
  adviseFromFacts,
  describeTime,
  FACT_TOPICS,
  leadTopic,
  likelyTopic,
  methodLabel,
  METHOD_QUESTION_ID,
  reweigh,
  type AccountFacts,
} from '../../src/graph/index.js';
import { auditFacts, registrationFacts } from '../../src/graph/facts.js';
import { loadCatalog, loadQuestions } from '../../src/knowledge/index.js';

const catalog = loadCatalog();
const questions = loadQuestions();

// Winter: Paris is UTC+1. The user was blocked at 09:41 Paris time, three hours before "now".
const NOW = new Date('2026-01-14T11:41:00Z');
const BLOCKED = new Date('2026-01-14T08:41:00Z');

const registration = (overrides: Partial<Parameters<typeof registrationFacts>[0]> = {}) =>
  registrationFacts({
    isSsprRegistered: true,
    isSsprEnabled: true,
    isSsprCapable: true,
    isAdmin: false,
    methodsRegistered: ['mobilePhone', 'email'],
    ...overrides,
  });

function facts(overrides: Partial<AccountFacts> = {}): AccountFacts {
  return {
    userId: '11111111-1111-4111-8111-111111111111',
    checkedAt: NOW,
    registration: registration(),
    licence: { coverage: 'premium', ssprPlans: ['AAD_PREMIUM'], skuCount: 1 },
    audit: auditFacts([]),
    account: { synced: false },
    missing: [],
    ...overrides,
  };
}

const notRegistered = facts({ registration: registration({ isSsprRegistered: false, isSsprCapable: false, methodsRegistered: [] }) });
const oneMethod = facts({ registration: registration({ isSsprRegistered: false, isSsprCapable: false, methodsRegistered: ['mobilePhone'] }) });
const unlicensed = facts({
  licence: { coverage: 'none', ssprPlans: [], skuCount: 0 },
  registration: registration({ isSsprEnabled: false, isSsprCapable: false }),
});
const blocked = facts({ audit: auditFacts([{ activity: 'blocked', at: BLOCKED, result: 'failure' }]) });
const paris = { now: NOW, timeZone: 'Europe/Paris' };

describe('adviseFromFacts', () => {
  it('names only topics and a question that exist in the catalog', () => {
    for (const id of [...Object.values(FACT_TOPICS), ...ON_PREMISES_TOPICS]) expect(catalog.topic(id), id).toBeDefined();
    expect(questions.find((q) => q.id === METHOD_QUESTION_ID)?.facet).toBe('method');
    expect(questions.find((q) => q.id === ACCOUNT_TYPE_QUESTION_ID)?.facet).toBe('accountType');
    const synced = facts({ account: { synced: true } });
    for (const f of [facts(), oneMethod, blocked, synced]) {
      for (const answer of adviseFromFacts(f, paris).answers) {
        const question = questions.find((q) => q.id === answer.questionId)!;
        const choices = question.choices.map((c) => c.values);
        // Every value is one the question's choices stand for; the account type is exactly one choice.
        for (const value of answer.values) expect(choices.flat()).toContain(value);
        if (question.facet === 'accountType') expect(choices.map((c) => JSON.stringify(c))).toContain(JSON.stringify(answer.values));
      }
    }
  });

  it.each([
    ['not registered', notRegistered, 'register-security-info', 'not-registered'],
    ['registered with one method when two are required', oneMethod, 'only-one-contact-method', 'too-few-methods'],
    ['unlicensed', unlicensed, 'sspr-0012', 'unlicensed'],
    ['blocked three hours ago', blocked, 'reset-throttled', 'blocked'],
    ['not enabled by policy', facts({ registration: registration({ isSsprEnabled: false, isSsprCapable: false }) }), 'directory-not-enabled', 'not-enabled'],
  ])('settles the topic for a user who is %s', (_name, f, topicId, reason) => {
    expect(adviseFromFacts(f, paris).lead).toEqual({ topicId, reason });
  });

  it('settles nothing for a user who is ready to reset, and lowers the registration, licence and throttle topics', () => {
    const advice = adviseFromFacts(facts(), paris);
    expect(advice.lead).toBeUndefined();
    for (const id of [FACT_TOPICS.register, FACT_TOPICS.oneMethod, FACT_TOPICS.licenceCode, FACT_TOPICS.throttled]) expect(advice.weights[id]).toBeLessThan(1);
    expect(likelyTopic(advice)).toBeUndefined();
  });

  it('reads Microsoft 365 plans without P1 or P2 as unlicensed only for a synced account, whose reset needs writeback', () => {
    const other = { coverage: 'other', ssprPlans: [], skuCount: 1 } as const;
    const cloud = adviseFromFacts(facts({ licence: other, account: { synced: false } }), paris);
    expect(cloud.lead).toBeUndefined();
    expect(cloud.weights[FACT_TOPICS.licenceCode]).toBeUndefined();
    expect(adviseFromFacts(facts({ licence: other, account: { synced: true } }), paris).lead).toEqual({ topicId: 'sspr-0012', reason: 'unlicensed' });
    expect(adviseFromFacts(facts({ licence: other, account: undefined }), paris).lead).toBeUndefined();
    expect(cloud.section.facts.find((f) => f.title === 'Licence')?.value).toMatch(/^No Entra ID P1 or P2 plan/);
    expect(adviseFromFacts(unlicensed, paris).section.facts.find((f) => f.title === 'Licence')?.value).toBe('No licence assigned');
  });

  it('answers the method question from the registered method types', () => {
    const methodAnswer = (f: AccountFacts) => adviseFromFacts(f, paris).answers.find((a) => a.questionId === 'method');
    expect(methodAnswer(facts())).toEqual({ questionId: 'method', values: ['sms', 'call', 'email'] });
    expect(methodAnswer(oneMethod)).toEqual({ questionId: 'method', values: ['sms', 'call'] });
    expect(methodAnswer(notRegistered)).toBeUndefined();
  });

  it('answers the account type question and sets the on-premises topics aside for a cloud-only account', () => {
    const cloud = adviseFromFacts(facts(), paris);
    expect(cloud.answers).toContainEqual({ questionId: 'accountType', values: ['cloud-only'] });
    for (const id of ON_PREMISES_TOPICS) expect(cloud.weights[id]).toBeLessThan(1);
    const synced = adviseFromFacts(facts({ account: { synced: true } }), paris);
    expect(synced.answers).toContainEqual({ questionId: 'accountType', values: ['synced', 'federated'] });
    for (const id of ON_PREMISES_TOPICS) expect(synced.weights[id]).toBeUndefined();
    expect(adviseFromFacts(facts({ account: undefined }), paris).answers.map((a) => a.questionId)).toEqual(['method']);
  });

  it('computes the exact retry time from the audit entry, in the user time zone', () => {
    const advice = adviseFromFacts(blocked, paris);
    expect(advice.throttle).toMatchObject({ blockedAt: BLOCKED, retryAt: new Date('2026-01-15T08:41:00Z'), canRetryNow: false });
    expect(advice.throttle?.retryText).toBe('you can try again from 09:41 tomorrow');
    expect(adviseFromFacts(blocked, { now: NOW, timeZone: 'America/New_York' }).throttle?.retryText).toBe('you can try again from 03:41 tomorrow');
    expect(adviseFromFacts(blocked, { now: NOW }).throttle?.retryText).toBe('you can try again from 08:41 tomorrow (UTC)');
    expect(adviseFromFacts(blocked, { now: NOW, timeZone: 'Not/AZone' }).throttle?.retryText).toBe('you can try again from 08:41 tomorrow (UTC)');
  });

  it('lets a user blocked more than 24 hours ago (cached) or who has since reset try again', () => {
    const later = new Date(BLOCKED.getTime() + 25 * 3600_000);
    expect(adviseFromFacts(blocked, { now: later }).throttle).toMatchObject({ canRetryNow: true, retryText: 'you can try again now' });
    expect(adviseFromFacts(blocked, { now: later }).lead).toBeUndefined();
    const reset = facts({
      audit: auditFacts([
        { activity: 'blocked', at: BLOCKED, result: 'failure' },
        { activity: 'reset', at: new Date(BLOCKED.getTime() + 3600_000), result: 'success' },
      ]),
    });
    expect(adviseFromFacts(reset, paris).throttle).toBeUndefined();
  });

  it('fills "What I see for your account" with method types only and the lag note', () => {
    const section = adviseFromFacts(blocked, paris).section;
    expect(section.title).toBe('What I see for your account');
    expect(section.note).toBe('Checked a moment ago; the directory may lag a few hours.');
    expect(section.facts).toEqual([
      { title: 'Password reset', value: 'Ready to use' },
      { title: 'Methods on file', value: 'Mobile phone, Email' },
      { title: 'Licence', value: 'Includes password reset (Entra ID P1)' },
      { title: 'Recent reset attempts', value: 'Blocked at 09:41 today; you can try again from 09:41 tomorrow' },
      { title: 'Account', value: 'Cloud-only' },
    ]);
  });

  it('shows an unfinished attempt and a finished reset', () => {
    const attempt = facts({ audit: auditFacts([{ activity: 'progress', at: BLOCKED, result: 'failure' }]) });
    expect(adviseFromFacts(attempt, paris).section.facts.find((f) => f.title === 'Recent reset attempts')?.value).toBe(
      'Last attempt at 09:41 today did not finish',
    );
    const done = facts({ audit: auditFacts([{ activity: 'reset', at: BLOCKED, result: 'success' }]) });
    expect(adviseFromFacts(done, paris).section.facts.find((f) => f.title === 'Recent reset attempts')?.value).toBe('Password reset at 09:41 today');
  });

  it('says which parts it could not check', () => {
    const partial = facts({
      licence: undefined,
      audit: undefined,
      missing: [
        { part: 'licence', failure: 'consent-missing' },
        { part: 'audit', failure: 'timeout' },
      ],
    });
    const section = adviseFromFacts(partial, paris).section;
    expect(section.facts.filter((f) => f.value === "Couldn't check").map((f) => f.title)).toEqual(['Licence', 'Recent reset attempts']);
    expect(adviseFromFacts(notRegistered, paris).section.facts[1]).toEqual({ title: 'Methods on file', value: 'None' });
  });

  it('labels method types as people say them', () => {
    expect(['officePhone', 'microsoftAuthenticatorPush', 'securityQuestion', 'passKeyDeviceBound', 'someFutureMethod'].map(methodLabel)).toEqual([
      'Office phone',
      'Authenticator app (notification)',
      'Security questions',
      'Passkey',
      'Some future method',
    ]);
  });
});

describe('the facts in the diagnosis', () => {
  // "I can't reset my password" says too little to answer: today the diagnosis asks. Undefined stands for that.
  const wouldAsk = undefined;

  it('answers a vague "I can\'t reset my password" from a user who is not registered with the registration topic', () => {
    expect(leadTopic(adviseFromFacts(notRegistered, paris), wouldAsk)).toBe('register-security-info');
  });

  it('answers a blocked user with the throttle topic and an unlicensed one with SSPR_0012', () => {
    expect(leadTopic(adviseFromFacts(blocked, paris), wouldAsk)).toBe('reset-throttled');
    expect(leadTopic(adviseFromFacts(unlicensed, paris), wouldAsk)).toBe('sspr-0012');
  });

  it.each(['writeback-service-not-starting', 'change-password', 'personal-account', 'unexpected-reset-email'])(
    'leaves a message led by %s to the usual diagnosis',
    (id) => {
      expect(leadTopic(adviseFromFacts(notRegistered, paris), catalog.topic(id))).toBeUndefined();
      expect(leadTopic(adviseFromFacts(blocked, paris), catalog.topic(id))).toBeUndefined();
    },
  );

  it("overrides a confident answer about the user's own reset, and settles nothing for a user who is ready", () => {
    expect(leadTopic(adviseFromFacts(blocked, paris), catalog.topic('sms-or-call-not-received'))).toBe('reset-throttled');
    expect(leadTopic(adviseFromFacts(notRegistered, paris), catalog.topic('reset-password-how-to'))).toBe('register-security-info');
    expect(leadTopic(adviseFromFacts(facts(), paris), wouldAsk)).toBeUndefined();
  });

  it('reorders candidates by the facts', () => {
    const candidates = [
      { id: 'sms-or-call-not-received', weight: 0.4 },
      { id: FACT_TOPICS.oneMethod, weight: 0.3 },
    ];
    expect(reweigh(candidates, adviseFromFacts(oneMethod, paris)).map((c) => c.id)).toEqual([FACT_TOPICS.oneMethod, 'sms-or-call-not-received']);
  });

  it('describes times relative to the day in the zone', () => {
    expect(describeTime(new Date('2026-01-13T22:30:00Z'), NOW, 'Europe/Paris')).toBe('23:30 yesterday');
    expect(describeTime(new Date('2026-01-20T08:00:00Z'), NOW, 'Europe/Paris')).toBe('09:00 on Tue 20 Jan');
  });
});
