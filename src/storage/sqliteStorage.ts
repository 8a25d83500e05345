import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { ETagConflictError, StorageClosedError } from './errors.js';
import { offerJsonAsRead, takeJsonToWrite } from './itemJson.js';
import { readLegacyStore, removeLegacyCrashLeftovers, setAsideLegacyFiles, type LegacyItem } from './legacyJsonStore.js';
import { assertTtlDays, DEFAULT_STATE_TTL_DAYS, DEFAULT_SWEEP_INTERVAL_MS, expiryCutoff, isExpiringStateKey } from './retention.js';
import { fromStoredKey, toStoredKey } from './storedKey.js';

/** The database file inside STORAGE_DIR. */
export const DATABASE_FILE = 'state.sqlite';

export interface SqliteStorageOptions {
  /**
   * How long a write waits for another process's write to finish before failing with SQLITE_BUSY. Writes hold the
   * lock for well under a millisecond, so waiting at all means another process is stuck; five seconds lets a slow
   * disk catch up and still answers inside the Bot Connector's 15 seconds. The wait blocks this process's event
   * loop (better-sqlite3 is synchronous), which is why it is not longer.
   */
  readonly busyTimeoutMs?: number;
  /**
   * 'NORMAL' (default): a committed write survives the process being killed (it is in the WAL file, handed to the
   * operating system); a power cut may lose the last commits, never the database. 'FULL' also fsyncs every commit.
   */
  readonly synchronous?: 'NORMAL' | 'FULL';
  /** Conversation and user state not written for this many days is deleted (see retention.ts). */
  readonly stateTtlDays?: number;
  /** How often expired state is swept; a sweep also runs when the database is opened. */
  readonly sweepIntervalMs?: number;
  /** Open the database read-only (to inspect a live store); every write fails. */
  readonly readonly?: boolean;
  /** The clock, in epoch milliseconds (tests move it). */
  readonly now?: () => number;
  /** Told about each sweep that deleted something, and about failed periodic sweeps (the store has no logger). */
  readonly onSweep?: (deleted: number) => void;
  readonly onSweepError?: (error: unknown) => void;
}

interface Row {
  readonly value: string;
  readonly etag: string;
}

interface Statements {
  readonly select: Database.Statement<[string], Row>;
  readonly selectETag: Database.Statement<[string], string>;
  readonly upsert: Database.Statement<[string, string, string, number]>;
  readonly insertIfMissing: Database.Statement<[string, string, string, number]>;
  readonly remove: Database.Statement<[string]>;
  readonly sweep: Database.Statement<[number]>;
}

interface Opened {
  readonly db: Database.Database;
  readonly statements: Statements;
  /** Built once per connection: better-sqlite3 makes new wrapper functions for every db.transaction() call. */
  readonly transactions: Transactions;
  readonly timer: NodeJS.Timeout | undefined;
}

interface Transactions {
  readonly readMany: Database.Transaction<(storedKeys: readonly string[]) => Array<Row | undefined>>;
  readonly write: Database.Transaction<(writes: readonly PreparedWrite[], updatedAt: number) => void>;
  readonly remove: Database.Transaction<(storedKeys: readonly string[]) => void>;
}

interface PreparedWrite {
  readonly storedKey: string;
  readonly key: string;
  readonly expectedETag: string | undefined;
  readonly value: string;
}

/** Bumped when the schema changes; a database from a newer version is refused rather than misread. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS items (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL CHECK (json_valid(value)),
    etag       TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS items_updated_at ON items (updated_at);
  CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

const LEGACY_IMPORT_MARK = 'legacy_json_import';

/**
 * botbuilder Storage in one SQLite database file (better-sqlite3), the default store.
 *
 * - One row per key: the item's JSON without its eTag, the eTag, and when it was last written.
 * - Optimistic concurrency: every write gives the item a new eTag (a UUID, unique across processes). A change
 *   carrying another eTag than '*' is written only if the stored item has exactly that eTag, otherwise the call
 *   fails with ETagConflictError — also when nothing is stored, so a delete is never undone by a writer that read
 *   the item before it (as Azure Blob's If-Match does). No eTag, or '*', writes unconditionally (botbuilder's state).
 * - A call is one transaction (BEGIN IMMEDIATE): a multi-key write stores every key or none, and the eTag checks
 *   and the writes are one step for every process on the file.
 * - WAL mode: readers never wait for writers, several processes on one host share the file safely (not over a
 *   network file system: use the Blob store to share state between machines), and a commit survives kill -9.
 * - Failures are never swallowed: a full disk, a read-only file, a lock held too long all reject the call.
 * - The database is opened on first use (and again on the next call if opening failed), creating STORAGE_DIR,
 *   importing the old JSON store found there, cleaning its crash leftovers and sweeping expired state.
 */
