/**
 * Wall-clock arithmetic in an IANA time zone with Intl only. Teams gives the user's zone as
 * activity.localTimezone ("Europe/Paris"); without one (or with one Intl does not know) UTC is used.
 */
export interface WallClock {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone if Intl knows it, else 'UTC'. */
export function resolveTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    return formatterFor(timeZone).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

/** What a clock in `timeZone` shows at `instant`. */
export function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const asUtc = (c: WallClock): number => Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);

/** The zone's offset from UTC at `instant`, in milliseconds (Paris in winter: +3 600 000). */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return asUtc(wallClockAt(whole, timeZone)) - whole;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant a clock in `timeZone` shows `clock`. A time that occurs twice (clocks go back) is the later one; a
 * time that does not exist (clocks go forward) is moved forward by the gap (02:30 becomes 03:30).
 */
export function instantOf(clock: WallClock, timeZone: string): number {
  const local = asUtc(clock);
  const offsets = [offsetAt(local - DAY_MS, timeZone), offsetAt(local + DAY_MS, timeZone), offsetAt(local, timeZone)];
  const matching = offsets.map((offset) => local - offset).filter((t) => asUtc(wallClockAt(t, timeZone)) === local);
  if (matching.length > 0) return Math.max(...matching);
  return local - offsets[0]!;
}

/** The calendar date `days` days from `clock`'s date, at the given time of day. */
export function shiftDate(clock: WallClock, days: number, hour: number, minute: number): WallClock {
  const date = new Date(Date.UTC(clock.year, clock.month - 1, clock.day + days));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour,
    minute,
    second: 0,
  };
}
