import type { Storage } from 'botbuilder';
import { updateItem } from '../storage/optimistic.js';

interface Counts {
  readonly counts: Readonly<Record<string, number>>;
}

const KEY = 'stats/topics';

/**
 * How often each topic was the answer. Counted in memory on the hot path and merged into storage now and then
 * (several instances each add their own increments), so no turn waits for a shared item.
 */
export class TopicStats {
  private pending = new Map<string, number>();

  constructor(private readonly storage: Storage) {}

  record(topicIds: readonly string[]): void {
    for (const id of topicIds) this.pending.set(id, (this.pending.get(id) ?? 0) + 1);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const delta = this.pending;
    this.pending = new Map();
    try {
      await updateItem<Counts>(this.storage, KEY, (current) => {
        const counts = { ...(current?.counts ?? {}) };
        for (const [id, n] of delta) counts[id] = (counts[id] ?? 0) + n;
        return { counts };
      });
    } catch (error) {
      // Keep the increments for the next flush rather than lose them.
      for (const [id, n] of delta) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      throw error;
    }
  }

  async top(n: number): Promise<Array<{ id: string; count: number }>> {
    const stored = ((await this.storage.read([KEY]))[KEY] as Counts | undefined)?.counts ?? {};
    const merged = new Map(Object.entries(stored));
    for (const [id, count] of this.pending) merged.set(id, (merged.get(id) ?? 0) + count);
    return [...merged.entries()]
      .map(([id, count]) => ({ id, count }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))
      .slice(0, n);
  }
}
