import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { chooseView, diagnose, matchChoice, type ConversationKind, type Decision, type FacetAnswer } from '../src/triage/index.js';
import { fill } from '../src/render/index.js';
import type { View } from '../src/render/index.js';
import { MessageFactory } from 'botbuilder';
import type { DialogDeps } from './deps.js';
import { THROTTLED_TOPIC, throttleReply } from './diagnosticReplies.js';
import { FEEDBACK_DIALOG, TEXT_PROMPT, TROUBLESHOOT_DIALOG } from './ids.js';
import type { FeedbackOptions } from './feedbackDialog.js';
import { Replies } from './replies.js';

export interface TroubleshootOptions {
  /** What the person said about this problem, oldest first (already redacted). */
  readonly texts: readonly string[];
  readonly answers: readonly FacetAnswer[];
}

interface StepValues {
  questionId?: string;
}

type AnswerDecision = Extract<Decision, { kind: 'answer' }>;

export function conversationKind(type: string | undefined): ConversationKind {
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

/**
 * Classify, ask up to three follow-up questions chosen from the catalog's facets, then answer.
 * Loops by replacing itself with the updated options, so the stored state is always the whole story.
 */
export class TroubleshootDialog extends WaterfallDialog<TroubleshootOptions> {
  private readonly replies: Replies;

  constructor(private readonly deps: DialogDeps) {
    super(TROUBLESHOOT_DIALOG);
    this.replies = new Replies(deps);
    this.addStep((step) => this.diagnoseStep(step));
    this.addStep((step) => this.readAnswerStep(step));
    this.addStep((step) => this.answerStep(step));
  }

  private get maxQuestions(): number {
    return this.deps.maxQuestions ?? 3;
  }

  private async diagnoseStep(step: WaterfallStepContext<TroubleshootOptions>): Promise<DialogTurnResult> {
    const { deps } = this;
    const decision = diagnose(step.options, deps, { answerAt: deps.answerAt, maxQuestions: this.maxQuestions });
    if (decision.kind === 'outOfScope') {
      await step.context.sendActivity(this.replies.outOfScope());
      return step.endDialog();
    }
    if (decision.kind === 'ask') {
      (step.values as StepValues).questionId = decision.question.id;
      return step.prompt(TEXT_PROMPT, { prompt: this.replies.followUp(decision.question, step.options.answers.length, this.maxQuestions) });
    }
    return step.next(decision);
  }

  private async readAnswerStep(step: WaterfallStepContext<TroubleshootOptions>): Promise<DialogTurnResult> {
    const { questionId } = step.values as StepValues;
    if (questionId === undefined) return step.next(step.result);
    const { texts, answers } = step.options;
    const reply = typeof step.result === 'string' ? step.result : '';
    const question = this.deps.questions.find((q) => q.id === questionId)!;
    const choice = matchChoice(question, reply);
    if (choice) {
      return step.replaceDialog(this.id, { texts, answers: [...answers, { questionId, values: choice.values }] } satisfies TroubleshootOptions);
    }
    // Free text at a prompt: a clear new problem starts afresh, anything else adds to what was said.
    const alone = this.deps.classifier.classify(reply);
    const clearlyNew = !alone.outOfScope && (alone.codeTopicIds.length > 0 || (alone.matches[0]?.score ?? 0) >= (this.deps.answerAt ?? 0.6));
    const next: TroubleshootOptions = clearlyNew
      ? { texts: [reply], answers: [] }
      : { texts: [...texts, reply], answers: [...answers, { questionId, values: [] }] };
    return step.replaceDialog(this.id, next);
  }

  private async answerStep(step: WaterfallStepContext<TroubleshootOptions>): Promise<DialogTurnResult> {
    const decision = step.result as AnswerDecision;
    const text = step.options.texts.join('\n');
    const kind = conversationKind(step.context.activity.conversation?.conversationType);
    const view: View = chooseView(text, decision.classification, kind, decision.topics[0]);
    const { messages } = this.deps;
    const intro = decision.topics.length > 1 ? fill(messages.answerIntroMany, { count: decision.topics.length }) : messages.answerIntro;
    const adminsListening = (await this.deps.canNotifyAdmin?.()) ?? false;
    await step.context.sendActivity(this.replies.answer(intro, decision.topics, view, adminsListening));
    await this.deps.caseFile?.set(step.context, { topicId: decision.topics[0]!.id, texts: step.options.texts });
    if (decision.topics.some((t) => t.id === THROTTLED_TOPIC)) {
      const clock = throttleReply(messages, step.options.texts, step.context.activity);
      await step.context.sendActivity(MessageFactory.text(clock ?? messages.throttle.ask));
    }
    this.deps.recordAnswer?.(decision.topics.map((t) => t.id));
    const options: FeedbackOptions = {
      offered: decision.topics.map((t) => t.id),
      alternatives: [...decision.alternatives],
      texts: step.options.texts,
      view,
      asked: true,
    };
    return step.replaceDialog(FEEDBACK_DIALOG, options);
  }
}
