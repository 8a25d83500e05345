/**
 * Why a Graph look-up gave no facts. Each kind is an outcome code: it is what logs and /healthz show, never the
 * response body (which can name the user).
 */
export type GraphFailure =
  /** 403: the application permissions are missing or admin consent was not granted. */
  | 'consent-missing'
  /** 404: no such user (or no registration record for them yet). */
  | 'not-found'
  /** The turn's budget ran out before Graph answered. */
  | 'timeout'
  /** 429 or 503 and Retry-After did not fit in the budget. */
  | 'throttled'
  /** Network error or 5xx. */
  | 'unreachable'
  /** The token endpoint refused the client id or secret (or Graph answered 401). */
  | 'credentials-rejected'
  /** Graph answered 400 or another status we do not expect. */
  | 'rejected'
  /** A 2xx whose body is not the documented shape. */
  | 'invalid-response';

export class GraphError extends Error {
  constructor(
    readonly failure: GraphFailure,
    readonly status: number | undefined,
    message: string,
    options?: { readonly cause?: unknown; readonly retryAfterMs?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GraphError';
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** For 429 and 503: how long Graph asked us to wait before trying again. */
  readonly retryAfterMs: number | undefined;
}

/** The failure an HTTP status stands for. */
export function failureForStatus(status: number): GraphFailure {
  if (status === 401) return 'credentials-rejected';
  if (status === 403) return 'consent-missing';
  if (status === 404) return 'not-found';
  if (status === 429) return 'throttled';
  if (status >= 500) return status === 503 ? 'throttled' : 'unreachable';
  return 'rejected';
}

/** Any thrown value as a GraphFailure (an abort is a timeout: the budget's signal is the only one we pass). */
export function failureOf(error: unknown): GraphFailure {
  if (error instanceof GraphError) return error.failure;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return 'timeout';
  return 'unreachable';
}
