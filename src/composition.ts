import { ConversationState, UserState, type Storage } from 'botbuilder';
import type { DialogDeps, MemberLookup } from '../dialogs/deps.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import { SsprBot } from './bot/ssprBot.js';
import { lookupTeamsMember } from './bot/memberLookup.js';
import { loadCatalog, loadEscalationFields, loadQuestions } from './knowledge/index.js';
import { Classifier } from './nlu/index.js';
import { CardRenderer, loadMessages } from './render/index.js';

export interface BotComponents {
  readonly bot: SsprBot;
  readonly dialogDeps: DialogDeps;
  readonly conversationState: ConversationState;
  readonly userState: UserState;
}

/** Builds the bot and everything it needs over a Storage; shared by the server, the console chat and tests. */
export function createBot(storage: Storage, options: { lookupMember?: MemberLookup } = {}): BotComponents {
  const catalog = loadCatalog();
  const dialogDeps: DialogDeps = {
    catalog,
    classifier: new Classifier(catalog),
    questions: loadQuestions(),
    escalationFields: loadEscalationFields(),
    renderer: new CardRenderer(),
    messages: loadMessages(),
    lookupMember: options.lookupMember ?? lookupTeamsMember,
  };
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const bot = new SsprBot({ conversationState, userState, dialog: new MainDialog(dialogDeps), dialogDeps });
  return { bot, dialogDeps, conversationState, userState };
}
