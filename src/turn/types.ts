import type { LogEvent } from '../extractors/index.js';
import type { Classification, SmallTalk } from '../nlu/index.js';

export type Command = 'help' | 'restart' | 'subscribe' | 'unsubscribe';

/**
 * One message, read once: what every later step (routing, notices, the decision module, the dialogs) works from.
 * Only `text` and `rest` may be kept in state: both are cleaned (mention stripped, secrets redacted, phone number
 * replaced, length capped). `phone` is the one raw value, for the reply of this turn only.
 */
export interface TurnInput {
  /** The cleaned message. */
  readonly text: string;
  /** "no" / "yes" when the message opens with an answer ("no, now it says …"), else undefined. */
  readonly lead?: 'yes' | 'no' | 'other';
  /** The message after that opening (the whole text when there is none): what is classified. */
  readonly rest: string;
  readonly command?: Command;
  /** Small talk, from the classifier, else from the exact phrases of cards/words.json. */
  readonly smallTalk: SmallTalk | null;
  /** A question whose answer is a fact ("how long does sdprop take"), not a description of a failure. */
  readonly factQuestion: boolean;
  /** The message said only generic words ("I can't reset my password"). */
  readonly vague: boolean;
  /** The writer describes someone else's problem ("she has no P1 licence"). */
  readonly aboutSomeoneElse: boolean;
  /** The classification of `rest`, made once for the whole turn. */
  readonly classification: Classification;
  /** A pasted event log's events (empty when the message is not one). */
  readonly events: readonly LogEvent[];
  /** A phone number in the message, raw: answer it this turn, never store or log it. */
  readonly phone?: string;
  /** A support code (GUID, or SID and CID), formatted. */
  readonly supportCode?: string;
  /** Something that looked like a password was removed. */
  readonly hadPassword: boolean;
  /** The message was longer than the classifier reads and was cut. */
  readonly truncated: boolean;
}
