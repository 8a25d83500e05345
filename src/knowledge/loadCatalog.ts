import { contentPath } from '../content.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import { codeKey } from './codeKey.js';
import type { Catalog, CodeType, ConceptLexicon, OutOfScope, Topic } from './types.js';

export const DEFAULT_CATALOG_DIR = contentPath('catalog');

export class CatalogError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CatalogError';
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (cause) {
    throw new CatalogError(`cannot read ${path}`, { cause });
  }
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
}

/** A lexicon with no concepts: the classifier then reads words only. */
export const EMPTY_LEXICON: ConceptLexicon = Object.freeze({
  concepts: [],
  smallTalk: { greeting: [], thanks: [], resolved: [], 'still-broken': [], human: [], filler: [] },
});

/** Every frame names concepts that exist, in the slot the lexicon gives them. */
function checkFrames(topics: readonly Topic[], lexicon: ConceptLexicon): void {
  const slotOf = new Map(lexicon.concepts.map((c) => [c.id, c.slot]));
  if (slotOf.size !== lexicon.concepts.length) throw new CatalogError('concepts.json: duplicate concept id');
  if (lexicon.concepts.length === 0) return;
  for (const concept of lexicon.concepts) {
    for (const id of concept.implies ?? []) if (!slotOf.has(id)) throw new CatalogError(`concepts.json: ${concept.id} implies unknown concept ${id}`);
  }
  for (const topic of topics) {
    for (const [slot, ids] of Object.entries(topic.frame ?? {})) {
      for (const id of ids) {
        const actual = slotOf.get(id);
        if (actual === undefined) throw new CatalogError(`${topic.id}: frame concept ${id} is not in concepts.json`);
        if (actual !== slot) throw new CatalogError(`${topic.id}: frame concept ${id} belongs in ${actual}, not ${slot}`);
      }
    }
  }
}

/** Builds the lookups over already validated topics; fails on duplicate or dangling ids. */
export function createCatalog(topics: readonly Topic[], outOfScope: OutOfScope, concepts: ConceptLexicon = EMPTY_LEXICON): Catalog {
  checkFrames(topics, concepts);
  const byId = new Map<string, Topic>();
  for (const topic of topics) {
    if (byId.has(topic.id)) throw new CatalogError(`duplicate topic id ${topic.id}`);
    byId.set(topic.id, topic);
  }
  const byCode = new Map<string, Topic[]>();
  for (const topic of topics) {
    for (const related of topic.related) {
      if (!byId.has(related)) throw new CatalogError(`${topic.id}: related id ${related} does not exist`);
    }
    for (const code of topic.codes) {
      const key = codeKey(code.type, code.value);
      byCode.set(key, [...(byCode.get(key) ?? []), topic]);
    }
  }
  return Object.freeze({
    topics: Object.freeze([...topics]),
    outOfScope,
    concepts,
    topic: (id: string) => byId.get(id),
    topicsForCode: (type: CodeType, value: string) => byCode.get(codeKey(type, value)) ?? [],
  });
}

function validated<T>(ajv: Ajv, dir: string, schema: string, file: string): T {
  const validate = ajv.compile<T>(readJson(join(dir, schema)) as object);
  const data = readJson(join(dir, file));
  if (!validate(data)) throw new CatalogError(`${file}: ${describe(validate.errors)}`);
  return data;
}

/**
 * Reads catalog/topics/*.json, catalog/out-of-scope.json and catalog/concepts.json, each validated by its schema
 * (schema.json, out-of-scope.schema.json, concepts.schema.json).
 */
export function loadCatalog(dir: string = DEFAULT_CATALOG_DIR): Catalog {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile<Topic>(readJson(join(dir, 'schema.json')) as object);
  const topicsDir = join(dir, 'topics');
  const files = readdirSync(topicsDir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const topics = files.map((name) => {
    const topic = readJson(join(topicsDir, name));
    if (!validate(topic)) throw new CatalogError(`${name}: ${describe(validate.errors)}`);
    if (`${topic.id}.json` !== name) throw new CatalogError(`${name}: id ${topic.id} does not match the file name`);
    return topic;
  });
  const outOfScope = validated<OutOfScope>(ajv, dir, 'out-of-scope.schema.json', 'out-of-scope.json');
  const concepts = validated<ConceptLexicon>(ajv, dir, 'concepts.schema.json', 'concepts.json');
  return createCatalog(topics, outOfScope, concepts);
}
