import { performance } from 'node:perf_hooks';
import { MessageFactory, type Activity } from 'botbuilder';
import Bottleneck from 'bottleneck';
import { LRUCache } from 'lru-cache';
import type { CardRenderer } from '../render/index.js';
import type { Alert } from './alert.js';
import type { Delivery } from './connectorDelivery.js';
import { delay } from './delay.js';
import type { NotificationLog } from './notificationLog.js';
import type { DeliveryRecord, Outbox } from './outbox.js';
import { SendAbortedError, type SendOutcome, type SendQueue } from './sendQueue.js';
import type { SenderLease } from './senderLease.js';
import type { Subscription, SubscriptionStore } from './subscriptions.js';

export interface OutboxSenderDeps {
  readonly outbox: Outbox;
  readonly lease: SenderLease;
  readonly queue: SendQueue;
  readonly subscriptions: SubscriptionStore;
  readonly log: NotificationLog;
  readonly delivery: Delivery;
  readonly renderer: CardRenderer;
  /** How often the outbox is looked at when nothing wakes the sender (hits accepted by other instances). */
  readonly pollMs?: number;
  /**
   * Subscribers of one alert being worked on at once (each waits for its turn in the SendQueue). Each holds a
   * 'sending' record while it waits, so this bounds what a crash leaves half-done; 16 keeps 40 sends a second going
   * on Blob (Azurite) as well as 64 did.
   */
  readonly slotConcurrency?: number;
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

export interface SenderStats {
  posted: number;
  updated: number;
  failed: number;
  /**
   * Posts found half-done ('sending') when they were picked up: the previous sender stopped (crash, lost lease)
   * between writing 'sending' and writing 'sent'. They are posted again, as Teams takes no idempotency key; only
   * those that had actually reached Teams become duplicates.
   */
  inDoubt: number;
  /**
   * The window itself, measured: from the moment a post was handed to the connector until its 'sent' record was
   * stored (sum and worst, over the posts made here). A crash inside it may leave a duplicate.
   */
  windowMsTotal: number;
  windowMsMax: number;
}

type SlotResult = 'done' | 'sent' | 'failed' | 'aborted';

/**
 * Sends the outbox. Only the holder of the SenderLease sends, so with several instances one paces the bot-wide
 * limit; the others keep accepting into the outbox and take over when the holder's claim expires.
 *
 * For each alert with work left, each subscriber gets the newest card: posted the first time in the alert's window,
 * updated in place afterwards. Each (alert, subscriber) pair has a delivery record written before the send
 * ('sending') and after it ('sent' with the activity id), so after a crash nothing acknowledged is lost and nothing
 * recorded as sent is sent again. One window remains: a post that reached Teams but whose 'sent' record was not
 * written before the crash is posted again by the next sender (counted in stats.inDoubt).
 */
export class OutboxSender {
  readonly stats: SenderStats = {
    posted: 0,
    updated: 0,
    failed: 0,
    inDoubt: 0,
    windowMsTotal: 0,
    windowMsMax: 0,
  };
  readonly #deps: OutboxSenderDeps;
  readonly #pollMs: number;
  readonly #now: () => number;
  readonly #slots: Bottleneck;
  /** Delivery records this instance read or wrote while holding the lease (only the holder writes them). */
  readonly #records = new LRUCache<string, DeliveryRecord>({ max: 20_000 });
  readonly #active = new Map<string, Promise<void>>();
  #loop: Promise<void> | undefined;
  #stopping: AbortController | undefined;
  #wake: AbortController = new AbortController();
  readonly #listeners = new Set<() => void>();

  constructor(deps: OutboxSenderDeps) {
    this.#deps = deps;
    this.#pollMs = deps.pollMs ?? 500;
    this.#now = deps.now ?? Date.now;
    this.#slots = new Bottleneck({ maxConcurrent: deps.slotConcurrency ?? 16 });
  }

