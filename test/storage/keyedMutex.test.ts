import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { KeyedMutex } from '../../src/storage/keyedMutex.js';

describe('KeyedMutex', () => {
  it('runs the tasks of one key one after another, in call order', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const task = (name: string, ms: number) => () => {
      events.push(`start ${name}`);
      return sleep(ms).then(() => events.push(`end ${name}`));
    };

    await Promise.all([mutex.run('k', task('a', 20)), mutex.run('k', task('b', 1)), mutex.run('k', task('c', 1))]);

    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs the tasks of different keys at the same time', async () => {
    const mutex = new KeyedMutex();
    let running = 0;
    let mostAtOnce = 0;
    const task = async (): Promise<void> => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await sleep(10);
      running -= 1;
    };

    await Promise.all([mutex.run('a', task), mutex.run('b', task)]);

    expect(mostAtOnce).toBe(2);
  });

  it('keeps going after a failed task and hands each caller its own result', async () => {
    const mutex = new KeyedMutex();

    const failed = mutex.run('k', () => Promise.reject(new Error('boom')));
    const next = mutex.run('k', () => Promise.resolve(42));

    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe(42);
  });

  it('forgets a key once its queue is empty', async () => {
    const mutex = new KeyedMutex();
    await mutex.run('k', () => Promise.resolve());
    await sleep(0);
    expect(mutex.size).toBe(0);
  });
});
