import type { TurnContext } from 'botbuilder';
import { JsonCheckedConversationState } from './jsonCheckedState.js';

/**
 * Conversation state where, in channels and group chats, each person has their own: two agents diagnosing in the
 * same thread each get their own follow-up questions, and one cannot answer the other's. Personal chats are as usual.
 * (Whether a turn changed the state is checked as JsonCheckedConversationState does.)
 */
export class PerPersonConversationState extends JsonCheckedConversationState {
  override getStorageKey(context: TurnContext): string | undefined {
    const key = super.getStorageKey(context);
    const { conversation, from } = context.activity;
    const shared = conversation?.conversationType === 'channel' || conversation?.conversationType === 'groupChat' || conversation?.isGroup === true;
    if (!key || !shared || !from?.id) return key;
    return `${key}users/${encodeURIComponent(from.id)}/`;
  }
}
