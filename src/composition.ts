import { UserState, type Storage } from 'botbuilder';
import { EscalationDialog } from '../dialogs/escalationDialog.js';
import { FeedbackDialog } from '../dialogs/feedbackDialog.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import type { AdminsListening, MemberLookup } from '../dialogs/ports.js';
import { TroubleshootDialog } from '../dialogs/troubleshootDialog.js';
import { AccountChecks } from './bot/accountChecks.js';
import { AdminCommands, type ProactiveDeps } from './bot/adminCommands.js';
import { CaseOutcomes } from './bot/caseOutcomes.js';
import { ConversationCases } from './bot/conversationCases.js';
import { lookupTeamsMember } from './bot/memberLookup.js';
import { SsprBot } from './bot/ssprBot.js';
import { PerPersonConversationState } from './bot/threadState.js';
import type { AccountFactsSource } from './graph/accountFacts.js';
import { loadCatalog, loadEscalationFields, loadQuestions, type Catalog } from './knowledge/index.js';
import { Classifier } from './nlu/index.js';
import { Notifier, type ProactiveAdapter } from './proactive/notifier.js';
import { SendQueue, type SendQueueOptions } from './proactive/sendQueue.js';
import { SubscriptionStore } from './proactive/subscriptions.js';
import { TopicStats } from './proactive/topicStats.js';
import { CardRenderer, loadMessages, loadWords, Replies, type Messages } from './render/index.js';
import { Triage, type CaseFile, type TriagePolicy } from './triage/index.js';
import type { TurnReader } from './turn/index.js';

export type { ProactiveDeps } from './bot/adminCommands.js';

export interface BotComponents {
  readonly bot: SsprBot;
  readonly catalog: Catalog;
  readonly classifier: Classifier;
  readonly messages: Messages;
  readonly proactive?: ProactiveDeps;
  readonly stats: TopicStats;
  /** How cases end (resolved / escalated / abandoned), per topic: the deflection rate. */
  readonly outcomes: CaseOutcomes;
}

export interface CreateBotOptions {
  readonly lookupMember?: MemberLookup;
  /** Live account facts (Microsoft Graph); absent when Graph is not configured: then nothing is looked up. */
  readonly accountFacts?: AccountFactsSource;
  /** Overrides of the decision module's thresholds. */
  readonly policy?: Partial<TriagePolicy>;
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
  const words = loadWords();
  const replies = new Replies(renderer, messages);
  const conversationState = new PerPersonConversationState(storage);
  const userState = new UserState(storage);
  const caseFile = conversationState.createProperty<CaseFile>('caseFile');
  const stats = new TopicStats(storage);
  const outcomes = new CaseOutcomes(storage);
  const lookupMember = options.lookupMember ?? lookupTeamsMember;

  let proactive: ProactiveDeps | undefined;
  if (options.proactive) {
    const { adapter, botAppId, adminUserIds, queue, windowMs, onError } = options.proactive;
    const subscriptions = new SubscriptionStore(storage);
    const notifier = new Notifier({
      storage,
      subscriptions,
      queue: new SendQueue(queue),
      adapter,
      botAppId,
      renderer,
      catalog,
      texts: messages.notifications,
      windowMs,
      onError,
    });
    proactive = { subscriptions, notifier, adminUserIds };
  }
  const adminsListening: AdminsListening = async () => (proactive ? proactive.subscriptions.anyoneListening() : false);

  const triage = new Triage({ classify: (text) => classifier.classify(text), catalog, questions: loadQuestions(), words }, options.policy);
  const cases = new ConversationCases({
    caseFile,
    supportCode: conversationState.createProperty<string>('supportCode'),
    outcomes,
    recordAnswer: (ids) => stats.record(ids),
  });
  const account = new AccountChecks({
    source: options.accountFacts,
    replies,
    catalog,
    noticeSaid: conversationState.createProperty<boolean>('accountNoticeSaid'),
  });
  const dialog = new MainDialog(
    { triage, replies, cases },
    {
      troubleshoot: new TroubleshootDialog({ triage, replies, cases, adminsListening, facts: options.accountFacts ? account.port : undefined }),
      feedback: new FeedbackDialog({ triage, replies, cases, adminsListening }),
      escalation: new EscalationDialog({ fields: loadEscalationFields(), catalog, triage, replies, cases, lookupMember, adminsListening }),
    },
  );
  const reader: TurnReader = { classify: (text) => classifier.classify(text), words };
  const bot = new SsprBot({
    conversationState,
    userState,
    dialog,
    reader,
    replies,
    catalog,
    commands: new AdminCommands({ replies, cases, lookupMember, proactive }),
    adminsListening,
    extension: { catalog, classifier, renderer, texts: { ...messages.extension, nothingStandsOut: messages.accountCheck.nothingStandsOut } },
    account,
  });
  return { bot, catalog, classifier, messages, proactive, stats, outcomes };
}
