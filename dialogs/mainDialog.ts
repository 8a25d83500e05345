import { MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { isOneOf } from '../src/render/index.js';
import type { DialogDeps } from './deps.js';
import { EscalationDialog } from './escalationDialog.js';
import { FeedbackDialog } from './feedbackDialog.js';
import { MAIN_DIALOG, MAIN_WATERFALL, TEXT_PROMPT, TROUBLESHOOT_DIALOG } from './ids.js';
import { Replies } from './replies.js';
import { TroubleshootDialog, type TroubleshootOptions } from './troubleshootDialog.js';

/**
 * Routes a message: greetings, help and thanks get a short reply, anything else starts troubleshooting.
 * "help" and "start over" are handled here once, whatever dialog is waiting for an answer.
 */
export class MainDialog extends ComponentDialog {
  private readonly replies: Replies;

  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.replies = new Replies(deps);
    this.addDialog(new TextPrompt(TEXT_PROMPT));
    this.addDialog(new TroubleshootDialog(deps));
    this.addDialog(new FeedbackDialog(deps));
    this.addDialog(new EscalationDialog(deps));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [(step) => this.routeStep(step)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** Continues the conversation in progress, or starts a new one. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogs = new DialogSet(accessor);
    dialogs.add(this);
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(innerDc);
    return interrupted ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const text = innerDc.context.activity.text ?? '';
    const { messages } = this.deps;
    if (isOneOf(text, messages.helpWords)) {
      await innerDc.context.sendActivity(this.replies.welcome());
      return { status: DialogTurnStatus.waiting };
    }
    if (isOneOf(text, messages.restartWords)) {
      await innerDc.cancelAllDialogs();
      await innerDc.context.sendActivity(MessageFactory.text(messages.restart));
      return { status: DialogTurnStatus.complete };
    }
    return undefined;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = (step.context.activity.text ?? '').trim();
    const { messages } = this.deps;
    if (isOneOf(text, messages.helpWords)) {
      await step.context.sendActivity(this.replies.welcome());
      return step.endDialog();
    }
    if (isOneOf(text, messages.greetingWords)) {
      await step.context.sendActivity(MessageFactory.text(messages.greeting));
      return step.endDialog();
    }
    if (isOneOf(text, messages.thanksWords) || isOneOf(text, messages.yesWords)) {
      await step.context.sendActivity(MessageFactory.text(messages.thanks));
      return step.endDialog();
    }
    if (isOneOf(text, messages.restartWords)) {
      await step.context.sendActivity(MessageFactory.text(messages.restart));
      return step.endDialog();
    }
    return step.replaceDialog(TROUBLESHOOT_DIALOG, { texts: [text], answers: [] } satisfies TroubleshootOptions);
  }
}
