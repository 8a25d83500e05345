import type { EventKind, LogEvent } from './types.js';

/**
 * How the seeds describe each PasswordResetService event (troubleshoot-sspr-writeback, "If the source of the event is
 * PasswordResetService"). Informational: the start and success of an operation, onboarding and offboarding steps, the
 * service starting, a token or key obtained.
 */
export const INFORMATIONAL_EVENT_IDS: ReadonlySet<number> = new Set([
  31001, // PasswordResetStart: first event of every reset writeback
  31002, // PasswordResetSuccess
  31004, // OnboardingEventStart
  31005, // OnboardingEventSuccess
  31006, // ChangePasswordStart
  31007, // ChangePasswordSuccess
  31009, // ResetUserPasswordByAdminStart
  31010, // ResetUserPasswordByAdminSuccess
  31012, // OffboardingEventStart
  31013, // OffboardingEventSuccess
  31015, // WriteBackServiceStarted
  31017, // AuthTokenSuccess
  31018, // KeyPairCreationSuccess
]);

/** Not failures by themselves: the service stopped (requests fail until it starts again), Service Bus retried. */
export const WARNING_EVENT_IDS: ReadonlySet<number> = new Set([
  31016, // WriteBackServiceStopped
  32014, // ServiceBusWarning: "should not be a concern" unless seen many times
]);

/**
 * Outcomes that name no reason ("this failure can happen for several reasons"): PasswordResetFail,
 * ChangePasswordFail, ResetUserPasswordByAdminFail, OffboardingEventFail. A more specific error logged with them
 * (33xxx, 32xxx, ADSync 6329…) is the cause.
 */
export const GENERIC_FAILURE_IDS: ReadonlySet<number> = new Set([31003, 31008, 31011, 31014]);

/**
 * The documented kind for documented ids; any other id the catalog knows is an error it documents; the rest go by
 * the level the log gave (no level: informational).
 */
export function eventKind(event: LogEvent, documented: boolean): EventKind {
  if (INFORMATIONAL_EVENT_IDS.has(event.id)) return 'informational';
  if (WARNING_EVENT_IDS.has(event.id)) return 'warning';
  if (GENERIC_FAILURE_IDS.has(event.id) || documented) return 'failure';
  if (event.level === 'Error' || event.level === 'Critical') return 'failure';
  return event.level === 'Warning' ? 'warning' : 'informational';
}
