import type { Storage } from 'botbuilder';
import { AzureBlobStorage } from './blobStorage.js';
import { DiskStorage } from './diskStorage.js';

export { AzureBlobStorage, type AzureBlobStorageOptions } from './blobStorage.js';
export { DiskStorage, type DiskStorageOptions } from './diskStorage.js';
export { ETagConflictError, StorageLockError } from './errors.js';
export { WriteBehindStorage, isFlushable, type FlushableStorage } from './writeBehindStorage.js';
import { WriteBehindStorage } from './writeBehindStorage.js';

/** State in a local folder: for one bot process. */
export interface StorageOnDisk {
  /** Folder of the embedded store; created on first use. */
  readonly storageDir: string;
  readonly azureStorageConnectionString?: undefined;
  /** Ignored without a connection string, so the config can be passed as it is. */
  readonly azureStorageContainer?: string;
}

/** State in an Azure Blob Storage container: for any number of bot processes (scale-out, restarts, deployments). */
export interface StorageInBlobs {
  readonly azureStorageConnectionString: string;
  /** Created on first use if it does not exist. */
  readonly azureStorageContainer: string;
  /** Ignored: with a connection string nothing is kept on disk. */
  readonly storageDir?: string;
}

/** How to build the bot's Storage: Blob when a connection string is given, else the disk store. */
export type StorageOptions = StorageOnDisk | StorageInBlobs;

/**
 * Builds the bot's Storage; callers depend only on botbuilder's Storage interface. Synchronous and without I/O: a
 * malformed connection string throws here, and the Blob store creates its container on its first operation.
 */
export function createStorage(options: StorageOptions): Storage {
  if (options.azureStorageConnectionString !== undefined) {
    return new AzureBlobStorage(options.azureStorageConnectionString, options.azureStorageContainer);
  }
  // One bot process owns its folder (several instances share Blob storage instead), so no lock files are needed
  // and the store answers reads from memory. Writes are atomic renames, which survive a crash of the process
  // (kill -9); fsync, which only adds power-cut safety, triples the tail latency of a turn here (bench/turn.ts).
  // Turns answer from memory and the disk catches up right behind (see WriteBehindStorage); shutdown flushes.
  return new WriteBehindStorage(new DiskStorage(options.storageDir, { crossProcessLocks: false, fsync: false }));
}
