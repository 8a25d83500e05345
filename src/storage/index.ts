import type { Storage } from 'botbuilder';
import { DiskStorage } from './diskStorage.js';

export { DiskStorage, type DiskStorageOptions } from './diskStorage.js';
export { ETagConflictError, StorageLockError } from './errors.js';

/**
 * How to build the bot's Storage. Today only the disk store exists. When the Blob store arrives, this becomes a
 * union (e.g. `| { azureStorageConnectionString: string; azureStorageContainer: string }`) and createStorage chooses;
 * callers depend only on botbuilder's Storage interface, so nothing else changes.
 */
export interface StorageOptions {
  /** Folder of the embedded store; created on first use. */
  readonly storageDir: string;
}

export function createStorage(options: StorageOptions): Storage {
  // One bot process owns its folder (several instances share Blob storage instead), so no lock files are needed
  // and the store answers reads from memory. Writes are atomic renames, which survive a crash of the process
  // (kill -9); fsync, which only adds power-cut safety, triples the tail latency of a turn here (bench/turn.ts).
  return new DiskStorage(options.storageDir, { crossProcessLocks: false, fsync: false });
}
