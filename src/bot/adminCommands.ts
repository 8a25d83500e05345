import { TurnContext } from 'botbuilder';
import type { CaseLog, MemberLookup } from '../../dialogs/ports.js';
import { messageTime } from '../extractors/index.js';
import type { Notifier } from '../proactive/notifier.js';
import type { SubscriptionStore } from '../proactive/subscriptions.js';
import { fill, type Replies } from '../render/index.js';

/** Admin notifications, when the bot is deployed with them (the server always is; the console chat is not). */
export interface ProactiveDeps {
  readonly subscriptions: SubscriptionStore;
  readonly notifier: Notifier;
  /** AAD object ids or Teams user ids allowed to subscribe. */
  readonly adminUserIds: ReadonlySet<string>;
}

export interface AdminCommandsDeps {
  readonly replies: Replies;
  readonly cases: CaseLog;
  readonly lookupMember: MemberLookup;
  readonly proactive?: ProactiveDeps;
}

/** subscribe / unsubscribe (admins only) and "Notify my admin" (anyone with a case for an admin). */
export class AdminCommands {
  constructor(private readonly deps: AdminCommandsDeps) {}

  private async say(context: TurnContext, text: string): Promise<void> {
    await context.sendActivity(this.deps.replies.text(text));
  }

  private isAdmin(context: TurnContext): boolean {
    const from = context.activity.from;
    const ids = this.deps.proactive?.adminUserIds;
    return Boolean(ids && from && (ids.has(from.id) || (from.aadObjectId !== undefined && ids.has(from.aadObjectId))));
  }

  async subscribe(context: TurnContext): Promise<void> {
    const texts = this.deps.replies.messages.subscribe;
    const proactive = this.deps.proactive;
    if (!proactive) return this.say(context, texts.unavailable);
    if (!this.isAdmin(context)) return this.say(context, texts.refused);
    const { activity } = context;
    const added = await proactive.subscriptions.subscribe({
      id: activity.conversation.id,
      reference: TurnContext.getConversationReference(activity),
      subscribedBy: { id: activity.from.aadObjectId ?? activity.from.id, name: activity.from.name },
      at: new Date().toISOString(),
    });
    await this.say(context, added ? texts.done : texts.already);
    const failures = await proactive.notifier.failures();
    const latest = failures[0];
    if (latest) await this.say(context, fill(texts.failures, { count: failures.length, latest: `${latest.at}: ${latest.reason}` }));
  }

  async unsubscribe(context: TurnContext): Promise<void> {
    const texts = this.deps.replies.messages.subscribe;
    const proactive = this.deps.proactive;
    if (!proactive) return this.say(context, texts.unavailable);
    if (!this.isAdmin(context)) return this.say(context, texts.refused);
    const removed = await proactive.subscriptions.unsubscribe(context.activity.conversation.id);
    await this.say(context, removed ? texts.stopped : texts.notSubscribed);
  }

  /** Tells every subscribed admin about the user's case; the case then counts as escalated. */
  async notifyAdmin(context: TurnContext, topicId: string): Promise<void> {
    const { messages } = this.deps.replies;
    const proactive = this.deps.proactive;
    if (!proactive) return this.say(context, messages.subscribe.unavailable);
    // The case this button belongs to, open or just escalated: its description and details go to the admins.
    const latest = await this.deps.cases.latest(context);
    const sameCase = latest?.topicId === topicId ? latest : undefined;
    const member = await this.deps.lookupMember(context);
    const from = context.activity.from;
    const result = await proactive.notifier.notifyUser({
      topicId,
      user: { id: from.aadObjectId ?? from.id, name: member.name ?? from.name, email: member.email },
      when: messageTime(context.activity),
      tried: sameCase?.texts ?? [],
      details: sameCase?.details,
    });
    if (result.subscribers === 0) return this.say(context, messages.notifyAdmin.none);
    if (sameCase && sameCase.outcome === undefined) await this.deps.cases.closed(context, 'escalated');
    await this.say(context, result.mode === 'duplicate' ? messages.notifyAdmin.duplicate : fill(messages.notifyAdmin.sent, { count: result.subscribers }));
  }
}
