/** When a message was sent, in the sender's time zone when the channel says (Teams: localTimestamp, localTimezone). */
export function messageTime(activity: { localTimestamp?: Date | string; localTimezone?: string | null; timestamp?: Date | string }, now = new Date()): string {
  const at = activity.localTimestamp ?? activity.timestamp ?? now;
  const iso = typeof at === 'string' ? at : at.toISOString();
  return activity.localTimezone ? `${iso} (${activity.localTimezone})` : iso;
}
