import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCatalog, escalationFieldsFor, loadCatalog, loadEscalationFields, type Topic } from '../../src/knowledge/index.js';
import { Classifier } from '../../src/nlu/index.js';
import { contractTopicIds, SHARED_DIR, readShared } from '../helpers/shared.js';

const catalog = loadCatalog();
const classifier = new Classifier(catalog);

/** Every code the seeds' tables name: SSPR_00xx, event ids in table rows, hr= and 0x codes. */
function seedCodes(): string[] {
  const seeds = readdirSync(`${SHARED_DIR}/seeds`)
    .filter((f) => f.startsWith('000') || f.startsWith('002'))
    .map((f) => readShared(`seeds/${f}`))
    .join('\n');
  const codes = new Set<string>();
  for (const m of seeds.matchAll(/SSPR_\d{4}/g)) codes.add(m[0]);
  for (const m of seeds.matchAll(/^\| ?(\d{4,5}) ?\|/gm)) codes.add(`event ${m[1]}`);
  for (const m of seeds.matchAll(/\bhr=([0-9A-F]{8})\b/gi)) codes.add(`hr=${m[1]}`);
  for (const m of seeds.matchAll(/\b0x[0-9a-f]{8}\b/gi)) codes.add(m[0].toLowerCase());
  for (const m of seeds.matchAll(/\bevent (?:ID )?(\d{4,5})\b/gi)) codes.add(`event ${m[1]}`);
  return [...codes].sort();
}

