/**
 * A write carried an eTag that no longer matches the stored item: someone else changed it since it was read.
 * `storedETag` is undefined when nothing is stored, or when the store does not say what it holds (Azure answers
 * only 412 Precondition Failed).
 */
export class ETagConflictError extends Error {
  constructor(
    readonly key: string,
    readonly expectedETag: unknown,
    readonly storedETag: unknown,
    options?: { cause?: unknown },
  ) {
    super(
      `Storage: error writing "${key}" due to eTag conflict: the write expected eTag ${JSON.stringify(expectedETag)} ` +
        (storedETag === undefined ? 'but the stored item has changed or is gone' : `but the stored item has eTag ${JSON.stringify(storedETag)}`) +
        '. Read the item again and retry.',
      options,
    );
    this.name = 'ETagConflictError';
  }
}

/** The store was closed (on shutdown); nothing more can be read or written through it. */
export class StorageClosedError extends Error {
  constructor() {
    super('Storage: the store is closed.');
    this.name = 'StorageClosedError';
  }
}

/** The store cannot be written, or does not read back what was written (see probeStorage); `cause` says why. */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`Storage: ${message}`, options);
    this.name = 'StorageUnavailableError';
  }
}