export class SqliteStorage implements Storage {
  readonly #dir: string;
  readonly #file: string;
  readonly #busyTimeoutMs: number;
  readonly #synchronous: 'NORMAL' | 'FULL';
  readonly #ttlDays: number;
  readonly #sweepIntervalMs: number;
  readonly #readonly: boolean;
  readonly #now: () => number;
  readonly #onSweep: (deleted: number) => void;
  readonly #onSweepError: (error: unknown) => void;
  #opened: Opened | undefined;
  #closed = false;

  constructor(
    dir: string,
    {
      busyTimeoutMs = 5_000,
      synchronous = 'NORMAL',
      stateTtlDays = DEFAULT_STATE_TTL_DAYS,
      sweepIntervalMs = DEFAULT_SWEEP_INTERVAL_MS,
      readonly = false,
      now = Date.now,
      onSweep = () => undefined,
      onSweepError = () => undefined,
    }: SqliteStorageOptions = {},
  ) {
    assertTtlDays(stateTtlDays);
    this.#dir = resolve(dir);
    this.#file = join(this.#dir, DATABASE_FILE);
    this.#busyTimeoutMs = busyTimeoutMs;
    this.#synchronous = synchronous;
    this.#ttlDays = stateTtlDays;
    this.#sweepIntervalMs = sweepIntervalMs;
    this.#readonly = readonly;
    this.#now = now;
    this.#onSweep = onSweep;
    this.#onSweepError = onSweepError;
  }

  /** The absolute path of the database file. */
  get file(): string {
    return this.#file;
  }

