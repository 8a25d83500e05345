/**
 * How a botbuilder key is kept in the database's TEXT column, losslessly.
 *
 * SQLite stores text as UTF-8, which cannot hold a lone UTF-16 surrogate: better-sqlite3 would turn '\uD800' and
 * '\uD801' both into U+FFFD, so two distinct keys would share a row. Keys come from activities (conversation and
 * user ids are outside input), so such a key is possible, if unlikely. Well-formed keys are stored as they are;
 * the others, and any key starting with NUL (so the two forms can never meet), as NUL followed by their JSON
 * string, whose escapes are plain ASCII.
 */
const ESCAPED = '\u0000';

export function toStoredKey(key: string): string {
  if (typeof key !== 'string') throw new TypeError(`Storage: keys must be strings, not ${key === null ? 'null' : typeof key}.`);
  return isWellFormed(key) && !key.startsWith(ESCAPED) ? key : `${ESCAPED}${JSON.stringify(key)}`;
}

export function fromStoredKey(stored: string): string {
  return stored.startsWith(ESCAPED) ? (JSON.parse(stored.slice(ESCAPED.length)) as string) : stored;
}

/** True when the string survives a UTF-8 round trip (no lone surrogates). */
const isWellFormed = (text: string): boolean => !/[\uD800-\uDFFF]/.test(text) || Buffer.from(text, 'utf8').toString('utf8') === text;
