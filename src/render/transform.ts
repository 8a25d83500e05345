import { escapeMarkdown, limitText, safeUrl } from './escape.js';

/** Strings that are identifiers or addresses, not prose: never cut, never escaped into markdown. */
const VERBATIM_KEYS: ReadonlySet<string> = new Set(['topicId', 'view', 'otherView', 'sourceUrl']);
const URL_KEYS: ReadonlySet<string> = new Set(['sourceUrl']);

/** Text posted back as the user's words (reply buttons) or shown on a button: raw, but bounded. */
export const MAX_POSTBACK_CHARS = 500;

/** How hard to cut card data that renders too large: prose strings and lists longer than these are cut. */
export interface TrimLimits {
  readonly maxChars: number;
  readonly maxItems: number;
}

/** Applied in order until the card fits; deterministic, so the same data always renders the same card. */
export const TRIM_STEPS: readonly TrimLimits[] = [
  { maxChars: 1000, maxItems: 30 },
  { maxChars: 500, maxItems: 20 },
  { maxChars: 200, maxItems: 10 },
  { maxChars: 100, maxItems: 5 },
];

const ELLIPSIS = '…';

function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/** A deep copy of `value` with every string replaced by `mapString(text, key)`; key is the nearest property name. */
function mapStrings(value: unknown, mapString: (text: string, key: string) => string, key = ''): unknown {
  if (typeof value === 'string') return mapString(value, key);
  if (isList(value)) return value.map((item) => mapStrings(item, mapString, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, mapString, k)]));
  }
  return value;
}

/** The copy that templates bind into TextBlocks and Facts: every string markdown-escaped. */
export function toMarkdownData(data: unknown): unknown {
  return mapStrings(data, (text) => escapeMarkdown(text));
}

/** The copy that templates bind into Action.Submit data, button titles and URLs: raw text, bounded; URLs checked. */
export function toPlainData(data: unknown): unknown {
  return mapStrings(data, (text, key) => {
    if (URL_KEYS.has(key)) return safeUrl(text);
    return VERBATIM_KEYS.has(key) ? text : limitText(text, MAX_POSTBACK_CHARS);
  });
}

/**
 * Cuts prose strings to `maxChars` (ending in "…") and lists to `maxItems`; a cut list of strings ends with a "…"
 * item. Identifiers and URLs are kept whole.
 */
export function trimData<T>(data: T, limits: TrimLimits): T {
  return trimValue(data, limits, '') as T;
}

function trimValue(value: unknown, limits: TrimLimits, key: string): unknown {
  if (typeof value === 'string') return VERBATIM_KEYS.has(key) ? value : limitText(value, limits.maxChars);
  if (isList(value)) {
    const kept = value.slice(0, limits.maxItems).map((item) => trimValue(item, limits, key));
    const cutStrings = value.length > limits.maxItems && value.every((item) => typeof item === 'string');
    return cutStrings ? [...kept, ELLIPSIS] : kept;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimValue(v, limits, k)]));
  }
  return value;
}
