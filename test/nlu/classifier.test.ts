import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/knowledge/index.js';
import { Classifier } from '../../src/nlu/index.js';

const classifier = new Classifier(loadCatalog());
const top = (text: string): string | undefined => classifier.classify(text).matches[0]?.id;

describe('the classifier', () => {
  it.each([
    ['it says SSPR_0013', 'sspr-0013'],
    ['error code 0012 when resetting', 'sspr-0012'],
    ['event 33004 on the sync server', 'event-33004'],
    ['hr=800700CE when unlocking', 'writeback-filename-too-long'],
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
    expect(classifier.classify(text).matches.slice(0, 3).map((m) => m.id)).toContain(id);
  });

  it('tolerates typos as well as the correct spelling', () => {
    const clean = top('the password reset email never arrives');
    expect(top('the pasword resett emial never arives')).toBe(clean);
  });

  it.each(['my printer is jammed', 'reset my wifi password', 'how do i book a meeting room', ''])('calls %j out of scope', (text) => {
    expect(classifier.classify(text).outOfScope).toBe(true);
  });

  it('is more confident of a clear message than of a vague one', () => {
    const clear = classifier.classify('SSPR_0013 not a member of a group enabled for password reset').matches[0]!.score;
    const vague = classifier.classify('reset is not working').matches[0]!.score;
    expect(clear).toBeGreaterThan(vague);
  });

  it('returns at most five matches, best first, with scores in 0..1', () => {
    const { matches } = classifier.classify('cannot reset my password');
    expect(matches.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < matches.length; i++) expect(matches[i - 1]!.score).toBeGreaterThanOrEqual(matches[i]!.score);
    for (const m of matches) expect(m.score).toBeGreaterThanOrEqual(0), expect(m.score).toBeLessThanOrEqual(1);
  });
});
