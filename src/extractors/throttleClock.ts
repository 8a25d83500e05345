/**
 * When may a throttled user try again? The docs: five attempts in one hour block password reset; "wait 24 hours
 * after the last attempt". These functions read when the last attempt was from a chat message and say when 24 hours
 * will have passed, in the user's time zone. `now` is always passed in.
 */
import { instantOf, resolveTimeZone, shiftDate, wallClockAt, type WallClock } from './zonedTime.js';

export const THROTTLE_WAIT_MS = 24 * 60 * 60 * 1000;

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

const JUST_NOW = /\b(?:just now|right now|a moment ago|moments? ago|(?:a few |few )?seconds? ago|just (?:tried|did|happened|got|now))\b/;

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  'a couple of': 2,
  'a couple': 2,
  'couple of': 2,
  'a few': 3,
  few: 3,
  'half an': 0.5,
  'half a': 0.5,
};

const AMOUNT = String.raw`(\d{1,3}(?:[.,]\d{1,2})?|a couple(?: of)?|couple of|a few|few|half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;
const UNIT = String.raw`(days?|d|hours?|hrs?|h|minutes?|mins?|m)`;
/** "2 hours ago", "2h ago", "an hour and a half ago", "1h30 ago", "2 hours 15 minutes ago", "30 min back". */
const AGO = new RegExp(
  String.raw`\b${AMOUNT}\s*${UNIT}(?![a-z])(?:\s*(?:and\s+)?(a half|\d{1,2})\s*(?:minutes?|mins?|m)?)?\s*(?:ago|back|before now|earlier)\b`,
);

const UNIT_MS: Readonly<Record<string, number>> = { d: 24 * HOUR_MS, h: HOUR_MS, m: MINUTE_MS };

function agoMs(text: string): number | undefined {
  const m = AGO.exec(text);
  if (!m) return undefined;
  const amount = WORD_NUMBERS[m[1]!] ?? Number(m[1]!.replace(',', '.'));
  const unit = UNIT_MS[m[2]!.startsWith('mi') || m[2] === 'm' ? 'm' : m[2]![0]!]!;
  let ms = amount * unit;
  if (m[3] === 'a half') ms += unit / 2;
  else if (m[3] !== undefined) ms += Number(m[3]) * MINUTE_MS;
  return Number.isFinite(ms) ? ms : undefined;
}

type Meridiem = 'am' | 'pm';

interface DayPart {
  /** 0 today, -1 yesterday. */
  readonly days: number;
  /** The hour assumed when no clock time is given; none: a clock time is needed. */
  readonly hour?: number;
  readonly meridiem?: Meridiem;
}

/** Assumed hours: morning 09:00, afternoon 15:00, evening 19:00, night 22:00. */
const DAY_PARTS: ReadonlyArray<readonly [RegExp, DayPart]> = [
  [/\b(?:last night|yesterday (?:at |in the )?night|late yesterday)\b/, { days: -1, hour: 22, meridiem: 'pm' }],
  [/\b(?:yesterday (?:in the )?evening|last evening)\b/, { days: -1, hour: 19, meridiem: 'pm' }],
  [/\byesterday (?:in the )?afternoon\b/, { days: -1, hour: 15, meridiem: 'pm' }],
  [/\byesterday (?:in the )?morning\b/, { days: -1, hour: 9, meridiem: 'am' }],
  [/\byesterday\b/, { days: -1 }],
  [/\bthis morning\b/, { days: 0, hour: 9, meridiem: 'am' }],
  [/\bthis afternoon\b/, { days: 0, hour: 15, meridiem: 'pm' }],
  [/\b(?:this evening|tonight)\b/, { days: 0, hour: 19, meridiem: 'pm' }],
  [/\b(?:earlier )?today\b/, { days: 0 }],
];

interface ClockTime {
  readonly hour: number;
  readonly minute: number;
  readonly meridiem?: Meridiem;
  /** "9:40" or "at 9": could be morning or evening. "09:40", "21:15" and "9:40 pm" are not. */
  readonly ambiguous: boolean;
}

const MERIDIEM = String.raw`(a\.?m\.?|p\.?m\.?)`;
const CLOCK_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`\b(\d{1,2})[:.h](\d{2})\s*${MERIDIEM}?(?![\w:])`),
  new RegExp(String.raw`\b(\d{1,2})()\s*${MERIDIEM}(?!\w)`),
  new RegExp(String.raw`\b(?:at|around|about|by|@)\s*(\d{1,2})()()(?![\w:.])`),
];

function clockTime(text: string): ClockTime | undefined {
  if (/\b(?:noon|midday)\b/.test(text)) return { hour: 12, minute: 0, ambiguous: false };
  if (/\bmidnight\b/.test(text)) return { hour: 0, minute: 0, ambiguous: false };
  for (const pattern of CLOCK_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const written = m[1]!;
    const hour = Number(written);
    const minute = m[2] ? Number(m[2]) : 0;
    const meridiem: Meridiem | undefined = m[3] ? (m[3].startsWith('p') ? 'pm' : 'am') : undefined;
    if (minute > 59 || hour > 23 || (meridiem && (hour < 1 || hour > 12))) continue;
    const ambiguous = meridiem === undefined && hour >= 1 && hour <= 12 && !written.startsWith('0');
    return { hour, minute, ambiguous, ...(meridiem && { meridiem }) };
  }
  return undefined;
}

/** The 24-hour hours a clock time may mean: one, or two for an ambiguous "9:40" (09:40 and 21:40). */
function hoursOf(clock: ClockTime, meridiem: Meridiem | undefined): number[] {
  const given = clock.meridiem ?? (clock.ambiguous ? meridiem : undefined);
  if (given === 'am') return [clock.hour % 12];
  if (given === 'pm') return [(clock.hour % 12) + 12];
  return clock.ambiguous ? [clock.hour % 12, (clock.hour % 12) + 12] : [clock.hour];
}

function parseWallClock(text: string, now: number, zone: string): number | undefined {
  const day = DAY_PARTS.find(([pattern]) => pattern.test(text))?.[1];
  const clock = clockTime(text);
  const today: WallClock = wallClockAt(now, zone);
  const at = (days: number, hour: number, minute: number): number => instantOf(shiftDate(today, days, hour, minute), zone);

  if (day) {
    const candidates = clock
      ? hoursOf(clock, day.meridiem).map((hour) => at(day.days, hour, clock.minute))
      : day.hour !== undefined
        ? [at(day.days, day.hour, 0)]
        : [];
    const past = candidates.filter((t) => t <= now);
    // "this morning" said at 08:00 cannot be later than now; the latest past candidate is the cautious reading.
    if (past.length > 0) return Math.max(...past);
    return candidates.length > 0 ? now : undefined;
  }
  if (!clock) return undefined;
  // A time of day alone is the most recent time the clock showed it: today, or yesterday when that is still ahead.
  const candidates = hoursOf(clock, undefined).flatMap((hour) => [at(0, hour, clock.minute), at(-1, hour, clock.minute)]);
  const past = candidates.filter((t) => t <= now);
  return past.length > 0 ? Math.max(...past) : undefined;
}

function normalize(text: string): string {
  return text
    .slice(0, 500)
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ');
}

/**
 * When the last attempt was, from phrases like "about 2 hours ago", "2h ago", "just now", "at 9:40", "9:40 am",
 * "at 21:15", "this morning", "yesterday evening", "yesterday at 8pm", "last night". Clock times are read in
 * `timeZone` (IANA, Teams' activity.localTimezone), else UTC. Undefined when the text gives no time of day
 * ("yesterday" alone): ask for one.
 *
 * Ambiguous readings resolve to the latest past instant, so that the retry time is never too early: "at 9:40" said
 * at 22:00 is 21:40; "yesterday at 8" is 20:00; a time of day still ahead today means yesterday.
 */
export function parseLastAttempt(text: string, now: Date, timeZone?: string): Date | undefined {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) return undefined;
  const normalized = normalize(text);
  if (JUST_NOW.test(normalized)) return new Date(nowMs);
  const ago = agoMs(normalized);
  if (ago !== undefined) return new Date(nowMs - ago);
  const instant = parseWallClock(normalized, nowMs, resolveTimeZone(timeZone));
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
  const options: Intl.DateTimeFormatOptions = {
    timeZone: zone,
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(locale, options).formatToParts(date);
  } catch {
    parts = new Intl.DateTimeFormat('en-US', options).formatToParts(date);
  }
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('hour')}:${part('minute')} (${zone})`;
}
