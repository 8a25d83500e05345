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
  return new DiskStorage(options.storageDir);
}
