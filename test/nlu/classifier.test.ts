import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/knowledge/index.js';
import { Classifier } from '../../src/nlu/index.js';

const classifier = new Classifier(loadCatalog());
const top = (text: string): string | undefined => classifier.classify(text).matches[0]?.id;
const top3 = (text: string): string[] =>
  classifier
    .classify(text)
    .matches.slice(0, 3)
    .map((m) => m.id);

describe('the classifier', () => {
  it.each([
    ['it says SSPR_0013', 'sspr-0013'],
    ['error code 0012 when resetting', 'sspr-0012'],
    ['event 33004 on the sync server', 'event-33004'],
    ['hr=800700CE when unlocking', 'writeback-filename-too-long'],
    ['eror 0009 on the reset page', 'sspr-0009'],
  ])('maps the code in %j to %s', (text, id) => {
    expect(top(text)).toBe(id);
  });

  it('answers every code of a message', () => {
    const ids = classifier.classify('SSPR_0009 and SSPR_0012').matches.map((m) => m.id);
    expect(ids.slice(0, 2).sort()).toEqual(['sspr-0009', 'sspr-0012']);
  });

  it.each([
    ['the text with the code never arrives on my phone', 'sms-or-call-not-received'],
    ['the sms with the code never arives on my phone', 'sms-or-call-not-received'],
    ['I never receive the password reset email', 'email-not-received'],
    ['tried too many times and now it says to wait', 'reset-throttled'],
    ['my account is locked but i know my password', 'account-locked-out'],
    ['i forgot my xbox password', 'personal-account'],
  ])('understands %j as %s', (text, id) => {
    expect(top3(text)).toContain(id);
  });

  describe('reads an on-screen error retold without its code', () => {
    it.each([
      ['the page told me my organisation lacks the subscription this needs', ['sspr-0012', 'user-not-licensed']],
      ['apparently I am not a member of the group that may use reset', ['sspr-0013']],
      ['the message says no reset policy was ever defined by my company', ['sspr-0011']],
      ['it said the service that writes passwords back to our in-house servers is switched off', ['sspr-0010']],
    ])('%j', (text, ids) => {
      expect(ids).toContain(top(text));
    });
  });

  describe('tells writeback events apart by operation and outcome', () => {
    it.each([
      ['which event is logged when an admin-initiated reset fails to be set on-prem', 'event-31011'],
      ['what is logged once a known-password change is written to AD successfully', 'event-31007'],
      ['which event says offboarding of writeback started', 'event-31012'],
      ['event for a self-service reset request that has just begun on the server', 'event-31001'],
      ['which event appears when the old password typed during a change was wrong', 'event-33007'],
      ['what does the log show when the AD account being reset is disabled', 'event-33005'],
    ])('%j', (text, id) => {
      expect(top3(text)).toContain(id);
    });
  });

  it.each([
    ['my password expired and the phone app will not sign in', ['change-password', 'reset-password-how-to']],
    ['an email says my password was reset but I never requested it', ['unexpected-reset-email']],
  ])('maps the everyday situation %j to the topic that covers it', (text, ids) => {
    expect(classifier.classify(text).outOfScope).toBe(false);
    expect(top3(text).some((id) => ids.includes(id))).toBe(true);
  });

  it('tolerates typos as well as the correct spelling', () => {
    const clean = top('the password reset email never arrives');
    expect(top('the pasword resett emial never arives')).toBe(clean);
  });

  it.each(['my printer is jammed', 'reset my wifi password', 'how do i book a meeting room', ''])('calls %j out of scope', (text) => {
    expect(classifier.classify(text).outOfScope).toBe(true);
  });

  it('comes back vague, with low spread scores, when a message names no symptom', () => {
    const result = classifier.classify("I can't reset my password");
    expect(result.outOfScope).toBe(false);
    expect(result.vague).toBe(true);
    expect(result.matches[0]!.score).toBeLessThan(0.4);
  });

  it('is confident and not vague when a message names its symptom', () => {
    const result = classifier.classify('SSPR_0013 not a member of a group enabled for password reset');
    expect(result.vague).toBe(false);
    expect(result.matches[0]!.score).toBeGreaterThan(0.7);
  });

  it('is more confident of a clear message than of a vague one', () => {
    const clear = classifier.classify('the verification text never arrives on my mobile').matches[0]!.score;
    const vague = classifier.classify('reset is not working').matches[0]!.score;
    expect(clear).toBeGreaterThan(vague);
  });

  it('reports the concepts it read', () => {
    expect(classifier.classify('we have no licence for this').concepts).toContain('license');
  });

  it('returns at most five matches, best first, with scores in 0..1', () => {
    const { matches } = classifier.classify('cannot reset my password');
    expect(matches.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < matches.length; i++) expect(matches[i - 1]!.score).toBeGreaterThanOrEqual(matches[i]!.score);
    for (const m of matches) {
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
  });
});
