import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { findSupportCode, formatSupportCode, messageTime } from '../src/extractors/index.js';
import type { EscalationField } from '../src/knowledge/index.js';
import { fill, isOneOf, type View } from '../src/render/index.js';
import type { DialogDeps } from './deps.js';
import { ESCALATION_DIALOG, TEXT_PROMPT } from './ids.js';
import { Replies } from './replies.js';

export interface EscalationOptions {
  readonly topicId: string;
  readonly texts: readonly string[];
  readonly view: View;
  /** Index of the field being asked; absent on the first turn. */
  readonly index?: number;
  readonly collected?: Readonly<Record<string, string>>;
  readonly retried?: boolean;
}

const SKIPPED = '(skipped)';

interface StepValues {
  index: number;
  collected: Readonly<Record<string, string>> | undefined;
}

/**
 * Collects what Microsoft support asks for (catalog/escalation.json), skipping what Teams already tells and what
 * the person already said, then sends a summary card to forward.
 */
export class EscalationDialog extends WaterfallDialog<EscalationOptions> {
  private readonly replies: Replies;

  constructor(private readonly deps: DialogDeps) {
    super(ESCALATION_DIALOG);
    this.replies = new Replies(deps);
    this.addStep((step) => this.askStep(step));
    this.addStep((step) => this.recordStep(step));
  }

  private async known(step: WaterfallStepContext<EscalationOptions>): Promise<Record<string, string>> {
    const member = await this.deps.lookupMember(step.context);
    const known: Record<string, string> = { when: messageTime(step.context.activity) };
    if (member.email) known.userId = member.email;
    if (member.name) known.name = member.name;
    const code = findSupportCode(step.options.texts.join('\n'));
    const remembered = await this.deps.supportCode?.get(step.context);
    if (code) known.supportCode = formatSupportCode(code);
    else if (remembered) known.supportCode = remembered;
    return known;
  }

  private nextField(from: number, collected: Readonly<Record<string, string>>): number {
    const fields = this.deps.escalationFields;
    let i = from;
    while (i < fields.length && collected[fields[i]!.id] !== undefined) i++;
    return i;
  }

  private async askStep(step: WaterfallStepContext<EscalationOptions>): Promise<DialogTurnResult> {
    let collected = step.options.collected;
    if (step.options.index === undefined) {
      await step.context.sendActivity(MessageFactory.text(this.deps.messages.escalationIntro));
      collected = { description: step.options.texts.join(' / '), ...(await this.known(step)) };
    }
    const index = this.nextField(step.options.index ?? 0, collected ?? {});
    Object.assign(step.values, { index, collected } satisfies StepValues);
    const field = this.deps.escalationFields[index];
    if (!field) return this.finish(step, collected ?? {});
    return step.prompt(TEXT_PROMPT, { prompt: this.promptFor(field, index) });
  }

  private promptFor(field: EscalationField, index: number) {
    const progress = fill(this.deps.messages.progress, { n: index + 1, max: this.deps.escalationFields.length });
    return field.choices ? this.replies.choices(field.prompt, field.choices, progress) : MessageFactory.text(field.prompt);
  }

  private async recordStep(step: WaterfallStepContext<EscalationOptions>): Promise<DialogTurnResult> {
    const values = step.values as StepValues;
    const index = values.index;
    const collected = values.collected ?? {};
    const field = this.deps.escalationFields[index]!;
    const reply = (typeof step.result === 'string' ? step.result : '').trim();
    const skipped = reply === '' || isOneOf(reply, this.deps.messages.skipWords);
    let value = skipped ? SKIPPED : reply;
    if (!skipped && field.validate === 'guid-or-sid-cid') {
      const code = findSupportCode(reply);
      if (!code && !step.options.retried) {
        await step.context.sendActivity(MessageFactory.text(this.deps.messages.escalationInvalidSupportCode));
        return step.replaceDialog(this.id, { ...step.options, index, collected, retried: true } satisfies EscalationOptions);
      }
      value = code ? formatSupportCode(code) : SKIPPED;
    }
    return step.replaceDialog(this.id, { ...step.options, index: index + 1, collected: { ...collected, [field.id]: value }, retried: false } satisfies EscalationOptions);
  }

  private async finish(step: WaterfallStepContext<EscalationOptions>, collected: Readonly<Record<string, string>>): Promise<DialogTurnResult> {
    const { catalog, messages, renderer } = this.deps;
    const topic = catalog.topic(step.options.topicId);
    const fields = this.deps.escalationFields;
    const facts = [
      ...(collected.name ? [{ title: 'Name', value: collected.name }] : []),
      ...fields.map((f) => ({ title: f.title, value: collected[f.id] ?? SKIPPED })),
    ];
    const actor = topic?.escalation.actor ?? 'microsoft-support';
    const card = renderer.render('escalationSummary', {
      title: messages.escalationTitle,
      topicTitle: topic?.title ?? '',
      who: topic?.escalation.summary ?? '',
      facts,
      nextStep: messages.escalationNextStep[actor],
    });
    await this.deps.caseFile?.set(step.context, { topicId: step.options.topicId, texts: step.options.texts, details: facts });
    await step.context.sendActivity(MessageFactory.text(messages.escalationDone));
    await step.context.sendActivity(MessageFactory.attachment(card));
    return step.endDialog({ topicId: step.options.topicId, collected });
  }
}
