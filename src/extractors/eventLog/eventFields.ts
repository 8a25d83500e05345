import type { EventLevel, EventSource } from './types.js';

/** Level names in the exports we read (English and German Event Viewer, PowerShell), and the numeric levels. */
const LEVELS: Readonly<Record<string, EventLevel>> = {
  critical: 'Critical',
  kritisch: 'Critical',
  error: 'Error',
  fehler: 'Error',
  warning: 'Warning',
  warnung: 'Warning',
  information: 'Information',
  informationen: 'Information',
  info: 'Information',
  verbose: 'Verbose',
  ausführlich: 'Verbose',
  '0': 'Information',
  '1': 'Critical',
  '2': 'Error',
  '3': 'Warning',
  '4': 'Information',
  '5': 'Verbose',
};

export function normalizeLevel(raw: string | undefined): EventLevel | undefined {
  return raw === undefined ? undefined : LEVELS[raw.trim().toLowerCase()];
}

/** Event ids are 16-bit; a Get-EventLog InstanceId carries qualifiers in its high bits. */
export function parseEventId(raw: string | undefined, { instanceId = false } = {}): number | undefined {
  const text = raw?.trim() ?? '';
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  if (instanceId) return value % 65536;
  return value <= 65535 ? value : undefined;
}

const CANONICAL_SOURCES: ReadonlyMap<string, EventSource> = new Map([
  ['adsync', 'ADSync'],
  ['passwordresetservice', 'PasswordResetService'],
]);

/** The source as the docs spell it when it is one of theirs, else as written (trimmed, bounded). */
export function normalizeSource(raw: string | undefined): EventSource {
  const text = (raw ?? '').trim().slice(0, 200);
  return CANONICAL_SOURCES.get(text.toLowerCase()) ?? text;
}

/** Sources that log password writeback: the two the docs name, and the older name of the sync engine's source. */
export function isWritebackSource(source: EventSource): boolean {
  return source === 'ADSync' || source === 'PasswordResetService' || /^directory synchronization$/i.test(source);
}
