import { MAX_MESSAGE_CHARS, toLogEvent, type RawRecord } from './rawRecord.js';
import type { LogEvent } from './types.js';

/**
 * Event Viewer's "Save All Events As… CSV" (header "Level,Date and Time,Source,Event ID,Task Category"; the message
 * is a sixth, unnamed field, quoted when it holds commas or line breaks), its tab-separated variant, and
 * Export-Csv of Get-WinEvent (named columns, a Message column). Rows are read until one is not an event row.
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
/** A quoted field may span lines; past these bounds the row is taken as truncated. */
const MAX_ROW_LINES = 400;
const MAX_ROW_CHARS = MAX_MESSAGE_CHARS * 4;

/** The header's layout when the line is an event-export header, else undefined. */
export function readCsvHeader(line: string): CsvHeader | undefined {
  if (line.length > 2000) return undefined;
  for (const delimiter of DELIMITERS) {
    if (!line.includes(delimiter)) continue;
    const columns = line.split(delimiter).map((name): Column => {
      const key = name.trim().replace(/^"|"$/g, '').trim().toLowerCase();
      return COLUMNS[key] ?? 'other';
    });
    const hasId = columns.includes('id') || columns.includes('instanceId');
    const context = ['source', 'time', 'level', 'levelName'].filter((c) => columns.includes(c as Column)).length;
    if (!hasId || context < 2) continue;
    const named = columns.indexOf('message');
    return { delimiter, columns, messageIndex: named >= 0 ? named : columns.length };
  }
  return undefined;
}

interface CsvRow {
  readonly fields: readonly string[];
  /** Index of the line after the row. */
  readonly next: number;
}

/** One CSV record starting at lines[start], quoted fields spanning lines allowed. */
function readRow(lines: readonly string[], start: number, delimiter: string): CsvRow {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let chars = 0;
  let i = start;
  for (; i < lines.length && i - start < MAX_ROW_LINES && chars < MAX_ROW_CHARS; i++) {
    const line = lines[i]!;
    chars += line.length;
    if (i > start) field += '\n';
    for (let c = 0; c < line.length; c++) {
      const ch = line[c]!;
      if (quoted) {
        if (ch !== '"') field += ch;
        else if (line[c + 1] === '"') {
          field += '"';
          c++;
        } else quoted = false;
      } else if (ch === '"' && field.trim() === '') {
        quoted = true;
        field = '';
      } else if (ch === delimiter) {
        fields.push(field);
        field = '';
      } else field += ch;
    }
    if (!quoted) {
      i++;
      break;
    }
  }
  fields.push(field);
  return { fields, next: i };
}

function toRecord(fields: readonly string[], header: CsvHeader): RawRecord {
  const record: RawRecord = {};
  header.columns.forEach((column, index) => {
    if (column !== 'other' && column !== 'message') record[column] = fields[index]?.trim();
  });
  const message =
    header.messageIndex === header.columns.length
      ? fields.slice(header.messageIndex).join(header.delimiter)
      : fields[header.messageIndex];
  if (message !== undefined) record.message = message;
  return record;
}

export interface CsvEvents {
  readonly events: readonly LogEvent[];
  /** Index of the first line that is not part of the export (read it again as something else). */
  readonly next: number;
}

/** The event rows after a header at lines[headerIndex]; blank lines between rows are skipped. */
export function readCsvEvents(lines: readonly string[], headerIndex: number, header: CsvHeader): CsvEvents {
  const events: LogEvent[] = [];
  let i = headerIndex + 1;
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i++;
      continue;
    }
    const row = readRow(lines, i, header.delimiter);
    const event = row.fields.length >= 3 ? toLogEvent(toRecord(row.fields, header)) : undefined;
    if (!event) break;
    events.push(event);
    i = row.next;
  }
  return { events, next: i };
}
