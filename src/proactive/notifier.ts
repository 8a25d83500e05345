import { MessageFactory, type Activity, type ConversationReference, type Storage, type TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Catalog, Topic } from '../knowledge/types.js';
import type { CardRenderer } from '../render/index.js';
import { KeyedMutex } from '../storage/keyedMutex.js';
import { ensureItem, updateItem } from '../storage/optimistic.js';
import { eventCard, userIssueCard, type MonitoringEvent, type NotificationTexts, type UserIssue } from './notificationCards.js';
import { systemClock, type Clock, type SendOutcome, type SendQueue } from './sendQueue.js';
import type { Subscription, SubscriptionStore } from './subscriptions.js';

/** The part of CloudAdapter the notifier needs, so tests can pass a fake. */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export interface NotifierDeps {
  readonly storage: Storage;
  readonly subscriptions: SubscriptionStore;
  readonly queue: SendQueue;
  readonly adapter: ProactiveAdapter;
  readonly botAppId: string;
  readonly renderer: CardRenderer;
  readonly catalog: Catalog;
  readonly texts: NotificationTexts;
  readonly clock?: Clock;
  /** Hits of one topic within this window become one alert, updated in place. */
  readonly windowMs?: number;
  /** Told about a delivery that failed unexpectedly (a storage error, not a refused send: those are recorded). */
  readonly onError?: (error: unknown) => void;
}

/** One alert: who has been counted, and the message it became in each subscriber's conversation. */
interface Digest {
  readonly windowStart: number;
  readonly hits: readonly string[];
  readonly posts: Readonly<Record<string, string>>;
}

export interface RecentNotification {
  readonly at: string;
  readonly topicId: string;
  readonly title: string;
  readonly summary: string;
}

export interface FailedSend {
  readonly at: string;
  readonly conversationId: string;
  readonly description: string;
  readonly status: number | undefined;
  readonly reason: string;
}

export type NotifyResult = { readonly subscribers: number; readonly mode: 'new' | 'updated' | 'duplicate' };

const RECENT_KEY = 'proactive/recent';
const FAILURES_KEY = 'proactive/failures';
const KEEP_RECENT = 50;
const KEEP_FAILURES = 100;

/**
 * Tells every subscribed admin about users who need them and about monitoring events. Hits of one topic within the
 * window are one alert: the first is posted, later ones update that message in place (coalesced, so 50 users make
 * one post and a few updates). Delivery goes through the paced SendQueue; failures are recorded for admins.
 */
export class Notifier {
  private readonly clock: Clock;
  private readonly mutex = new KeyedMutex();
  /** The newest card of each alert: a queued update sends whatever is newest when its turn comes. */
  private readonly latest = new Map<string, Partial<Activity>>();
  private readonly pendingUpdates = new Set<string>();
  private readonly background = new Set<Promise<unknown>>();

