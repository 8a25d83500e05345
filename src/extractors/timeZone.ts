/**
 * The user's IANA time zone as Teams gives it (activity.localTimezone, "Europe/Paris"), checked and canonicalised.
 * Unknown or missing zones are UTC.
 */
import { LRUCache } from 'lru-cache';
import { IANAZone } from 'luxon';

/**
 * The zone name comes from the client, and luxon keeps every zone it is given: canonicalising first ("EUROPE/paris"
 * becomes "Europe/Paris") bounds what luxon sees to real zones; this cache bounds what we keep per spelling.
 */
const canonical = new LRUCache<string, string>({ max: 512 });
const MAX_ZONE_CHARS = 64;

function canonicalise(timeZone: string): string {
  if (timeZone.length > MAX_ZONE_CHARS || !IANAZone.isValidZone(timeZone)) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

/** The zone's canonical IANA name if it is one, else 'UTC'. */
export function resolveTimeZone(timeZone: string | null | undefined): string {
  if (typeof timeZone !== 'string' || timeZone === '') return 'UTC';
  let zone = canonical.get(timeZone);
  if (zone === undefined) {
    zone = canonicalise(timeZone);
    canonical.set(timeZone, zone);
  }
  return zone;
}
