import { createHash } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { ensureItem } from '../storage/optimistic.js';
import type { Alert, HitMode } from './alert.js';
import { BatchedItem } from './batchedItem.js';

/** Alerts with something left to deliver: alert key → the newest version to deliver. */
export interface OutboxIndex {
  readonly pending: Readonly<Record<string, number>>;
}

/**
 * What was done for one alert and one subscriber: the idempotency record of that pair. Written before the send
 * ('sending') and after it ('sent', with the activity id that later versions update in place). A record still
 * 'sending' after a crash is the one case where the bot cannot know whether Teams got the message (the connector
 * takes no idempotency key); see OutboxSender.
 */
export interface DeliveryRecord {
  readonly generation: number;
  readonly version: number;
  readonly state: 'sending' | 'sent' | 'failed';
  readonly activityId?: string;
  readonly at: number;
}

export const OUTBOX_KEY = 'proactive/outbox';
const alertItemKey = (key: string): string => `proactive/alerts/${key}`;
/** Conversation ids can be long and carry any character: the key uses their hash. */
const deliveryItemKey = (alertKey: string, subscriptionId: string): string =>
  `proactive/deliveries/${alertKey}/${createHash('sha256').update(subscriptionId).digest('hex').slice(0, 32)}`;

/**
 * The durable outbox, in botbuilder Storage: alerts, the index of alerts with work left, and one delivery record per
 * alert and subscriber. `accept` resolves only once the hit and the index entry are stored, so whatever it
 * acknowledged survives a crash of the process and is sent by whichever instance holds the sender lease.
 */
export class Outbox {
  readonly #index: BatchedItem<OutboxIndex>;
  /** One batched writer per alert, so simultaneous hits on one alert are one write, not a race. Bounded. */
  readonly #alerts = new LRUCache<string, BatchedItem<Alert & object>>({
    max: 1_000,
  });

  constructor(private readonly storage: Storage) {
    this.#index = new BatchedItem<OutboxIndex>(storage, OUTBOX_KEY, () => ({
      pending: {},
    }));
  }

  /**
   * Creates the index and an empty item for every alert key that can occur, where absent. botbuilder's Storage has no
   * "create only if absent": a first write of an item is unconditional, so two instances creating the same alert at
   * once could each overwrite the other's hit. With the items created here, before traffic, every hit is an
   * eTag-checked update. (Two instances starting at the same moment on a new store both write the same empty items.)
   */
  async initialize(alertKeys: readonly string[] = []): Promise<void> {
    await ensureItem<OutboxIndex>(this.storage, OUTBOX_KEY, { pending: {} });
    const keys = alertKeys.map(alertItemKey);
    const stored = keys.length > 0 ? await this.storage.read(keys) : {};
    const missing = keys.filter((key) => !stored[key]);
    if (missing.length > 0) await this.storage.write(Object.fromEntries(missing.map((key) => [key, { placeholder: true, eTag: '*' }])));
  }

  /**
   * Applies a hit to the stored alert and, unless it was a duplicate, marks the alert for delivery. The alert is
   * written first and the index second: a crash between them fails this call (nothing was acknowledged), and the
   * sender clears an index entry only up to the version it delivered, so a hit stored meanwhile is never skipped.
   */
  async accept(key: string, hit: (current: Alert | undefined) => { alert: Alert; mode: HitMode }): Promise<{ alert: Alert; mode: HitMode }> {
    let result: { alert: Alert; mode: HitMode } | undefined;
    // The change may run more than once (conflict retries): the last run is the one stored.
    await this.#alertItem(key).update((current) => {
      const applied = hit(isAlert(current) ? current : undefined);
      result = applied;
      return applied.alert;
    });
    const accepted = result!;
    if (accepted.mode !== 'duplicate') {
      const version = accepted.alert.version;
      await this.#index.update((index) => ({
        pending: {
          ...index.pending,
          [key]: Math.max(index.pending[key] ?? 0, version),
        },
      }));
    }
    return accepted;
  }

  async pending(): Promise<Readonly<Record<string, number>>> {
    return (await this.#index.read()).pending;
  }

  async readAlert(key: string): Promise<Alert | undefined> {
    const itemKey = alertItemKey(key);
    const stored = (await this.storage.read([itemKey]))[itemKey] as unknown;
    return isAlert(stored) ? stored : undefined;
  }

  /** Everything up to `version` of the alert is delivered (or finally failed): drop its index entry unless newer work arrived. */
  async settle(key: string, version: number): Promise<void> {
    await this.#index.update((index) => {
      const pending = index.pending[key];
      if (pending === undefined || pending > version) return index;
      const { [key]: _done, ...rest } = index.pending;
      return { pending: rest };
    });
  }

  async readDelivery(alertKey: string, subscriptionId: string): Promise<DeliveryRecord | undefined> {
    const key = deliveryItemKey(alertKey, subscriptionId);
    const stored = (await this.storage.read([key]))[key] as unknown;
    return isDeliveryRecord(stored) ? stored : undefined;
  }

  /** Only the lease holder writes delivery records, so a plain write is enough. */
  async writeDelivery(alertKey: string, subscriptionId: string, record: DeliveryRecord): Promise<void> {
    await this.storage.write({
      [deliveryItemKey(alertKey, subscriptionId)]: { ...record, eTag: '*' },
    });
  }

  #alertItem(key: string): BatchedItem<Alert & object> {
    let item = this.#alerts.get(key);
    if (!item) {
      // The empty value is never stored: accept's change always returns a complete alert.
      item = new BatchedItem<Alert & object>(this.storage, alertItemKey(key), () => ({}) as Alert);
      this.#alerts.set(key, item);
    }
    return item;
  }
}

/** Stored items are outside input too: an item of another shape (an older version, a hand edit) is no alert. */
function isAlert(value: unknown): value is Alert {
  const a = value as Partial<Alert> | undefined;
  return (
    typeof a?.key === 'string' &&
    typeof a.version === 'number' &&
    typeof a.generation === 'number' &&
    Array.isArray(a.people) &&
    Array.isArray(a.hosts) &&
    typeof a.card === 'object'
  );
}

function isDeliveryRecord(value: unknown): value is DeliveryRecord {
  const r = value as Partial<DeliveryRecord> | undefined;
  return typeof r?.generation === 'number' && typeof r.version === 'number' && (r.state === 'sending' || r.state === 'sent' || r.state === 'failed');
}
