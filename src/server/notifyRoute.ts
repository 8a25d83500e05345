import { createHash, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { Catalog, Topic } from '../knowledge/types.js';
import type { Logger } from '../logger.js';
import type { MonitoringEvent } from '../proactive/notificationCards.js';
import type { Notifier } from '../proactive/notifier.js';

export interface NotifyRouteDeps {
  /** Unset: the endpoint answers 503 (not configured). */
  readonly apiKey: string | undefined;
  readonly notifier: Notifier | undefined;
  readonly catalog: Catalog;
  readonly logger: Logger;
}

/** Constant-time comparison of the bearer key; hashing first makes the lengths equal too. */
export function keyMatches(header: string | undefined, apiKey: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const given = createHash('sha256')
    .update(match?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(apiKey).digest();
  return timingSafeEqual(given, expected) && match !== null;
}

type Parsed = { ok: true; event: MonitoringEvent } | { ok: false; error: string };

const optionalString = (value: unknown, max: number): string | undefined | null =>
  value === undefined ? undefined : typeof value === 'string' && value.length <= max ? value : null;

/** Validates a monitoring event body: eventId required, the rest optional and bounded. */
export function parseMonitoringEvent(body: unknown): Parsed {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: 'the body must be a JSON object' };
  const b = body as Record<string, unknown>;
  const eventId = typeof b.eventId === 'string' && /^\d{1,6}$/.test(b.eventId) ? Number(b.eventId) : b.eventId;
  if (typeof eventId !== 'number' || !Number.isInteger(eventId) || eventId < 0 || eventId > 999_999)
    return { ok: false, error: 'eventId must be an integer event id' };
  const source = optionalString(b.source, 100);
  const host = optionalString(b.host, 255);
  const message = optionalString(b.message, 8_000);
  const time = optionalString(b.time, 64);
  if (source === null) return { ok: false, error: 'source must be a string of at most 100 characters' };
  if (host === null) return { ok: false, error: 'host must be a string of at most 255 characters' };
  if (message === null) return { ok: false, error: 'message must be a string of at most 8000 characters' };
  if (time === null || (time !== undefined && Number.isNaN(Date.parse(time)))) return { ok: false, error: 'time must be a date and time (ISO 8601)' };
  return { ok: true, event: { eventId, source, host, message, time } };
}

/** The catalog topic for an event: its own event-NNNNN entry first, else any topic carrying the code. */
export function topicForEvent(catalog: Catalog, eventId: number): Topic | undefined {
  const topics = catalog.topicsForCode('event', String(eventId));
  return topics.find((t) => t.category === 'event-log') ?? topics.find((t) => t.category === 'adsync') ?? topics[0];
}

/** POST /api/notify: monitoring (e.g. an Azure AD Connect event forwarder) tells every subscribed admin. */
export function registerNotifyRoute(server: restify.Server, deps: NotifyRouteDeps): void {
  server.post('/api/notify', async (req, res) => {
    const { apiKey, notifier, catalog, logger } = deps;
    if (!apiKey || !notifier) {
      res.send(503, { error: 'notifications are not configured (set NOTIFY_API_KEY)' });
      return;
    }
    if (!keyMatches(req.headers.authorization, apiKey)) {
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'a valid bearer key is required' });
      return;
    }
    const parsed = parseMonitoringEvent(req.body);
    if (!parsed.ok) {
      res.send(400, { error: parsed.error });
      return;
    }
    const topic = topicForEvent(catalog, parsed.event.eventId);
    if (!topic) {
      res.send(422, { error: `event ${parsed.event.eventId} is not in the catalog` });
      return;
    }
    let result: Awaited<ReturnType<Notifier['notifyEvent']>>;
    try {
      // Resolves once the event is in the durable outbox: 202 means stored, whatever happens to this process next.
      result = await notifier.notifyEvent(parsed.event, topic);
    } catch (error) {
      logger.error({ err: error, eventId: parsed.event.eventId }, 'could not store a monitoring event');
      res.header('Retry-After', '30');
      res.send(503, { error: 'the notification could not be stored; try again later' });
      return;
    }
    logger.info({ eventId: parsed.event.eventId, topicId: topic.id, subscribers: result.subscribers, mode: result.mode }, 'monitoring event accepted');
    res.send(202, { accepted: true, topicId: topic.id, subscribers: result.subscribers, mode: result.mode });
  });
}
