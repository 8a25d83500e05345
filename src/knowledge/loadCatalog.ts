import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import { codeKey } from './codeKey.js';
import type { Catalog, CodeType, OutOfScope, Topic } from './types.js';

export const DEFAULT_CATALOG_DIR = fileURLToPath(new URL('../../catalog', import.meta.url));

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

/** Builds the lookups over already validated topics; fails on duplicate or dangling ids. */
export function createCatalog(topics: readonly Topic[], outOfScope: OutOfScope): Catalog {
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
    topic: (id: string) => byId.get(id),
    topicsForCode: (type: CodeType, value: string) => byCode.get(codeKey(type, value)) ?? [],
  });
}

/** Reads catalog/topics/*.json and catalog/out-of-scope.json, validating each topic against catalog/schema.json. */
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
  const outOfScope = readJson(join(dir, 'out-of-scope.json')) as OutOfScope;
  if (!Array.isArray(outOfScope.examples) || !outOfScope.examples.every((e) => typeof e === 'string')) {
    throw new CatalogError('out-of-scope.json: examples must be a list of strings');
  }
  return createCatalog(topics, outOfScope);
}
