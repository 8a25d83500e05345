import type { TurnContext } from 'botbuilder';
import type { CaseFile, FactsAdvice, MemberInfo } from '../src/triage/index.js';

/**
 * What the dialogs need from outside, each a narrow port the composition root fills (the bot's state and counters
 * in production, fakes in tests).
 */

/** The person's case in this conversation: opened by an answer, ended as resolved or escalated. */
export interface CaseLog {
  /** An answer was given: a new case for its first topic (an earlier open case ends as abandoned). */
  opened(context: TurnContext, file: Omit<CaseFile, 'caseId' | 'openedAt' | 'outcome'>): Promise<void>;
  /** The same case, now about another topic ("then it may be this one"), or with details for support. */
  updated(context: TurnContext, change: Partial<Pick<CaseFile, 'topicId' | 'offered' | 'details'>>): Promise<void>;
  /** The case ended: the person said it worked, or it went to an admin or support. */
  closed(context: TurnContext, outcome: 'resolved' | 'escalated'): Promise<void>;
  /** The open case, if any. */
  current(context: TurnContext): Promise<CaseFile | undefined>;
  /** The latest case, open or ended (what "Notify my admin" under an escalation summary reports). */
  latest(context: TurnContext): Promise<CaseFile | undefined>;
  /** The support code (GUID, or SID and CID) last seen in this conversation. */
  supportCode(context: TurnContext): Promise<string | undefined>;
  rememberSupportCode(context: TurnContext, code: string): Promise<void>;
}

/** Whether "Notify my admin" can be offered: some admin is subscribed. */
export type AdminsListening = () => Promise<boolean>;

/** Name and email of the sender; never throws. */
export type MemberLookup = (context: TurnContext) => Promise<MemberInfo>;

/** What the asking user's account shows for this turn (Microsoft Graph, when configured). */
export interface AccountFactsForTurn {
  /** Pre-answered questions, topic weights, a topic the facts settle, the throttle clock and the card section. */
  readonly advice?: FactsAdvice;
  /** One sentence to say ("I couldn't check your account right now"): given at most once per conversation. */
  readonly notice?: string;
}

/**
 * What is known about the person's account without asking. Undefined when nothing is (no Graph connection, or a
 * conversation where the writer is not the person with the problem).
 */
export type AccountFactsPort = (context: TurnContext) => Promise<AccountFactsForTurn | undefined>;
