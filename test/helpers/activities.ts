import { randomUUID } from 'node:crypto';

export interface TeamsMessageOptions {
  readonly text?: string;
  readonly value?: unknown;
  readonly serviceUrl: string;
  readonly conversationId?: string;
  readonly conversationType?: 'personal' | 'channel' | 'groupChat';
  readonly userId?: string;
  readonly mentionBot?: boolean;
  readonly replyToId?: string;
  /** Defaults to one derived from userId, so different users are different people. */
  readonly aadObjectId?: string;
}

export const BOT = { id: '28:sspr-bot', name: 'Password bot' };

/** A Teams-shaped message activity as the Bot Connector would post it to /api/messages. */
export function teamsMessage(options: TeamsMessageOptions): Record<string, unknown> {
  const { serviceUrl, conversationType = 'personal', userId = '29:user-1', mentionBot = false } = options;
  const conversationId = options.conversationId ?? (conversationType === 'channel' ? '19:channel@thread.tacv2;messageid=1' : `a:${userId}`);
  const mention = `<at>${BOT.name}</at>`;
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    localTimezone: 'America/Los_Angeles',
    serviceUrl,
    channelId: 'msteams',
    from: { id: userId, name: 'Ada Lovelace', aadObjectId: options.aadObjectId ?? `aad-${userId}` },
    conversation: { id: conversationId, conversationType, tenantId: 'tenant-1', isGroup: conversationType !== 'personal' },
    recipient: BOT,
    text: mentionBot ? `${mention} ${options.text ?? ''}` : options.text,
    value: options.value,
    textFormat: 'plain',
    locale: 'en-US',
    entities: mentionBot ? [{ type: 'mention', text: mention, mentioned: BOT }] : [],
    channelData: { tenant: { id: 'tenant-1' } },
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
  };
}
