import type { TurnContext } from 'botbuilder';
import type { Catalog, EscalationField, Question } from '../src/knowledge/index.js';
import type { Classifier } from '../src/nlu/index.js';
import type { CardRenderer, Messages } from '../src/render/index.js';

/** Who is talking, as far as the channel tells (Teams: TeamsInfo). Never throws; unknown fields are undefined. */
export interface MemberInfo {
  readonly name?: string;
  readonly email?: string;
}

export type MemberLookup = (context: TurnContext) => Promise<MemberInfo>;

/** Everything the dialogs need, handed in by the composition root so tests can pass fakes. */
export interface DialogDeps {
  readonly classifier: Classifier;
  readonly catalog: Catalog;
  readonly questions: readonly Question[];
  readonly escalationFields: readonly EscalationField[];
  readonly renderer: CardRenderer;
  readonly messages: Messages;
  readonly lookupMember: MemberLookup;
  /** Calibrated confidence from which the bot answers without asking. */
  readonly answerAt?: number;
  readonly maxQuestions?: number;
}
