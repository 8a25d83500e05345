import type { Storage } from 'botbuilder';
import { AzureBlobStorage } from './blobStorage.js';
import { SqliteStorage } from './sqliteStorage.js';

export { AzureBlobStorage, type AzureBlobStorageOptions } from './blobStorage.js';
export { SqliteStorage, DATABASE_FILE, type SqliteStorageOptions } from './sqliteStorage.js';
export { ETagConflictError, StorageClosedError, StorageUnavailableError } from './errors.js';
export { probeStorage, PROBE_KEY } from './probe.js';
export { isExpiringStateKey, DEFAULT_STATE_TTL_DAYS } from './retention.js';

/** What both kinds of store accept. */
interface StorageCommon {
  /**
   * Conversation and user state not written for this many days is deleted (default 30; see retention.ts for which
   * keys). Applies to the SQLite store; for Blob, set a lifecycle management rule on the container instead.
   */
  readonly stateTtlDays?: number;
  /** Told when a retention sweep deleted items, and when a periodic sweep failed (the store has no logger). */
  readonly onSweep?: (deleted: number) => void;
  readonly onSweepError?: (error: unknown) => void;
}

/** State in a local SQLite file: for the bot processes of one host. */
export interface StorageOnDisk extends StorageCommon {
  /** Folder of the embedded store (the database file is `state.sqlite` in it); created on first use. */
  readonly storageDir: string;
  readonly azureStorageConnectionString?: undefined;
  /** Ignored without a connection string, so the config can be passed as it is. */
  readonly azureStorageContainer?: string;
}

/** State in an Azure Blob Storage container: for any number of bot processes (scale-out, restarts, deployments). */
export interface StorageInBlobs extends StorageCommon {
  readonly azureStorageConnectionString: string;
  /** Created on first use if it does not exist. */
  readonly azureStorageContainer: string;
  /** Ignored: with a connection string nothing is kept on disk. */
  readonly storageDir?: string;
}

/** How to build the bot's Storage: Blob when a connection string is given, else SQLite. */
export type StorageOptions = StorageOnDisk | StorageInBlobs;

/**
 * Builds the bot's Storage; callers depend only on botbuilder's Storage interface. Synchronous and without I/O: a
 * malformed connection string throws here; the SQLite store opens its file on its first operation (importing an old
 * JSON store found in the folder), the Blob store creates its container on its first operation.
 */
export function createStorage(options: StorageOptions): Storage {
  if (options.azureStorageConnectionString !== undefined) {
    return new AzureBlobStorage(options.azureStorageConnectionString, options.azureStorageContainer);
  }
  return new SqliteStorage(options.storageDir, { stateTtlDays: options.stateTtlDays, onSweep: options.onSweep, onSweepError: options.onSweepError });
}

/** A store holding resources (a database connection, a timer) until it is closed. */
export interface ClosableStorage extends Storage {
  close(): Promise<void>;
}

export function isClosable(storage: Storage): storage is ClosableStorage {
  return typeof (storage as Partial<ClosableStorage>).close === 'function';
}

/** Closes the store if it has anything to close; call once on shutdown, after the last turn. */
export async function closeStorage(storage: Storage): Promise<void> {
  if (isClosable(storage)) await storage.close();
}
