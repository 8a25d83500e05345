/**
 * The two calls a turn makes, each ending in what the conversation needs: advice for the diagnosis and the card,
 * or one sentence to say. Start factsForTurn when the turn starts and await it before deciding: it never takes
 * longer than the budget and never throws.
 */
import type { AccountFactsSource, FetchOptions, Requester } from './accountFacts.js';
import { adviseFromFacts, likelyTopic, type FactsAdvice } from './advice.js';
import { parseCheckRequest, type CheckTarget } from './checkRequest.js';
import type { AccountFacts } from './facts.js';
import { GRAPH_MESSAGES } from './messages.js';

export interface TurnFacts {
  /** Present when Graph gave facts: answers, weights, a topic to lead with, the card section. */
  readonly advice?: FactsAdvice;
  readonly facts?: AccountFacts;
  /** One sentence to say once, when Graph was asked and could not answer. Undefined when Graph is off. */
  readonly notice?: string;
}

export interface TurnClock {
  readonly now: Date;
  /** activity.localTimezone */
  readonly timeZone?: string;
}

/** The asking user's facts (`userId` is activity.from.aadObjectId). */
export async function factsForTurn(source: AccountFactsSource, userId: string | undefined, clock: TurnClock, options: FetchOptions = {}): Promise<TurnFacts> {
  const result = await source.factsFor(userId, options);
  if (result.kind === 'off') return {};
  if (result.kind === 'unavailable') return { notice: result.message };
  return { facts: result.facts, advice: adviseFromFacts(result.facts, { ...clock, subject: 'self' }) };
}

export type CheckReply =
  | { readonly kind: 'facts'; readonly advice: FactsAdvice; readonly facts: AccountFacts; readonly likelyTopicId?: string }
  /** Refused, not found, not configured or Graph unavailable: say `message`. */
  | { readonly kind: 'message'; readonly message: string };

/**
 * "check alex@contoso.com" (or a message extension's target): undefined when the text is not such a request, else
 * the facts and likely topic for that account, or the sentence to say (refused, not found, unavailable).
 */
export async function checkForTurn(
  source: AccountFactsSource,
  requester: Requester,
  request: string | CheckTarget,
  clock: TurnClock,
  options: FetchOptions = {},
): Promise<CheckReply | undefined> {
  const target = typeof request === 'string' ? parseCheckRequest(request) : request;
  if (!target) return undefined;
  const result = await source.checkOther(requester, target, options);
  if (result.kind === 'off') return { kind: 'message', message: GRAPH_MESSAGES.notConfigured };
  if (result.kind !== 'facts') return { kind: 'message', message: result.message };
  const advice = adviseFromFacts(result.facts, { ...clock, subject: 'other' });
  const likelyTopicId = likelyTopic(advice);
  return { kind: 'facts', advice, facts: result.facts, ...(likelyTopicId !== undefined && { likelyTopicId }) };
}
