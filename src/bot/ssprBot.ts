import {
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type ConversationState,
  type StatePropertyAccessor,
  type UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../../dialogs/mainDialog.js';
import { Replies } from '../../dialogs/replies.js';
import type { DialogDeps } from '../../dialogs/deps.js';
import { looksLikePassword, redactSecrets } from '../diagnostics/secrets.js';
import { MAX_CLASSIFIED_CHARS } from '../nlu/index.js';
import { buildResolutionCardData, type View } from '../render/index.js';
import { parseCardAction } from './cardActions.js';

export interface BotDeps {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  readonly dialog: MainDialog;
  readonly dialogDeps: DialogDeps;
}

/**
 * The Teams activity handler: cleans the incoming message (mention, secrets, length), answers card buttons,
 * hands text to the dialogs and saves state once per turn.
 */
export class SsprBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly replies: Replies;

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.replies = new Replies(deps.dialogDeps);

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      // Welcome once, when the bot itself joins a personal chat or a team.
      if (context.activity.membersAdded?.some((m) => m.id === botId)) {
        await context.sendActivity(this.replies.welcome());
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    const { messages } = this.deps.dialogDeps;
    const kind = activity.conversation?.conversationType;
    if (kind === 'channel' || kind === 'groupChat') {
      // In shared conversations the bot speaks only when spoken to.
      const mentioned = TurnContext.getMentions(activity).some((m) => m.mentioned?.id === activity.recipient?.id);
      if (!mentioned) return;
      TurnContext.removeRecipientMention(activity);
    }
    const action = parseCardAction(activity.value);
    if (action) return this.handleCardAction(context, action);

    let text = typeof activity.text === 'string' ? activity.text.replace(/<at>[^<]*<\/at>/g, '').trim() : '';
    if (text === '') {
      if (activity.value !== undefined) return this.reply(context, messages.unknownAction);
      return this.reply(context, messages.emptyMessage);
    }
    if (looksLikePassword(text)) {
      await this.reply(context, messages.passwordWarning);
      text = redactSecrets(text);
    }
    if (text.length > MAX_CLASSIFIED_CHARS) {
      await this.reply(context, messages.tooLong);
      text = text.slice(0, MAX_CLASSIFIED_CHARS);
    }
    // Dialogs (and so stored state) only ever see the cleaned text.
    activity.text = text;
    await this.deps.dialog.run(context, this.dialogState);
  }

  private async handleCardAction(context: TurnContext, action: NonNullable<ReturnType<typeof parseCardAction>>): Promise<void> {
    const { catalog, messages } = this.deps.dialogDeps;
    const topic = catalog.topic(action.topicId);
    if (!topic) return this.reply(context, messages.unknownAction);
    if (action.action === 'switchView') {
      const data = buildResolutionCardData(topic, action.view satisfies View, { canNotifyAdmin: false });
      await context.sendActivity(MessageFactory.attachment(this.deps.dialogDeps.renderer.render('resolution', data)));
      return;
    }
    await this.reply(context, messages.unknownAction);
  }

  private async reply(context: TurnContext, text: string): Promise<void> {
    await context.sendActivity(MessageFactory.text(text));
  }
}
