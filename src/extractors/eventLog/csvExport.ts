import { parse, type Options } from 'csv-parse/sync';
import { MAX_MESSAGE_CHARS, toLogEvent, type RawRecord } from './rawRecord.js';
import type { LogEvent } from './types.js';

/**
 * Event Viewer's "Save All Events As… CSV" (header "Level,Date and Time,Source,Event ID,Task Category"; the message
 * is a sixth, unnamed field, quoted when it holds commas or line breaks), its tab-separated variant, and
 * Export-Csv of Get-WinEvent (named columns, a Message column). csv-parse reads the rows; this module knows the
 * columns and where an export ends inside a chat paste: at the first record that is not an event.
 */
type Column = keyof RawRecord | 'other';

const COLUMNS: Readonly<Record<string, Column>> = {
  level: 'level',
  ebene: 'level',
  leveldisplayname: 'levelName',
  entrytype: 'levelName',
  'date and time': 'time',
  'datum und uhrzeit': 'time',
  date: 'time',
  timecreated: 'time',
  timegenerated: 'time',
  source: 'source',
  quelle: 'source',
  providername: 'source',
  'event id': 'id',
  'ereignis-id': 'id',
  eventid: 'id',
  id: 'id',
  instanceid: 'instanceId',
  message: 'message',
  description: 'message',
  beschreibung: 'message',
};

export interface CsvHeader {
  readonly delimiter: string;
  readonly columns: readonly Column[];
  /** Where the message is: its named column, or the first field past the header's names. */
  readonly messageIndex: number;
}

const DELIMITERS = [',', '\t', ';'] as const;
/** Every header the exports write names an id column; lines without "id" are not parsed at all (the common case). */
const MAY_BE_HEADER = /id/i;
/** A record longer than this is not an event row (csv-parse stops there), so an unclosed quote costs little. */
const MAX_RECORD_CHARS = MAX_MESSAGE_CHARS * 4;
/** Lines are handed to csv-parse in windows of about this size, so that a paste full of headers stays linear. */
const WINDOW_CHARS = 32 * 1024;

/**
 * How many characters csv-parse may be handed for one paste, all exports together. A real export is read about
 * once; a hostile paste (a header before every line, each followed by an unclosed quote) would otherwise be re-read
 * from every header. Past the budget, headers are read as plain text.
 */
export interface CsvBudget {
  chars: number;
  /** Exports still to read: a paste holds one or two; each costs a parser set-up. */
  exports: number;
}

const ROW_OPTIONS: Options = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  max_record_size: MAX_RECORD_CHARS,
};

/**
 * Header names are plain words, never holding the delimiter, so splitting is enough here; csv-parse reads the rows,
 * where quoting matters. (It is also far cheaper: this runs on every line of every paste.)
 */
function namesOf(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((name) =>
    name
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

/** The header's layout when the line is an event-export header, else undefined. */
export function readCsvHeader(line: string): CsvHeader | undefined {
  if (line.length > 2000 || !MAY_BE_HEADER.test(line)) return undefined;
  for (const delimiter of DELIMITERS) {
    if (!line.includes(delimiter)) continue;
    const columns = namesOf(line, delimiter).map((name): Column => COLUMNS[name.trim().toLowerCase()] ?? 'other');
    const hasId = columns.includes('id') || columns.includes('instanceId');
    const context = ['source', 'time', 'level', 'levelName'].filter((c) => columns.includes(c as Column)).length;
    if (!hasId || context < 2) continue;
    const named = columns.indexOf('message');
    return { delimiter, columns, messageIndex: named >= 0 ? named : columns.length };
  }
  return undefined;
}

function toRecord(fields: readonly string[], header: CsvHeader): RawRecord {
  const record: RawRecord = {};
  header.columns.forEach((column, index) => {
    if (column !== 'other' && column !== 'message') record[column] = fields[index]?.trim();
  });
  // An unquoted message with commas in it was split: its pieces are the fields past the header's names.
  const message = header.messageIndex === header.columns.length ? fields.slice(header.messageIndex).join(header.delimiter) : fields[header.messageIndex];
  if (message !== undefined) record.message = message;
  return record;
}

/** Thrown from csv-parse's on_record hook to stop at the first record that is not an event. */
class EndOfExport extends Error {}

interface WindowRead {
  readonly events: LogEvent[];
  /** Lines of the window that held those events (csv-parse's line count at the last event). */
  readonly lines: number;
  /** A record that is not an event, or one csv-parse refused: the export is over. */
  readonly ended: boolean;
  /** The window ends inside a quoted field. */
  readonly openQuote: boolean;
}

function readWindow(text: string, header: CsvHeader): WindowRead {
  const events: LogEvent[] = [];
  let lines = 0;
  const onRecord = (fields: string[], context: { readonly lines: number }): null => {
    const event = fields.length >= 3 ? toLogEvent(toRecord(fields, header)) : undefined;
    if (!event) throw new EndOfExport();
    events.push(event);
    lines = context.lines;
    return null;
  };
  try {
    parse(text, { ...ROW_OPTIONS, delimiter: header.delimiter, on_record: onRecord });
    return { events, lines, ended: false, openQuote: false };
  } catch (error) {
    const openQuote = error instanceof Error && (error as { code?: unknown }).code === 'CSV_QUOTE_NOT_CLOSED';
    return { events, lines, ended: !openQuote, openQuote };
  }
}

/** Whole lines from `start`, about WINDOW_CHARS of them: the index after the last one and their length. */
function windowEnd(lines: readonly string[], start: number): { readonly end: number; readonly chars: number } {
  let end = start;
  let chars = 0;
  while (end < lines.length && chars < WINDOW_CHARS) chars += lines[end++]!.length + 1;
  return { end, chars };
}

export interface CsvEvents {
  readonly events: readonly LogEvent[];
  /** Index of the first line that is not part of the export (read it again as something else). */
  readonly next: number;
}

/** The event rows after a header at lines[headerIndex]; blank lines between rows are skipped. */
export function readCsvEvents(
  lines: readonly string[],
  headerIndex: number,
  header: CsvHeader,
  budget: CsvBudget = { chars: Number.POSITIVE_INFINITY, exports: Number.POSITIVE_INFINITY },
): CsvEvents {
  const events: LogEvent[] = [];
  if (budget.exports <= 0) return { events, next: headerIndex + 1 };
  budget.exports -= 1;
  let next = headerIndex + 1;
  while (next < lines.length) {
    const { end, chars } = windowEnd(lines, next);
    if (budget.chars < chars) return { events, next };
    budget.chars -= chars;
    const read = readWindow(lines.slice(next, end).join('\n'), header);
    events.push(...read.events);
    const atEnd = end === lines.length;
    if (read.openQuote && atEnd) {
      // A quoted message cut off at the end of the paste: close the quote and keep what the row holds.
      const rest = lines.slice(next + read.lines).join('\n');
      const closed = readWindow(`${rest}"`, header);
      events.push(...closed.events);
      return { events, next: lines.length };
    }
    if (read.openQuote && read.lines > 0) {
      // The window cut a quoted field: read that row again at the start of the next window.
      next += read.lines;
      continue;
    }
    if (read.ended || read.openQuote || atEnd) return { events, next: read.ended || read.openQuote ? next + read.lines : end };
    next = end;
  }
  return { events, next };
}
