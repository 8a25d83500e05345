import { contentPath } from '../content.js';
import { readFileSync } from 'node:fs';
import type { ConversationWords } from '../turn/index.js';

export const DEFAULT_WORDS_PATH = contentPath('cards', 'words.json');

const LISTS = [
  'help',
  'restart',
  'subscribe',
  'unsubscribe',
  'yes',
  'no',
  'negative',
  'skip',
  'none',
  'leads',
  'generic',
  'questionStarts',
  'problemMarkers',
  'thirdPerson',
] as const;
const TALK = ['greeting', 'thanks', 'resolved', 'still-broken', 'human'] as const;

/** Thrown at start-up when cards/words.json is not what the conversation needs; names the bad key. */
export class WordsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`cards/words.json: ${message}`, options);
    this.name = 'WordsError';
  }
}

const isStringList = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string' && s.trim() !== '');

/** Validates the parsed words file: every list present and made of non-empty strings. */
export function parseWords(raw: unknown): ConversationWords {
  if (typeof raw !== 'object' || raw === null) throw new WordsError('must be an object');
  const data = raw as Record<string, unknown>;
  for (const key of LISTS) if (!isStringList(data[key])) throw new WordsError(`${key} must be a list of words`);
  const talk = data.smallTalk as Record<string, unknown> | undefined;
  if (typeof talk !== 'object' || talk === null) throw new WordsError('smallTalk must be an object');
  for (const key of TALK) if (!isStringList(talk[key])) throw new WordsError(`smallTalk.${key} must be a list of phrases`);
  return Object.freeze(data as unknown as ConversationWords);
}

/** cards/words.json, read and checked once at start-up. */
export function loadWords(path: string = DEFAULT_WORDS_PATH): ConversationWords {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new WordsError('cannot be read', { cause });
  }
  return parseWords(raw);
}
