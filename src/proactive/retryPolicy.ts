import pRetry, { AbortError } from 'p-retry';
import { delay } from './delay.js';
import { describeSendError } from './sendErrors.js';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  readonly maxAttempts?: number;
  /** Backoff before the first retry; doubles each time, with jitter (×1–2), up to maxBackoffMs. */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

export type SendOutcome<R = unknown> =
  | { readonly ok: true; readonly result: R; readonly attempts: number }
  | {
      readonly ok: false;
      readonly aborted: false;
      readonly status: number | undefined;
      readonly attempts: number;
      readonly reason: string;
    }
  /** Stopped before a send was made (shutdown, or this instance stopped being the sender): nothing went out. */
  | {
      readonly ok: false;
      readonly aborted: true;
      readonly status: undefined;
      readonly attempts: number;
      readonly reason: string;
    };

/** Thrown by an attempt to stop retrying without a send: the outcome is `aborted`. */
export class SendAbortedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SendAbortedError';
  }
}

/**
 * The one retry policy for proactive sends: throttling and transient errors (429, 412, 502, 503, 504, and network
 * errors that prove the request never left) are retried with exponential backoff and jitter, never earlier than the
 * service's Retry-After; anything else (403: the user blocked the bot) fails at once. Never rejects for a send error.
 */
export async function sendWithRetry<R>(attempt: () => Promise<R>, options: RetryOptions & { readonly signal?: AbortSignal } = {}): Promise<SendOutcome<R>> {
  const { maxAttempts = 6, baseBackoffMs = 500, maxBackoffMs = 30_000, signal } = options;
  let attempts = 0;
  try {
    const result = await pRetry(
      async () => {
        if (signal?.aborted) throw new AbortError(new SendAbortedError('stopped'));
        attempts++;
        try {
          return await attempt();
        } catch (error) {
          // p-retry stops at an AbortError without calling the hooks below.
          if (error instanceof SendAbortedError) throw new AbortError(error);
          throw error instanceof Error ? error : new Error(String(error));
        }
      },
      {
        retries: maxAttempts - 1,
        minTimeout: baseBackoffMs,
        maxTimeout: maxBackoffMs,
        factor: 2,
        randomize: true,
        unref: true,
        // No \`signal\` here: p-retry would turn a send that succeeded just as the signal fired into an abort, and
        // the send would be made again. The attempt and the Retry-After wait check the signal themselves.
        shouldRetry: ({ error }) => describeSendError(error, Date.now()).retryable,
        // Waits out Retry-After before p-retry's own backoff starts, so the retry is never earlier than asked.
        onFailedAttempt: async ({ error, retriesLeft }) => {
          if (signal?.aborted) throw new SendAbortedError('stopped');
          const failure = describeSendError(error, Date.now());
          if (failure.retryable && retriesLeft > 0 && failure.retryAfterMs) await delay(failure.retryAfterMs, signal);
        },
      },
    );
    return { ok: true, result, attempts };
  } catch (error) {
    if (error instanceof SendAbortedError || signal?.aborted) {
      return {
        ok: false,
        aborted: true,
        status: undefined,
        attempts,
        reason: error instanceof Error ? error.message : 'stopped',
      };
    }
    const failure = describeSendError(error, Date.now());
    const reason =
      failure.status === 403
        ? 'the user blocked or removed the bot'
        : failure.retryable
          ? 'still failing after retries'
          : `send failed${failure.status ? ` (HTTP ${failure.status})` : ''}`;
    return {
      ok: false,
      aborted: false,
      status: failure.status,
      attempts,
      reason,
    };
  }
}
