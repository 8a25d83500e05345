import type { Catalog, Topic } from '../../knowledge/types.js';
import type { LogEvent } from './types.js';

/** hr=800700CE, 0x8023061f, or a bare 8-digit HRESULT, as the ADSync messages write them. */
const HRESULT = /(?:\bhr\s*[=:]?\s*|\b0x|\b)([0-9a-f]{8})\b/gi;
/** How much of a message is searched for codes and error texts. */
const SCAN_CHARS = 4000;
/** Share of an error text's words that must appear in the message when the whole text does not. */
const MIN_WORD_OVERLAP = 0.8;

export interface EventIdentity {
  /** The documented name (PasswordResetStart), else the HRESULT (0x8023061F), else the source, else "Event". */
  readonly name: string;
  readonly topicId?: string;
  /** The catalog knows this event id or an HRESULT in its message. */
  readonly documented: boolean;
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words that identify an error text: no build-specific numbers such as MMS(3040) or admaexport.cpp(2837). */
function keyWords(text: string): string[] {
  return normalize(text)
    .split(' ')
    .filter((word) => word.length >= 3 && !/^\d+$/.test(word));
}

/** The error texts a topic quotes: its errorTexts and any "quoted" part of its title. */
function phrasesOf(topic: Topic): string[] {
  const quoted = [...topic.title.matchAll(/"([^"]{8,})"/g)].map((m) => m[1]!);
  return [...topic.errorTexts, ...quoted];
}

/** 1 when a phrase of the topic appears whole in the message, else the best share of a phrase's words found. */
function textScore(topic: Topic, message: string, words: ReadonlySet<string>): number {
  let best = 0;
  for (const phrase of phrasesOf(topic)) {
    const normalized = normalize(phrase);
    if (normalized.length > 0 && message.includes(normalized)) return 1;
    const needed = keyWords(phrase);
    if (needed.length >= 3) best = Math.max(best, needed.filter((word) => words.has(word)).length / needed.length);
  }
  return best;
}

function hresultsIn(message: string): string[] {
  return [...message.slice(0, SCAN_CHARS).matchAll(HRESULT)].map((m) => m[1]!.toUpperCase());
}

/**
 * The topic for an event. A documented HRESULT in the message decides first (0x8023061f, hr=800700CE, 80230402),
 * preferring a topic that also carries the event id. Otherwise the event id's topics; when there are several
 * (6329, 32002, 32009), the one whose error text the message quotes, else the plain `event-<id>` topic.
 */
export function identifyEvent(event: LogEvent, catalog: Catalog): EventIdentity {
  const byEvent = catalog.topicsForCode('event', String(event.id));
  const hresults = hresultsIn(event.message).filter((hr) => catalog.topicsForCode('hresult', hr).length > 0);
  const byHresult = hresults.flatMap((hr) => catalog.topicsForCode('hresult', hr));
  const eventName = byEvent.flatMap((t) => t.codes.filter((c) => c.type === 'name').map((c) => c.value))[0];
  const name = eventName ?? (hresults[0] ? `0x${hresults[0]}` : event.source || 'Event');
  const documented = byEvent.length > 0 || byHresult.length > 0;

  const topic = byHresult.find((t) => byEvent.includes(t)) ?? byHresult[0] ?? pickByText(event, byEvent);
  return { name, documented, ...(topic && { topicId: topic.id }) };
}

function pickByText(event: LogEvent, candidates: readonly Topic[]): Topic | undefined {
  if (candidates.length <= 1) return candidates[0];
  const message = normalize(event.message.slice(0, SCAN_CHARS));
  const words = new Set(message.split(' '));
  const plain = candidates.find((t) => t.id === `event-${event.id}`);
  let best: Topic | undefined;
  let bestScore = 0;
  for (const topic of candidates) {
    const score = textScore(topic, message, words);
    // Equal evidence: keep the plain event topic, which explains the event itself.
    if (score > bestScore || (score === bestScore && score > 0 && topic === plain)) {
      best = topic;
      bestScore = score;
    }
  }
  return bestScore >= MIN_WORD_OVERLAP ? best : plain;
}
