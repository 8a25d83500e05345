/** What a failed send tells us: retry (and when), or give up and record why. */
export interface SendFailure {
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** From Retry-After, when the service gave one. */
  readonly retryAfterMs: number | undefined;
}

const RETRYABLE = new Set([412, 429, 502, 503, 504]);

function header(error: unknown, name: string): string | undefined {
  const headers = (error as { response?: { headers?: unknown } }).response?.headers;
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | undefined }).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Retry-After in seconds or as an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function describeSendError(error: unknown, now: number): SendFailure {
  const status = (error as { statusCode?: unknown }).statusCode;
  const code = typeof status === 'number' ? status : undefined;
  // Only errors that prove the request never reached Teams are retried: after a reset it may have been delivered.
  const network = code === undefined && /ECONNREFUSED|EAI_AGAIN|ENOTFOUND/i.test(String((error as Error)?.message ?? error));
  return {
    status: code,
    retryable: (code !== undefined && RETRYABLE.has(code)) || network,
    retryAfterMs: parseRetryAfter(header(error, 'retry-after'), now),
  };
}
