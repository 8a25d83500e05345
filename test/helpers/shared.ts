import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared beside the project: seeds, contract, eval and schemas. */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared', import.meta.url));

export function readShared(path: string): string {
  return readFileSync(`${SHARED_DIR}/${path}`, 'utf8');
}

export function contractTopicIds(): string[] {
  return readShared('contract/topics.tsv')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0]!.trim())
    .filter(Boolean);
}
