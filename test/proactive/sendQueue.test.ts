import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src/proactive/rateLimiter.js';
import { parseRetryAfter } from '../../src/proactive/sendErrors.js';
import { QueueFullError, SendQueue, type Clock } from '../../src/proactive/sendQueue.js';

/** A clock that only moves when the queue sleeps, so pacing is exact and tests are instant. */
function fakeClock(): Clock & { readonly t: () => number } {
  let now = 0;
  return {
    now: () => now,
    t: () => now,
    sleep: async (ms: number) => {
      await Promise.resolve();
      now += ms;
    },
  };
}

const httpError = (statusCode: number, retryAfter?: string) =>
  Object.assign(new Error(`HTTP ${statusCode}`), { statusCode, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } } });

describe('SlidingWindowLimiter', () => {
  it('allows the limit within a window and then waits for the oldest to leave it', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 3, windowMs: 1000 }]);
    for (const t of [0, 10, 20]) {
      expect(limiter.nextSlot(t)).toBe(t);
      limiter.record(t);
    }
    expect(limiter.nextSlot(30)).toBe(1001);
    expect(limiter.nextSlot(1001)).toBe(1001);
  });

  it('applies the strictest of several windows', () => {
    const limiter = new SlidingWindowLimiter([
      { limit: 7, windowMs: 1000 },
      { limit: 10, windowMs: 30_000 },
    ]);
    let t = 0;
    for (let i = 0; i < 10; i++) {
      t = limiter.nextSlot(t);
      limiter.record(t);
    }
    expect(limiter.nextSlot(t)).toBe(30_001);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2000],
    ['0', 0],
    ['Thu, 01 Jan 1970 00:00:05 GMT', 5000],
    [undefined, undefined],
    ['soon', undefined],
  ])('reads %j as %j ms', (value, ms) => {
    expect(parseRetryAfter(value, 0)).toBe(ms);
  });
});

describe('SendQueue', () => {
  it('never sends more than Teams allows to one conversation', async () => {
    const clock = fakeClock();
    const queue = new SendQueue({ clock, concurrency: 1 });
    const times: number[] = [];
    const jobs = Array.from({ length: 70 }, () => queue.enqueue({ conversationKey: 'c1', description: 'x', send: async () => times.push(clock.t()) }));
    await Promise.all(jobs);
    for (let i = 7; i < times.length; i++) expect(times[i]! - times[i - 7]!).toBeGreaterThan(1000);
    for (let i = 60; i < times.length; i++) expect(times[i]! - times[i - 60]!).toBeGreaterThan(30_000);
  });

  it('keeps the whole bot under about 50 sends a second across conversations', async () => {
    const clock = fakeClock();
    const queue = new SendQueue({ clock, concurrency: 8 });
    const times: number[] = [];
    await Promise.all(Array.from({ length: 200 }, (_, i) => queue.enqueue({ conversationKey: `c${i}`, description: 'x', send: async () => times.push(clock.t()) })));
    times.sort((a, b) => a - b);
    for (let i = 50; i < times.length; i++) expect(times[i]! - times[i - 50]!).toBeGreaterThan(1000);
  });

  it('retries 429 after Retry-After and sends the message exactly once', async () => {
    const clock = fakeClock();
    const queue = new SendQueue({ clock, baseBackoffMs: 10 });
    let calls = 0;
    const delivered: number[] = [];
    const outcome = await queue.enqueue({
      conversationKey: 'c1',
      description: 'x',
      send: async () => {
        calls++;
        if (calls <= 2) throw httpError(429, '3');
        delivered.push(clock.t());
        return 'id-1';
      },
    });
    expect(outcome).toMatchObject({ ok: true, result: 'id-1', attempts: 3 });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toBeGreaterThanOrEqual(6000);
    expect(queue.counters).toMatchObject({ sent: 1, throttled: 2, retried: 2 });
  });

  it.each([412, 502, 503, 504])('retries %i with backoff', async (status) => {
    const queue = new SendQueue({ clock: fakeClock(), baseBackoffMs: 10 });
    let calls = 0;
    const outcome = await queue.enqueue({ conversationKey: 'c', description: 'x', send: async () => (++calls === 1 ? Promise.reject(httpError(status)) : 'ok') });
    expect(outcome.ok).toBe(true);
    expect(calls).toBe(2);
  });

  it('gives up on 403 at once and reports it', async () => {
    const failures: unknown[] = [];
    const queue = new SendQueue({ clock: fakeClock(), onFailure: (_job, outcome) => void failures.push(outcome) });
    const outcome = await queue.enqueue({ conversationKey: 'c', description: 'x', send: async () => Promise.reject(httpError(403)) });
    expect(outcome).toMatchObject({ ok: false, status: 403, attempts: 1 });
    expect(failures).toHaveLength(1);
  });

  it('stops retrying after the maximum number of attempts', async () => {
    const queue = new SendQueue({ clock: fakeClock(), maxAttempts: 3, baseBackoffMs: 1 });
    let calls = 0;
    const outcome = await queue.enqueue({ conversationKey: 'c', description: 'x', send: async () => Promise.reject(httpError(503, String(++calls))) });
    expect(outcome).toMatchObject({ ok: false, status: 503, attempts: 3 });
  });

  it('refuses work beyond its bound instead of growing', async () => {
    const queue = new SendQueue({ clock: fakeClock(), maxQueued: 2 });
    const never = new Promise<never>(() => undefined);
    void queue.enqueue({ conversationKey: 'a', description: 'x', send: () => never });
    void queue.enqueue({ conversationKey: 'b', description: 'x', send: () => never });
    await expect(queue.enqueue({ conversationKey: 'c', description: 'x', send: async () => 1 })).rejects.toBeInstanceOf(QueueFullError);
  });
});
