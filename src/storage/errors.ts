/**
 * A write carried an eTag that no longer matches the stored item: someone else changed it since it was read.
 * `storedETag` is undefined when the store does not say what it holds (Azure answers only 412 Precondition Failed).
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

/** The cross-process lock guarding one item could not be taken in time, or was lost while held. */
export class StorageLockError extends Error {
  constructor(
    readonly lockPath: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Storage: ${message} (lock file ${lockPath})`, options);
    this.name = 'StorageLockError';
  }
}

/** The `code` of a Node.js system error ('ENOENT', 'EEXIST' …), if any. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
