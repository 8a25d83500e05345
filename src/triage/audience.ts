import type { View } from '../render/cardData.js';
import type { Classification } from '../nlu/index.js';
import type { Topic } from '../knowledge/types.js';
import { wordsOf, foldText, type ConversationWords } from '../turn/index.js';

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/** Who reads the answer: the person with the problem, or an agent (helpdesk, admin) working on someone else's. */
export type Reader = 'person' | 'agent';

// Wording only an admin or an agent uses about someone else's account or about the infrastructure.
const ADMIN_WORDING =
  /\b(?:my|our|the|a|several|some|many|all|multiple)\s+users?\b|\buser\s+(?:says|reports|gets|got|is|cant|can't|cannot)\b|\bcaller\b|\bpowershell\b|\btenant\b|\b(?:azure\s*ad|aad|entra|ad)\s*-?\s*connect\b|\baadconnect\b|\bwriteback\b|\bevent\s*(?:id\s*)?\d{4,5}\b|\bhr=|\b0x[0-9a-f]{8}\b|\bevent\s*viewer\b/i;

export function conversationKind(type: string | undefined): ConversationKind {
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

/** In a channel or group chat the reader is an agent; in a personal chat, whoever describes someone else's problem. */
export function readerOf(kind: ConversationKind, texts: readonly string[], words: ConversationWords): Reader {
  if (kind !== 'personal') return 'agent';
  const third = new Set(words.thirdPerson.map(foldText));
  return texts.some((t) => ADMIN_WORDING.test(t) || wordsOf(t).some((w) => third.has(w))) ? 'agent' : 'person';
}

/**
 * The view an answer is written for. In a channel or group chat the reader is a helpdesk agent; in a personal chat
 * an end user, unless the message is clearly an admin's.
 */
export function chooseView(text: string, classification: Classification, kind: ConversationKind, topic?: Topic): View {
  if (kind !== 'personal') return 'admin';
  if (ADMIN_WORDING.test(text)) return 'admin';
  if (classification.codes.some((c) => c.type === 'event' || c.type === 'hresult')) return 'admin';
  if (
    topic &&
    topic.audience === 'admin' &&
    !topic.facets.stage.some((s) => s === 'resetting' || s === 'registering' || s === 'changing' || s === 'unlocking')
  ) {
    return 'admin';
  }
  return 'user';
}
