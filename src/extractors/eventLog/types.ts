/** What the event-log parser reads and what the analysis says about it. */

/** Event Viewer's level names (numeric levels and localized names are mapped onto these). */
export type EventLevel = 'Critical' | 'Error' | 'Warning' | 'Information' | 'Verbose';

/** The two sources the SSPR docs name; any other source is kept as written. */
export type EventSource = 'ADSync' | 'PasswordResetService' | (string & {});

export interface LogEvent {
  /**
   * ISO 8601. Without a zone ("2026-11-30T09:41:02") it is the server's wall clock as logged, which is what Event
   * Viewer, Format-List and the CSV export show; with a zone the text said so and it is converted to UTC ("…Z").
   */
  readonly time?: string;
  /** The time exactly as the text gave it. */
  readonly rawTime?: string;
  /** '' when the text did not name one. */
  readonly source: EventSource;
  readonly id: number;
  readonly level?: EventLevel;
  /** The description, whitespace-trimmed and capped; '' when the export had none. */
  readonly message: string;
}

/** informational: the seeds describe a normal step; warning: worth a look; failure: an operation failed. */
export type EventKind = 'informational' | 'warning' | 'failure';

export interface TimelineEntry {
  readonly time?: string;
  readonly id: number;
  /** The documented name (PasswordResetStart), else the HRESULT (0x8023061F), else the source. */
  readonly name: string;
  readonly source: EventSource;
  readonly kind: EventKind;
  readonly topicId?: string;
}

export interface RootCause {
  readonly event: LogEvent;
  /** Position of the event in the timeline. */
  readonly index: number;
  /** Absent when no catalog topic matches (an unknown event, or a 6329 whose message names no known error). */
  readonly topicId?: string;
}

export interface Analysis {
  /** The ADSync and PasswordResetService events (and any event the catalog knows), oldest first. */
  readonly timeline: readonly TimelineEntry[];
  readonly rootCause?: RootCause;
  /** At least one event, and nothing to act on: every event is informational. */
  readonly allInformational: boolean;
  /** "31001 PasswordResetStart → 33004 ADPermissionsError → 31003 PasswordResetFail" */
  readonly summary: string;
  /** Events from other sources (Outlook, Service Control Manager…), left out of the timeline. */
  readonly ignored: number;
}
