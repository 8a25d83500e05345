import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCatalog, loadCatalog, type Topic } from '../../src/knowledge/index.js';
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
    expect(codes).toEqual(expect.arrayContaining(['SSPR_0009', 'SSPR_0030', 'event 31001', 'event 33009', 'event 6329', 'event 6800', 'event 32009', 'hr=800700CE', 'hr=80230402', '0x8023061f', '0x80230619']));
  });

  it.each(codes)('maps %s to an entry', (code) => {
    expect(classifier.classify(code).codeTopicIds.length).toBeGreaterThan(0);
  });

  it('keeps the facts that must survive', () => {
    const text = JSON.stringify(catalog.topics);
    for (const fact of ['five', '24 hours', '+ccc xxxyyyzzzz', 'extension', '*.passwordreset.microsoftonline.com', '*.servicebus.windows.net', '443', '9350-9354', 'sdprop', 'one hour', '256 characters', 'two-gate', 'support code', 'SID', 'CID']) {
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
});
