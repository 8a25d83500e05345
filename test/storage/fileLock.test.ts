import { mkdtemp, readdir, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageLockError } from '../../src/storage/errors.js';
import { withFileLock } from '../../src/storage/fileLock.js';

const options = { staleMs: 10_000, timeoutMs: 2_000 };

describe('withFileLock', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'file-lock-test-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const freshDir = (): Promise<string> => mkdtemp(join(root, 'case-'));

  it('runs one task at a time for one lock file, and removes the file afterwards', async () => {
    const dir = await freshDir();
    const lockPath = join(dir, 'item.lock');
    let running = 0;
    let mostAtOnce = 0;

    await Promise.all(
      Array.from({ length: 8 }, () =>
        withFileLock(lockPath, options, async () => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await sleep(5);
          running -= 1;
        }),
      ),
    );

    expect(mostAtOnce).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('releases the lock when the task fails, and passes the failure on', async () => {
    const dir = await freshDir();
    const lockPath = join(dir, 'item.lock');

    await expect(withFileLock(lockPath, options, () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');

    expect(await readdir(dir)).toEqual([]);
  });

  it('waits for a lock held by someone else and takes it once released', async () => {
    const dir = await freshDir();
    const lockPath = join(dir, 'item.lock');
    await writeFile(lockPath, 'other process');
    setTimeout(() => void unlink(lockPath), 50);

    expect(await withFileLock(lockPath, options, () => Promise.resolve('done'))).toBe('done');
  });

  it('breaks a lock whose file is older than staleMs', async () => {
    const dir = await freshDir();
    const lockPath = join(dir, 'item.lock');
    await writeFile(lockPath, 'crashed process');
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockPath, longAgo, longAgo);

    expect(await withFileLock(lockPath, { staleMs: 10_000, timeoutMs: 100 }, () => Promise.resolve('done'))).toBe('done');
    expect(await readdir(dir)).toEqual([]);
  });

  it('gives up with a StorageLockError after timeoutMs', async () => {
    const dir = await freshDir();
    const lockPath = join(dir, 'item.lock');
    await writeFile(lockPath, 'busy process');

    await expect(withFileLock(lockPath, { staleMs: 10_000, timeoutMs: 50 }, () => Promise.resolve())).rejects.toThrow(StorageLockError);
  });

  it('notices before committing that its lock was broken and taken by another process, and leaves that lock alone', async () => {
    const dir = await freshDir();
    const lockPath = join(dir, 'item.lock');

    const outcome = withFileLock(lockPath, options, async (lock) => {
      await unlink(lockPath);
      await sleep(5); // a different mtime, even where inodes are reused at once
      await writeFile(lockPath, 'the other process');
      await lock.assertHeld();
    });

    await expect(outcome).rejects.toThrow(StorageLockError);
    expect(await readdir(dir)).toEqual(['item.lock']);
  });
});
