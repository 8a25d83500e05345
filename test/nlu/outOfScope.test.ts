import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/knowledge/index.js';
import { Classifier } from '../../src/nlu/index.js';

const classifier = new Classifier(loadCatalog());

describe('out of scope', () => {
  it.each([
    ['I forgot my Netflix password', 'consumer'],
    ['PayPal sent me a verification code I never asked for', 'consumer'],
    ['my Steam account got locked after a reset', 'consumer'],
    ['the SAP login says my password expired', 'enterprise'],
    ['reset my ServiceNow password please', 'enterprise'],
    ['the VPN token code is rejected', 'enterprise'],
    ['what is the LAPS password for this PC', 'enterprise'],
    ['I put a password on an Excel workbook and forgot it', 'file'],
    ['cannot open the password protected PDF', 'file'],
    ['forgot the passcode of my iPhone', 'device'],
    ['how do I set a BIOS password', 'device'],
  ] as const)('calls %j out of scope (%s) even though it says password or code', (text, kind) => {
    const result = classifier.classify(text);
    expect(result.outOfScope).toBe(true);
    expect(result.outOfScopeKind).toBe(kind);
  });

  it.each([
    ['forgot my work account password', 'reset-password-how-to'],
    ['my hotmail password reset code never arrives', 'personal-account'],
    ['after resetting my work password the mail app on my phone keeps asking for it', undefined],
  ])('keeps %j in scope', (text, id) => {
    const result = classifier.classify(text);
    expect(result.outOfScope).toBe(false);
    if (id) expect(result.matches.slice(0, 3).map((m) => m.id)).toContain(id);
  });

  it('lets a code win over a named system', () => {
    expect(classifier.classify('SSPR_0013 when I reset, also my Netflix is broken').outOfScope).toBe(false);
  });
});
