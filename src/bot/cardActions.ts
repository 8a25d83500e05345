import type { CardAction } from '../render/cardData.js';

const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Button texts are short; anything longer was not written by our cards. */
const MAX_REPLY_CHARS = 500;

/** Validates a card submit's data; anything malformed or forged is undefined (the bot then says the button is stale). */
export function parseCardAction(value: unknown): CardAction | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.action === 'reply') {
    return typeof v.text === 'string' && v.text.trim() !== '' && v.text.length <= MAX_REPLY_CHARS ? { action: 'reply', text: v.text } : undefined;
  }
  if (typeof v.topicId !== 'string' || v.topicId.length > 100 || !TOPIC_ID.test(v.topicId)) return undefined;
  switch (v.action) {
    case 'switchView':
      return v.view === 'user' || v.view === 'admin' ? { action: 'switchView', topicId: v.topicId, view: v.view } : undefined;
    case 'feedback':
      return typeof v.fixed === 'boolean' ? { action: 'feedback', topicId: v.topicId, fixed: v.fixed } : undefined;
    case 'escalate':
      return { action: 'escalate', topicId: v.topicId };
    case 'notifyAdmin':
      return { action: 'notifyAdmin', topicId: v.topicId };
    default:
      return undefined;
  }
}
