import { createHash } from 'node:crypto';

/** Longest hex-encoded key kept readable in a file name; longer keys are hashed. Leaves room for suffixes under 255. */
const MAX_HEX_LENGTH = 150;

/**
 * The file name that holds `key`: `k-<hex of the UTF-8 key>.json`, or `h-<sha256 hex>.json` for long keys.
 *
 * Why hex and not base64url: base64url is case-sensitive, and the default file systems of macOS and Windows are not,
 * so two keys differing only in the case of their encoding would share a file. Hex is lower-case only.
 * The name holds only [a-z0-9.-], so no key (with '/', '..', ':', NUL or anything else) can escape the folder or
 * hit a reserved Windows name. Keys that do not survive a UTF-8 round trip (lone surrogates) are hashed from
 * their UTF-16 code units, so two distinct keys never share a name. The original key is also stored in the file.
 */
export function fileNameForKey(key: string): string {
  const utf8 = Buffer.from(key, 'utf8');
  const lossless = utf8.toString('utf8') === key;
  const hex = utf8.toString('hex');
  if (lossless && hex.length <= MAX_HEX_LENGTH) return `k-${hex}.json`;
  return `h-${createHash('sha256').update(Buffer.from(key, 'utf16le')).digest('hex')}.json`;
}
