/**
 * Timestamps as Event Viewer, PowerShell and the CSV export print them. Culture decides the order of day and month;
 * without other evidence a slash means month/day (en-US), a dot day.month (de-DE), and a first number above 12 is
 * the day.
 */

/** A date and time as the log printed it, in no particular zone. */
interface WallClock {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const NUMERIC = /^(\d{1,4})([./-])(\d{1,2})\2(\d{2,4}),?\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d{1,9})?)?\s*([ap]\.?m\.?)?$/i;
const NAMED =
  /^(?:[a-z]+,?\s+)?(?:(\d{1,2})\.?\s+([a-z]{3,9})\.?|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?),?\s+(\d{4}),?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function isValidClock({ year, month, day, hour, minute, second }: WallClock): boolean {
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

/** 12-hour clock to 24-hour: 12 AM is 0, 12 PM is 12. */
function to24h(hour: number, meridiem: string | undefined): number | undefined {
  if (meridiem === undefined) return hour;
  if (hour < 1 || hour > 12) return undefined;
  const pm = meridiem.toLowerCase().startsWith('p');
  return (hour % 12) + (pm ? 12 : 0);
}

function wallClockIso(clock: WallClock): string | undefined {
  if (!isValidClock(clock)) return undefined;
  const { year, month, day, hour, minute, second } = clock;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

function fromIso(m: RegExpExecArray): string | undefined {
  const clock = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
  };
  const local = wallClockIso(clock);
  const zone = m[8];
  if (local === undefined || zone === undefined) return local;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const fraction = (m[7] ?? '').slice(0, 3).padEnd(3, '0');
  const instant = new Date(`${local}.${fraction}${offset}`);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString().replace('.000Z', 'Z');
}

function fromNumeric(m: RegExpExecArray): string | undefined {
  const [first, separator, second, third] = [Number(m[1]), m[2], Number(m[3]), Number(m[4])];
  const hour = to24h(Number(m[5]), m[8]);
  if (hour === undefined) return undefined;
  let year: number;
  let month: number;
  let day: number;
  if (m[1]!.length === 4) [year, month, day] = [first, second, third];
  else {
    year = m[4]!.length === 2 ? 2000 + third : third;
    const dayFirst = separator === '.' || first > 12;
    [month, day] = dayFirst ? [second, first] : [first, second];
  }
  return wallClockIso({ year, month, day, hour, minute: Number(m[6]), second: Number(m[7] ?? 0) });
}

function fromNamed(m: RegExpExecArray): string | undefined {
  const monthName = (m[2] ?? m[3] ?? '').slice(0, 3).toLowerCase();
  const month = MONTHS.indexOf(monthName) + 1;
  const hour = to24h(Number(m[6]), m[9]);
  if (month === 0 || hour === undefined) return undefined;
  const day = Number(m[1] ?? m[4]);
  return wallClockIso({ year: Number(m[5]), month, day, hour, minute: Number(m[7]), second: Number(m[8] ?? 0) });
}

/** ISO 8601 for a timestamp the text gives, or undefined when it is not one of the shapes above. */
export function parseEventTime(raw: string): string | undefined {
  const text = raw
    .replace(/[\u200e\u200f]/g, '')
    .trim()
    .replace(/\s+/g, ' ');
  if (text.length > 60) return undefined;
  const iso = ISO.exec(text);
  if (iso) return fromIso(iso);
  const numeric = NUMERIC.exec(text);
  if (numeric) return fromNumeric(numeric);
  const named = NAMED.exec(text);
  return named ? fromNamed(named) : undefined;
}

/** A sortable instant for an ISO time from parseEventTime: wall-clock times are read as if they were UTC. */
export function sortKey(iso: string): number {
  return Date.parse(/(?:Z|[+-]\d{2}:\d{2})$/i.test(iso) ? iso : `${iso}Z`);
}
