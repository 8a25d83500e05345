/**
 * When may a throttled user try again? The docs: five attempts in one hour block password reset; "wait 24 hours
 * after the last attempt". These functions read when the last attempt was from a chat message and say when 24 hours
 * will have passed, in the user's time zone. `now` is always passed in.
 *
 * chrono-node reads the phrases ("about 2 hours ago", "at 9:40", "yesterday evening"); luxon turns a wall-clock time
 * in the user's zone into an instant across daylight-saving changes. What stays here is the policy: which reading of
 * an ambiguous time to believe, and what "this morning" means without a time.
 */
import type { ParsedResult } from 'chrono-node';
// English only: the package's main entry also loads a dozen other locales (266 modules against 51, 110 ms of start-up);
// its casual parser is this very one.
import { casual } from 'chrono-node/en';
import { DateTime } from 'luxon';
import { resolveTimeZone } from './timeZone.js';

export const THROTTLE_WAIT_MS = 24 * 60 * 60 * 1000;

const MINUTE_MS = 60 * 1000;
/** Text past this is not read: the time is in the first sentence or two. */
const MAX_TEXT_CHARS = 500;

/** Phrasings chrono does not read, rewritten into ones it does. */
const REWRITES: ReadonlyArray<readonly [RegExp, string | ((...groups: string[]) => string)]> = [
  [/[’‘]/g, "'"],
  [/\s+/g, ' '],
  [/\b(?:a moment|moments|(?:a )?few seconds|seconds) ago\b|\bjust (?:tried|did|happened|got)\b/g, 'just now'],
  [/\b(\d{1,2}) ?h ?(\d{2}) ?(?:m|mins?|minutes?)? ago\b/g, '$1 hours $2 minutes ago'],
  [/\b(an?|one|\d{1,2}) hours? and a half\b/g, (_m, n = '1') => `${(/^\d/.test(n) ? Number(n) : 1) * 60 + 30} minutes`],
  [/\b(hours?|hrs?|minutes?|mins?|days?) (?:back|before now)\b/g, '$1 ago'],
  // "9h40", the French way of writing 9:40.
  [/\b(\d{1,2})h(\d{2})\b/g, '$1:$2'],
];

function normalise(text: string): string {
  let normalised = text.slice(0, MAX_TEXT_CHARS).toLowerCase();
  for (const [pattern, replacement] of REWRITES) {
    normalised = typeof replacement === 'string' ? normalised.replace(pattern, replacement) : normalised.replace(pattern, replacement);
  }
  return normalised;
}

type DayPart = 'morning' | 'afternoon' | 'evening' | 'night';

/** The hour assumed when only the part of the day is given. */
const PART_HOURS: Readonly<Record<DayPart, number>> = { morning: 9, afternoon: 15, evening: 19, night: 22 };
const PART_TAGS: Readonly<Record<string, DayPart>> = {
  'casualReference/morning': 'morning',
  'casualReference/afternoon': 'afternoon',
  'casualReference/evening': 'evening',
  'casualReference/tonight': 'evening',
  'casualReference/night': 'night',
};
/** chrono reads "last night" as yesterday without tagging the part of the day. */
const NIGHT = /\b(?:last night|yesterday (?:at |in the )?night|late yesterday)\b/;

interface Clock {
  readonly hour: number;
  readonly minute: number;
  /** "9:40" or "at 9": morning or evening. "09:40", "21:15", "9:40 pm" and "noon" are not. */
  readonly ambiguous: boolean;
}

interface WallDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const isRelative = (result: ParsedResult): boolean => result.tags().has('result/relativeDate') || result.tags().has('casualReference/now');

function clockOf(result: ParsedResult): Clock {
  const hour = result.start.get('hour') ?? 0;
  const tags = result.tags();
  const named = tags.has('casualReference/noon') || tags.has('casualReference/midnight');
  const leadingZero = /(?<!\d)0\d(?:[:.]|\b)/.test(result.text);
  const ambiguous = !named && !leadingZero && !result.start.isCertain('meridiem') && hour >= 1 && hour <= 12;
  return { hour, minute: result.start.get('minute') ?? 0, ambiguous };
}

const dateOf = (result: ParsedResult): WallDate => ({
  year: result.start.get('year') ?? 1970,
  month: result.start.get('month') ?? 1,
  day: result.start.get('day') ?? 1,
});

/** The 24-hour hours a clock time may mean: one, or two for an ambiguous "9:40" unless the part of the day says. */
function hoursOf(clock: Clock, part: DayPart | undefined): number[] {
  if (!clock.ambiguous) return [clock.hour];
  const hour = clock.hour % 12;
  if (part === 'morning') return [hour];
  if (part !== undefined) return [hour + 12];
  return [hour, hour + 12];
}

