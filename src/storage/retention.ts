/**
 * Which stored items expire, and when.
 *
 * The rule, by key: an item is conversation or user state, and expires after `STATE_TTL_DAYS` without a write, when
 * its key has the shape botbuilder's state classes give it —
 *   `<channelId>/conversations/<conversationId>/…` (ConversationState, PrivateConversationState) or
 *   `<channelId>/users/<userId>/…` (UserState) —
 * and its first segment is not one of the bot's own namespaces below. Everything else is kept for ever:
 * subscriptions, the outbox, counters, alerts, the health probe. The bot's own items must therefore live under one
 * of these namespaces (or at least never take the state shape), so a future `outbox/users/…` cannot expire.
 */
export const OWN_NAMESPACES: readonly string[] = ['proactive', 'stats', 'outbox', 'health', 'admin'];

const STATE_KEY = /^([^/]+)\/(?:conversations|users)\//;

export function isExpiringStateKey(key: string): boolean {
  const match = STATE_KEY.exec(key);
  return match !== null && !OWN_NAMESPACES.includes(match[1]!);
}

export const DEFAULT_STATE_TTL_DAYS = 30;
/** Often enough that nothing outlives its time by more than an hour; each sweep is one indexed DELETE. */
export const DEFAULT_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Items last written before this instant have expired. */
export function expiryCutoff(nowMs: number, ttlDays: number): number {
  return nowMs - ttlDays * DAY_MS;
}

export function assertTtlDays(ttlDays: number): void {
  if (!Number.isInteger(ttlDays) || ttlDays < 1) throw new RangeError(`Storage: stateTtlDays must be a positive whole number of days, not ${ttlDays}.`);
}
