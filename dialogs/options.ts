import type { View } from '../src/render/index.js';
import type { FacetAnswer } from '../src/triage/index.js';

/** Typed options of each dialog: they are the dialog's stored state, so they hold ids and cleaned text only. */

export interface TroubleshootOptions {
  /** What the person said about this problem, oldest first (cleaned). */
  readonly texts: readonly string[];
  readonly answers: readonly FacetAnswer[];
  /** Topics the person already said did not help. */
  readonly excluded?: readonly string[];
}

export interface FeedbackOptions {
  /** Topics already shown, first the main answer. */
  readonly offered: readonly string[];
  /** Next-best candidates, best first. */
  readonly alternatives: readonly string[];
  readonly texts: readonly string[];
  readonly view: View;
  /** The question already went out with the answer, so the prompt only waits. */
  readonly asked?: boolean;
  /** The person already said it is still broken: go straight to what follows a "no". */
  readonly notFixed?: boolean;
}

export interface EscalationOptions {
  /** '' when no topic was established (someone asked for a person at once). */
  readonly topicId: string;
  readonly texts: readonly string[];
  readonly view: View;
  /** Index of the field being asked; absent on the first turn. */
  readonly index?: number;
  readonly collected?: Readonly<Record<string, string>>;
  readonly retried?: boolean;
  /** Open with this sentence instead of the usual introduction. */
  readonly intro?: string;
}
