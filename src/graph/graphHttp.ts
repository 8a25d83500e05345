import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import { GraphError, failureForStatus } from './errors.js';
import type { Fetch } from './fetchNetworkClient.js';
import type { TokenSource } from './tokenSource.js';

export interface GraphRequest {
  /** Path under the endpoint, starting with /v1.0/. */
  readonly path: string;
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
}

export interface RequestContext {
  /** Aborts when the turn's budget is spent. */
  readonly signal: AbortSignal;
  /** performance.now() value by which everything must be done; a Retry-After past it is not waited for. */
  readonly deadline: number;
}

export interface GraphHttp {
  /** The parsed JSON body of a 2xx answer, or a GraphError. */
  request(request: GraphRequest, context: RequestContext): Promise<unknown>;
}

/** Graph answers are small; anything bigger is not what we asked for. */
const MAX_BODY_CHARS = 1_000_000;
/** When a 429/503 comes without Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/** Retry-After as delay-seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,6}$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface GraphHttpOptions {
  readonly endpoint: string;
  readonly tokens: TokenSource;
  readonly fetch: Fetch;
  /** Most extra attempts after a 429/503. */
  readonly retries?: number;
}

export function createGraphHttp({ endpoint, tokens, fetch: fetchImpl, retries = 2 }: GraphHttpOptions): GraphHttp {
  async function attempt(request: GraphRequest, signal: AbortSignal): Promise<unknown> {
    const token = await tokens.getToken(signal);
    let response: Response;
    try {
      response = await fetchImpl(`${endpoint}${request.path}`, {
        method: request.method ?? 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(request.body !== undefined && { 'content-type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
    } catch (cause) {
      if (signal.aborted) throw new GraphError('timeout', undefined, 'budget spent waiting for Graph', { cause });
      throw new GraphError('unreachable', undefined, 'Graph could not be reached', { cause });
    }
    if (!response.ok) {
      const retryAfterMs =
        response.status === 429 || response.status === 503 ? (parseRetryAfter(response.headers.get('retry-after')) ?? DEFAULT_RETRY_AFTER_MS) : undefined;
      // The error body can name the user: it is read and dropped, never kept on the error.
      await response.body?.cancel().catch(() => undefined);
      throw new GraphError(failureForStatus(response.status), response.status, `Graph answered ${response.status}`, { retryAfterMs });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      if (signal.aborted) throw new GraphError('timeout', response.status, 'budget spent reading the answer', { cause });
      throw new GraphError('unreachable', response.status, 'the answer was cut off', { cause });
    }
    if (text.length > MAX_BODY_CHARS) throw new GraphError('invalid-response', response.status, 'answer too large');
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new GraphError('invalid-response', response.status, 'answer is not JSON', { cause });
    }
  }

  return {
    async request(request, { signal, deadline }) {
      let waitMs = 0;
      return pRetry(() => attempt(request, signal), {
        retries,
        minTimeout: 0,
        factor: 1,
        signal,
        onFailedAttempt: async ({ error, retriesLeft }) => {
          const after = error instanceof GraphError ? error.retryAfterMs : undefined;
          // Only a Retry-After we can honour inside the budget is worth waiting for; otherwise give up now.
          waitMs = after !== undefined && retriesLeft > 0 && performance.now() + after < deadline ? after : -1;
          if (waitMs > 0) await sleep(waitMs, undefined, { signal });
        },
        shouldRetry: () => waitMs >= 0 && !signal.aborted,
      }).catch((error: unknown) => {
        if (error instanceof GraphError) throw error;
        if (signal.aborted) throw new GraphError('timeout', undefined, 'budget spent', { cause: error });
        throw new GraphError('unreachable', undefined, 'Graph request failed', { cause: error });
      });
    },
  };
}
