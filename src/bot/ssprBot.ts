import {
  TeamsActivityHandler,
  TurnContext,
  type ConversationState,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type StatePropertyAccessor,
  type UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../../dialogs/mainDialog.js';
import type { AdminsListening } from '../../dialogs/ports.js';
import { setTurnInput } from '../../dialogs/turnInput.js';
import type { Catalog } from '../knowledge/index.js';
import type { Replies } from '../render/index.js';
import { readTurn, type TurnReader } from '../turn/index.js';
import type { AccountChecks } from './accountChecks.js';
import type { AdminCommands } from './adminCommands.js';
import { parseCardAction } from './cardActions.js';
import { diagnoseMessage, searchTopics, type ExtensionDeps } from './messageExtension.js';
import { sendTurnNotices } from './turnNotices.js';

export interface BotDeps {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  readonly dialog: MainDialog;
  readonly reader: TurnReader;
  readonly replies: Replies;
  readonly catalog: Catalog;
  readonly commands: AdminCommands;
  readonly adminsListening: AdminsListening;
  readonly extension: ExtensionDeps;
  /** Account facts (Microsoft Graph): the asking user's for each turn, and an agent's "check alex@contoso.com". */
  readonly account: AccountChecks;
}

/**
 * The Teams activity handler. It only routes — mention gating, card buttons, commands, message-extension invokes —
 * and saves state once per turn; reading the message is readTurn's job and every decision the dialogs'.
 */
export class SsprBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.onMessage(async (context, next) => {
      await this.route(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // Welcome once, when the bot itself joins a personal chat or a team.
      if (context.activity.membersAdded?.some((m) => m.id === context.activity.recipient?.id)) await context.sendActivity(deps.replies.welcome());
      await next();
    });
  }

  // Message extension: Teams waits 5 seconds at most; both answers are pure and take well under a millisecond.
  protected override async handleTeamsMessagingExtensionQuery(_context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    return searchTopics(this.deps.extension, query);
  }

  // With Graph on, an agent also gets the author's account facts (within the 3-second budget).
  protected override async handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return diagnoseMessage(this.deps.extension, action, await this.deps.account.checkAuthor(context, action));
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }

  private async route(context: TurnContext): Promise<void> {
    const { activity } = context;
    const { replies, commands } = this.deps;
    const kind = activity.conversation?.conversationType;
    // In shared conversations the bot speaks only when spoken to (or when one of its cards is clicked).
    const shared = kind === 'channel' || kind === 'groupChat';
    if (shared && activity.value === undefined && !TurnContext.getMentions(activity).some((m) => m.mentioned?.id === activity.recipient?.id)) return;

    const action = parseCardAction(activity.value);
    const stale = (activity.value !== undefined && !action) || (action && action.action !== 'reply' && !this.deps.catalog.topic(action.topicId));
    if (stale) return this.say(context, replies.messages.unknownAction);
    if (action?.action === 'notifyAdmin') return commands.notifyAdmin(context, action.topicId);
    if (action?.action === 'switchView') return this.showTopic(context, action.topicId, action.view);
    if (action && action.action !== 'reply') return this.say(context, replies.messages.unknownAction);

    // A button that answers for the user goes on as if they had typed it.
    const raw = action?.action === 'reply' ? action.text : typeof activity.text === 'string' ? activity.text : '';
    // The account look-up runs while the message is read; the diagnosis awaits it.
    this.deps.account.startFacts(context, raw);
    const turn = readTurn(raw, this.deps.reader);
    if (turn.text === '') return this.say(context, replies.messages.emptyMessage);
    if (turn.command === 'subscribe') return commands.subscribe(context);
    if (turn.command === 'unsubscribe') return commands.unsubscribe(context);
    if (await this.deps.account.answerCheck(context, turn.text)) return;
    if (await sendTurnNotices(context, turn, replies, this.deps.catalog)) return;
    setTurnInput(context, turn);
    await this.deps.dialog.run(context, this.dialogState);
  }

  private async showTopic(context: TurnContext, topicId: string, view: 'user' | 'admin'): Promise<void> {
    const topic = this.deps.catalog.topic(topicId)!;
    await context.sendActivity(this.deps.replies.resolution(topic, view, await this.deps.adminsListening()));
  }

  private async say(context: TurnContext, text: string): Promise<void> {
    await context.sendActivity(this.deps.replies.text(text));
  }
}
