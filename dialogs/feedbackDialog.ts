import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isOneOf, type View } from '../src/render/index.js';
import type { DialogDeps } from './deps.js';
import { THROTTLED_TOPIC, throttleReply } from './diagnosticReplies.js';
import type { EscalationOptions } from './escalationDialog.js';
import { ESCALATION_DIALOG, FEEDBACK_DIALOG, TEXT_PROMPT, TROUBLESHOOT_DIALOG } from './ids.js';
import { Replies } from './replies.js';
import type { TroubleshootOptions } from './troubleshootDialog.js';

export interface FeedbackOptions {
  /** Topics already shown, first the main answer. */
  readonly offered: readonly string[];
  /** Next-best candidates, best first. */
  readonly alternatives: readonly string[];
  readonly texts: readonly string[];
  readonly view: View;
  /** The question already went out with the answer, so the prompt only waits. */
  readonly asked?: boolean;
}

/** How many next-best answers to try after a "no" before escalating. */
const MAX_ALTERNATIVES = 1;

const NEGATIVE = /\b(?:no|not|didnt|didn't|doesnt|doesn't|isnt|isn't|wont|won't|cant|can't|cannot|still|same|nope|never|worse|fails?|failed)\b/i;

/** "Did this fix it?": yes ends, no offers the next-best candidate, then escalation. */
export class FeedbackDialog extends WaterfallDialog<FeedbackOptions> {
  private readonly replies: Replies;

  constructor(private readonly deps: DialogDeps) {
    super(FEEDBACK_DIALOG);
    this.replies = new Replies(deps);
    this.addStep((step) => this.askStep(step));
    this.addStep((step) => this.handleStep(step));
  }

  private async askStep(step: WaterfallStepContext<FeedbackOptions>): Promise<DialogTurnResult> {
    if (step.options.asked) return step.prompt(TEXT_PROMPT, {});
    return step.prompt(TEXT_PROMPT, { prompt: this.replies.feedback(step.options.offered.at(-1) ?? '') });
  }

  private async handleStep(step: WaterfallStepContext<FeedbackOptions>): Promise<DialogTurnResult> {
    const { messages, classifier } = this.deps;
    const reply = typeof step.result === 'string' ? step.result : '';
    if (isOneOf(reply, messages.yesWords)) {
      await step.context.sendActivity(MessageFactory.text(messages.fixed));
      return step.endDialog();
    }
    // "About 2 hours ago" after a throttling answer is the time of the last attempt, not a verdict.
    if (step.options.offered.includes(THROTTLED_TOPIC)) {
      const clock = throttleReply(messages, [reply], step.context.activity);
      if (clock) {
        await step.context.sendActivity(MessageFactory.text(clock));
        return step.replaceDialog(this.id, { ...step.options, asked: false } satisfies FeedbackOptions);
      }
    }
    if (!isOneOf(reply, messages.noWords)) {
      const alone = classifier.classify(reply);
      const clearlyNew = !alone.outOfScope && (alone.codeTopicIds.length > 0 || (alone.matches[0]?.score ?? 0) >= (this.deps.answerAt ?? 0.6));
      // A clear new problem, or anything that is not a complaint about this answer, is a new description.
      if (clearlyNew || !NEGATIVE.test(reply)) {
        return step.replaceDialog(TROUBLESHOOT_DIALOG, { texts: [reply], answers: [] } satisfies TroubleshootOptions);
      }
    }
    return this.afterNo(step);
  }

  private async afterNo(step: WaterfallStepContext<FeedbackOptions>): Promise<DialogTurnResult> {
    const { offered, alternatives, texts, view } = step.options;
    const alternativesTried = offered.length - 1;
    const next = alternatives.find((id) => !offered.includes(id));
    const topic = next === undefined ? undefined : this.deps.catalog.topic(next);
    if (topic && alternativesTried < MAX_ALTERNATIVES) {
      const adminsListening = (await this.deps.canNotifyAdmin?.()) ?? false;
      await step.context.sendActivity(this.replies.answer(this.deps.messages.nextCandidateIntro, [topic], view, adminsListening));
      await this.deps.caseFile?.set(step.context, { topicId: topic.id, texts });
      this.deps.recordAnswer?.([topic.id]);
      return step.replaceDialog(this.id, { ...step.options, offered: [...offered, topic.id], asked: true } satisfies FeedbackOptions);
    }
    return step.replaceDialog(ESCALATION_DIALOG, { topicId: offered[0] ?? '', texts, view } satisfies EscalationOptions);
  }
}
