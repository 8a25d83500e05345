import {
  MessageFactory,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  TeamsActivityHandler,
  TurnContext,
  type ConversationState,
  type StatePropertyAccessor,
  type UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { CaseFile, DialogDeps } from '../../dialogs/deps.js';
import type { MainDialog } from '../../dialogs/mainDialog.js';
import { Replies } from '../../dialogs/replies.js';
import { phoneReply } from '../../dialogs/diagnosticReplies.js';
import {
  analyzeEvents,
  buildTimelineCardData,
  findPhoneNumber,
  findSupportCode,
  formatSupportCode,
  looksLikePassword,
  messageTime,
  parseEventLog,
  redactSecrets,
} from '../extractors/index.js';
import { MAX_CLASSIFIED_CHARS } from '../nlu/index.js';
import type { Notifier } from '../proactive/notifier.js';
import type { SubscriptionStore } from '../proactive/subscriptions.js';
import { fill, isOneOf } from '../render/index.js';
import type { CardAction } from '../render/cardData.js';
import { parseCardAction } from './cardActions.js';
import { diagnoseMessage, searchTopics, type ExtensionDeps } from './messageExtension.js';

/** Admin notifications, when the bot is deployed with them (the server always is; the console chat is not). */
export interface ProactiveDeps {
  readonly subscriptions: SubscriptionStore;
  readonly notifier: Notifier;
  /** AAD object ids or Teams user ids allowed to subscribe. */
  readonly adminUserIds: ReadonlySet<string>;
}

export interface BotDeps {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  readonly dialog: MainDialog;
  readonly dialogDeps: DialogDeps;
  readonly caseFile: StatePropertyAccessor<CaseFile>;
  readonly proactive?: ProactiveDeps;
}

/**
 * The Teams activity handler: cleans the incoming message (mention, secrets, length), handles commands and card
 * buttons, hands problem text to the dialogs and saves state once per turn.
 */
export class SsprBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly replies: Replies;
  private readonly extension: ExtensionDeps;

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.replies = new Replies(deps.dialogDeps);
    const { catalog, classifier, renderer, messages } = deps.dialogDeps;
    this.extension = { catalog, classifier, renderer, texts: messages.extension };

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

  // Message extension: Teams waits 5 seconds at most; both answers are pure and take well under a millisecond.
  protected override async handleTeamsMessagingExtensionQuery(_context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    return searchTopics(this.extension, query);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(_context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return diagnoseMessage(this.extension, action);
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
      if (!mentioned && activity.value === undefined) return;
      TurnContext.removeRecipientMention(activity);
    }
    const action = parseCardAction(activity.value);
    // A button that answers for the user goes on as if they had typed it.
    if (action?.action === 'reply') activity.text = action.text;
    else if (action) return this.handleCardAction(context, action);

    let text = typeof activity.text === 'string' ? activity.text.replace(/<at>[^<]*<\/at>/g, '').trim() : '';
    if (text === '') return this.reply(context, activity.value !== undefined ? messages.unknownAction : messages.emptyMessage);
    if (isOneOf(text, ['subscribe'])) return this.subscribe(context);
    if (isOneOf(text, ['unsubscribe'])) return this.unsubscribe(context);
    if (looksLikePassword(text)) {
      await this.reply(context, messages.passwordWarning);
      text = redactSecrets(text);
    }
    // A pasted event log gets its timeline and root cause, whatever the conversation was doing.
    const events = parseEventLog(text);
    if (events.length > 0) return this.analyzeLog(context, events);
    // A phone number is checked against the reset rules, and never kept: state only sees a placeholder.
    const phone = findPhoneNumber(text);
    if (phone) {
      await this.reply(context, phoneReply(messages, phone));
      text = text.replace(phone, '[phone number]');
    }
    // A support code is remembered for the escalation, so nobody asks for it again.
    const supportCode = findSupportCode(text);
    if (supportCode) await this.deps.dialogDeps.supportCode?.set(context, formatSupportCode(supportCode));
    if (text.length > MAX_CLASSIFIED_CHARS) {
      await this.reply(context, messages.tooLong);
      text = text.slice(0, MAX_CLASSIFIED_CHARS);
    }
    // Dialogs (and so stored state) only ever see the cleaned text.
    activity.text = text;
    await this.deps.dialog.run(context, this.dialogState);
  }

  private async analyzeLog(context: TurnContext, events: ReturnType<typeof parseEventLog>): Promise<void> {
    const { catalog, renderer } = this.deps.dialogDeps;
    const card = renderer.render('timeline', buildTimelineCardData(analyzeEvents(events, catalog), catalog));
    await context.sendActivity(MessageFactory.attachment(card));
  }

  private async handleCardAction(context: TurnContext, action: Exclude<CardAction, { action: 'reply' }>): Promise<void> {
    const { catalog, messages } = this.deps.dialogDeps;
    const topic = catalog.topic(action.topicId);
    if (!topic) return this.reply(context, messages.unknownAction);
    if (action.action === 'switchView') {
      const adminsListening = (await this.deps.dialogDeps.canNotifyAdmin?.()) ?? false;
      await context.sendActivity(this.replies.resolution(topic, action.view, adminsListening));
      return;
    }
    if (action.action === 'notifyAdmin') return this.notifyAdmin(context, action.topicId);
    await this.reply(context, messages.unknownAction);
  }

  private isAdmin(context: TurnContext): boolean {
    const from = context.activity.from;
    const ids = this.deps.proactive?.adminUserIds;
    return Boolean(ids && from && (ids.has(from.id) || (from.aadObjectId !== undefined && ids.has(from.aadObjectId))));
  }

  private async subscribe(context: TurnContext): Promise<void> {
    const texts = this.deps.dialogDeps.messages.subscribe;
    const proactive = this.deps.proactive;
    if (!proactive) return this.reply(context, texts.unavailable);
    if (!this.isAdmin(context)) return this.reply(context, texts.refused);
    const { activity } = context;
    const added = await proactive.subscriptions.subscribe({
      id: activity.conversation.id,
      reference: TurnContext.getConversationReference(activity),
      subscribedBy: { id: activity.from.aadObjectId ?? activity.from.id, name: activity.from.name },
      at: new Date().toISOString(),
    });
    await this.reply(context, added ? texts.done : texts.already);
    const failures = await proactive.notifier.failures();
    if (failures.length > 0) {
      const latest = failures[0]!;
      await this.reply(context, fill(texts.failures, { count: failures.length, latest: `${latest.at}: ${latest.reason}` }));
    }
  }

  private async unsubscribe(context: TurnContext): Promise<void> {
    const texts = this.deps.dialogDeps.messages.subscribe;
    const proactive = this.deps.proactive;
    if (!proactive) return this.reply(context, texts.unavailable);
    if (!this.isAdmin(context)) return this.reply(context, texts.refused);
    const removed = await proactive.subscriptions.unsubscribe(context.activity.conversation.id);
    await this.reply(context, removed ? texts.stopped : texts.notSubscribed);
  }

  private async notifyAdmin(context: TurnContext, topicId: string): Promise<void> {
    const texts = this.deps.dialogDeps.messages.notifyAdmin;
    const proactive = this.deps.proactive;
    if (!proactive) return this.reply(context, this.deps.dialogDeps.messages.subscribe.unavailable);
    const caseFile = await this.deps.caseFile.get(context);
    const member = await this.deps.dialogDeps.lookupMember(context);
    const from = context.activity.from;
    const result = await proactive.notifier.notifyUser({
      topicId,
      user: { id: from.aadObjectId ?? from.id, name: member.name ?? from.name, email: member.email },
      when: messageTime(context.activity),
      tried: caseFile?.topicId === topicId ? caseFile.texts : [],
      details: caseFile?.topicId === topicId ? caseFile.details : undefined,
    });
    if (result.subscribers === 0) return this.reply(context, texts.none);
    await this.reply(context, result.mode === 'duplicate' ? texts.duplicate : fill(texts.sent, { count: result.subscribers }));
  }

  private async reply(context: TurnContext, text: string): Promise<void> {
    await context.sendActivity(MessageFactory.text(text));
  }
}
