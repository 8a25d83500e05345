import type { View } from '../render/cardData.js';
import type { Classification } from '../nlu/index.js';
import type { Topic } from '../knowledge/types.js';

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

// Wording only an admin or an agent uses about someone else's account or about the infrastructure.
const ADMIN_WORDING =
  /\b(?:my|our|the|a|several|some|many|all|multiple)\s+users?\b|\buser\s+(?:says|reports|gets|got|is|cant|can't|cannot)\b|\bcaller\b|\bpowershell\b|\btenant\b|\b(?:azure\s*ad|aad|entra|ad)\s*-?\s*connect\b|\baadconnect\b|\bwriteback\b|\bevent\s*(?:id\s*)?\d{4,5}\b|\bhr=|\b0x[0-9a-f]{8}\b|\bevent\s*viewer\b/i;

/**
 * The view an answer is written for. In a channel or group chat the reader is a helpdesk agent; in a personal chat
 * an end user, unless the message is clearly an admin's.
 */
export function chooseView(text: string, classification: Classification, kind: ConversationKind, topic?: Topic): View {
  if (kind !== 'personal') return 'admin';
  if (ADMIN_WORDING.test(text)) return 'admin';
  if (classification.codes.some((c) => c.type === 'event' || c.type === 'hresult')) return 'admin';
  if (topic && topic.audience === 'admin' && !topic.facets.stage.some((s) => s === 'resetting' || s === 'registering' || s === 'changing' || s === 'unlocking')) {
    return 'admin';
  }
  return 'user';
}
