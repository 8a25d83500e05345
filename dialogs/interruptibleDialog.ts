import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { ComponentDialog, DialogTurnStatus } from './framework.js';
import type { Replies } from '../src/render/index.js';
import type { SmallTalk } from '../src/nlu/index.js';
import type { Reading, Triage } from '../src/triage/index.js';
import { ESCALATION_DIALOG, FEEDBACK_DIALOG, TROUBLESHOOT_DIALOG, TURN_PROMPT } from './ids.js';
import type { EscalationOptions, FeedbackOptions, TroubleshootOptions } from './options.js';
import type { CaseLog } from './ports.js';
import { turnOf } from './turnInput.js';
import { expectingOf } from './turnPrompt.js';

export interface InterruptionDeps {
  readonly triage: Triage;
  readonly replies: Replies;
  readonly cases: CaseLog;
}

const waiting: DialogTurnResult = { status: DialogTurnStatus.waiting };
const complete: DialogTurnResult = { status: DialogTurnStatus.complete };

/**
 * Handles, once for every prompt of the dialogs inside it, what can interrupt a question: help, start over, another
 * problem (also "no, <another problem>"), small talk, and a request for a person. The decision is the decision
 * module's (triage.read); this class only carries it out. Like the BotBuilder samples' CancelAndHelpDialog.
 * A message no question waits for goes to the subclass's route, on the component's own inner context: no routing
 * dialog is begun in between, one dialog context fewer on every turn that starts something.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  constructor(
    id: string,
    protected readonly deps: InterruptionDeps,
  ) {
    super(id);
  }

  protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    await this.remember(innerDc);
    return this.route(innerDc);
  }

  /** Answers a message that no question was waiting for (the inner stack is empty). */
  protected abstract route(innerDc: DialogContext): Promise<DialogTurnResult>;

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    await this.remember(innerDc);
    const active = innerDc.activeDialog;
    const expecting = active?.id === TURN_PROMPT ? expectingOf((active.state as { options?: unknown }).options) : undefined;
    if (expecting) {
      const handled = await this.interrupt(innerDc, this.deps.triage.read(turnOf(innerDc.context), expecting));
      if (handled) return handled;
    }
    return super.onContinueDialog(innerDc);
  }

  /** A support code said anywhere goes into the escalation summary without being asked for again. */
  private async remember(innerDc: DialogContext): Promise<void> {
    const code = turnOf(innerDc.context).supportCode;
    if (code) await this.deps.cases.rememberSupportCode(innerDc.context, code);
  }

  private async interrupt(innerDc: DialogContext, reading: Reading): Promise<DialogTurnResult | undefined> {
    switch (reading.kind) {
      case 'answer':
        return undefined;
      case 'command':
        return reading.command === 'help' ? this.help(innerDc) : this.restart(innerDc);
      case 'newProblem':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(TROUBLESHOOT_DIALOG, { texts: [reading.text], answers: [], excluded: reading.excluded } satisfies TroubleshootOptions);
      case 'smallTalk':
        return this.smallTalk(innerDc, reading.talk, true);
    }
  }

  protected async help(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.context.sendActivity(this.deps.replies.welcome());
    // The question stays open: the next message still answers it.
    return innerDc.activeDialog ? waiting : complete;
  }

  protected async restart(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    await innerDc.context.sendActivity(this.deps.replies.text(this.deps.replies.messages.restart));
    return complete;
  }

  /**
   * greeting → a short welcome; resolved (or thanks with no question waiting) → a short reply, and the open case is
   * closed as resolved; thanks while a question waits → a short reply, the question stays open;
   * human → the escalation at once; still broken → the feedback path of the open case.
   */
  protected async smallTalk(innerDc: DialogContext, talk: SmallTalk, atPrompt: boolean): Promise<DialogTurnResult | undefined> {
    const { replies, cases } = this.deps;
    const { messages } = replies;
    const context = innerDc.context;
    switch (talk) {
      case 'greeting':
        await context.sendActivity(replies.text(atPrompt ? messages.greetingAtPrompt : messages.greeting));
        return atPrompt ? waiting : complete;
      case 'thanks':
        // A bare "thanks" ("ok") while a question waits is politeness, not a verdict: the question stays open.
        if (atPrompt) {
          await context.sendActivity(replies.text(messages.thanksAtPrompt));
          return waiting;
        }
      // falls through: with nothing waiting, thanks after an answer means it worked
      case 'resolved': {
        const open = await cases.current(context);
        if (open) await cases.closed(context, 'resolved');
        await innerDc.cancelAllDialogs();
        await context.sendActivity(replies.text(open ? messages.resolvedThanks : messages.thanks));
        return complete;
      }
      case 'human': {
        const open = await cases.current(context);
        await innerDc.cancelAllDialogs();
        const options: EscalationOptions = { topicId: open?.topicId ?? '', texts: open?.texts ?? [], view: open?.view ?? 'user', intro: messages.humanIntro };
        return innerDc.beginDialog(ESCALATION_DIALOG, options);
      }
      case 'still-broken': {
        if (atPrompt) return undefined;
        const open = await cases.current(context);
        if (!open) {
          await context.sendActivity(replies.text(messages.stillBrokenNoCase));
          return complete;
        }
        const options: FeedbackOptions = {
          offered: open.offered ?? [open.topicId],
          alternatives: open.alternatives ?? [],
          texts: open.texts,
          view: open.view ?? 'user',
          notFixed: true,
        };
        return innerDc.beginDialog(FEEDBACK_DIALOG, options);
      }
    }
  }
}