  /** Starts the loop (idempotent). */
  start(): void {
    if (this.#loop) return;
    const stopping = new AbortController();
    this.#stopping = stopping;
    this.#loop = this.#run(stopping.signal);
  }

  /** Looks at the outbox now rather than at the next poll (a hit was just accepted here). */
  wake(): void {
    this.#wake.abort();
  }

  /**
   * Resolves once the outbox holds nothing undelivered and no send is under way here (tests, benches). Waits for
   * whichever instance holds the lease; rejects after `timeoutMs`.
   */
  async idle(timeoutMs = 120_000): Promise<void> {
    // Real time, not the injected clock: a test's frozen clock must not make this wait for ever.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending = await this.#deps.outbox.pending();
      if (Object.keys(pending).length === 0 && this.#active.size === 0) return;
      if (Date.now() > deadline) throw new Error(`the outbox still has work after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.#listeners.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(this.#pollMs, 100));
        this.#listeners.add(done);
      });
    }
  }

  /**
   * Stops sending: queued sends are dropped (they stay in the outbox), sends in flight finish and are recorded, and
   * the lease is given up so another instance takes over at once.
   */
  async stop(): Promise<void> {
    if (!this.#loop) return;
    this.#stopping?.abort();
    this.wake();
    // Queued sends are dropped at once; the slots still running see the stop and start no new send.
    const aborting = this.#deps.queue.abortAll();
    await this.#loop;
    this.#loop = undefined;
    await aborting;
    await Promise.allSettled([...this.#active.values()]);
    try {
      await this.#deps.lease.release();
    } catch (error) {
      // The store is failing: the claim then simply runs out, and another instance takes over after its expiry.
      this.#deps.onError?.(error);
    }
  }

  /** This instance may start a send: it holds the lease and is not stopping. */
  #sending(): boolean {
    return this.#deps.lease.holds() && this.#stopping?.signal.aborted === false;
  }

  async #run(stopping: AbortSignal): Promise<void> {
    while (!stopping.aborted) {
      try {
        await this.#tick();
      } catch (error) {
        this.#deps.onError?.(error);
      }
      const wake = this.#wake;
      if (!wake.signal.aborted) await delay(this.#pollMs, AbortSignal.any([wake.signal, stopping])).catch(() => undefined);
      if (wake.signal.aborted) this.#wake = new AbortController();
    }
  }

  async #tick(): Promise<void> {
    const { lease, outbox } = this.#deps;
    const had = lease.holds();
    if (!(await lease.acquire())) {
      // Someone else sends: drop what is queued here (it is still in the outbox) and forget what we knew.
      if (had || this.#active.size > 0) await this.#deps.queue.abortAll();
      this.#records.clear();
      return;
    }
    // Newly the sender: another instance may have written records since we last looked.
    if (!had) this.#records.clear();
    const pending = await outbox.pending();
    for (const key of Object.keys(pending)) {
      if (this.#active.has(key)) continue;
      const work = this.#processAlert(key)
        .catch((error: unknown) => this.#deps.onError?.(error))
        .finally(() => {
          this.#active.delete(key);
          this.wake();
          for (const listener of [...this.#listeners]) listener();
        });
      this.#active.set(key, work);
    }
  }

  async #processAlert(key: string): Promise<void> {
    const { outbox, subscriptions } = this.#deps;
    const alert = await outbox.readAlert(key);
    if (!alert) {
      await outbox.settle(key, Number.MAX_SAFE_INTEGER);
      return;
    }
    const subscribers = await subscriptions.list();
    const activity = MessageFactory.attachment(this.#deps.renderer.render('adminNotification', alert.card));
    // allSettled, not all: the alert stays active here until every subscriber's send has finished, or the next pass
    // could start a second send to a subscriber whose first is still under way.
    const settled = await Promise.allSettled(subscribers.map((subscriber) => this.#slots.schedule(() => this.#deliverSlot(alert, subscriber, activity))));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    // A storage error: the entry stays and the next pass tries again (what was recorded as sent is skipped).
    if (failed) throw failed.reason;
    // Not the sender any more: the entry stays for the next holder.
    if (settled.some((r) => r.status === 'fulfilled' && r.value === 'aborted')) return;
    await outbox.settle(key, alert.version);
  }

  async #deliverSlot(alert: Alert, subscriber: Subscription, activity: Partial<Activity>): Promise<SlotResult> {
    const { outbox, queue, delivery } = this.#deps;
    if (!this.#sending()) return 'aborted';
    const cacheKey = `${alert.key}|${subscriber.id}`;
    const record = this.#records.get(cacheKey) ?? (await outbox.readDelivery(alert.key, subscriber.id));
    const sameWindow = record?.generation === alert.generation;
    if (sameWindow && record.version >= alert.version && record.state !== 'sending') return 'done';
    const write = async (next: DeliveryRecord): Promise<void> => {
      await outbox.writeDelivery(alert.key, subscriber.id, next);
      this.#records.set(cacheKey, next);
    };
    const guarded =
      <T>(send: () => Promise<T>) =>
      (): Promise<T> => {
        // A send may wait a while in the queue: check the claim again right before it goes.
        if (!this.#sending()) throw new SendAbortedError('no longer the sender');
        return send();
      };

    if (sameWindow && record.activityId) {
      const activityId = record.activityId;
      // An update in place sends the whole newest card: sending it again is harmless, so no 'sending' record.
      const outcome = await queue.enqueue({
        conversationKey: subscriber.id,
        description: `update of alert ${alert.key}`,
        send: guarded(() => delivery.update(subscriber, activityId, activity)),
      });
      if (!outcome.ok && outcome.aborted) return 'aborted';
      if (outcome.ok) this.stats.updated++;
      else await this.#recordFailure(subscriber, `update of alert ${alert.key}`, outcome);
      await write({
        generation: alert.generation,
        version: alert.version,
        state: outcome.ok ? 'sent' : 'failed',
        activityId,
        at: this.#now(),
      });
      return outcome.ok ? 'sent' : 'failed';
    }

    if (sameWindow && record.state === 'sending') this.stats.inDoubt++;
    await write({
      generation: alert.generation,
      version: alert.version,
      state: 'sending',
      at: this.#now(),
    });
    let handedOver = 0;
    const outcome = await queue.enqueue({
      conversationKey: subscriber.id,
      description: `alert ${alert.key}`,
      send: guarded(() => {
        handedOver = performance.now();
        return delivery.post(subscriber, activity);
      }),
    });
    // Left 'sending': nothing went out, and the next holder posts it.
    if (!outcome.ok && outcome.aborted) return 'aborted';
    if (outcome.ok) {
      this.stats.posted++;
      await write({
        generation: alert.generation,
        version: alert.version,
        state: 'sent',
        activityId: outcome.result || undefined,
        at: this.#now(),
      });
      const window = performance.now() - handedOver;
      this.stats.windowMsTotal += window;
      this.stats.windowMsMax = Math.max(this.stats.windowMsMax, window);
      return 'sent';
    }
    await this.#recordFailure(subscriber, `alert ${alert.key}`, outcome);
    await write({
      generation: alert.generation,
      version: alert.version,
      state: 'failed',
      at: this.#now(),
    });
    return 'failed';
  }

  async #recordFailure(subscriber: Subscription, description: string, outcome: Extract<SendOutcome, { ok: false }>): Promise<void> {
    this.stats.failed++;
    await this.#deps.log.recordFailure({
      at: new Date(this.#now()).toISOString(),
      conversationId: subscriber.id,
      description,
      status: outcome.status,
      reason: outcome.reason,
    });
  }
}
