import type { Storage } from 'botbuilder';
import { updateItem } from '../storage/optimistic.js';

interface Waiting<T> {
  readonly change: (current: T) => T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One shared storage item (the outbox index, the failure list) changed by many callers at once. Changes that arrive
 * while a write is in flight go together into the next write, so fifty callers make two eTag-checked writes instead
 * of fifty writes racing each other (and, on Blob, each other instance). A caller's promise resolves once the write
 * holding its change is stored, and rejects if that write failed.
 */
export class BatchedItem<T extends object> {
  #waiting: Array<Waiting<T>> = [];
  #running: Promise<void> | undefined;

  constructor(
    private readonly storage: Storage,
    readonly key: string,
    private readonly empty: () => T,
  ) {}

  update(change: (current: T) => T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ change, resolve, reject });
      if (this.#running) return; // the write in flight drains this change next
      this.#running = this.#drain();
    });
  }

  async read(): Promise<T> {
    const stored = (await this.storage.read([this.key]))[this.key] as (T & { eTag?: string }) | undefined;
    if (!stored) return this.empty();
    const { eTag: _eTag, ...value } = stored;
    return value as unknown as T;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#waiting.length > 0) {
        const batch = this.#waiting;
        this.#waiting = [];
        try {
          await updateItem<T>(this.storage, this.key, (current) => batch.reduce((value, w) => w.change(value), current ?? this.empty()));
          for (const w of batch) w.resolve();
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      // In the same synchronous step as the last emptiness check, so no change can slip in between unseen.
      this.#running = undefined;
    }
  }
}
