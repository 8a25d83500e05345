import { randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { StorageUnavailableError } from './errors.js';

/** The health item. Its namespace is the bot's own, so retention never sweeps it (see retention.ts). */
export const PROBE_KEY = 'health/probe';

/**
 * Proves the store takes writes: writes the health item with a fresh token and reads it back. Resolves when both
 * worked; rejects with StorageUnavailableError (the store's own error as `cause`) when either fails or the token
 * read back is not the one written. For /healthz, which should answer 503 then: a store that still reads but no
 * longer writes (a full disk, a read-only file) would otherwise look healthy while every turn fails.
 * Each probe overwrites the one item ('*'). Another instance's probe landing between our write and read changes the
 * token, so a mismatch is tried once more before it counts.
 */
export async function probeStorage(storage: Storage): Promise<void> {
  if (await probeOnce(storage)) return;
  if (await probeOnce(storage)) return;
  throw new StorageUnavailableError('the store did not read back the item just written.');
}

async function probeOnce(storage: Storage): Promise<boolean> {
  const token = randomUUID();
  try {
    await storage.write({ [PROBE_KEY]: { token, at: new Date().toISOString(), eTag: '*' } });
  } catch (error) {
    throw new StorageUnavailableError('the store cannot be written.', { cause: error });
  }
  let stored: unknown;
  try {
    stored = (await storage.read([PROBE_KEY]))[PROBE_KEY];
  } catch (error) {
    throw new StorageUnavailableError('the store cannot be read.', { cause: error });
  }
  return typeof stored === 'object' && stored !== null && (stored as { token?: unknown }).token === token;
}
