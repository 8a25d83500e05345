import type { Storage } from 'botbuilder';
import type { Catalog, Topic } from '../knowledge/types.js';
import type { CardRenderer } from '../render/index.js';
import { ALERT_LIMITS, applyHit, type AlertLimits, type HitMode } from './alert.js';
import { ConnectorDelivery, type Delivery, type ProactiveAdapter } from './connectorDelivery.js';
import { eventCard, userIssueCard, type MonitoringEvent, type NotificationTexts, type UserIssue } from './notificationCards.js';
import { NotificationLog, type FailedSend, type RecentNotification } from './notificationLog.js';
import { Outbox } from './outbox.js';
import { OutboxSender, type SenderStats } from './outboxSender.js';
import type { SendQueue } from './sendQueue.js';
import { SenderLease, type LeaseOptions } from './senderLease.js';
import type { SubscriptionStore } from './subscriptions.js';

export type { ProactiveAdapter } from './connectorDelivery.js';
export type { FailedSend, RecentNotification } from './notificationLog.js';

export interface NotifierDeps {
  readonly storage: Storage;
  readonly subscriptions: SubscriptionStore;
  readonly queue: SendQueue;
  readonly adapter: ProactiveAdapter;
  readonly botAppId: string;
  readonly renderer: CardRenderer;
  readonly catalog: Catalog;
  readonly texts: NotificationTexts;
  /** Hits of one topic within this window become one alert, updated in place. */
  readonly windowMs?: number;
  /** Told about a delivery that failed unexpectedly (a storage error, not a refused send: those are recorded). */
  readonly onError?: (error: unknown) => void;
  /** The sender's claim on the outbox (instance id, lifetime); see SenderLease. */
  readonly lease?: LeaseOptions;
  /** How often the sender looks for work accepted by other instances. */
  readonly pollMs?: number;
  /** Subscribers of one alert worked on at once (their delivery records read and written); see OutboxSender. */
  readonly slotConcurrency?: number;
  /** Replaces the Bot Connector (tests, benches). */
  readonly delivery?: Delivery;
  readonly now?: () => number;
  readonly limits?: Partial<AlertLimits>;
}

export type NotifyResult = {
  readonly subscribers: number;
  readonly mode: HitMode;
};

/**
 * Tells every subscribed admin about users who need them and about monitoring events. Hits of one topic (or event
 * id) within the window are one alert: the first is posted, later ones update that message in place.
 *
 * notifyUser and notifyEvent resolve only once the hit is in the durable outbox (see Outbox), so "sent" and 202
 * mean stored; the OutboxSender delivers from there, paced and retried, on whichever instance holds the lease.
 */
export class Notifier {
  readonly #deps: NotifierDeps;
  readonly #now: () => number;
  readonly #limits: AlertLimits;
  readonly #outbox: Outbox;
  readonly #log: NotificationLog;
  readonly #sender: OutboxSender;

  constructor(deps: NotifierDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#limits = {
      ...ALERT_LIMITS,
      ...(deps.windowMs !== undefined ? { windowMs: deps.windowMs } : {}),
      ...deps.limits,
    };
    this.#outbox = new Outbox(deps.storage);
    this.#log = new NotificationLog(deps.storage);
    this.#sender = new OutboxSender({
      outbox: this.#outbox,
      lease: new SenderLease(deps.storage, { now: this.#now, ...deps.lease }),
      queue: deps.queue,
      subscriptions: deps.subscriptions,
      log: this.#log,
      delivery: deps.delivery ?? new ConnectorDelivery(deps.adapter, deps.botAppId),
      renderer: deps.renderer,
      pollMs: deps.pollMs,
      slotConcurrency: deps.slotConcurrency,
      now: this.#now,
      onError: deps.onError,
    });
  }

  /** Creates the shared items and starts the sender (which sends whatever an earlier process left in the outbox). */
  async initialize(): Promise<void> {
    await Promise.all([this.#outbox.initialize(alertKeys(this.#deps.catalog)), this.#log.initialize(), this.#deps.subscriptions.initialize()]);
    this.#sender.start();
  }

  async notifyUser(issue: UserIssue): Promise<NotifyResult> {
    const topic = this.#requireTopic(issue.topicId);
    const { texts } = this.#deps;
    return this.#raise(userAlertKey(topic), topic, { at: this.#now(), personId: issue.user.id }, (count) => userIssueCard(topic, issue, count, texts));
  }

  /** One alert per event id, whatever the host: the hosts that reported it are a bounded list on the card. */
  async notifyEvent(event: MonitoringEvent, topic: Topic): Promise<NotifyResult> {
    const { texts } = this.#deps;
    return this.#raise(eventAlertKey(event.eventId), topic, { at: this.#now(), host: event.host }, (count, hosts) =>
      eventCard(
        topic,
        event,
        count,
        texts,
        hosts.map((h) => h.name),
      ),
    );
  }

  /** Resolves once everything accepted so far was delivered or finally failed (tests, benches). */
  async idle(timeoutMs?: number): Promise<void> {
    await this.#sender.idle(timeoutMs);
  }

  /** Stops sending and gives up the lease; whatever is not sent yet stays in the outbox for the next process. */
  async close(): Promise<void> {
    await this.#sender.stop();
  }

  /** Alerts with something left to deliver, across all instances (monitoring, benches). */
  async backlog(): Promise<number> {
    return Object.keys(await this.#outbox.pending()).length;
  }

  get stats(): Readonly<SenderStats> {
    return { ...this.#sender.stats };
  }

  async recent(): Promise<RecentNotification[]> {
    return this.#log.recent();
  }

  async failures(): Promise<FailedSend[]> {
    return this.#log.failures();
  }

  #requireTopic(id: string): Topic {
    const topic = this.#deps.catalog.topic(id);
    if (!topic) throw new RangeError(`unknown topic ${id}`);
    return topic;
  }

  async #raise(key: string, topic: Topic, hit: Parameters<typeof applyHit>[3], card: Parameters<typeof applyHit>[4]): Promise<NotifyResult> {
    const subscriptions = await this.#deps.subscriptions.list();
    const { alert, mode } = await this.#outbox.accept(key, (current) => applyHit(current, key, topic.id, hit, card, this.#limits));
    if (mode === 'duplicate') return { subscribers: subscriptions.length, mode };
    this.#sender.wake();
    try {
      await this.#log.remember({
        at: new Date(hit.at).toISOString(),
        topicId: topic.id,
        title: topic.title,
        summary: alert.card.summary,
      });
    } catch (error) {
      // The notification is accepted and will go out; only the tab's list of recent ones missed it.
      this.#deps.onError?.(error);
    }
    return { subscribers: subscriptions.length, mode };
  }
}

const userAlertKey = (topic: Topic): string => `user-${topic.id}`;
const eventAlertKey = (eventId: number): string => `event-${eventId}`;

/** Every alert key the catalog allows: one per topic for users, one per event id for monitoring. Bounded by the catalog. */
function alertKeys(catalog: Catalog): string[] {
  const events = catalog.topics.flatMap((t) =>
    t.codes.filter((c) => c.type === 'event' && /^\d{1,6}$/.test(c.value)).map((c) => eventAlertKey(Number(c.value))),
  );
  return [...new Set([...catalog.topics.map(userAlertKey), ...events])];
}
