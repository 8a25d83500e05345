import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the content files (catalog/, cards/, tab/, manifest/): the project root. Found once by walking
 * up from this module, so the sources under tsx and the compiled files in dist/src/ read the same files.
 */
function findContentRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'catalog'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no content root (a folder with package.json and catalog/) above ${start}`);
  }
}

export const CONTENT_ROOT = findContentRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the content root, e.g. contentPath('catalog', 'schema.json'). */
export const contentPath = (...parts: string[]): string => join(CONTENT_ROOT, ...parts);
