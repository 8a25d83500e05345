import type { Catalog } from '../../knowledge/types.js';
import type { TimelineCardData } from '../../render/cardData.js';
import type { Analysis, TimelineEntry } from './types.js';

export const TIMELINE_TEXT = {
  title: 'Event log timeline',
  noEvents: 'No ADSync or PasswordResetService events found in this text.',
  allInformational: 'Everything is fine: these events are informational.',
  nothingToFix: 'Nothing to fix: none of these events is a failure.',
  unknownTime: '—',
} as const;

/** "2026-11-30 09:41:02", or "2026-11-30 17:41:02 UTC" when the log gave a zone. */
function displayTime(time: string | undefined): string {
  if (time === undefined) return TIMELINE_TEXT.unknownTime;
  const utc = time.endsWith('Z');
  return `${time.replace('T', ' ').replace(/(\.\d+)?Z$/, '')}${utc ? ' UTC' : ''}`;
}

function verdict(analysis: Analysis, catalog: Catalog): string {
  const { rootCause, timeline } = analysis;
  if (timeline.length === 0) return TIMELINE_TEXT.noEvents;
  if (!rootCause) return analysis.allInformational ? TIMELINE_TEXT.allInformational : TIMELINE_TEXT.nothingToFix;
  const entry: TimelineEntry = timeline[rootCause.index]!;
  const topic = rootCause.topicId === undefined ? undefined : catalog.topic(rootCause.topicId);
  const what = `${entry.id} ${entry.name}`;
  return topic ? `Root cause: ${what} — ${topic.title}` : `Root cause: ${what} (no documented fix matches this event)`;
}

/** The timeline card for an analysis: every event, the verdict, and the root cause's admin fix and docs link. */
export function buildTimelineCardData(analysis: Analysis, catalog: Catalog): TimelineCardData {
  const topicId = analysis.rootCause?.topicId;
  const topic = topicId === undefined ? undefined : catalog.topic(topicId);
  return {
    title: TIMELINE_TEXT.title,
    summary: analysis.summary,
    events: analysis.timeline.map((entry, index) => ({
      time: displayTime(entry.time),
      id: String(entry.id),
      name: entry.name,
      kind: entry.kind,
      isRootCause: index === analysis.rootCause?.index,
    })),
    verdict: verdict(analysis, catalog),
    steps: topic ? [...topic.fix.admin] : [],
    sourceUrl: topic?.source.url ?? '',
  };
}
