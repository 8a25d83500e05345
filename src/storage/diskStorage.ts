import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { removeFile, renameWithRetry, writeFileAtomically } from './atomicFile.js';
import { errorCode, ETagConflictError } from './errors.js';
import { fileNameForKey } from './fileNames.js';
import { withFileLock, type FileLockOptions, type HeldLock } from './fileLock.js';
import { KeyedMutex } from './keyedMutex.js';
import { settleAll } from './settleAll.js';

export interface DiskStorageOptions {
  /** A lock file older than this was left by a crashed process and is broken. */
  readonly staleLockMs?: number;
  /** How long an operation waits for another process's lock on the same item before failing with StorageLockError. */
  readonly lockTimeoutMs?: number;
  /**
   * Take a lock file per write so several processes can share the folder safely (default true). A single bot
   * process may turn it off: the in-process queue then suffices, and each write costs four file operations less.
   */
  readonly crossProcessLocks?: boolean;
  /** fsync each write and its folder, so a power cut cannot lose it (default true). Process crashes are safe either way. */
  readonly fsync?: boolean;
}

/** What one item file holds. The key is kept so a file can be traced back to it, and to detect a foreign file. */
interface ItemRecord {
  readonly key: string;
  readonly item: StoreItem;
}

type Loaded = { readonly status: 'missing' } | { readonly status: 'found'; readonly item: StoreItem } | { readonly status: 'corrupt' };

interface PreparedWrite {
  readonly key: string;
  readonly expectedETag: unknown;
  readonly contents: string;
}

/**
 * botbuilder Storage kept in a folder, one JSON file per key, behaving like botbuilder's MemoryStorage:
 * - every write gives the item a new eTag; a change carrying an eTag other than '*' is rejected with ETagConflictError
 *   when a stored item has a different one; a change without eTag, or with '*', overwrites; an eTag on a change
 *   for a missing item is accepted;
 * - items are deep-copied through JSON both ways, and the caller's object is never modified;
 * - in a multi-key write every key is attempted, and the call rejects with the first failure.
 *
 * Durability and concurrency:
 * - writes are atomic (temp file, fsync, rename; see writeFileAtomically): a crash leaves the old item or the new one;
 * - operations on one key are serialised within the process (KeyedMutex), and writes and deletes also take a lock
 *   file per key (withFileLock), so the eTag check and the write are one step even for several processes sharing
 *   the folder. Reads take no file lock: renames are atomic, so a reader always sees a whole item.
 * - a file that cannot be parsed (a disk fault, a hand edit) must neither crash the bot nor vanish: it is renamed to
 *   `<file>.corrupt-<epoch ms>` next to where it was, for a human to inspect, and the item reads as missing.
 *   Nothing is logged here; the store has no logger and the caller sees a missing item, as for a new user.
 * - leftover `.<file>.<uuid>.tmp` files from a crash are never read. They are not swept up automatically.
 */
export class DiskStorage implements Storage {
  readonly #dir: string;
  readonly #lockOptions: FileLockOptions;
  readonly #queue = new KeyedMutex();
  #ready: Promise<void> | undefined;

  readonly #crossProcessLocks: boolean;
  readonly #fsync: boolean;
  /**
   * Without other processes on the folder this process knows every file's contents: it keeps the most recent ones
   * (as JSON text, so each read is still a fresh copy; null for a known-missing key) and skips the disk on reads
   * and on the eTag check before a write.
   */
  readonly #cache = new Map<string, string | null>();
  static readonly CACHE_ENTRIES = 10_000;

  constructor(dir: string, { staleLockMs = 10_000, lockTimeoutMs = 30_000, crossProcessLocks = true, fsync = true }: DiskStorageOptions = {}) {
    this.#dir = resolve(dir);
    this.#lockOptions = { staleMs: staleLockMs, timeoutMs: lockTimeoutMs };
    this.#crossProcessLocks = crossProcessLocks;
    this.#fsync = fsync;
  }

