import { MAX_MESSAGE_CHARS, toLogEvent, type RawRecord } from './rawRecord.js';
import type { LogEvent } from './types.js';

/**
 * Reads "Key: value" events line by line: Event Viewer's "Copy details as text" (Log Name:, Source:, … then
 * Description: and the message on the following lines, then Event Xml:) and PowerShell's Format-List
 * ("Id           : 33004", a Message whose continuation lines are indented). A record ends where a field repeats,
 * where a new Viewer block starts ("Log Name:"), or at a line that is neither a field nor a continuation (chat text).
 */
type Field = keyof RawRecord | 'logName' | 'description' | 'xml' | 'other';
type Mode = 'fields' | 'description' | 'indented' | 'skipIndented' | 'xml';

/** Keys of the Viewer text (English and German) and of Get-WinEvent / Get-EventLog, lower case. */
const FIELDS: Readonly<Record<string, Field>> = {
  'log name': 'logName',
  protokollname: 'logName',
  source: 'source',
  quelle: 'source',
  providername: 'source',
  date: 'time',
  datum: 'time',
  timecreated: 'time',
  timegenerated: 'time',
  'event id': 'id',
  'ereignis-id': 'id',
  id: 'id',
  eventid: 'id',
  instanceid: 'instanceId',
  level: 'level',
  ebene: 'level',
  leveldisplayname: 'levelName',
  entrytype: 'levelName',
  description: 'description',
  beschreibung: 'description',
  message: 'message',
  'event xml': 'xml',
  'ereignis-xml': 'xml',
  'task category': 'other',
  aufgabenkategorie: 'other',
  keywords: 'other',
  schlüsselwörter: 'other',
  user: 'other',
  benutzer: 'other',
  computer: 'other',
  opcode: 'other',
  vorgangscode: 'other',
};

/** Fields that end a Viewer description: the next event's block begins. */
const ENDS_DESCRIPTION: ReadonlySet<Field> = new Set(['logName', 'xml', 'source', 'id', 'time', 'instanceId']);
const RECORD_FIELDS: ReadonlySet<Field> = new Set(['id', 'instanceId', 'source', 'time', 'level', 'levelName', 'message', 'description']);

const KEY_LINE = /^[ \t]{0,4}([\p{L}][\p{L}\p{N} _-]{0,30}?)([ \t]*):(?:[ \t]+(.*)|[ \t]*)$/u;
const IDENTIFIER = /^[A-Za-z]\w*$/;
/** Lines of Event XML skipped before giving up on finding </Event>. */
const MAX_XML_LINES = 300;

interface KeyLine {
  readonly field: Field;
  readonly value: string;
}

function parseKeyLine(line: string): KeyLine | undefined {
  const m = KEY_LINE.exec(line);
  if (!m) return undefined;
  const key = m[1]!.toLowerCase().replace(/\s+/g, ' ');
  const known = FIELDS[key];
  if (known) return { field: known, value: m[3] ?? '' };
  // Format-List pads every property name before its colon: "ProcessId    : 1234".
  if (m[2] !== '' && IDENTIFIER.test(m[1]!)) return { field: 'other', value: m[3] ?? '' };
  return undefined;
}

export interface RecordReader {
  push(line: string): void;
  /** Emits the record in progress, if it is an event. */
  end(): void;
}

export function createRecordReader(emit: (event: LogEvent) => void): RecordReader {
  let record: RawRecord = {};
  let seen = new Set<Field>();
  let message: string[] = [];
  let messageChars = 0;
  let mode: Mode = 'fields';
  let blankRun = 0;
  let xmlLines = 0;

  const end = (): void => {
    if (message.length > 0) record.message = message.join('\n');
    const event = seen.size > 0 ? toLogEvent(record) : undefined;
    if (event) emit(event);
    record = {};
    seen = new Set();
    message = [];
    messageChars = 0;
    mode = 'fields';
    blankRun = 0;
  };

  const appendMessage = (text: string): void => {
    if (messageChars >= MAX_MESSAGE_CHARS) return;
    message.push(text);
    messageChars += text.length + 1;
  };

  const setField = ({ field, value }: KeyLine): void => {
    if (field === 'xml') {
      mode = 'xml';
      xmlLines = 0;
      return;
    }
    if ((RECORD_FIELDS.has(field) && seen.has(field)) || (field === 'logName' && seen.size > 0)) end();
    seen.add(field);
    if (field === 'description' || field === 'message') {
      if (value.trim() !== '') appendMessage(value);
      mode = field === 'description' ? 'description' : 'indented';
      blankRun = 0;
      return;
    }
    if (field !== 'logName' && field !== 'other') record[field] = value.trim();
    mode = field === 'other' ? 'skipIndented' : 'fields';
  };

  const push = (line: string): void => {
    const key = parseKeyLine(line);
    const blank = line.trim() === '';
    if (mode === 'xml') {
      xmlLines += 1;
      if (key && ENDS_DESCRIPTION.has(key.field)) {
        mode = 'fields';
        end();
        setField(key);
      } else if (/<\/Event>\s*$/.test(line) || xmlLines > MAX_XML_LINES) mode = 'fields';
      return;
    }
    if (mode === 'description') {
      if (key && ENDS_DESCRIPTION.has(key.field)) {
        setField(key);
        return;
      }
      blankRun = blank ? blankRun + 1 : 0;
      // Two blank lines in a row: the message is over and whatever follows is someone talking.
      if (blankRun >= 2) end();
      else appendMessage(line);
      return;
    }
    if (key) {
      setField(key);
      return;
    }
    const indented = /^[ \t]/.test(line);
    if (blank) {
      if (mode === 'indented') appendMessage('');
      return;
    }
    if (indented && mode === 'indented') appendMessage(line);
    else if (!(indented && mode === 'skipIndented')) end();
  };

  return { push, end };
}
