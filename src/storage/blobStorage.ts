import { createRequire } from 'node:module';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { BlobsStorage, BlobsStorageOptions } from 'botbuilder-azure-blobs';
import { ETagConflictError } from './errors.js';
import { settleAll } from './settleAll.js';

/**
 * botbuilder-azure-blobs is loaded with the first Blob store, not with this module: the Azure Storage SDK it brings is
 * about 20 MB of memory that a bot on the embedded store never uses.
 */
const loadBlobsStorage = (): typeof BlobsStorage =>
  (createRequire(import.meta.url)('botbuilder-azure-blobs') as { BlobsStorage: typeof BlobsStorage }).BlobsStorage;

type RetryOptions = NonNullable<NonNullable<BlobsStorageOptions['storagePipelineOptions']>['retryOptions']>;

export interface AzureBlobStorageOptions {
  /**
   * How the Azure SDK retries one request: it retries 500, 503 (which includes throttling) and network errors such as
   * ECONNRESET or ETIMEDOUT, up to maxTries in all. The default gives up within about a second of waiting, so a turn
   * still answers inside the Bot Connector's 15 seconds; the SDK's own default waits up to two minutes.
   */
  readonly retry?: RetryOptions;
}

/**
 * Short waits (0, 200 and 600 ms before the 2nd, 3rd and 4th try) and a 10 s server-side timeout per try.
 * A retried conditional write whose first try did land (only its answer was lost) fails with ETagConflictError, as
 * the blob now has that try's eTag; updateItem then re-reads and applies its change once more. That is harmless for
 * the bot's set-like lists (subscriptions, recent notifications) and at worst counts one answer twice in topicStats.
 */
const TURN_FRIENDLY_RETRY: RetryOptions = { maxTries: 4, retryDelayInMs: 200, maxRetryDelayInMs: 1_000, tryTimeoutInMs: 10_000 };

/**
 * botbuilder Storage in an Azure Blob Storage container, one JSON blob per key, shared by any number of bot processes.
 * The work is done by botbuilder-azure-blobs' BlobsStorage; this class only fixes what it leaves out:
 *
 * - Container creation. BlobsStorage creates the container on first use but remembers a failed attempt for ever, so
 *   one network error at start-up would break every later call until a restart. Here a failed attempt is forgotten
 *   (with the BlobsStorage instance that made it), and the next call tries again; /healthz recovers by itself.
 * - Conflicts. BlobsStorage writes with If-Match when the change carries an eTag other than '*' (optimistic
 *   concurrency done by Azure, so it holds across processes) and turns Azure's 412 into a plain Error; here it becomes
 *   an ETagConflictError naming the key and the expected eTag, as SqliteStorage throws.
 * - Multi-key writes and deletes. BlobsStorage rejects at the first failed key while the others are still in flight;
 *   here every key is done and awaited before the call rejects with the first failure. (Unlike SqliteStorage, the
 *   other keys are then stored: Blob Storage has no transaction across blobs.)
 *
 * Where it differs from MemoryStorage: a change carrying an eTag (other than '*') for a key that is not stored is
 * rejected as a conflict, because If-Match needs an existing blob. botbuilder's state writes use '*', and updateItem
 * writes '*' when it read nothing, so the bot never depends on the difference.
 *
 * Keys: BlobsStorage drops empty path segments and cuts the encoded key at 1,024 characters, so 'a//b' and 'a/b',
 * or two keys sharing their first kilobyte, name the same blob. The bot's keys (channel/conversations/id/...) are far
 * from that. The empty key is rejected.
 */
export class AzureBlobStorage implements Storage {
  readonly #connectionString: string;
  readonly #container: string;
  readonly #options: BlobsStorageOptions;
  #inner: BlobsStorage;
  #ready: Promise<BlobsStorage> | undefined;

  /** Checks the connection string at once (a malformed one throws here); the first call creates the container if needed. */
  constructor(connectionString: string, container: string, { retry = TURN_FRIENDLY_RETRY }: AzureBlobStorageOptions = {}) {
    this.#connectionString = connectionString;
    this.#container = container;
    this.#options = { storagePipelineOptions: { retryOptions: retry } };
    this.#inner = this.#createInner();
  }

  /** The name of the container holding the items. */
  get container(): string {
    return this.#container;
  }

  /** Creates the container if it does not exist. Optional: every operation does it first; call it to fail early. */
  async initialize(): Promise<void> {
    await this.#initialized();
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    return (await this.#initialized()).read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes);
    // A bad value fails the whole call before anything is written, as in SqliteStorage.
    for (const [key, change] of entries) assertObject(key, change);
    const inner = await this.#initialized();
    await settleAll(entries.map(([key, change]) => writeOne(inner, key, change as StoreItem)));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    const inner = await this.#initialized();
    // One call per key, as for writes; deleting a missing blob is fine (BlobsStorage ignores the 404).
    await settleAll(keys.map((key) => inner.delete([key])));
  }

  #initialized(): Promise<BlobsStorage> {
    // Reading no keys makes BlobsStorage create its container (createIfNotExists) and nothing else.
    this.#ready ??= this.#inner.read([]).then(
      () => this.#inner,
      (error: unknown) => {
        // BlobsStorage keeps its failed creation promise; only a new instance tries again.
        this.#inner = this.#createInner();
        this.#ready = undefined;
        throw error;
      },
    );
    return this.#ready;
  }

  #createInner(): BlobsStorage {
    try {
      return new (loadBlobsStorage())(this.#connectionString, this.#container, this.#options);
    } catch (error) {
      // Not chained as the cause: the SDK's error (a TypeError from new URL, say) may carry the string and its key.
      const reason = error instanceof Error ? error.message : String(error);
      // eslint-disable-next-line preserve-caught-error -- deliberately unchained, see above
      throw new TypeError(`Storage: the Azure Storage connection string is not valid (${reason}).`);
    }
  }
}

async function writeOne(inner: BlobsStorage, key: string, change: StoreItem): Promise<void> {
  try {
    await inner.write({ [key]: change });
  } catch (error) {
    // BlobsStorage answers Azure's 412 Precondition Failed with `Storage: error writing "<key>" due to eTag conflict.`
    if (error instanceof Error && /due to eTag conflict/.test(error.message)) {
      throw new ETagConflictError(key, change.eTag, undefined, { cause: error });
    }
    throw error;
  }
}

function assertObject(key: string, change: unknown): void {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) {
    throw new TypeError(
      `Storage: the value for "${key}" must be an object, not ${change === null ? 'null' : Array.isArray(change) ? 'an array' : typeof change}.`,
    );
  }
}
