import { randomUUID } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode, StorageLockError } from './errors.js';

/**
 * A lock shared by every process that uses the same folder, so that two bot instances cannot both pass the eTag
 * check for one item and then both write it.
 *
 * - Taking the lock is `open(path, 'wx')`: O_CREAT|O_EXCL, atomic on local file systems, so exactly one contender
 *   creates the file. The others retry with a short, jittered, growing backoff until `timeoutMs`.
 * - Releasing is unlinking the file, but only if it is still the one we created (same inode and mtime).
 * - A process that dies while holding the lock leaves the file behind. A lock file whose mtime is older than
 *   `staleMs` is treated as abandoned: operations under the lock take milliseconds, so an old file means a crash.
 *   Breaking it must not remove a fresh lock that another contender took meanwhile (two contenders can see the same
 *   stale file). So the breaker first renames the file aside (atomic: only one breaker gets it), then checks that
 *   what it moved is still stale. If it moved a fresh lock instead, it hard-links it back untouched.
 * - If a holder stalls for longer than `staleMs` and its lock is broken, `assertHeld()` notices before the holder
 *   commits, and the holder fails with StorageLockError instead of overwriting the other process's write.
 *
 * Clocks: staleness compares the file's mtime to this machine's clock; instances sharing a network folder need
 * roughly synchronised clocks (well within `staleMs`). O_EXCL on old NFS versions is not atomic; use the Blob store there.
 */
export interface FileLockOptions {
  /** A lock file older than this is considered abandoned by a crashed process and broken. */
  readonly staleMs: number;
  /** How long to wait for a lock held by someone else before failing with StorageLockError. */
  readonly timeoutMs: number;
}

export interface HeldLock {
  /** Rejects with StorageLockError if the lock was broken by another process since it was taken. */
  assertHeld(): Promise<void>;
}

interface LockIdentity {
  readonly ino: bigint;
  readonly mtimeNs: bigint;
}

/** Runs `task` while holding the lock file at `lockPath` (its folder must exist), then releases it. */
export async function withFileLock<T>(lockPath: string, options: FileLockOptions, task: (lock: HeldLock) => Promise<T>): Promise<T> {
  const identity = await acquire(lockPath, options);
  const lock: HeldLock = {
    assertHeld: async () => {
      if (!(await isHeld(lockPath, identity))) {
        throw new StorageLockError(lockPath, `the lock was broken by another process after being held longer than ${options.staleMs} ms`);
      }
    },
  };
  try {
    return await task(lock);
  } finally {
    await release(lockPath, identity);
  }
}

async function acquire(lockPath: string, { staleMs, timeoutMs }: FileLockOptions): Promise<LockIdentity> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    const identity = await tryCreate(lockPath);
    if (identity) return identity;
    if (await breakIfStale(lockPath, staleMs)) continue;
    if (Date.now() >= deadline) throw new StorageLockError(lockPath, `timed out after ${timeoutMs} ms waiting for the lock`);
    await sleep(backoffMs(attempt));
  }
}

/** 2, 4, 8 … up to 100 ms, with jitter so that contenders do not retry in lockstep. */
const backoffMs = (attempt: number): number => Math.min(100, 2 ** (attempt + 1)) * (0.5 + Math.random());

async function tryCreate(lockPath: string): Promise<LockIdentity | undefined> {
  let handle;
  try {
    handle = await open(lockPath, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return undefined;
    throw error;
  }
  try {
    // The owner's description only helps a human looking at a stuck lock; identity is the inode and mtime.
    await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), acquiredAt: new Date().toISOString() }));
    const stats = await handle.stat({ bigint: true });
    await handle.close();
    return { ino: stats.ino, mtimeNs: stats.mtimeNs };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(lockPath).catch(() => undefined);
    throw error;
  }
}

/** Returns true when the caller should retry at once (the lock is gone or was broken), false when it should wait. */
async function breakIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const current = await statIfExists(lockPath);
  if (!current) return true;
  if (!isStale(current, staleMs)) return false;

  const aside = `${lockPath}.stale-${randomUUID()}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return true; // another contender broke or released it first
    throw error;
  }
  const moved = await stat(aside, { bigint: true });
  if (isStale(moved, staleMs)) {
    await unlink(aside);
    return true;
  }
  // Between our stat and our rename, someone broke the stale lock and took a fresh one: give it back as it was.
  // If yet another process has taken the lock meanwhile (EEXIST), the fresh lock's owner sees it lost in assertHeld.
  try {
    await link(aside, lockPath);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  } finally {
    await unlink(aside);
  }
  return false;
}

async function isHeld(lockPath: string, identity: LockIdentity): Promise<boolean> {
  const current = await statIfExists(lockPath);
  return current !== undefined && current.ino === identity.ino && current.mtimeNs === identity.mtimeNs;
}

async function release(lockPath: string, identity: LockIdentity): Promise<void> {
  if (!(await isHeld(lockPath, identity))) return; // broken by another process: it is theirs now
  try {
    await unlink(lockPath);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

const isStale = (stats: BigIntStats, staleMs: number): boolean => Date.now() - Number(stats.mtimeNs / 1_000_000n) > staleMs;

async function statIfExists(path: string): Promise<BigIntStats | undefined> {
  try {
    return await stat(path, { bigint: true });
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}
