export type * from './types.js';
export { parseEventLog, MAX_INPUT_CHARS, MAX_EVENTS } from './parseEventLog.js';
export { analyzeEvents } from './analyzeEvents.js';
export { identifyEvent, type EventIdentity } from './eventTopic.js';
export { eventKind, INFORMATIONAL_EVENT_IDS, WARNING_EVENT_IDS, GENERIC_FAILURE_IDS } from './eventKind.js';
export { parseEventTime } from './eventTime.js';
export { buildTimelineCardData, TIMELINE_TEXT } from './timelineCard.js';
