import { UserState, type Storage } from 'botbuilder';
import type { CaseFile, DialogDeps, MemberLookup } from '../dialogs/deps.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import { SsprBot, type ProactiveDeps } from './bot/ssprBot.js';
import { lookupTeamsMember } from './bot/memberLookup.js';
import { PerPersonConversationState } from './bot/threadState.js';
import { loadCatalog, loadEscalationFields, loadQuestions, type Catalog } from './knowledge/index.js';
import { Classifier } from './nlu/index.js';
import { Notifier, type ProactiveAdapter } from './proactive/notifier.js';
import { SendQueue, type SendQueueOptions } from './proactive/sendQueue.js';
import { SubscriptionStore } from './proactive/subscriptions.js';
import { TopicStats } from './proactive/topicStats.js';
import { CardRenderer, loadMessages } from './render/index.js';

export interface BotComponents {
  readonly bot: SsprBot;
  readonly catalog: Catalog;
  readonly classifier: Classifier;
  readonly dialogDeps: DialogDeps;
  readonly proactive?: ProactiveDeps;
  readonly stats: TopicStats;
}

export interface CreateBotOptions {
  readonly lookupMember?: MemberLookup;
  /** With an adapter the bot can notify admins (subscribe, "Notify my admin", /api/notify). */
  readonly proactive?: {
    readonly adapter: ProactiveAdapter;
    readonly botAppId: string;
    readonly adminUserIds: ReadonlySet<string>;
    readonly queue?: SendQueueOptions;
    readonly windowMs?: number;
    readonly onError?: (error: unknown) => void;
  };
}

/** Builds the bot and everything it needs over a Storage; shared by the server, the console chat and tests. */
export function createBot(storage: Storage, options: CreateBotOptions = {}): BotComponents {
  const catalog = loadCatalog();
  const classifier = new Classifier(catalog);
  const renderer = new CardRenderer();
  const messages = loadMessages();
  const conversationState = new PerPersonConversationState(storage);
  const userState = new UserState(storage);
  const caseFile = conversationState.createProperty<CaseFile>('caseFile');
  const supportCode = conversationState.createProperty<string>('supportCode');
  const stats = new TopicStats(storage);

  let proactive: ProactiveDeps | undefined;
  if (options.proactive) {
    const { adapter, botAppId, adminUserIds, queue, windowMs, onError } = options.proactive;
    const subscriptions = new SubscriptionStore(storage);
    const notifier = new Notifier({ storage, subscriptions, queue: new SendQueue(queue), adapter, botAppId, renderer, catalog, texts: messages.notifications, windowMs, onError });
    proactive = { subscriptions, notifier, adminUserIds };
  }

  const dialogDeps: DialogDeps = {
    catalog,
    classifier,
    questions: loadQuestions(),
    escalationFields: loadEscalationFields(),
    renderer,
    messages,
    lookupMember: options.lookupMember ?? lookupTeamsMember,
    caseFile,
    supportCode,
    recordAnswer: (ids) => stats.record(ids),
    canNotifyAdmin: proactive ? async () => (await proactive.subscriptions.list()).length > 0 : undefined,
  };
  const bot = new SsprBot({ conversationState, userState, dialog: new MainDialog(dialogDeps), dialogDeps, caseFile, proactive });
  return { bot, catalog, classifier, dialogDeps, proactive, stats };
}
