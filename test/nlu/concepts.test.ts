import { describe, expect, it } from 'vitest';
import type { ConceptLexicon } from '../../src/knowledge/index.js';
import { compileLexicon, conceptStems, readConcepts } from '../../src/nlu/concepts.js';

const lexicon: ConceptLexicon = {
  concepts: [
    { id: 'license', slot: 'what', forms: ['license', 'subscription', 'premium plan'] },
    { id: 'notenabled', slot: 'state', forms: ['not enabled', 'switched off', 'disabled'] },
    { id: 'out-disabled', slot: 'outcome', forms: ['account disabled'] },
    { id: 'notme', slot: 'state', forms: ["wasn't me"] },
    { id: 'op-set', slot: 'operation', forms: ['I set'] },
    { id: 'out-failed', slot: 'outcome', forms: ['failed'] },
    { id: 'rejected', slot: 'state', forms: ['refused'], implies: ['out-failed'] },
  ],
  smallTalk: { greeting: [], thanks: [], resolved: [], 'still-broken': [], human: [], filler: [] },
};
const matcher = compileLexicon(lexicon);
const read = (text: string): string[] => [...readConcepts(matcher, conceptStems(text))].map((c) => matcher.concepts[c]!.id).sort();

describe('the concept reader', () => {
  it.each([
    ['we lack the right subscription', ['license']],
    ['no licence for me', ['license']],
    ['the Premium plan is missing', ['license']],
    ['resets are switched off', ['notenabled']],
    ["it isn't enabled for me", ['notenabled']],
  ])('reads %j as %j', (text, ids) => {
    expect(read(text)).toEqual(ids);
  });

  it('lets a longer form win over the shorter one it contains', () => {
    expect(read('the account disabled in AD')).toEqual(['out-disabled']);
  });

  it('drops forms that normalisation shrinks to function words or to one word', () => {
    expect(read('it is not working')).toEqual([]);
    expect(read('set a new one')).toEqual([]);
  });

  it('adds what a concept implies', () => {
    expect(read('AD refused it')).toEqual(['out-failed', 'rejected']);
  });

  it('matches forms in order, word after word', () => {
    expect(read('enabled, not')).toEqual([]);
  });
});
