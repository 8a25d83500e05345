import { type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { EscalationDialog } from '../../dialogs/escalationDialog.js';
import { FeedbackDialog } from '../../dialogs/feedbackDialog.js';
import { MainDialog } from '../../dialogs/mainDialog.js';
import type { AccountFactsPort, CaseLog } from '../../dialogs/ports.js';
import { TroubleshootDialog } from '../../dialogs/troubleshootDialog.js';
import { setTurnInput } from '../../dialogs/turnInput.js';
import type { EscalationField } from '../../src/knowledge/index.js';
import { CardRenderer, loadMessages, Replies } from '../../src/render/index.js';
import { Triage, type CaseFile } from '../../src/triage/index.js';
import { readTurn } from '../../src/turn/index.js';
import { fakeCatalog, fakeClassify, QUESTIONS, RULES, WORDS } from '../triage/fakes.js';

export const FIELDS: readonly EscalationField[] = [
  { id: 'description', title: 'Description', prompt: 'What is the error?' },
  { id: 'page', title: 'Page', prompt: 'Which page were you on?' },
  { id: 'license', title: 'License', prompt: 'Does the user have a license?', choices: ['Yes', 'No', "Don't know"] },
];

/** A case log in memory that remembers how every case ended. */
export class MemoryCases implements CaseLog {
  file: CaseFile | undefined;
  code: string | undefined;
  readonly outcomes: Array<{ topicId: string; outcome: string }> = [];

  async opened(_context: TurnContext, file: Omit<CaseFile, 'caseId' | 'openedAt' | 'outcome'>): Promise<void> {
    if (this.file && !this.file.outcome) this.outcomes.push({ topicId: this.file.topicId, outcome: 'abandoned' });
    this.file = { ...file, caseId: `case-${this.outcomes.length}` };
  }
  async updated(_context: TurnContext, change: Partial<CaseFile>): Promise<void> {
    if (this.file) this.file = { ...this.file, ...change };
  }
  async closed(_context: TurnContext, outcome: 'resolved' | 'escalated'): Promise<void> {
    if (!this.file || this.file.outcome) return;
    this.outcomes.push({ topicId: this.file.topicId, outcome });
    this.file = { ...this.file, outcome };
  }
  async current(): Promise<CaseFile | undefined> {
    return this.file && !this.file.outcome ? this.file : undefined;
  }
  async latest(): Promise<CaseFile | undefined> {
    return this.file;
  }
  async supportCode(): Promise<string | undefined> {
    return this.code;
  }
  async rememberSupportCode(_context: TurnContext, code: string): Promise<void> {
    this.code = code;
  }
}

export const catalog = fakeCatalog();
export const classify = fakeClassify(RULES, catalog);
export const messages = loadMessages();
const renderer = new CardRenderer();

/** The main dialog over fakes, driven by DialogTestClient; the middleware reads each turn as the bot does. */
export function startDialog(options: { facts?: AccountFactsPort; adminsListening?: boolean } = {}) {
  const triage = new Triage({ classify, catalog, questions: QUESTIONS, words: WORDS });
  const replies = new Replies(renderer, messages);
  const cases = new MemoryCases();
  const adminsListening = async (): Promise<boolean> => options.adminsListening ?? false;
  const dialog = new MainDialog(
    { triage, replies, cases },
    {
      troubleshoot: new TroubleshootDialog({ triage, replies, cases, adminsListening, facts: options.facts }),
      feedback: new FeedbackDialog({ triage, replies, cases, adminsListening }),
      escalation: new EscalationDialog({
        fields: FIELDS,
        catalog,
        triage,
        replies,
        cases,
        lookupMember: async () => ({ name: 'Ada', email: 'ada@contoso.com' }),
        adminsListening,
      }),
    },
  );
  const readEachTurn: Middleware = {
    onTurn: async (context, next) => {
      const value = context.activity.value as { action?: string; text?: string } | undefined;
      const text = value?.action === 'reply' && typeof value.text === 'string' ? value.text : (context.activity.text ?? '');
      setTurnInput(context, readTurn(text, { classify, words: WORDS }));
      await next();
    },
  };
  const client = new DialogTestClient('msteams', dialog, undefined, [readEachTurn]);
  /** Sends a message and returns every reply of the turn. */
  async function send(activity: string | Partial<Activity>): Promise<Array<Partial<Activity>>> {
    const first = (await client.sendActivity(activity)) as Partial<Activity> | undefined;
    const replies: Array<Partial<Activity>> = first ? [first] : [];
    for (let next = client.getNextReply() as Partial<Activity> | undefined; next; next = client.getNextReply() as Partial<Activity> | undefined)
      replies.push(next);
    return replies;
  }
  return { send, cases, client };
}
