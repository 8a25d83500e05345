import type { ConversationReference, Storage } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { ensureItem, updateItem } from '../storage/optimistic.js';

/** A conversation (personal chat or channel) where an admin asked to receive notifications. */
export interface Subscription {
  /** The conversation id: one subscription per conversation. */
  readonly id: string;
  readonly reference: Partial<ConversationReference>;
  readonly subscribedBy: { readonly id: string; readonly name?: string };
  readonly at: string;
}

interface SubscriptionList {
  readonly subscriptions: Readonly<Record<string, Subscription>>;
}

const KEY = 'proactive/subscriptions';

/**
 * How long "is anyone subscribed?" is answered from memory. Every answer card asks it (for its "Notify my admin"
 * button); a change made by this process is seen at once, one made by another instance within this time.
 */
export const ANYONE_LISTENING_TTL_MS = 5_000;

/** The subscriber list, kept as one storage item updated with eTag checks so concurrent changes are never lost. */
export class SubscriptionStore {
  readonly #anyone: LRUCache<typeof KEY, boolean>;

  /** `now` (milliseconds; tests move it) times how long the answer is kept. */
  constructor(
    private readonly storage: Storage,
    { now = () => performance.now() }: { now?: () => number } = {},
  ) {
    // ttlResolution 0: ask the clock every time (lru-cache otherwise reuses a reading for a millisecond, by timer).
    this.#anyone = new LRUCache({ max: 1, ttl: ANYONE_LISTENING_TTL_MS, ttlResolution: 0, perf: { now } });
  }

  /** Creates the list if absent; call once at start-up. */
  async initialize(): Promise<void> {
    await ensureItem<SubscriptionList>(this.storage, KEY, {
      subscriptions: {},
    });
  }

  async list(): Promise<Subscription[]> {
    const item = (await this.storage.read([KEY]))[KEY] as SubscriptionList | undefined;
    return Object.values(item?.subscriptions ?? {});
  }

  /** Whether anyone receives notifications; read from storage at most once per ANYONE_LISTENING_TTL_MS. */
  async anyoneListening(): Promise<boolean> {
    const known = this.#anyone.get(KEY);
    if (known !== undefined) return known;
    const anyone = (await this.list()).length > 0;
    this.#anyone.set(KEY, anyone);
    return anyone;
  }

  /** Adds or refreshes the conversation's subscription; true when it is new. */
  async subscribe(subscription: Subscription): Promise<boolean> {
    let added = false;
    await updateItem<SubscriptionList>(this.storage, KEY, (current) => {
      const subscriptions = { ...(current?.subscriptions ?? {}) };
      added = !subscriptions[subscription.id];
      subscriptions[subscription.id] = subscription;
      return { subscriptions };
    });
    this.#anyone.delete(KEY);
    return added;
  }

  /** Removes the conversation's subscription; true when there was one. */
  async unsubscribe(conversationId: string): Promise<boolean> {
    let removed = false;
    await updateItem<SubscriptionList>(this.storage, KEY, (current) => {
      const { [conversationId]: gone, ...rest } = current?.subscriptions ?? {};
      removed = gone !== undefined;
      return { subscriptions: rest };
    });
    this.#anyone.delete(KEY);
    return removed;
  }
}
