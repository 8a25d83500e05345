import type { ConversationReference, Storage } from 'botbuilder';
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

/** The subscriber list, kept as one storage item updated with eTag checks so concurrent changes are never lost. */
export class SubscriptionStore {
  constructor(private readonly storage: Storage) {}

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

  /** Adds or refreshes the conversation's subscription; true when it is new. */
  async subscribe(subscription: Subscription): Promise<boolean> {
    let added = false;
    await updateItem<SubscriptionList>(this.storage, KEY, (current) => {
      const subscriptions = { ...(current?.subscriptions ?? {}) };
      added = !subscriptions[subscription.id];
      subscriptions[subscription.id] = subscription;
      return { subscriptions };
    });
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
    return removed;
  }
}