  /** The absolute folder the items live in. */
  get dir(): string {
    return this.#dir;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    await this.#ensureDir();
    const found = await Promise.all(keys.map((key) => this.#queue.run(key, () => this.#readItem(key))));
    const items: StoreItems = {};
    keys.forEach((key, index) => {
      const item = found[index];
      if (item) items[key] = item;
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // Validate and serialise everything first: a bad value fails the whole call before anything is written.
    const writes = Object.entries(changes).map(([key, change]) => prepareWrite(key, change));
    await this.#ensureDir();
    await settleAll(writes.map((write) => this.#queue.run(write.key, () => this.#writeItem(write))));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await this.#ensureDir();
    await settleAll(keys.map((key) => this.#queue.run(key, () => this.#withLock(key, () => removeFile(this.#pathFor(key), { fsync: this.#fsync }).then(() => this.#remember(key, null))))));
  }

  async #readItem(key: string): Promise<StoreItem | undefined> {
    const loaded = await this.#load(key);
    if (loaded.status !== 'corrupt') return loaded.status === 'found' ? loaded.item : undefined;
    // Only move the file aside under the lock: another process may be replacing it with a good one right now.
    return this.#withLock(key, () => this.#loadRepairing(key));
  }

  async #writeItem({ key, expectedETag, contents }: PreparedWrite): Promise<void> {
    await this.#withLock(key, async (lock) => {
      const stored = await this.#loadRepairing(key);
      // The same rule as MemoryStorage.write: no eTag, '*' or nothing stored means overwrite.
      if (stored && expectedETag && expectedETag !== '*' && expectedETag !== stored.eTag) {
        throw new ETagConflictError(key, expectedETag, stored.eTag);
      }
      await writeFileAtomically(this.#pathFor(key), contents, () => lock.assertHeld(), { fsync: this.#fsync });
      this.#remember(key, contents);
    });
  }

  /** Loads an item while holding its lock, moving a corrupt file aside. */
  async #loadRepairing(key: string): Promise<StoreItem | undefined> {
    const loaded = await this.#load(key);
    if (loaded.status === 'found') return loaded.item;
    if (loaded.status === 'corrupt') {
      const path = this.#pathFor(key);
      await renameWithRetry(path, `${path}.corrupt-${Date.now()}`);
    }
    return undefined;
  }

  #remember(key: string, contents: string | null): void {
    if (this.#crossProcessLocks) return;
    this.#cache.delete(key);
    this.#cache.set(key, contents);
    if (this.#cache.size > DiskStorage.CACHE_ENTRIES) this.#cache.delete(this.#cache.keys().next().value!);
  }

  async #load(key: string): Promise<Loaded> {
    let text: string;
    const cached = this.#cache.get(key);
    if (cached === null) return { status: 'missing' };
    if (cached !== undefined) {
      text = cached;
    } else {
      try {
        text = await readFile(this.#pathFor(key), 'utf8');
      } catch (error) {
        if (errorCode(error) === 'ENOENT') {
          this.#remember(key, null);
          return { status: 'missing' };
        }
        throw error;
      }
    }
    const record = parseRecord(text);
    // A record for another key means the file was copied or renamed by hand: keep it, but not as this key.
    if (!record || record.key !== key) return { status: 'corrupt' };
    if (cached === undefined) this.#remember(key, text);
    return { status: 'found', item: record.item };
  }

  #withLock<T>(key: string, task: (lock: HeldLock) => Promise<T>): Promise<T> {
    // Callers already hold the key's in-process queue, which is all a single process needs.
    if (!this.#crossProcessLocks) return task(NO_FILE_LOCK);
    return withFileLock(`${this.#pathFor(key)}.lock`, this.#lockOptions, task);
  }

  /** The name is built from [a-z0-9.-] only (see fileNameForKey), so the path is always directly inside the folder. */
  #pathFor(key: string): string {
    return join(this.#dir, fileNameForKey(key));
  }

  #ensureDir(): Promise<void> {
    this.#ready ??= mkdir(this.#dir, { recursive: true }).then(
      () => undefined,
      (error: unknown) => {
        this.#ready = undefined; // let the next call try again
        throw error;
      },
    );
    return this.#ready;
  }
}

const NO_FILE_LOCK: HeldLock = { assertHeld: async () => undefined };

function prepareWrite(key: string, change: unknown): PreparedWrite {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) {
    throw new TypeError(`Storage: the value for "${key}" must be an object, not ${change === null ? 'null' : Array.isArray(change) ? 'an array' : typeof change}.`);
  }
  const item: StoreItem = { ...change, eTag: newETag() };
  const record: ItemRecord = { key, item };
  return { key, expectedETag: (change as StoreItem).eTag, contents: JSON.stringify(record) };
}

/** Unique across processes sharing the folder, unlike MemoryStorage's per-instance counter. */
const newETag = (): string => randomUUID();

function parseRecord(text: string): ItemRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(value) || typeof value.key !== 'string' || !isPlainObject(value.item)) return undefined;
  return { key: value.key, item: value.item };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
