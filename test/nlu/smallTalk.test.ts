import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/knowledge/index.js';
import { Classifier } from '../../src/nlu/index.js';

const classifier = new Classifier(loadCatalog());

describe('small talk', () => {
  it.each([
    ['hey there', 'greeting'],
    ['good afternoon bot', 'greeting'],
    ['what can you do', 'greeting'],
    ['many thanks!', 'thanks'],
    ['okay', 'thanks'],
    ['great, it works now', 'resolved'],
    ['all sorted, cheers', 'resolved'],
    ['nope, still the same', 'still-broken'],
    ['no luck, still failing', 'still-broken'],
    ['I want to speak to a human', 'human'],
    ['can a person help me', 'human'],
  ] as const)('recognises %j as %s', (text, kind) => {
    const result = classifier.classify(text);
    expect(result.smallTalk).toBe(kind);
    expect(result.matches).toEqual([]);
  });

  it.each([
    'hi, the text with my code never shows up',
    'thanks, but now SSPR_0013 appears',
    'hello, my account is locked and I know my password',
    'my printer is jammed',
    'I cannot reset my password',
    '',
  ])('does not take %j for small talk', (text) => {
    expect(classifier.classify(text).smallTalk).toBeNull();
  });

  it('answers no article to a thank-you', () => {
    const result = classifier.classify('thank you!');
    expect(result.smallTalk).toBe('thanks');
    expect(result.outOfScope).toBe(true);
  });
});
