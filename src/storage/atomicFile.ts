import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode } from './errors.js';

/** Suffix of in-flight writes. Such files are never read; one left behind by a crash is harmless. */
export const TEMP_SUFFIX = '.tmp';

/**
 * Replaces `path` with `contents` so that readers, and a crash at any moment, see either the old file or the new one,
 * never a mix: write a uniquely named temp file in the same folder, fsync it, rename it over the target (atomic
 * within one file system), then fsync the folder so the rename itself survives a power cut.
 * `beforeCommit` runs just before the rename and may veto it by throwing.
 */
export async function writeFileAtomically(
  path: string,
  contents: string,
  beforeCommit: () => Promise<void>,
  { fsync = true }: { fsync?: boolean } = {},
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}${TEMP_SUFFIX}`);
  try {
    // 0o600: stored items are conversation state about people; nobody else on the machine needs to read them.
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(contents, 'utf8');
      if (fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    await beforeCommit();
    await renameWithRetry(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (fsync) await syncDirectory(dirname(path));
}

/** Removes `path` if it exists, durably. */
export async function removeFile(path: string, { fsync = true }: { fsync?: boolean } = {}): Promise<void> {
  await rm(path, { force: true });
  if (fsync) await syncDirectory(dirname(path));
}

/**
 * On Windows a rename can fail for a moment while another process (a reader, an antivirus scanner) has the target
 * open. Elsewhere these codes are not transient, but retrying a few times costs nothing.
 */
export async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const transient = ['EPERM', 'EACCES', 'EBUSY'].includes(errorCode(error) ?? '');
      if (!transient || attempt >= 4) throw error;
      await sleep(10 * 2 ** attempt);
    }
  }
}

/** Windows cannot open a folder to fsync it, and its renames are journaled by NTFS anyway. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
