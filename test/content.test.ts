import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_ROOT, contentPath } from '../src/content.js';

describe('the content root', () => {
  it('is the folder with the catalog, the card templates, the tab and the manifest', () => {
    for (const folder of ['catalog', 'cards', 'tab', 'manifest']) expect(existsSync(contentPath(folder)), folder).toBe(true);
    expect(contentPath('catalog', 'schema.json')).toBe(`${CONTENT_ROOT}/catalog/schema.json`);
  });
});
