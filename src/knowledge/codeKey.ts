import type { CodeType } from './types.js';

/** One spelling for a code, whatever case or prefix it came with. */
export function codeKey(type: CodeType, value: string): string {
  return `${type}:${value.toLowerCase()}`;
}
