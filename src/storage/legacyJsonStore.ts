import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreItem } from 'botbuilder';

/**
 * The bot's previous store, one JSON file per key in STORAGE_DIR, as it is found on the first start of the SQLite
 * store: read once, imported, then moved into a subfolder (kept for a human, never read again). A subfolder and not
 * a renamed STORAGE_DIR, because STORAGE_DIR is often a mount point (a container volume) that cannot be renamed.
 *
 * The old layout:
 * - `k-<hex of the UTF-8 key>.json`, or `h-<sha256 of the UTF-16 key>.json` for long or malformed keys, each holding
 *   `{"key": <key>, "item": <the item, with its eTag>}`;
 * - `.<item file>.<uuid>.tmp`: a write interrupted by a crash, never part of the store;
 * - `<item file>.lock` and `<item file>.lock.stale-<uuid>`: cross-process locks, left by a crash;
 * - `<item file>.corrupt-<epoch ms>`: an unreadable item the old store had set aside.
 */
export const IMPORTED_FOLDER = 'imported-json-store';

export interface LegacyItem {
  readonly key: string;
  readonly item: StoreItem;
  /** The file's modification time, so retention counts inactivity from the last real write, not from the import. */
  readonly updatedAt: number;
}

export interface LegacyStore {
  /** Items that are whole and filed under their own key's name. */
  readonly items: readonly LegacyItem[];
  /** Every file of the old store to set aside after the import: items (whole or not) and corrupt files. */
  readonly files: readonly string[];
}

const ITEM_FILE = /^[kh]-[0-9a-f]+\.json$/;
const SET_ASIDE_FILE = /^[kh]-[0-9a-f]+\.json\.corrupt-\d+$/;
const CRASH_LEFTOVER = /^(?:\.[kh]-[0-9a-f]+\.json\..+\.tmp|[kh]-[0-9a-f]+\.json\.lock(?:\.stale-.+)?)$/;

/** Reads the old store in `dir`; empty when there is none. */
export function readLegacyStore(dir: string): LegacyStore {
  const names = readdirSync(dir);
  const items: LegacyItem[] = [];
  const files: string[] = [];
  for (const name of names) {
    if (SET_ASIDE_FILE.test(name)) files.push(name);
    if (!ITEM_FILE.test(name)) continue;
    files.push(name);
    const path = join(dir, name);
    const record = parseRecord(readFileSync(path, 'utf8'));
    // A record filed under another key's name was copied by hand; the old store ignored it too.
    if (record && fileNameForKey(record.key) === name) items.push({ ...record, updatedAt: statSync(path).mtimeMs });
  }
  return { items, files };
}

/** Moves the old store's files into IMPORTED_FOLDER. Another process may be moving them too: a vanished file is fine. */
export function setAsideLegacyFiles(dir: string, files: readonly string[]): void {
  if (files.length === 0) return;
  const target = join(dir, IMPORTED_FOLDER);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  for (const name of files) {
    try {
      renameSync(join(dir, name), join(target, name));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
}

/** Deletes what a crash of the old store could leave behind: interrupted writes and lock files. */
export function removeLegacyCrashLeftovers(dir: string): number {
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!CRASH_LEFTOVER.test(name)) continue;
    rmSync(join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}

/** The old store's name for a key's file (see the layout above). */
export function fileNameForKey(key: string): string {
  const utf8 = Buffer.from(key, 'utf8');
  const hex = utf8.toString('hex');
  if (utf8.toString('utf8') === key && hex.length <= 150) return `k-${hex}.json`;
  return `h-${createHash('sha256').update(Buffer.from(key, 'utf16le')).digest('hex')}.json`;
}

function parseRecord(text: string): { key: string; item: StoreItem } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(value) || typeof value.key !== 'string' || !isPlainObject(value.item)) return undefined;
  return { key: value.key, item: value.item };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isMissing = (error: unknown): boolean => error instanceof Error && 'code' in error && error.code === 'ENOENT';