  constructor(private readonly deps: NotifierDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  async initialize(): Promise<void> {
    await Promise.all([
      ensureItem(this.deps.storage, RECENT_KEY, { items: [] }),
      ensureItem(this.deps.storage, FAILURES_KEY, { items: [] }),
      this.deps.subscriptions.initialize(),
    ]);
  }

  async notifyUser(issue: UserIssue): Promise<NotifyResult> {
    const topic = this.requireTopic(issue.topicId);
    return this.raise(`user-${topic.id}`, issue.user.id, (count) => userIssueCard(topic, issue, count, this.deps.texts), topic);
  }

  async notifyEvent(event: MonitoringEvent, topic: Topic): Promise<NotifyResult> {
    // Every occurrence counts, so each gets its own id; the alert is per event id and host.
    const key = `event-${event.eventId}-${(event.host ?? 'any').toLowerCase().replace(/[^a-z0-9.-]/g, '_').slice(0, 64)}`;
    return this.raise(key, randomUUID(), (count) => eventCard(topic, event, count, this.deps.texts), topic);
  }

  /** Resolves when every delivery started so far has finished (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
    await this.deps.queue.drain();
  }

  async recent(): Promise<RecentNotification[]> {
    return this.readList<RecentNotification>(RECENT_KEY);
  }

  async failures(): Promise<FailedSend[]> {
    return this.readList<FailedSend>(FAILURES_KEY);
  }

  private requireTopic(id: string): Topic {
    const topic = this.deps.catalog.topic(id);
    if (!topic) throw new RangeError(`unknown topic ${id}`);
    return topic;
  }

  private async raise(alertKey: string, hitId: string, card: (count: number) => ReturnType<typeof userIssueCard>, topic: Topic): Promise<NotifyResult> {
    const subscriptions = await this.deps.subscriptions.list();
    const hit = await this.mutex.run(alertKey, () => this.recordHit(alertKey, hitId));
    if (hit.mode === 'duplicate') return { subscribers: subscriptions.length, mode: 'duplicate' };
    const data = card(hit.count);
    this.latest.delete(alertKey);
    this.latest.set(alertKey, MessageFactory.attachment(this.deps.renderer.render('adminNotification', data)));
    // Bounded: monitoring may report many hosts; an alert whose card is gone simply gets a fresh post.
    if (this.latest.size > 1000) this.latest.delete(this.latest.keys().next().value!);
    await this.remember({ at: new Date(this.clock.now()).toISOString(), topicId: topic.id, title: topic.title, summary: data.summary });
    // Posting is serialised per alert (the post ids must be known before updates); the caller does not wait for it.
    this.track(this.mutex.run(`deliver-${alertKey}`, () => this.deliver(alertKey, subscriptions)));
    return { subscribers: subscriptions.length, mode: hit.mode };
  }

  private async recordHit(alertKey: string, hitId: string): Promise<{ mode: 'new' | 'updated' | 'duplicate'; count: number }> {
    const now = this.clock.now();
    const windowMs = this.deps.windowMs ?? 3_600_000;
    let result: { mode: 'new' | 'updated' | 'duplicate'; count: number } = { mode: 'new', count: 1 };
    await updateItem<Digest>(this.deps.storage, `proactive/alerts/${alertKey}`, (current) => {
      if (!current || now - current.windowStart > windowMs) {
        result = { mode: 'new', count: 1 };
        return { windowStart: now, hits: [hitId], posts: {} };
      }
      if (current.hits.includes(hitId)) {
        result = { mode: 'duplicate', count: current.hits.length };
        return current;
      }
      result = { mode: 'updated', count: current.hits.length + 1 };
      return { ...current, hits: [...current.hits, hitId] };
    });
    return result;
  }

  private async deliver(alertKey: string, subscriptions: readonly Subscription[]): Promise<void> {
    const digestKey = `proactive/alerts/${alertKey}`;
    const digest = (await this.deps.storage.read([digestKey]))[digestKey] as Digest | undefined;
    const posts = digest?.posts ?? {};
    const newPosts: Record<string, string> = {};
    await Promise.all(
      subscriptions.map(async (subscription) => {
        const posted = posts[subscription.id];
        if (posted) {
          this.queueUpdate(alertKey, subscription, posted);
          return;
        }
        const outcome = await this.deps.queue.enqueue({
          conversationKey: subscription.id,
          description: `alert ${alertKey}`,
          send: () => this.post(subscription, this.latest.get(alertKey) ?? MessageFactory.text('')),
        });
        if (outcome.ok) newPosts[subscription.id] = outcome.result;
        else await this.recordFailure(subscription, `alert ${alertKey}`, outcome);
      }),
    );
    if (Object.keys(newPosts).length > 0) {
      await updateItem<Digest>(this.deps.storage, digestKey, (current) => ({
        windowStart: current?.windowStart ?? this.clock.now(),
        hits: current?.hits ?? [],
        posts: { ...(current?.posts ?? {}), ...newPosts },
      }));
    }
  }

  /** At most one queued update per alert and conversation; it sends the newest card when it goes. */
  private queueUpdate(alertKey: string, subscription: Subscription, activityId: string): void {
    const slot = `${alertKey}|${subscription.id}`;
    if (this.pendingUpdates.has(slot)) return;
    this.pendingUpdates.add(slot);
    const delivery = this.deps.queue
      .enqueue({
        conversationKey: subscription.id,
        description: `update of alert ${alertKey}`,
        send: () => {
          this.pendingUpdates.delete(slot);
          return this.update(subscription, { ...this.latest.get(alertKey)!, id: activityId });
        },
      })
      .then(async (outcome) => {
        this.pendingUpdates.delete(slot);
        if (!outcome.ok) await this.recordFailure(subscription, `update of alert ${alertKey}`, outcome);
      });
    this.track(delivery);
  }

  private async post(subscription: Subscription, activity: Partial<Activity>): Promise<string> {
    let id = '';
    await this.inConversation(subscription, async (context) => {
      id = (await context.sendActivity(activity))?.id ?? '';
    });
    return id;
  }

  private async update(subscription: Subscription, activity: Partial<Activity>): Promise<void> {
    await this.inConversation(subscription, async (context) => {
      await context.updateActivity(activity);
    });
  }

  /** Runs logic in the subscriber's conversation. The adapter would hand errors to onTurnError; we need them here. */
  private async inConversation(subscription: Subscription, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: unknown;
    await this.deps.adapter.continueConversationAsync(this.deps.botAppId, subscription.reference, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = error;
      }
    });
    if (failure !== undefined) throw failure;
  }

  private async recordFailure(subscription: Subscription, description: string, outcome: Extract<SendOutcome, { ok: false }>): Promise<void> {
    const entry: FailedSend = { at: new Date(this.clock.now()).toISOString(), conversationId: subscription.id, description, status: outcome.status, reason: outcome.reason };
    await updateItem<{ items: FailedSend[] }>(this.deps.storage, FAILURES_KEY, (current) => ({ items: [entry, ...(current?.items ?? [])].slice(0, KEEP_FAILURES) }));
  }

  private async remember(entry: RecentNotification): Promise<void> {
    await updateItem<{ items: RecentNotification[] }>(this.deps.storage, RECENT_KEY, (current) => ({ items: [entry, ...(current?.items ?? [])].slice(0, KEEP_RECENT) }));
  }

  private async readList<T>(key: string): Promise<T[]> {
    const item = (await this.deps.storage.read([key]))[key] as { items?: T[] } | undefined;
    return item?.items ?? [];
  }

  private track(promise: Promise<unknown>): void {
    const tracked = promise.catch((error: unknown) => this.deps.onError?.(error)).finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }
}
