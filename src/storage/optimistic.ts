import type { Storage, StoreItem } from 'botbuilder';

/** A write lost the race: another writer changed the item since it was read. Any Storage may say so its own way. */
export function isETagConflict(error: unknown): boolean {
  const e = error as { name?: unknown; statusCode?: unknown; message?: unknown };
  return e?.name === 'ETagConflictError' || e?.statusCode === 412 || (typeof e?.message === 'string' && /etag/i.test(e.message));
}

export class ConflictRetriesExhaustedError extends Error {
  constructor(
    readonly key: string,
    attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`could not update "${key}" after ${attempts} attempts: other writers kept changing it`, options);
    this.name = 'ConflictRetriesExhaustedError';
  }
}

/**
 * Read-modify-write of one item with optimistic concurrency: the write carries the eTag that was read, and a
 * conflict starts over from a fresh read. botbuilder's own state saving writes with eTag '*' (last writer wins),
 * which would lose concurrent changes to shared lists such as subscriptions.
 */
export async function updateItem<T extends object>(
  storage: Storage,
  key: string,
  update: (current: T | undefined) => T,
  { attempts = 16 }: { attempts?: number } = {},
): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const stored = (await storage.read([key]))[key] as (T & StoreItem) | undefined;
    const { eTag, ...current } = stored ?? ({} as StoreItem);
    const next = update(stored ? (current as T) : undefined);
    try {
      // Storage has no "create if absent": a missing item is written unconditionally. Shared items are therefore
      // created once at start-up (ensureItem), so the racing updates of a running bot are all eTag-checked.
      await storage.write({ [key]: { ...next, eTag: stored ? eTag : '*' } });
      return next;
    } catch (error) {
      if (!isETagConflict(error)) throw error;
      lastError = error;
      // Exponential backoff with full jitter, so racing writers spread out instead of colliding again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(250, 5 * 2 ** attempt)));
    }
  }
  throw new ConflictRetriesExhaustedError(key, attempts, { cause: lastError });
}

/** Creates an item with its empty value if it does not exist yet (call at start-up, before traffic). */
export async function ensureItem<T extends object>(storage: Storage, key: string, empty: T): Promise<void> {
  const stored = await storage.read([key]);
  if (!stored[key]) await storage.write({ [key]: { ...empty, eTag: '*' } });
}
