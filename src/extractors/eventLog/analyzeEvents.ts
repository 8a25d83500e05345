import type { Catalog } from '../../knowledge/types.js';
import { isWritebackSource } from './eventFields.js';
import { GENERIC_FAILURE_IDS, eventKind } from './eventKind.js';
import { identifyEvent } from './eventTopic.js';
import { sortKey } from './eventTime.js';
import type { Analysis, LogEvent, RootCause, TimelineEntry } from './types.js';

/** Entries named in the summary line before it ends in "(+N more)". */
export const SUMMARY_ENTRIES = 12;

const WRITEBACK_SERVICE_STOPPED = 31016;
const WRITEBACK_SERVICE_STARTED = 31015;

/**
 * Event Viewer and Get-WinEvent list the newest event first. When most neighbouring timed events in the paste go
 * backwards in time, the paste is read bottom-up, so that events logged in the same second keep the order they were
 * logged in (33004 before the 31003 that reports it).
 */
function isNewestFirst(keys: readonly number[]): boolean {
  const timed = keys.filter((key) => !Number.isNaN(key));
  let backwards = 0;
  let forwards = 0;
  for (let i = 1; i < timed.length; i++) {
    if (timed[i]! < timed[i - 1]!) backwards++;
    else if (timed[i]! > timed[i - 1]!) forwards++;
  }
  return backwards > forwards;
}

/** Oldest first. An event without a time keeps its place after the timed event before it (or before the first). */
function chronological(events: readonly LogEvent[]): LogEvent[] {
  const keysInPaste = events.map((e) => (e.time === undefined ? NaN : sortKey(e.time)));
  const inLogOrder = isNewestFirst(keysInPaste) ? [...events].reverse() : [...events];
  const keys = inLogOrder.map((e) => (e.time === undefined ? NaN : sortKey(e.time)));
  let previous = keys.find((k) => !Number.isNaN(k)) ?? 0;
  const keyed = inLogOrder.map((event, order) => {
    const key = keys[order]!;
    if (!Number.isNaN(key)) previous = key;
    return { event, order, key: previous };
  });
  keyed.sort((a, b) => a.key - b.key || a.order - b.order);
  return keyed.map(({ event }) => event);
}

/** Relevant: a writeback source, or no source named and an event the catalog documents. */
function isRelevant(event: LogEvent, documented: boolean): boolean {
  return isWritebackSource(event.source) || (event.source === '' && documented);
}

/**
 * The root cause: the earliest specific failure (33xxx, 32xxx, ADSync 6329…); else the earliest generic outcome
 * (31003, 31008, 31011, 31014); else the earliest warning, except a WriteBackServiceStopped followed by a start
 * (a restart). Undefined when there is nothing to act on.
 */
function findRootCause(timeline: readonly TimelineEntry[]): number | undefined {
  const failures = timeline.flatMap((entry, index) => (entry.kind === 'failure' ? [index] : []));
  const specific = failures.find((index) => !GENERIC_FAILURE_IDS.has(timeline[index]!.id));
  if (specific !== undefined) return specific;
  if (failures[0] !== undefined) return failures[0];
  const lastStart = timeline.map((entry) => entry.id).lastIndexOf(WRITEBACK_SERVICE_STARTED);
  const isRestart = (entry: TimelineEntry, index: number): boolean => entry.id === WRITEBACK_SERVICE_STOPPED && index < lastStart;
  const warning = timeline.findIndex((entry, index) => entry.kind === 'warning' && !isRestart(entry, index));
  return warning >= 0 ? warning : undefined;
}

function summarize(timeline: readonly TimelineEntry[]): string {
  if (timeline.length === 0) return 'No ADSync or PasswordResetService events found';
  const shown = timeline.slice(0, SUMMARY_ENTRIES).map((entry) => `${entry.id} ${entry.name}`);
  const more = timeline.length - shown.length;
  return more > 0 ? `${shown.join(' → ')} → … (+${more} more)` : shown.join(' → ');
}

/** Orders the events, maps each to its catalog topic, classifies it and picks the root cause. Pure. */
export function analyzeEvents(events: readonly LogEvent[], catalog: Catalog): Analysis {
  const ordered: LogEvent[] = [];
  const timeline: TimelineEntry[] = [];
  let ignored = 0;
  for (const event of chronological(events)) {
    const identity = identifyEvent(event, catalog);
    if (!isRelevant(event, identity.documented)) {
      ignored++;
      continue;
    }
    ordered.push(event);
    timeline.push({
      ...(event.time !== undefined && { time: event.time }),
      id: event.id,
      name: identity.name,
      source: event.source,
      kind: eventKind(event, identity.documented),
      ...(identity.topicId !== undefined && { topicId: identity.topicId }),
    });
  }
  const index = findRootCause(timeline);
  const topicId = index === undefined ? undefined : timeline[index]!.topicId;
  const rootCause: RootCause | undefined = index === undefined ? undefined : { event: ordered[index]!, index, ...(topicId !== undefined && { topicId }) };
  return {
    timeline,
    ...(rootCause && { rootCause }),
    allInformational: timeline.length > 0 && timeline.every((entry) => entry.kind === 'informational'),
    summary: summarize(timeline),
    ignored,
  };
}
