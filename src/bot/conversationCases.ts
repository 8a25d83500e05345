import { randomUUID } from 'node:crypto';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { CaseLog } from '../../dialogs/ports.js';
import type { CaseFile } from '../triage/index.js';
import type { CaseOutcomes } from './caseOutcomes.js';

export interface ConversationCasesDeps {
  readonly caseFile: StatePropertyAccessor<CaseFile>;
  readonly supportCode: StatePropertyAccessor<string>;
  readonly outcomes: CaseOutcomes;
  /** Counts which topics were the answer (the admins' "most asked" list). */
  readonly recordAnswer: (topicIds: readonly string[]) => void;
}

/** The dialogs' case log over conversation state, feeding the deflection counters and the "most asked" list. */
export class ConversationCases implements CaseLog {
  constructor(private readonly deps: ConversationCasesDeps) {}

  async opened(context: TurnContext, file: Omit<CaseFile, 'caseId' | 'openedAt' | 'outcome'>): Promise<void> {
    const { outcomes, caseFile, recordAnswer } = this.deps;
    const previous = await this.current(context);
    // Moving on to another problem without saying whether the last answer worked leaves that case unanswered.
    if (previous?.caseId) outcomes.closed(previous.caseId, previous.topicId, 'abandoned');
    const caseId = randomUUID();
    outcomes.opened(caseId, file.topicId);
    recordAnswer(file.offered ?? [file.topicId]);
    await caseFile.set(context, { ...file, caseId, openedAt: new Date().toISOString() });
  }

  async updated(context: TurnContext, change: Partial<Pick<CaseFile, 'topicId' | 'offered' | 'details'>>): Promise<void> {
    const file = await this.deps.caseFile.get(context);
    if (!file) return;
    if (change.topicId && change.topicId !== file.topicId) this.deps.recordAnswer([change.topicId]);
    await this.deps.caseFile.set(context, { ...file, ...change });
  }

  async closed(context: TurnContext, outcome: 'resolved' | 'escalated'): Promise<void> {
    const file = await this.current(context);
    if (!file) return;
    if (file.caseId) this.deps.outcomes.closed(file.caseId, file.topicId, outcome);
    await this.deps.caseFile.set(context, { ...file, outcome });
  }

  async current(context: TurnContext): Promise<CaseFile | undefined> {
    const file = await this.deps.caseFile.get(context);
    return file && file.outcome === undefined ? file : undefined;
  }

  async latest(context: TurnContext): Promise<CaseFile | undefined> {
    return this.deps.caseFile.get(context);
  }

  async supportCode(context: TurnContext): Promise<string | undefined> {
    return this.deps.supportCode.get(context);
  }

  async rememberSupportCode(context: TurnContext, code: string): Promise<void> {
    await this.deps.supportCode.set(context, code);
  }
}
