import { MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { createBot, type BotComponents } from '../../src/composition.js';

export type Reply = Partial<Activity>;

export interface ChatOptions {
  readonly conversationType?: 'personal' | 'channel' | 'groupChat';
  readonly storage?: Storage;
}

/** A bot on a TestAdapter (MemoryStorage unless given one), driven one message at a time. */
export function startChat(options: ChatOptions = {}) {
  const storage = options.storage ?? new MemoryStorage();
  const components: BotComponents = createBot(storage, { lookupMember: async () => ({ name: 'Ada Lovelace', email: 'ada@contoso.com' }) });
  const conversationType = options.conversationType ?? 'personal';
  const adapter = new TestAdapter((context) => components.bot.run(context), {
    channelId: 'msteams',
    conversation: { id: `conv-${conversationType}`, isGroup: conversationType !== 'personal', conversationType, name: 'test' },
    localTimezone: 'Europe/Paris',
  });

  async function send(activity: string | Partial<Activity>): Promise<Reply[]> {
    const partial = typeof activity === 'string' ? { type: 'message', text: activity } : activity;
    await adapter.receiveActivity({ ...partial, conversation: { ...adapter.conversation.conversation, conversationType } } as Partial<Activity>);
    return adapter.activeQueue.splice(0);
  }
  return { send, storage, components, adapter };
}

export function cardsOf(replies: readonly Reply[]): Array<Record<string, unknown>> {
  return replies.flatMap((r) => (r.attachments ?? []).map((a) => a.content as Record<string, unknown>));
}

/** Every topicId a reply's cards carry in their actions: which resolution cards were sent. */
export function topicIdsOf(replies: readonly Reply[]): string[] {
  const ids = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (k === 'topicId' && typeof v === 'string') ids.add(v);
        else walk(v);
      }
    }
  };
  walk(cardsOf(replies));
  return [...ids];
}

/** All text a person would read in the replies (message text and card JSON). */
export function textOf(replies: readonly Reply[]): string {
  return replies.map((r) => `${r.text ?? ''} ${JSON.stringify(r.attachments ?? [])}`).join('\n');
}

/** The button titles of the replies' cards. */
export function buttonsOf(replies: readonly Reply[]): string[] {
  const titles: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') titles.push(o.title);
      Object.values(o).forEach(walk);
    }
  };
  walk(cardsOf(replies));
  return titles;
}
