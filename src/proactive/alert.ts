import type { AdminNotificationCardData } from '../render/cardData.js';

/**
 * One alert: all hits of one topic (users) or one event id (monitoring) within the window, posted once to each
 * subscriber and updated in place as hits arrive. Stored under `proactive/alerts/<key>`; the keys come from the
 * catalog's topics and event ids, so their number is bounded whatever monitoring sends.
 */
export interface Alert {
  readonly key: string;
  readonly topicId: string;
  /** When the window started: a new window is a new post. */
  readonly generation: number;
  /** Bumped by every counted hit and never reset, so "delivered up to version n" is unambiguous. */
  readonly version: number;
  readonly count: number;
  /** People counted in this window, to refuse a second "Notify my admin" from the same person (bounded). */
  readonly people: readonly string[];
  /** Hosts that reported the event in this window, newest first (bounded, expiring). */
  readonly hosts: readonly HostSeen[];
  /** The newest card: what a send or update delivers, whenever its turn comes. */
  readonly card: AdminNotificationCardData;
}

export interface HostSeen {
  readonly name: string;
  readonly lastSeen: number;
}

export interface Hit {
  readonly at: number;
  /** A person is counted once per window; without one (monitoring) every hit counts. */
  readonly personId?: string;
  readonly host?: string;
}

export interface AlertLimits {
  readonly windowMs: number;
  readonly maxPeople: number;
  readonly maxHosts: number;
}

export const ALERT_LIMITS: AlertLimits = {
  windowMs: 3_600_000,
  maxPeople: 500,
  maxHosts: 10,
};

export type HitMode = 'new' | 'updated' | 'duplicate';

/** A host name as monitoring sent it, made safe to show and to compare (bounded, no control characters). */
export function cleanHost(host: string | undefined): string | undefined {
  const name = host
    ?.replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 64);
  return name ? name : undefined;
}

/**
 * Counts one hit into the alert (pure). Outside the window the alert starts over; a person already counted is a
 * duplicate and changes nothing. `card` builds the card for the new count and host list.
 */
export function applyHit(
  current: Alert | undefined,
  key: string,
  topicId: string,
  hit: Hit,
  card: (count: number, hosts: readonly HostSeen[]) => AdminNotificationCardData,
  limits: AlertLimits = ALERT_LIMITS,
): { alert: Alert; mode: HitMode } {
  const fresh = !current || hit.at - current.generation > limits.windowMs;
  const base = fresh
    ? {
        generation: hit.at,
        count: 0,
        people: [] as readonly string[],
        hosts: [] as readonly HostSeen[],
      }
    : current;
  if (!fresh && hit.personId !== undefined && current.people.includes(hit.personId)) return { alert: current, mode: 'duplicate' };
  const people = hit.personId === undefined ? base.people : [...base.people, hit.personId].slice(-limits.maxPeople);
  const host = cleanHost(hit.host);
  const others = base.hosts.filter((h) => h.name.toLowerCase() !== host?.toLowerCase() && hit.at - h.lastSeen <= limits.windowMs);
  const hosts = (host ? [{ name: host, lastSeen: hit.at }, ...others] : others).slice(0, limits.maxHosts);
  const count = base.count + 1;
  return {
    alert: {
      key,
      topicId,
      generation: base.generation,
      version: (current?.version ?? 0) + 1,
      count,
      people,
      hosts,
      card: card(count, hosts),
    },
    mode: fresh ? 'new' : 'updated',
  };
}
