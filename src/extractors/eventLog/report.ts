import type { Catalog } from '../../knowledge/types.js';
import type { Analysis, RootCause, TimelineEntry } from './types.js';

/** What `npm run analyze-log` prints: the analysis, with the root cause's topic title, admin fix and docs link. */
export interface AnalysisReport {
  /** Events in the timeline. */
  readonly events: number;
  readonly ignored: number;
  readonly summary: string;
  readonly allInformational: boolean;
  readonly timeline: readonly TimelineEntry[];
  readonly rootCause?: RootCause & { readonly title?: string; readonly fix?: readonly string[]; readonly url?: string };
}

export function buildReport(analysis: Analysis, catalog: Catalog): AnalysisReport {
  const { rootCause } = analysis;
  const topic = rootCause?.topicId === undefined ? undefined : catalog.topic(rootCause.topicId);
  return {
    events: analysis.timeline.length,
    ignored: analysis.ignored,
    summary: analysis.summary,
    allInformational: analysis.allInformational,
    timeline: analysis.timeline,
    ...(rootCause && {
      rootCause: { ...rootCause, ...(topic && { title: topic.title, fix: topic.fix.admin, url: topic.source.url }) },
    }),
  };
}
