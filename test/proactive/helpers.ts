import type { Activity, Storage, StoreItems } from 'botbuilder';
import { loadCatalog } from '../../src/knowledge/index.js';
import type { Delivery } from '../../src/proactive/connectorDelivery.js';
import { Notifier } from '../../src/proactive/notifier.js';
import { SendQueue } from '../../src/proactive/sendQueue.js';
import { SubscriptionStore, type Subscription } from '../../src/proactive/subscriptions.js';
import { CardRenderer, loadMessages } from '../../src/render/index.js';
import { topicForEvent } from '../../src/server/notifyRoute.js';

export const catalog = loadCatalog();
export const event32002 = topicForEvent(catalog, 32002)!;

/** Stands in for Teams: records what reached it; `behave` may throw a connector error or never answer. */
export class FakeTeams implements Delivery {
  readonly posts: Array<{ conversationId: string; id: string; text: string; at: number }> = [];
  readonly updates: Array<{ conversationId: string; id: string; text: string }> = [];
  behave: (subscription: Subscription, kind: 'post' | 'update') => Promise<void> | void = () => undefined;
  #next = 1;

  async post(subscription: Subscription, activity: Partial<Activity>): Promise<string> {
    await this.behave(subscription, 'post');
    const id = `activity-${this.#next++}`;
    this.posts.push({ conversationId: subscription.id, id, text: JSON.stringify(activity), at: Date.now() });
    return id;
  }

  async update(subscription: Subscription, activityId: string, activity: Partial<Activity>): Promise<void> {
    await this.behave(subscription, 'update');
    this.updates.push({ conversationId: subscription.id, id: activityId, text: JSON.stringify(activity) });
  }

  postsTo(conversationId: string): number {
    return this.posts.filter((p) => p.conversationId === conversationId).length;
  }
}

/**
 * A process's view of a shared store that can "die": after die(), every call it makes never returns, as if the
 * process had been killed (nothing it had not written yet reaches the store). Also lists the keys written through it.
 */
export class MortalStorage implements Storage {
  readonly written = new Set<string>();
  #dead = false;
  constructor(private readonly shared: Storage) {}

  die(): void {
    this.#dead = true;
  }

  async read(keys: string[]): Promise<StoreItems> {
    await this.#alive();
    return this.shared.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    await this.#alive();
    for (const key of Object.keys(changes)) this.written.add(key);
    await this.shared.write(changes);
  }

  async delete(keys: string[]): Promise<void> {
    await this.#alive();
    await this.shared.delete(keys);
  }

  async #alive(): Promise<void> {
    if (this.#dead) await new Promise<never>(() => undefined);
  }
}

export const never = (): Promise<never> => new Promise<never>(() => undefined);

export interface TestNotifierOptions {
  readonly storage: Storage;
  readonly teams: FakeTeams;
  readonly instance: string;
  readonly now?: () => number;
  readonly windowMs?: number;
  readonly onError?: (error: unknown) => void;
}

/** A Notifier as the app builds it, with a short lease and poll so hand-overs take about a second. */
export function testNotifier({ storage, teams, instance, now, windowMs, onError }: TestNotifierOptions): Notifier {
  return new Notifier({
    storage,
    subscriptions: new SubscriptionStore(storage),
    queue: new SendQueue({ baseBackoffMs: 10 }),
    adapter: { continueConversationAsync: () => Promise.reject(new Error('the fake delivery is used')) },
    botAppId: '',
    renderer: new CardRenderer(),
    catalog,
    texts: loadMessages().notifications,
    delivery: teams,
    lease: { owner: instance, ttlMs: 1_000, marginMs: 300 },
    pollMs: 50,
    now,
    windowMs,
    onError,
  });
}

export async function subscribe(storage: Storage, ids: readonly string[]): Promise<void> {
  const store = new SubscriptionStore(storage);
  await store.initialize();
  for (const id of ids) {
    await store.subscribe({
      id,
      reference: { conversation: { id, isGroup: false, conversationType: 'personal', name: '' } },
      subscribedBy: { id: 'admin' },
      at: '2026-01-01T00:00:00Z',
    });
  }
}

export async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Most of `times` in any window of `windowMs`. */
export function busiest(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}
