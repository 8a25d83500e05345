import type { Topic } from '../knowledge/types.js';
import type { AdminNotificationCardData } from '../render/cardData.js';

export interface Person {
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
}

/** A user whose problem needs an admin, as the bot knows it. */
export interface UserIssue {
  readonly topicId: string;
  readonly user: Person;
  /** When it happened, with the user's time zone when known. */
  readonly when: string;
  /** What the user said and tried (already redacted). */
  readonly tried: readonly string[];
  /** Escalation details collected by the escalation dialog, if any. */
  readonly details?: ReadonlyArray<{
    readonly title: string;
    readonly value: string;
  }>;
}

/** An event pushed by monitoring (POST /api/notify). */
export interface MonitoringEvent {
  readonly eventId: number;
  readonly source?: string;
  readonly host?: string;
  readonly message?: string;
  readonly time?: string;
}

export interface NotificationTexts {
  readonly userTitle: string;
  readonly userSummary: string;
  readonly digestSummary: string;
  readonly eventTitle: string;
  readonly eventSummary: string;
  readonly eventDigestSummary: string;
}

const fill = (template: string, values: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

const displayName = (p: Person): string => (p.name && p.email ? `${p.name} (${p.email})` : (p.name ?? p.email ?? p.id));

/** The code people know the topic by: its SSPR code or event id, else its title. */
export function topicLabel(topic: Topic): string {
  const code = topic.codes.find((c) => c.type === 'sspr') ?? topic.codes.find((c) => c.type === 'event');
  if (!code) return topic.title;
  return code.type === 'event' ? `event ${code.value}` : code.value;
}

/** The card for one user's issue, or the digest once several users hit the same topic in the window. */
export function userIssueCard(topic: Topic, issue: UserIssue, count: number, texts: NotificationTexts): AdminNotificationCardData {
  const label = topicLabel(topic);
  const summary =
    count > 1
      ? fill(texts.digestSummary, {
          count,
          code: label,
          fix: topic.fix.admin[0] ?? topic.escalation.summary,
        })
      : fill(texts.userSummary, { who: displayName(issue.user), code: label });
  const tried = issue.tried.join(' / ');
  return {
    title: texts.userTitle,
    summary,
    topicTitle: topic.title,
    facts: [
      { title: count > 1 ? 'Latest' : 'Who', value: displayName(issue.user) },
      { title: 'When', value: issue.when },
      ...(tried ? [{ title: 'What they said', value: tried.slice(0, 500) }] : []),
      ...(issue.details ?? []),
    ],
    steps: topic.fix.admin,
    sourceUrl: topic.source.url,
  };
}

/**
 * The card for a monitoring event. `hosts` are the hosts that reported it in the window, newest first (already
 * bounded); the title names the newest ones, the facts list them all.
 */
export function eventCard(
  topic: Topic,
  event: MonitoringEvent,
  count: number,
  texts: NotificationTexts,
  hosts: readonly string[] = event.host ? [event.host] : [],
): AdminNotificationCardData {
  const values = {
    eventId: event.eventId,
    host: hostList(hosts) ?? 'unknown host',
    count,
    title: topic.title,
  };
  return {
    title: fill(texts.eventTitle, values),
    summary: fill(count > 1 ? texts.eventDigestSummary : texts.eventSummary, values),
    topicTitle: topic.title,
    facts: [
      ...(event.source ? [{ title: 'Source', value: event.source }] : []),
      ...(hosts.length > 0
        ? [
            {
              title: hosts.length > 1 ? 'Hosts' : 'Host',
              value: hosts.join(', '),
            },
          ]
        : []),
      ...(event.time ? [{ title: 'Time', value: event.time }] : []),
      ...(event.message ? [{ title: 'Message', value: event.message.slice(0, 1000) }] : []),
      { title: 'What it means', value: topic.cause.admin },
    ],
    steps: topic.fix.admin,
    sourceUrl: topic.source.url,
  };
}

/** "AADC01", "AADC01 and AADC02", "AADC01, AADC02 and 3 more": the newest first, never a long list. */
function hostList(hosts: readonly string[], shown = 2): string | undefined {
  if (hosts.length === 0) return undefined;
  const names = hosts.slice(0, shown);
  const more = hosts.length - names.length;
  if (more > 0) return `${names.join(', ')} and ${more} more`;
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
