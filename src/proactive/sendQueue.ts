import { describeSendError } from './sendErrors.js';
import { CONVERSATION_LIMITS, GLOBAL_LIMITS, SlidingWindowLimiter, type RateLimit } from './rateLimiter.js';

/** One message (or update) for one conversation. */
export interface SendJob<R = unknown> {
  /** Conversation the limits apply to (Teams limits are per conversation/thread). */
  readonly conversationKey: string;
  /** Performs the send; throws the connector's error (with statusCode) on failure. */
  readonly send: () => Promise<R>;
  /** For the failure record. */
  readonly description: string;
}

export type SendOutcome<R = unknown> =
  | { readonly ok: true; readonly result: R; readonly attempts: number }
  | { readonly ok: false; readonly status: number | undefined; readonly attempts: number; readonly reason: string };

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface SendQueueOptions {
  readonly clock?: Clock;
  readonly conversationLimits?: readonly RateLimit[];
  readonly globalLimits?: readonly RateLimit[];
  /** Jobs waiting or in flight; enqueue beyond this is refused at once (QueueFullError). */
  readonly maxQueued?: number;
  readonly maxAttempts?: number;
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Sends in flight at once; network latency is hidden without exceeding the rate limits. */
  readonly concurrency?: number;
  readonly random?: () => number;
  /** Told about every send that finally failed, so it can be recorded for admins. */
  readonly onFailure?: (job: SendJob, outcome: Extract<SendOutcome, { ok: false }>) => void | Promise<void>;
}

export class QueueFullError extends Error {
  constructor(readonly limit: number) {
    super(`the send queue is full (${limit} messages waiting)`);
    this.name = 'QueueFullError';
  }
}

interface Pending {
  readonly job: SendJob;
  attempts: number;
  /** Not before this time (backoff or Retry-After). */
  notBefore: number;
  readonly resolve: (outcome: SendOutcome) => void;
}

/**
 * Paces proactive sends under Teams' limits (per conversation and per bot), retries throttling and transient
 * errors (429, 412, 502, 503, 504) honouring Retry-After with exponential backoff and jitter, and never sends a
 * job again once it succeeded. Bounded: a full queue refuses new work rather than growing without limit.
 */
export class SendQueue {
  private readonly clock: Clock;
  private readonly pending: Pending[] = [];
  private readonly perConversation = new Map<string, SlidingWindowLimiter>();
  private readonly global: SlidingWindowLimiter;
  private inFlight = 0;
  private running = false;
  private wake: (() => void) | undefined;
  private stats = { sent: 0, retried: 0, throttled: 0, failed: 0 };

  constructor(private readonly options: SendQueueOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.global = new SlidingWindowLimiter(options.globalLimits ?? GLOBAL_LIMITS);
  }

  get size(): number {
    return this.pending.length + this.inFlight;
  }

  get counters(): Readonly<{ sent: number; retried: number; throttled: number; failed: number }> {
    return { ...this.stats };
  }

  /** Queues a send; resolves when it was delivered or finally failed (never rejects for a send error). */
  enqueue<R>(job: SendJob<R>): Promise<SendOutcome<R>> {
    const max = this.options.maxQueued ?? 10_000;
    if (this.size >= max) return Promise.reject(new QueueFullError(max));
    return new Promise<SendOutcome<R>>((resolve) => {
      this.pending.push({ job, attempts: 0, notBefore: 0, resolve: resolve as (o: SendOutcome) => void });
      this.kick();
    });
  }

  /** Resolves once everything queued so far is delivered or failed. */
  async drain(): Promise<void> {
    while (this.size > 0) await this.clock.sleep(10);
  }

  private kick(): void {
    this.wake?.();
    if (!this.running) {
      this.running = true;
      void this.loop();
    }
  }

  private limiterFor(key: string): SlidingWindowLimiter {
    let limiter = this.perConversation.get(key);
    if (!limiter) {
      limiter = new SlidingWindowLimiter(this.options.conversationLimits ?? CONVERSATION_LIMITS);
      this.perConversation.set(key, limiter);
    }
    return limiter;
  }

  private async loop(): Promise<void> {
    const concurrency = this.options.concurrency ?? 16;
    try {
      while (this.pending.length > 0 || this.inFlight > 0) {
        const now = this.clock.now();
        let earliest = Number.POSITIVE_INFINITY;
        let started = false;
        if (this.inFlight < concurrency) {
          const globalSlot = this.global.nextSlot(now);
          for (let i = 0; i < this.pending.length && globalSlot <= now; i++) {
            const item = this.pending[i]!;
            const slot = Math.max(item.notBefore, this.limiterFor(item.job.conversationKey).nextSlot(now));
            if (slot <= now) {
              this.pending.splice(i, 1);
              this.start(item, now);
              started = true;
              break;
            }
            earliest = Math.min(earliest, slot);
          }
          if (globalSlot > now) earliest = Math.min(earliest, globalSlot);
        }
        if (started) continue;
        // Nothing may go now: sleep until the earliest slot, or until a send finishes or a job arrives
        // (with nothing waiting, only those can change anything).
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          if (Number.isFinite(earliest)) void this.clock.sleep(Math.max(1, earliest - now)).then(resolve);
        });
        this.wake = undefined;
      }
    } finally {
      this.running = false;
      for (const [key, limiter] of this.perConversation) if (limiter.idle) this.perConversation.delete(key);
    }
  }

  private start(item: Pending, now: number): void {
    item.attempts++;
    this.inFlight++;
    this.global.record(now);
    this.limiterFor(item.job.conversationKey).record(now);
    void this.attempt(item).finally(() => {
      this.inFlight--;
      this.wake?.();
    });
  }

  private async attempt(item: Pending): Promise<void> {
    const { job } = item;
    try {
      const result = await job.send();
      this.stats.sent++;
      item.resolve({ ok: true, result, attempts: item.attempts });
      return;
    } catch (error) {
      const failure = describeSendError(error, this.clock.now());
      const maxAttempts = this.options.maxAttempts ?? 6;
      if (failure.status === 429) this.stats.throttled++;
      if (failure.retryable && item.attempts < maxAttempts) {
        this.stats.retried++;
        const base = this.options.baseBackoffMs ?? 500;
        const cap = this.options.maxBackoffMs ?? 30_000;
        const random = this.options.random ?? Math.random;
        // Full jitter on an exponential backoff, but never earlier than the service asked.
        const backoff = Math.min(cap, base * 2 ** (item.attempts - 1)) * (0.5 + random() / 2);
        item.notBefore = this.clock.now() + Math.max(backoff, failure.retryAfterMs ?? 0);
        this.pending.push(item);
        return;
      }
      this.stats.failed++;
      const outcome = {
        ok: false as const,
        status: failure.status,
        attempts: item.attempts,
        reason: failure.status === 403 ? 'the user blocked or removed the bot' : failure.retryable ? 'still failing after retries' : `send failed${failure.status ? ` (HTTP ${failure.status})` : ''}`,
      };
      try {
        await this.options.onFailure?.(job, outcome);
      } finally {
        item.resolve(outcome);
      }
    }
  }
}
