import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './framework.js';
import { throttleReply, type Replies } from '../src/render/index.js';
import type { Triage } from '../src/triage/index.js';
import type { TurnInput } from '../src/turn/index.js';
import { ESCALATION_DIALOG, FEEDBACK_DIALOG, TROUBLESHOOT_DIALOG, TURN_PROMPT } from './ids.js';
import type { EscalationOptions, FeedbackOptions, TroubleshootOptions } from './options.js';
import type { AdminsListening, CaseLog } from './ports.js';
import type { TurnPromptOptions } from './turnPrompt.js';

export interface FeedbackDeps {
  readonly triage: Triage;
  readonly replies: Replies;
  readonly cases: CaseLog;
  readonly adminsListening: AdminsListening;
}

/** "Did this fix it?": yes closes the case, no offers the next-best candidate, then escalation. */
export class FeedbackDialog extends WaterfallDialog<FeedbackOptions> {
  constructor(private readonly deps: FeedbackDeps) {
    super(FEEDBACK_DIALOG);
    this.addStep((step) => this.askStep(step));
    this.addStep((step) => this.handleStep(step));
  }

  private async askStep(step: WaterfallStepContext<FeedbackOptions>): Promise<DialogTurnResult> {
    if (step.options.notFixed) return step.next();
    const validations = { kind: 'feedback', inPlay: step.options.offered } as const;
    const options: TurnPromptOptions = step.options.asked
      ? { validations }
      : { prompt: this.deps.replies.feedback(step.options.offered.at(-1) ?? ''), validations };
    return step.prompt(TURN_PROMPT, options);
  }

  private async handleStep(step: WaterfallStepContext<FeedbackOptions>): Promise<DialogTurnResult> {
    if (step.options.notFixed) return this.afterNo(step);
    const { triage, replies, cases } = this.deps;
    const reply = step.result as TurnInput;
    // "About 2 hours ago" after a throttling answer is the time of the last attempt, not a verdict.
    if (triage.needsClock(step.options.offered)) {
      const clock = throttleReply(replies.messages, [reply.text], step.context.activity.localTimezone ?? undefined);
      if (clock) {
        await step.context.sendActivity(replies.text(clock));
        return step.replaceDialog(this.id, { ...step.options, asked: false } satisfies FeedbackOptions);
      }
    }
    switch (triage.verdict(reply)) {
      case 'fixed':
        await cases.closed(step.context, 'resolved');
        await step.context.sendActivity(replies.text(replies.messages.fixed));
        return step.endDialog();
      case 'not-fixed':
        return this.afterNo(step);
      case 'other':
        // Neither yes nor no (and no other problem, or the base dialog would have taken it): more about the same one.
        return step.replaceDialog(TROUBLESHOOT_DIALOG, { texts: [...step.options.texts, reply.text], answers: [] } satisfies TroubleshootOptions);
    }
  }

  private async afterNo(step: WaterfallStepContext<FeedbackOptions>): Promise<DialogTurnResult> {
    const { triage, replies, cases } = this.deps;
    const { offered, alternatives, texts, view } = step.options;
    const topic = triage.nextAlternative(offered, alternatives);
    if (topic) {
      const adminsListening = await this.deps.adminsListening();
      await step.context.sendActivity(replies.answer(replies.messages.nextCandidateIntro, [topic], view, adminsListening));
      await cases.updated(step.context, { topicId: topic.id, offered: [...offered, topic.id] });
      return step.replaceDialog(this.id, { ...step.options, offered: [...offered, topic.id], asked: true, notFixed: false } satisfies FeedbackOptions);
    }
    return step.replaceDialog(ESCALATION_DIALOG, { topicId: offered[0] ?? '', texts, view } satisfies EscalationOptions);
  }
}