  /** Opens the database now (it is otherwise opened by the first call), so a bad STORAGE_DIR fails at start-up. */
  async initialize(): Promise<void> {
    this.#open();
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const storedKeys = keys.map(toStoredKey);
    const { statements, transactions } = this.#open();
    // Several keys are read in one transaction, so the items of one call are a consistent snapshot.
    const rows = storedKeys.length === 1 ? [statements.select.get(storedKeys[0]!)] : transactions.readMany(storedKeys);
    const items: StoreItems = {};
    rows.forEach((row, index) => {
      if (row) items[keys[index]!] = toItem(keys[index]!, row);
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // Validate and serialise everything first: a bad value fails the whole call before anything is written.
    const writes = Object.entries(changes).map(([key, change]) => prepareWrite(key, change));
    if (writes.length === 0) return;
    this.#open().transactions.write.immediate(writes, writtenMinute(this.#now()));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    const storedKeys = keys.map(toStoredKey);
    if (storedKeys.length === 0) return;
    this.#open().transactions.remove.immediate(storedKeys);
  }

  /** Deletes conversation and user state not written for `stateTtlDays`; returns how many items went. */
  async sweepExpiredState(): Promise<number> {
    return this.#sweep(this.#open().statements);
  }

  /** Stops the sweeps and closes the database. Every later call fails with StorageClosedError. */
  async close(): Promise<void> {
    this.#closed = true;
    const opened = this.#opened;
    this.#opened = undefined;
    if (!opened) return;
    clearInterval(opened.timer);
    opened.db.close();
  }

  #open(): Opened {
    if (this.#closed) throw new StorageClosedError();
    this.#opened ??= this.#readonly ? this.#openReadonly() : this.#openForWriting();
    return this.#opened;
  }

  #openReadonly(): Opened {
    const db = new Database(this.#file, { readonly: true, fileMustExist: true, timeout: this.#busyTimeoutMs });
    registerFunctions(db);
    const statements = prepare(db);
    return { db, statements, transactions: transactionsOf(db, statements), timer: undefined };
  }

  #openForWriting(): Opened {
    // 0o700 and 0o600: the items are conversation state about people; nobody else on the machine needs them.
    // SQLite gives its -wal and -shm files the database file's permissions.
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    closeSync(openSync(this.#file, 'a', 0o600));
    const db = new Database(this.#file, { timeout: this.#busyTimeoutMs });
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`Storage: ${this.#file} cannot use write-ahead logging (journal mode "${String(mode)}").`);
      db.pragma(`synchronous = ${this.#synchronous}`);
      registerFunctions(db);
      migrate(db, this.#file);
      const statements = prepare(db);
      this.#importLegacyStore(db, statements);
      this.#sweep(statements);
      const timer = setInterval(() => this.#sweepInBackground(), this.#sweepIntervalMs);
      timer.unref(); // the sweep never keeps the process alive
      return { db, statements, transactions: transactionsOf(db, statements), timer };
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Imports the old JSON store once, then sets its files aside. The mark is written in the import's transaction, so
   * two processes starting together import once, and a crash before the files are moved does not import again
   * (which would bring back items deleted since): the next start only finishes moving them.
   */
  #importLegacyStore(db: Database.Database, statements: Statements): void {
    removeLegacyCrashLeftovers(this.#dir);
    const legacy = readLegacyStore(this.#dir);
    if (legacy.files.length === 0) return;
    db.transaction((items: readonly LegacyItem[]) => {
      const done = db.prepare<[string], number>('SELECT 1 FROM meta WHERE name = ?').pluck().get(LEGACY_IMPORT_MARK);
      if (done) return;
      for (const { key, item, updatedAt } of items) {
        const { eTag, ...value } = item;
        // Rows written by this store win over old files (INSERT OR IGNORE); the old eTag is kept for readers mid-turn.
        statements.insertIfMissing.run(toStoredKey(key), JSON.stringify(value), typeof eTag === 'string' && eTag ? eTag : randomUUID(), Math.round(updatedAt));
      }
      const note = JSON.stringify({ at: new Date(this.#now()).toISOString(), items: items.length, files: legacy.files.length });
      db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)').run(LEGACY_IMPORT_MARK, note);
    }).immediate(legacy.items);
    setAsideLegacyFiles(this.#dir, legacy.files);
  }

  #sweep(statements: Statements): number {
    const deleted = statements.sweep.run(expiryCutoff(this.#now(), this.#ttlDays)).changes;
    if (deleted > 0) this.#onSweep(deleted);
    return deleted;
  }

  #sweepInBackground(): void {
    try {
      if (this.#opened) this.#sweep(this.#opened.statements);
    } catch (error) {
      this.#onSweepError(error);
    }
  }
}

/**
 * The time a write is stamped with, to the minute. It only feeds the retention sweep, which counts in days; stamped to
 * the millisecond, every write also moved the row in the updated_at index (about a fifth of a write's cost), while a
 * conversation's turns within one minute now leave the index as it was.
 */
function writtenMinute(nowMs: number): number {
  return nowMs - (nowMs % 60_000);
}

function registerFunctions(db: Database.Database): void {
  // The retention rule lives in retention.ts, in one place, rather than in a column computed at write time.
  db.function('is_expiring_state_key', { deterministic: true }, (storedKey: unknown) =>
    typeof storedKey === 'string' && isExpiringStateKey(fromStoredKey(storedKey)) ? 1 : 0,
  );
}

function migrate(db: Database.Database, file: string): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`Storage: ${file} was written by a newer version of the bot (schema ${version}).`);
    db.exec(SCHEMA);
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

function prepare(db: Database.Database): Statements {
  return {
    select: db.prepare<[string], Row>('SELECT value, etag FROM items WHERE key = ?'),
    selectETag: db.prepare<[string], string>('SELECT etag FROM items WHERE key = ?').pluck(),
    upsert: db.prepare(
      'INSERT INTO items (key, value, etag, updated_at) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at',
    ),
    insertIfMissing: db.prepare('INSERT OR IGNORE INTO items (key, value, etag, updated_at) VALUES (?, ?, ?, ?)'),
    remove: db.prepare('DELETE FROM items WHERE key = ?'),
    // The index narrows to old rows first; the key rule runs only on those.
    sweep: db.prepare('DELETE FROM items WHERE updated_at < ? AND is_expiring_state_key(key)'),
  };
}

function transactionsOf(db: Database.Database, statements: Statements): Transactions {
  return {
    readMany: db.transaction((storedKeys: readonly string[]) => storedKeys.map((storedKey) => statements.select.get(storedKey))),
    write: db.transaction((writes: readonly PreparedWrite[], updatedAt: number) => {
      for (const write of writes) {
        if (write.expectedETag !== undefined) {
          const stored = statements.selectETag.get(write.storedKey);
          if (stored !== write.expectedETag) throw new ETagConflictError(write.key, write.expectedETag, stored);
        }
        statements.upsert.run(write.storedKey, write.value, randomUUID(), updatedAt);
      }
    }),
    remove: db.transaction((storedKeys: readonly string[]) => {
      for (const storedKey of storedKeys) statements.remove.run(storedKey);
    }),
  };
}

function prepareWrite(key: string, change: unknown): PreparedWrite {
  const storedKey = toStoredKey(key);
  if (typeof change !== 'object' || change === null || Array.isArray(change)) {
    throw new TypeError(
      `Storage: the value for "${key}" must be an object, not ${change === null ? 'null' : Array.isArray(change) ? 'an array' : typeof change}.`,
    );
  }
  const { eTag, ...rest } = change as StoreItem;
  // The conversation state hands over the JSON it has just made of this item (itemJson.ts).
  const value: unknown = takeJsonToWrite(change) ?? JSON.stringify(rest);
  // toJSON could turn the object into anything; only an object reads back as an item.
  if (typeof value !== 'string' || !value.startsWith('{')) throw new TypeError(`Storage: the value for "${key}" does not serialise to a JSON object.`);
  // As in MemoryStorage, an empty eTag means none.
  const expectedETag = eTag === undefined || eTag === null || eTag === '' || eTag === '*' ? undefined : String(eTag);
  return { storedKey, key, expectedETag, value };
}

function toItem(key: string, row: Row): StoreItem {
  const value: unknown = JSON.parse(row.value);
  // The schema only lets valid JSON in, and writes only objects; anything else was edited by hand.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`Storage: the stored value of "${key}" is not a JSON object.`);
  const item: StoreItem = { ...(value as StoreItem), eTag: row.etag };
  // JSON.stringify gives back the text it wrote (the stored text was made by it), so the state need not make it again.
  offerJsonAsRead(item, row.value);
  return item;
}
