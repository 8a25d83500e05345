import type { Storage } from 'botbuilder';
import { ensureItem } from '../storage/optimistic.js';
import { BatchedItem } from './batchedItem.js';

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

interface List<T> {
  readonly items: readonly T[];
}

const RECENT_KEY = 'proactive/recent';
const FAILURES_KEY = 'proactive/failures';
const KEEP_RECENT = 50;
const KEEP_FAILURES = 100;

/** The bounded lists admins see: the latest notifications (tab) and sends that finally failed (on subscribe). */
export class NotificationLog {
  readonly #recent: BatchedItem<List<RecentNotification>>;
  readonly #failures: BatchedItem<List<FailedSend>>;

  constructor(private readonly storage: Storage) {
    this.#recent = new BatchedItem<List<RecentNotification>>(storage, RECENT_KEY, () => ({ items: [] }));
    this.#failures = new BatchedItem<List<FailedSend>>(storage, FAILURES_KEY, () => ({ items: [] }));
  }

  async initialize(): Promise<void> {
    await Promise.all([ensureItem(this.storage, RECENT_KEY, { items: [] }), ensureItem(this.storage, FAILURES_KEY, { items: [] })]);
  }

  async recent(): Promise<RecentNotification[]> {
    return listOf(await this.#recent.read());
  }

  async failures(): Promise<FailedSend[]> {
    return listOf(await this.#failures.read());
  }

  async remember(entry: RecentNotification): Promise<void> {
    await this.#recent.update((current) => ({
      items: [entry, ...listOf(current)].slice(0, KEEP_RECENT),
    }));
  }

  async recordFailure(entry: FailedSend): Promise<void> {
    await this.#failures.update((current) => ({
      items: [entry, ...listOf(current)].slice(0, KEEP_FAILURES),
    }));
  }
}

const listOf = <T>(list: List<T>): T[] => (Array.isArray(list.items) ? [...list.items] : []);
