/** A limit of `limit` events per sliding window of `windowMs`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** Teams' documented limits for a bot sending to one conversation (per-thread), with a little headroom. */
export const CONVERSATION_LIMITS: readonly RateLimit[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/**
 * About 50 requests a second per bot and tenant: stay just under it, and spread the sends evenly (at most 5 in any
 * 105 ms) so network jitter cannot bunch a second's worth into Teams' window.
 */
export const GLOBAL_LIMITS: readonly RateLimit[] = [
  { limit: 48, windowMs: 1_000 },
  { limit: 5, windowMs: 105 },
];

/**
 * Sliding-window limiter over several windows at once. Pure bookkeeping: the caller passes the time, so tests
 * and the send queue share one clock.
 */
export class SlidingWindowLimiter {
  private readonly sent: number[] = [];
  private readonly longest: number;

  constructor(private readonly limits: readonly RateLimit[]) {
    this.longest = Math.max(...limits.map((l) => l.windowMs));
  }

  /** The earliest time (>= now) at which one more event fits every window. */
  nextSlot(now: number): number {
    this.forget(now);
    let slot = now;
    for (const { limit, windowMs } of this.limits) {
      const inWindow = this.countSince(now - windowMs);
      if (inWindow >= limit) {
        // The event that must leave the window first is the (inWindow - limit + 1)-th oldest inside it.
        const start = this.sent.length - inWindow;
        const blocker = this.sent[start + inWindow - limit]!;
        slot = Math.max(slot, blocker + windowMs + 1);
      }
    }
    return slot;
  }

  record(at: number): void {
    this.sent.push(at);
  }

  /** True when nothing is remembered: the limiter can be dropped. */
  get idle(): boolean {
    return this.sent.length === 0;
  }

  private countSince(since: number): number {
    // sent is in ascending order: count from the end.
    let n = 0;
    for (let i = this.sent.length - 1; i >= 0 && this.sent[i]! > since; i--) n++;
    return n;
  }

  private forget(now: number): void {
    let drop = 0;
    while (drop < this.sent.length && this.sent[drop]! <= now - this.longest) drop++;
    if (drop) this.sent.splice(0, drop);
  }
}
