import { Pacer, TEAMS_PACING, type PacingOptions } from './pacing.js';
import { SendAbortedError, sendWithRetry, type RetryOptions, type SendOutcome } from './retryPolicy.js';

export { SendAbortedError, type SendOutcome } from './retryPolicy.js';

/** One message (or update) for one conversation. */
export interface SendJob<R = unknown> {
  /** Conversation the limits apply to (Teams limits are per conversation/thread). */
  readonly conversationKey: string;
  /** Performs the send; throws the connector's error (with statusCode) on failure. Called once per attempt. */
  readonly send: () => Promise<R>;
  /** For the failure record. */
  readonly description: string;
}

export interface SendQueueOptions extends RetryOptions {
  readonly pacing?: PacingOptions;
  /** Jobs waiting or in flight; enqueue beyond this is refused at once (QueueFullError). */
  readonly maxQueued?: number;
}

export class QueueFullError extends Error {
  constructor(readonly limit: number) {
    super(`the send queue is full (${limit} messages waiting)`);
    this.name = 'QueueFullError';
  }
}

/**
 * Paces proactive sends under Teams' limits (Pacer, on Bottleneck) and retries each with the one retry policy
 * (sendWithRetry, on p-retry). Every attempt waits for its turn again, so retries count against the limits as they
 * do at Teams. Bounded: a full queue refuses new work rather than growing without limit.
 */
export class SendQueue {
  readonly #options: SendQueueOptions;
  #pacer: Pacer;
  #controller = new AbortController();
  #queued = 0;
  readonly #stats = { sent: 0, retried: 0, failed: 0 };

  constructor(options: SendQueueOptions = {}) {
    this.#options = options;
    this.#pacer = new Pacer(options.pacing ?? TEAMS_PACING);
  }

  get size(): number {
    return this.#queued;
  }

  get counters(): Readonly<{ sent: number; retried: number; failed: number }> {
    return { ...this.#stats };
  }

  /** Queues a send; resolves when it was delivered, finally failed or was stopped (never rejects for a send error). */
  async enqueue<R>(job: SendJob<R>): Promise<SendOutcome<R>> {
    const max = this.#options.maxQueued ?? 10_000;
    if (this.#queued >= max) throw new QueueFullError(max);
    this.#queued++;
    const signal = this.#controller.signal;
    const pacer = this.#pacer;
    try {
      const outcome = await sendWithRetry(
        async () => {
          try {
            return await pacer.schedule(job.conversationKey, async () => {
              // Checked at the last moment: a send started after stop() would belong to no one.
              if (signal.aborted) throw new SendAbortedError('stopped');
              return job.send();
            });
          } catch (error) {
            // Bottleneck rejects its dropped jobs when stopped: nothing was sent.
            if (signal.aborted && !(error as { statusCode?: unknown }).statusCode) throw new SendAbortedError('stopped');
            throw error;
          }
        },
        { ...this.#options, signal },
      );
      if (outcome.ok) this.#stats.sent++;
      else if (!outcome.aborted) this.#stats.failed++;
      if (outcome.attempts > 1) this.#stats.retried += outcome.attempts - 1;
      return outcome;
    } finally {
      this.#queued--;
    }
  }

  /**
   * Stops everything queued (those resolve as aborted: nothing was sent) and lets sends in flight finish; the queue
   * can be used again afterwards. Called when this instance stops being the one that sends, and at shutdown.
   */
  async abortAll(): Promise<void> {
    this.#controller.abort();
    const pacer = this.#pacer;
    this.#controller = new AbortController();
    this.#pacer = new Pacer(this.#options.pacing ?? TEAMS_PACING);
    await pacer.stop();
  }
}