describe('the catalog', () => {
  it('validates every topic file against the schema and loads them all', () => {
    expect(readdirSync('catalog/topics').filter((f) => f.endsWith('.json'))).toHaveLength(catalog.topics.length);
  });

  it('has an entry for every topic id of the contract', () => {
    const ids = new Set(catalog.topics.map((t) => t.id));
    const contract = contractTopicIds();
    expect(contract.length).toBe(99);
    expect(contract.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('has unique ids and related ids that resolve', () => {
    const ids = catalog.topics.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const topic of catalog.topics) {
      for (const related of topic.related) expect(catalog.topic(related), `${topic.id} -> ${related}`).toBeDefined();
    }
  });

  it('rejects a duplicate id and a dangling related id', () => {
    const topic = catalog.topics[0]!;
    expect(() => createCatalog([topic, topic], catalog.outOfScope)).toThrow(/duplicate/);
    const dangling: Topic = { ...topic, related: ['no-such-topic'] };
    expect(() => createCatalog([dangling], catalog.outOfScope)).toThrow(/no-such-topic/);
  });

  const codes = seedCodes();
  it('finds the codes of the seeds tables', () => {
    expect(codes).toEqual(
      expect.arrayContaining([
        'SSPR_0009',
        'SSPR_0030',
        'event 31001',
        'event 33009',
        'event 6329',
        'event 6800',
        'event 32009',
        'hr=800700CE',
        'hr=80230402',
        '0x8023061f',
        '0x80230619',
      ]),
    );
  });

  it.each(codes)('maps %s to an entry', (code) => {
    expect(classifier.classify(code).codeTopicIds.length).toBeGreaterThan(0);
  });

  it('keeps the facts that must survive', () => {
    const text = JSON.stringify(catalog.topics);
    for (const fact of [
      'five',
      '24 hours',
      '+ccc xxxyyyzzzz',
      'extension',
      '*.passwordreset.microsoftonline.com',
      '*.servicebus.windows.net',
      '443',
      '9350-9354',
      'sdprop',
      'one hour',
      '256 characters',
      'two-gate',
      'support code',
      'SID',
      'CID',
    ]) {
      expect(text, fact).toContain(fact);
    }
  });

  it('gives every topic a fix for both audiences and someone to escalate to', () => {
    for (const topic of catalog.topics) {
      expect(topic.fix.user.length, topic.id).toBeGreaterThan(0);
      expect(topic.fix.admin.length, topic.id).toBeGreaterThan(0);
      expect(['user', 'admin', 'microsoft-support']).toContain(topic.escalation.actor);
    }
  });

  it('gives every topic a frame whose concepts exist in the lexicon, in their slot', () => {
    const slotOf = new Map(catalog.concepts.concepts.map((c) => [c.id, c.slot]));
    for (const topic of catalog.topics) {
      const entries = Object.entries(topic.frame ?? {});
      expect(entries.length, topic.id).toBeGreaterThan(0);
      for (const [slot, ids] of entries) for (const id of ids) expect(slotOf.get(id), `${topic.id}: ${id}`).toBe(slot);
    }
  });

  it('tells the writeback events apart by their frames: no two event topics share operation and outcome', () => {
    const seen = new Map<string, string>();
    for (const topic of catalog.topics.filter((t) => /^event-310\d\d$/.test(t.id))) {
      const key = `${[...(topic.frame?.operation ?? [])].sort().join('+')}/${[...(topic.frame?.outcome ?? [])].sort().join('+')}/${[...(topic.frame?.what ?? [])].sort().join('+')}`;
      expect(seen.get(key), `${topic.id} and ${seen.get(key) ?? ''}`).toBeUndefined();
      seen.set(key, topic.id);
    }
  });

  it('rejects a frame that names an unknown concept', () => {
    const topic: Topic = { ...catalog.topics[0]!, frame: { what: ['no-such-concept'] } };
    expect(() => createCatalog([topic], catalog.outOfScope, catalog.concepts)).toThrow(/no-such-concept/);
  });

  it('rejects a concept that implies an unknown concept', () => {
    const concepts = {
      ...catalog.concepts,
      concepts: [...catalog.concepts.concepts, { id: 'odd', slot: 'state' as const, forms: ['odd'], implies: ['nothing-here'] }],
    };
    expect(() => createCatalog(catalog.topics, catalog.outOfScope, concepts)).toThrow(/nothing-here/);
  });

  it('never tells an admin about "the seed" in an answer', () => {
    for (const topic of catalog.topics) {
      const answer = JSON.stringify([topic.cause, topic.fix, topic.escalation]);
      expect(answer, topic.id).not.toMatch(/\bthe seeds?\b/i);
    }
  });

  it('builds the admin reset topic on what the documentation says, with the contract title', () => {
    const topic = catalog.topic('helpdesk-manual-reset')!;
    const contractTitle = readShared('contract/topics.tsv')
      .split('\n')
      .find((line) => line.startsWith('helpdesk-manual-reset\t'))!
      .split('\t')[2];
    expect(topic.title).toBe(contractTitle);
    const text = JSON.stringify(topic);
    expect(text).not.toMatch(/temporary password|next sign-in|24 hours/i);
    expect(text).toMatch(/web portal/);
    expect(text).toMatch(/SSPR_0014/);
  });

  it('gives a locked-out user the way back in before what to do once in', () => {
    expect(catalog.topic('could-not-verify-account')!.fix.user[0]).toMatch(/contact an administrator/);
  });

  it('warns a user waiting for a text or call that repeated tries block reset for 24 hours', () => {
    const steps = catalog.topic('sms-or-call-not-received')!.fix.user.join(' ');
    expect(steps).toMatch(/five/);
    expect(steps).toMatch(/24 hours/);
    expect(steps).not.toMatch(/partly hidden/);
  });

  it('does not claim a writeback stop is expected on restart', () => {
    expect(JSON.stringify(catalog.topic('event-31016'))).not.toMatch(/stop is expected|stop was expected/i);
  });

  it('knows both on-screen wordings of SSPR_0029', () => {
    const texts = catalog.topic('sspr-0029')!.errorTexts.join(' ');
    expect(texts).toMatch(/problem with your organization.s password reset configuration/);
    expect(texts).toMatch(/error in your on-premises configuration/);
  });

  it('asks for the zipped Azure AD Connect event log when escalating a writeback problem only', () => {
    const fields = loadEscalationFields();
    expect(escalationFieldsFor(fields, 'writeback').map((f) => f.id)).toContain('eventLog');
    expect(escalationFieldsFor(fields, 'user-error-code').map((f) => f.id)).not.toContain('eventLog');
    for (const topic of catalog.topics.filter((t) => ['writeback', 'writeback-connectivity', 'adsync', 'event-log'].includes(t.category))) {
      expect(topic.escalation.collect.join(' '), topic.id).toMatch(/zipped/i);
    }
  });
});