/** The instant a clock in `zone` shows; of a time shown twice (clocks go back) the later; a skipped one moves on. */
function instantOf(date: WallDate, hour: number, minute: number, zone: string): number {
  const local = DateTime.fromObject({ ...date, hour, minute }, { zone });
  return Math.max(...local.getPossibleOffsets().map((t) => t.toMillis()), local.toMillis());
}

function readWallClock(results: readonly ParsedResult[], text: string, now: number, zone: string): number | undefined {
  const fixedDay = results.find((r) => r.start.isCertain('day'));
  const timed = results.find((r) => r.start.isCertain('hour'));
  const partResult = results.find((r) => [...r.tags()].some((tag) => PART_TAGS[tag] !== undefined));
  const part: DayPart | undefined = NIGHT.test(text) ? 'night' : [...(partResult?.tags() ?? [])].map((tag) => PART_TAGS[tag]).find((p) => p !== undefined);
  if (timed === undefined && part === undefined) return undefined;

  const clock = timed === undefined ? undefined : clockOf(timed);
  const hours = clock ? hoursOf(clock, part) : [PART_HOURS[part!]];
  const minute = clock?.minute ?? 0;
  const day = fixedDay ?? (NIGHT.test(text) ? undefined : partResult);
  if (day !== undefined) {
    const candidates = hours.map((hour) => instantOf(dateOf(day), hour, minute, zone));
    const past = candidates.filter((t) => t <= now);
    // "this morning" said at 08:00 cannot be later than now; the latest past candidate is the cautious reading.
    return past.length > 0 ? Math.max(...past) : now;
  }
  // A time of day alone is the most recent time the clock showed it: today, or yesterday when that is still ahead.
  const today = DateTime.fromMillis(now, { zone });
  const days = [today, today.minus({ days: 1 })].map((d) => ({ year: d.year, month: d.month, day: d.day }));
  const candidates = hours.flatMap((hour) => days.map((date) => instantOf(date, hour, minute, zone)));
  const past = candidates.filter((t) => t <= now);
  return past.length > 0 ? Math.max(...past) : undefined;
}

/**
 * When the last attempt was, from phrases like "about 2 hours ago", "2h ago", "just now", "at 9:40", "9:40 am",
 * "at 21:15", "this morning", "yesterday evening", "yesterday at 8pm", "last night". Clock times are read in
 * `timeZone` (IANA, Teams' activity.localTimezone), else UTC. Undefined when the text gives no time of day
 * ("yesterday" alone): ask for one. A time in the future ("in an hour") is not a last attempt.
 *
 * Ambiguous readings resolve to the latest past instant, so that the retry time is never too early: "at 9:40" said
 * at 22:00 is 21:40; "yesterday at 8" is 20:00; a time of day still ahead today means yesterday.
 */
export function parseLastAttempt(text: string, now: Date, timeZone?: string): Date | undefined {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs) || typeof text !== 'string') return undefined;
  const zone = resolveTimeZone(timeZone);
  const normalised = normalise(text);
  const offset = DateTime.fromMillis(nowMs, { zone }).offset;
  let results: ParsedResult[];
  try {
    results = casual.parse(normalised, { instant: now, timezone: offset });
  } catch {
    return undefined;
  }
  const relative = results.filter(isRelative);
  const ago = relative.map((r) => r.start.date().getTime()).find((t) => t <= nowMs);
  if (ago !== undefined) return new Date(ago);
  const instant = readWallClock(
    results.filter((r) => !isRelative(r)),
    normalised,
    nowMs,
    zone,
  );
  return instant === undefined ? undefined : new Date(instant);
}

/** 24 hours after the last attempt (elapsed time: across a DST change the wall clock moves by an hour). */
export function retryTime(lastAttempt: Date): Date {
  return new Date(lastAttempt.getTime() + THROTTLE_WAIT_MS);
}

export interface ThrottleStatus {
  readonly retryAt: Date;
  readonly canRetryNow: boolean;
  /** Whole minutes left, rounded up; 0 when the user can retry. */
  readonly minutesLeft: number;
}

export function throttleStatus(lastAttempt: Date, now: Date): ThrottleStatus {
  const retryAt = retryTime(lastAttempt);
  const left = retryAt.getTime() - now.getTime();
  return { retryAt, canRetryNow: left <= 0, minutesLeft: left <= 0 ? 0 : Math.ceil(left / MINUTE_MS) };
}

/** "Tuesday 09:40 (Europe/Paris)": weekday and 24-hour time in the zone (UTC without one), in `locale`. */
export function formatLocal(date: Date, timeZone?: string, locale = 'en-US'): string {
  const zone = resolveTimeZone(timeZone);
  const local = DateTime.fromJSDate(date, { zone });
  let shown: string;
  try {
    shown = local.setLocale(locale).toFormat('cccc HH:mm');
  } catch {
    // A locale Intl refuses ("not a locale!") falls back to English rather than failing the reply.
    shown = local.setLocale('en-US').toFormat('cccc HH:mm');
  }
  return `${shown} (${zone})`;
}
