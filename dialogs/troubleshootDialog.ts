import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './framework.js';
import type { Topic } from '../src/knowledge/index.js';
import { fill, throttleReply, type Replies } from '../src/render/index.js';
import { conversationKind, type Decision, type Triage } from '../src/triage/index.js';
import type { TurnInput } from '../src/turn/index.js';
import { ESCALATION_DIALOG, FEEDBACK_DIALOG, TROUBLESHOOT_DIALOG, TURN_PROMPT } from './ids.js';
import type { EscalationOptions, FeedbackOptions, TroubleshootOptions } from './options.js';
import type { AccountFactsPort, AdminsListening, CaseLog } from './ports.js';
import { turnOf } from './turnInput.js';
import type { TurnPromptOptions } from './turnPrompt.js';

export interface TroubleshootDeps {
  readonly triage: Triage;
  readonly replies: Replies;
  readonly cases: CaseLog;
  readonly adminsListening: AdminsListening;
  /** The asking user's account facts; absent where no Graph connection is configured. */
  readonly facts?: AccountFactsPort;
}

/** What the first step asked, for the second step to read the reply. */
interface StepValues {
  questionId?: string;
  pick?: readonly string[];
}

type AnswerDecision = Extract<Decision, { kind: 'answer' }>;

/**
 * Ask the decision module what to do, carry it out (answer, ask a follow-up question, offer the close topics to pick
 * from, decline), read the reply and loop. It loops by replacing itself with the updated options, so the stored
 * state is always the whole story. An answer is given by the step that reached it, not by a step of its own: each
 * waterfall step is another dialog context, and an answer ends here anyway (the feedback dialog replaces this one).
 */
export class TroubleshootDialog extends WaterfallDialog<TroubleshootOptions> {
  constructor(private readonly deps: TroubleshootDeps) {
    super(TROUBLESHOOT_DIALOG);
    this.addStep((step) => this.decideStep(step));
    this.addStep((step) => this.readReplyStep(step));
  }

  private async decide(step: WaterfallStepContext<TroubleshootOptions>): Promise<Decision> {
    const turn = turnOf(step.context);
    const { texts, answers, excluded } = step.options;
    // The turn's classification is of the same text when the diagnosis is this one message: no need to classify again.
    const reuse = texts.length === 1 && (texts[0] === turn.rest || (turn.rest === turn.text && texts[0] === turn.text));
    const kind = conversationKind(step.context.activity.conversation?.conversationType);
    const account = await this.deps.facts?.(step.context);
    // Graph was asked and could not answer: the usual questions follow, after one plain sentence.
    if (account?.notice) await step.context.sendActivity(this.deps.replies.text(account.notice));
    return this.deps.triage.decide({ texts, answers, excluded, kind, account: account?.advice, classification: reuse ? turn.classification : undefined });
  }

  private async decideStep(step: WaterfallStepContext<TroubleshootOptions>): Promise<DialogTurnResult> {
    const { replies, triage } = this.deps;
    const decision = await this.decide(step);
    const values = step.values as StepValues;
    switch (decision.kind) {
      case 'outOfScope':
        await step.context.sendActivity(replies.outOfScope());
        return step.endDialog();
      case 'ask': {
        values.questionId = decision.question.id;
        const prompt = replies.followUp(decision.question, step.options.answers.length, triage.policy.maxQuestions);
        const options: TurnPromptOptions = {
          prompt,
          validations: { kind: 'facet', questionId: decision.question.id, inPlay: decision.candidates.map((c) => c.id) },
        };
        return step.prompt(TURN_PROMPT, options);
      }
      case 'offerChoices': {
        values.pick = decision.topics.map((t) => t.id);
        const titles = decision.topics.map((t) => t.title);
        const options: TurnPromptOptions = { prompt: replies.pick(decision.topics), validations: { kind: 'pick', inPlay: values.pick, titles } };
        return step.prompt(TURN_PROMPT, options);
      }
      case 'answer':
        return this.answer(step, decision);
    }
  }

