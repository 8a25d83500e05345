import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseRetryAfter } from '../../src/proactive/sendErrors.js';
import { QueueFullError, SendQueue } from '../../src/proactive/sendQueue.js';

const httpError = (statusCode: number, retryAfter?: string) =>
  Object.assign(new Error(`HTTP ${statusCode}`), {
    statusCode,
    response: {
      headers: {
        get: (n: string) => (n === 'retry-after' ? retryAfter : undefined),
      },
    },
  });

/** Bottleneck and p-retry run on timers: fake ones make pacing exact and the tests instant. */
beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Moves the fake clock on until the promise settles (bounded, so a stuck queue fails the test). */
async function settle<T>(promise: Promise<T>, maxMs = 600_000): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => (done = true));
  for (let waited = 0; !done && waited < maxMs; waited += 50) await vi.advanceTimersByTimeAsync(50);
  if (!done) throw new Error(`still pending after ${maxMs} ms of fake time`);
  return tracked;
}

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
    const queue = new SendQueue();
    const times: number[] = [];
    const jobs = Array.from({ length: 70 }, () =>
      queue.enqueue({
        conversationKey: 'c1',
        description: 'x',
        send: async () => times.push(Date.now()),
      }),
    );
    await settle(Promise.all(jobs));
    expect(times).toHaveLength(70);
    for (let i = 7; i < times.length; i++) expect(times[i]! - times[i - 7]!).toBeGreaterThan(1000);
    for (let i = 60; i < times.length; i++) expect(times[i]! - times[i - 60]!).toBeGreaterThan(30_000);
  });

  it('keeps the whole bot under about 50 sends a second across conversations', async () => {
    const queue = new SendQueue();
    const times: number[] = [];
    await settle(
      Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          queue.enqueue({
            conversationKey: `c${i}`,
            description: 'x',
            send: async () => times.push(Date.now()),
          }),
        ),
      ),
    );
    times.sort((a, b) => a - b);
    expect(times).toHaveLength(200);
    for (let i = 50; i < times.length; i++) expect(times[i]! - times[i - 50]!).toBeGreaterThan(1000);
    // Spread evenly: never more than 5 in any 105 ms.
    for (let i = 5; i < times.length; i++) expect(times[i]! - times[i - 5]!).toBeGreaterThanOrEqual(105);
  });

  it('retries 429 after Retry-After and sends the message exactly once', async () => {
    const queue = new SendQueue({ baseBackoffMs: 10 });
    const started = Date.now();
    let calls = 0;
    const delivered: number[] = [];
    const outcome = await settle(
      queue.enqueue({
        conversationKey: 'c1',
        description: 'x',
        send: async () => {
          calls++;
          if (calls <= 2) throw httpError(429, '3');
          delivered.push(Date.now() - started);
          return 'id-1';
        },
      }),
    );
    expect(outcome).toMatchObject({ ok: true, result: 'id-1', attempts: 3 });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toBeGreaterThanOrEqual(6000);
    expect(queue.counters).toMatchObject({ sent: 1, retried: 2 });
  });

  it.each([412, 502, 503, 504])('retries %i with backoff', async (status) => {
    const queue = new SendQueue({ baseBackoffMs: 10 });
    let calls = 0;
    const outcome = await settle(
      queue.enqueue({
        conversationKey: 'c',
        description: 'x',
        send: async () => (++calls === 1 ? Promise.reject(httpError(status)) : 'ok'),
      }),
    );
    expect(outcome.ok).toBe(true);
    expect(calls).toBe(2);
  });

  it('gives up on 403 at once and says why', async () => {
    const queue = new SendQueue();
    const outcome = await settle(
      queue.enqueue({
        conversationKey: 'c',
        description: 'x',
        send: async () => Promise.reject(httpError(403)),
      }),
    );
    expect(outcome).toMatchObject({
      ok: false,
      aborted: false,
      status: 403,
      attempts: 1,
      reason: 'the user blocked or removed the bot',
    });
    expect(queue.counters.failed).toBe(1);
  });

  it('stops retrying after the maximum number of attempts', async () => {
    const queue = new SendQueue({ maxAttempts: 3, baseBackoffMs: 1 });
    let calls = 0;
    const outcome = await settle(
      queue.enqueue({
        conversationKey: 'c',
        description: 'x',
        send: async () => Promise.reject(httpError(503, String(++calls))),
      }),
    );
    expect(outcome).toMatchObject({ ok: false, status: 503, attempts: 3 });
  });

  it('refuses work beyond its bound instead of growing', async () => {
    const queue = new SendQueue({ maxQueued: 2 });
    const never = new Promise<never>(() => undefined);
    void queue.enqueue({
      conversationKey: 'a',
      description: 'x',
      send: () => never,
    });
    void queue.enqueue({
      conversationKey: 'b',
      description: 'x',
      send: () => never,
    });
    await expect(
      queue.enqueue({
        conversationKey: 'c',
        description: 'x',
        send: async () => 1,
      }),
    ).rejects.toBeInstanceOf(QueueFullError);
  });

  it('drops queued sends on abortAll without sending them, and works again afterwards', async () => {
    const queue = new SendQueue();
    let sent = 0;
    const jobs = Array.from({ length: 20 }, () =>
      queue.enqueue({
        conversationKey: 'one',
        description: 'x',
        send: async () => ++sent,
      }),
    );
    await vi.advanceTimersByTimeAsync(200);
    await queue.abortAll();
    const outcomes = await settle(Promise.all(jobs));
    const aborted = outcomes.filter((o) => !o.ok && o.aborted).length;
    expect(aborted).toBeGreaterThan(0);
    expect(sent + aborted).toBe(20);
    expect(
      await settle(
        queue.enqueue({
          conversationKey: 'one',
          description: 'x',
          send: async () => 'again',
        }),
      ),
    ).toMatchObject({ ok: true, result: 'again' });
  });
});
