import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './framework.js';
import { findSupportCode, formatSupportCode, messageTime } from '../src/extractors/index.js';
import type { Catalog, EscalationField } from '../src/knowledge/index.js';
import { fill, type Replies } from '../src/render/index.js';
import type { Triage } from '../src/triage/index.js';
import type { TurnInput } from '../src/turn/index.js';
import { ESCALATION_DIALOG, TURN_PROMPT } from './ids.js';
import type { EscalationOptions } from './options.js';
import type { AdminsListening, CaseLog, MemberLookup } from './ports.js';
import type { TurnPromptOptions } from './turnPrompt.js';

export interface EscalationDeps {
  readonly fields: readonly EscalationField[];
  readonly catalog: Catalog;
  readonly triage: Triage;
  readonly replies: Replies;
  readonly cases: CaseLog;
  readonly lookupMember: MemberLookup;
  readonly adminsListening: AdminsListening;
}

const SKIPPED = '(skipped)';

interface StepValues {
  index: number;
  collected: Readonly<Record<string, string>> | undefined;
}

/**
 * Collects what Microsoft support asks for (catalog/escalation.json), skipping what Teams already tells and what
 * the person already said, then sends a summary card to forward. Ends the case as escalated.
 */
export class EscalationDialog extends WaterfallDialog<EscalationOptions> {
  constructor(private readonly deps: EscalationDeps) {
    super(ESCALATION_DIALOG);
    this.addStep((step) => this.askStep(step));
    this.addStep((step) => this.recordStep(step));
  }

  /** What the conversation already tells: time, the person's name and email, a support code, the description. */
  private async known(step: WaterfallStepContext<EscalationOptions>): Promise<Record<string, string>> {
    const member = await this.deps.lookupMember(step.context);
    const known: Record<string, string> = { when: messageTime(step.context.activity) };
    if (step.options.texts.length > 0) known.description = step.options.texts.join(' / ');
    if (member.email) known.userId = member.email;
    if (member.name) known.name = member.name;
    const code = findSupportCode(step.options.texts.join('\n'));
    const remembered = await this.deps.cases.supportCode(step.context);
    if (code) known.supportCode = formatSupportCode(code);
    else if (remembered) known.supportCode = remembered;
    return known;
  }

  private nextField(from: number, collected: Readonly<Record<string, string>>): number {
    const { fields } = this.deps;
    let i = from;
    while (i < fields.length && collected[fields[i]!.id] !== undefined) i++;
    return i;
  }

  private async askStep(step: WaterfallStepContext<EscalationOptions>): Promise<DialogTurnResult> {
    let collected = step.options.collected;
    if (step.options.index === undefined) {
      const { replies } = this.deps;
      await step.context.sendActivity(replies.text(step.options.intro ?? replies.messages.escalationIntro));
      collected = await this.known(step);
    }
    const index = this.nextField(step.options.index ?? 0, collected ?? {});
    Object.assign(step.values, { index, collected } satisfies StepValues);
    const field = this.deps.fields[index];
    if (!field) return this.finish(step, collected ?? {});
    const inPlay = step.options.topicId ? [step.options.topicId] : [];
    const options: TurnPromptOptions = {
      prompt: this.promptFor(field, index),
      validations: { kind: 'field', fieldId: field.id, choices: field.choices ?? [], inPlay },
    };
    return step.prompt(TURN_PROMPT, options);
  }

  private promptFor(field: EscalationField, index: number) {
    const { replies, fields } = this.deps;
    const progress = fill(replies.messages.progress, { n: index + 1, max: fields.length });
    return field.choices ? replies.choices(field.prompt, field.choices, progress) : replies.text(field.prompt);
  }

  private async recordStep(step: WaterfallStepContext<EscalationOptions>): Promise<DialogTurnResult> {
    const { index, collected = {} } = step.values as StepValues;
    const field = this.deps.fields[index]!;
    const reply = (step.result as TurnInput).text.trim();
    const skipped = this.deps.triage.isSkip(reply);
    let value = skipped ? SKIPPED : reply;
    if (!skipped && field.validate === 'guid-or-sid-cid') {
      const code = findSupportCode(reply);
      if (!code && !step.options.retried) {
        await step.context.sendActivity(this.deps.replies.text(this.deps.replies.messages.escalationInvalidSupportCode));
        return step.replaceDialog(this.id, { ...step.options, index, collected, retried: true } satisfies EscalationOptions);
      }
      value = code ? formatSupportCode(code) : SKIPPED;
    }
    const next: EscalationOptions = { ...step.options, index: index + 1, collected: { ...collected, [field.id]: value }, retried: false };
    return step.replaceDialog(this.id, next);
  }

  private async finish(step: WaterfallStepContext<EscalationOptions>, collected: Readonly<Record<string, string>>): Promise<DialogTurnResult> {
    const { catalog, replies, cases, fields } = this.deps;
    const topic = catalog.topic(step.options.topicId);
    const facts = [
      ...(collected.name ? [{ title: 'Name', value: collected.name }] : []),
      ...fields.map((f) => ({ title: f.title, value: collected[f.id] ?? SKIPPED })),
    ];
    const actor = topic?.escalation.actor ?? 'microsoft-support';
    if (topic) await cases.updated(step.context, { details: facts });
    await cases.closed(step.context, 'escalated');
    await step.context.sendActivity(replies.text(replies.messages.escalationDone));
    const adminsListening = await this.deps.adminsListening();
    const summary = { topicId: topic?.id ?? '', topicTitle: topic?.title ?? '', who: topic?.escalation.summary ?? '', facts, actor, adminsListening };
    await step.context.sendActivity(replies.escalationSummary(summary));
    return step.endDialog({ topicId: step.options.topicId, collected });
  }
}