  private async readReplyStep(step: WaterfallStepContext<TroubleshootOptions>): Promise<DialogTurnResult> {
    const { questionId, pick } = step.values as StepValues;
    if (questionId !== undefined) return this.readFacetAnswer(step, questionId, step.result as TurnInput);
    if (pick !== undefined) return this.readPick(step, pick, step.result as TurnInput);
    // Only a question sent by the first step leads here; anything else is decided afresh.
    return step.replaceDialog(this.id, step.options);
  }

  private async readFacetAnswer(step: WaterfallStepContext<TroubleshootOptions>, questionId: string, reply: TurnInput): Promise<DialogTurnResult> {
    const { texts, answers, excluded } = step.options;
    const { answer, description } = this.deps.triage.readAnswer(questionId, reply);
    const next: TroubleshootOptions = { texts: description ? [...texts, description] : texts, answers: [...answers, answer], excluded };
    return step.replaceDialog(this.id, next);
  }

  private async readPick(step: WaterfallStepContext<TroubleshootOptions>, ids: readonly string[], reply: TurnInput): Promise<DialogTurnResult> {
    const { triage } = this.deps;
    const topics = ids.map((id) => triage.catalog.topic(id)).filter((t): t is Topic => t !== undefined);
    const picked = triage.pick(reply, topics);
    const texts = step.options.texts;
    if (picked === 'none') {
      // None of the close candidates: what support needs is the way forward.
      const options: EscalationOptions = { topicId: '', texts, view: 'user' };
      return step.replaceDialog(ESCALATION_DIALOG, options);
    }
    // Neither a choice nor a new problem ("not sure"): the best of the close candidates is the best guess.
    const kind = conversationKind(step.context.activity.conversation?.conversationType);
    // The pick is the person's own problem: the card shows their account and the throttle clock as any answer does.
    const account = kind === 'personal' ? (await this.deps.facts?.(step.context))?.advice : undefined;
    return this.answer(step, triage.picked(picked ?? topics[0]!, topics, { texts, answers: step.options.answers, kind, account }));
  }

  /** Sends the answer, opens the case, gives the throttle clock where it matters, and waits for "did it work?". */
  private async answer(step: WaterfallStepContext<TroubleshootOptions>, decision: AnswerDecision): Promise<DialogTurnResult> {
    const { replies, cases, triage } = this.deps;
    const { texts } = step.options;
    const { view } = decision;
    const adminsListening = await this.deps.adminsListening();
    const intro = replies.answerIntro(decision.topics.length);
    await step.context.sendActivity(replies.answer(intro, decision.topics, view, adminsListening, decision.account?.section));
    // A code names its topic for certain; otherwise an agent also gets the next likely topics.
    if (decision.reader === 'agent' && decision.reason !== 'code') await this.sendRunnersUp(step.context, decision, view);
    const offered = decision.topics.map((t) => t.id);
    await cases.opened(step.context, { topicId: offered[0]!, texts, offered, alternatives: decision.alternatives, view });
    if (triage.needsClock(offered)) {
      // The directory's time of the block beats what the person remembers, and asking for it.
      const throttle = decision.account?.throttle;
      const clock = throttle
        ? fill(replies.messages.throttle.account, { retry: throttle.retryText })
        : throttleReply(replies.messages, texts, step.context.activity.localTimezone ?? undefined);
      await step.context.sendActivity(replies.text(clock ?? replies.messages.throttle.ask));
    }
    const options: FeedbackOptions = { offered, alternatives: [...decision.alternatives], texts, view, asked: true };
    return step.replaceDialog(FEEDBACK_DIALOG, options);
  }

  /** Agents get the next likely topics as buttons instead of an interview. */
  private async sendRunnersUp(context: TurnContext, decision: AnswerDecision, view: 'user' | 'admin'): Promise<void> {
    const { triage, replies } = this.deps;
    const topics = decision.alternatives
      .slice(0, triage.policy.maxChoices - 1)
      .map((id) => triage.catalog.topic(id))
      .filter((t): t is Topic => t !== undefined);
    if (topics.length > 0) await context.sendActivity(replies.runnersUp(topics, view));
  }
}
