/**
 * Runs tasks one at a time per key, in call order; tasks for different keys run concurrently.
 * A failed task does not block the ones queued after it.
 */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail: Promise<void> = result.then(ignore, ignore).then(() => {
      // Forget the key once nothing is queued behind this task, so the map does not grow with every key ever seen.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    this.#tails.set(key, tail);
    return result;
  }

  /** How many keys have work queued or running (for tests). */
  get size(): number {
    return this.#tails.size;
  }
}

const ignore = (): void => undefined;
