import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Catalog, EscalationField, Question } from '../src/knowledge/index.js';
import type { Classifier } from '../src/nlu/index.js';
import type { CardRenderer, Messages } from '../src/render/index.js';

/** Who is talking, as far as the channel tells (Teams: TeamsInfo). Never throws; unknown fields are undefined. */
export interface MemberInfo {
  readonly name?: string;
  readonly email?: string;
}

export type MemberLookup = (context: TurnContext) => Promise<MemberInfo>;

/** What this conversation established about the person's problem, for "Notify my admin". */
export interface CaseFile {
  readonly topicId: string;
  readonly texts: readonly string[];
  readonly details?: ReadonlyArray<{ readonly title: string; readonly value: string }>;
}

/** Everything the dialogs need, handed in by the composition root so tests can pass fakes. */
export interface DialogDeps {
  readonly classifier: Classifier;
  readonly catalog: Catalog;
  readonly questions: readonly Question[];
  readonly escalationFields: readonly EscalationField[];
  readonly renderer: CardRenderer;
  readonly messages: Messages;
  readonly lookupMember: MemberLookup;
  /** Where the dialogs note the case, when the bot keeps one (it does when admins can be notified). */
  readonly caseFile?: StatePropertyAccessor<CaseFile>;
  /** The support code (GUID, or SID and CID) last seen in this conversation. */
  readonly supportCode?: StatePropertyAccessor<string>;
  /** Counts which topics were the answer (for the admins' "most asked" list). */
  readonly recordAnswer?: (topicIds: readonly string[]) => void;
  /** Whether "Notify my admin" can be offered: some admin is subscribed. */
  readonly canNotifyAdmin?: () => Promise<boolean>;
  /** Calibrated confidence from which the bot answers without asking. */
  readonly answerAt?: number;
  readonly maxQuestions?: number;
}
