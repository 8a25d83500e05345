import { normalizeLevel, normalizeSource, parseEventId } from './eventFields.js';
import { parseEventTime } from './eventTime.js';
import type { LogEvent } from './types.js';

/** The fields of one event as a reader found them, still text. */
export interface RawRecord {
  id?: string;
  /** Get-EventLog's InstanceId: the event id with qualifiers in the high bits. */
  instanceId?: string;
  source?: string;
  time?: string;
  /** "Error", or PowerShell's numeric Level. */
  level?: string;
  /** LevelDisplayName or EntryType, preferred over a numeric level. */
  levelName?: string;
  message?: string;
}

/** Long enough for any documented event text with its exception; bounded so a huge paste stays cheap. */
export const MAX_MESSAGE_CHARS = 4000;

/** Trims every line and the whole, drops runs of blank lines, caps the length. */
export function cleanMessage(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, MAX_MESSAGE_CHARS);
}

/** The event, or undefined when the record has no readable event id. */
export function toLogEvent(record: RawRecord): LogEvent | undefined {
  const id = parseEventId(record.id) ?? parseEventId(record.instanceId, { instanceId: true });
  if (id === undefined) return undefined;
  const rawTime = record.time?.trim() || undefined;
  const time = rawTime === undefined ? undefined : parseEventTime(rawTime);
  const level = normalizeLevel(record.levelName) ?? normalizeLevel(record.level);
  return {
    ...(time !== undefined && { time }),
    ...(rawTime !== undefined && { rawTime: rawTime.slice(0, 100) }),
    source: normalizeSource(record.source),
    id,
    ...(level !== undefined && { level }),
    message: cleanMessage(record.message ?? ''),
  };
}
