import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { ETagConflictError } from './errors.js';

/** Flushable stores: the app flushes them on shutdown. */
export interface FlushableStorage extends Storage {
  flush(): Promise<void>;
}

export function isFlushable(storage: Storage): storage is FlushableStorage {
  return typeof (storage as Partial<FlushableStorage>).flush === 'function';
}

const PERSIST_RETRIES = 5;

/**
 * A Storage that answers from memory and persists to an inner Storage behind the caller, one write at a time per
 * key, newest value only. For a single bot process that owns its store: a turn no longer waits for the disk, whose
 * latency tail (tens of ms on a busy virtual disk) was most of a turn's p99. The eTag rules are MemoryStorage's,
 * checked against memory, which is authoritative while the process lives. What it trades: a crash (kill -9) can lose
 * writes of the last few milliseconds; nothing is ever half-written (the inner store's writes are atomic), and
 * flush() — called on shutdown — waits for everything.
 */
export class WriteBehindStorage implements FlushableStorage {
  /** JSON of each known item (null: known to be absent), so every read hands out a fresh copy. */
  private readonly cache = new Map<string, string | null>();
  private readonly pending = new Map<string, string | null>();
  private readonly persisting = new Map<string, Promise<void>>();
  private failure: unknown;

  constructor(
    private readonly inner: Storage,
    private readonly maxCached = 10_000,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    await this.load(keys);
    const items: StoreItems = {};
    for (const key of keys) {
      const json = this.cache.get(key);
      if (json) items[key] = JSON.parse(json) as StoreItem;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    for (const [key, change] of entries) {
      if (typeof change !== 'object' || change === null || Array.isArray(change)) {
        throw new TypeError(`Storage: the value for "${key}" must be an object.`);
      }
    }
    await this.load(entries.map(([key]) => key));
    // From here to the end nothing awaits: the eTag checks and the updates are one step for this process.
    let firstError: unknown;
    for (const [key, change] of entries) {
      const stored = this.cache.get(key);
      const storedETag = stored ? (JSON.parse(stored) as StoreItem).eTag : undefined;
      const expected = (change as StoreItem).eTag as string | undefined;
      if (stored && expected && expected !== '*' && expected !== storedETag) {
        firstError ??= new ETagConflictError(key, expected, storedETag);
        continue;
      }
      const json = JSON.stringify({ ...change, eTag: randomUUID() });
      this.remember(key, json);
      this.schedule(key, json);
    }
    if (firstError) throw firstError;
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      this.remember(key, null);
      this.schedule(key, null);
    }
  }

  /** Resolves when everything written so far is in the inner store; rejects if some write could not be saved. */
  async flush(): Promise<void> {
    while (this.persisting.size > 0) await Promise.allSettled([...this.persisting.values()]);
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }

  private async load(keys: readonly string[]): Promise<void> {
    const unknown = [...new Set(keys)].filter((key) => !this.cache.has(key));
    if (unknown.length === 0) return;
    const items = await this.inner.read(unknown);
    for (const key of unknown) {
      // A write may have landed while the inner read was running: memory is newer then.
      if (this.cache.has(key)) continue;
      const item = items[key];
      this.remember(key, item ? JSON.stringify(item) : null);
    }
  }

  private remember(key: string, json: string | null): void {
    this.cache.delete(key);
    this.cache.set(key, json);
    // Forget the oldest items that are safely persisted; they are read back from the inner store when needed.
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= this.maxCached) break;
      if (!this.pending.has(oldest) && !this.persisting.has(oldest)) this.cache.delete(oldest);
      else break;
    }
  }

  private schedule(key: string, json: string | null): void {
    this.pending.set(key, json);
    if (this.persisting.has(key)) return;
    const run = this.persist(key).finally(() => this.persisting.delete(key));
    this.persisting.set(key, run);
  }

  /** Saves the newest value of a key until none is pending; older values that were overtaken are skipped. */
  private async persist(key: string): Promise<void> {
    while (this.pending.has(key)) {
      const json = this.pending.get(key)!;
      this.pending.delete(key);
      for (let attempt = 1; ; attempt++) {
        try {
          if (json === null) await this.inner.delete([key]);
          else await this.inner.write({ [key]: { ...(JSON.parse(json) as StoreItem), eTag: '*' } });
          break;
        } catch (error) {
          if (attempt >= PERSIST_RETRIES) {
            this.failure = error;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
        }
      }
    }
  }
}
