/**
 * `npm run chat`: talk to the bot in the terminal. Same bot and dialogs as in Teams; cards are shown as text and
 * their buttons as numbered choices (type the number, or just type).
 *
 * `npm run chat -- --graph-stub [--graph-user notRegistered]`: with live account facts from a local Microsoft Graph
 * stub (test/helpers/graphStub.ts) instead of a tenant, as one of its users ("agent" may check someone else).
 */
import '../quietDotenv.js';
import dotenv from 'dotenv';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../config.js';
import { createBot } from '../composition.js';
import type { AccountFactsSource } from '../graph/accountFacts.js';
import { createLogger } from '../logger.js';
import { closeStorage, createStorage } from '../storage/index.js';
import { cardToText, type ConsoleChoice } from './cardText.js';
import { ConsoleAdapter } from './consoleAdapter.js';

dotenv.config({ quiet: true });

const { values: args } = parseArgs({ options: { 'graph-stub': { type: 'boolean' }, 'graph-user': { type: 'string' } }, strict: true });
const config = loadConfig(process.env);
const storage = createStorage({ storageDir: config.storageDir });
const graph = args['graph-stub'] ? await startStubGraph(args['graph-user'] ?? 'notRegistered') : undefined;
const { bot, outcomes, stats } = createBot(storage, { lookupMember: async () => ({ name: 'You' }), accountFacts: graph?.accountFacts });
const conversationId = `console-${Date.now()}`;

/** The local Graph stub and account facts from it, as the stub user `name`; the stub only serves this process. */
async function startStubGraph(name: string): Promise<{ accountFacts: AccountFactsSource; userId: string; close: () => Promise<void> }> {
  const { startGraphStub, STUB_USERS, AGENT_GROUP_ID } = await import('../../test/helpers/graphStub.js');
  const { createAccountFacts } = await import('../graph/index.js');
  const users: Readonly<Record<string, { readonly id: string }>> = STUB_USERS;
  const user = users[name];
  if (!user) {
    process.stderr.write(`--graph-user must be one of: ${Object.keys(STUB_USERS).join(', ')}\n`);
    process.exit(2);
  }
  const stub = await startGraphStub();
  const logger = createLogger({ level: 'warn', logPii: false });
  const accountFacts = createAccountFacts({ settings: stub.settings, fetch: stub.fetch, agentGroupId: AGENT_GROUP_ID, logger });
  process.stdout.write(`Account facts from a local Graph stub, as its "${name}" user (try "check alex@contoso.com" as "agent").\n`);
  return { accountFacts, userId: user.id, close: stub.close };
}
let choices: ConsoleChoice[] = [];

function show(activity: Partial<Activity>): void {
  const out: string[] = [];
  if (activity.text) out.push(activity.text);
  for (const attachment of activity.attachments ?? []) {
    const card = cardToText(attachment.content);
    out.push(...card.lines);
    for (const choice of card.choices) {
      if (choice.url) {
        out.push(`     ${choice.label}: ${choice.url}`);
        continue;
      }
      choices.push(choice);
      out.push(`  [${choices.length}] ${choice.label}`);
    }
  }
  if (out.length) process.stdout.write(`\nbot> ${out.join('\n     ')}\n`);
}

const adapter = new ConsoleAdapter(show, {
  channelId: 'console',
  serviceUrl: 'http://localhost',
  conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: 'console' },
  bot: { id: 'sspr-bot', name: 'Password help' },
  user: { id: 'console-user', name: 'You', ...(graph && { aadObjectId: graph.userId }) },
});
const run = (partial: Partial<Activity>): Promise<void> => adapter.receive(partial, (context) => bot.run(context));

async function main(): Promise<void> {
  const input = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  process.stdout.write('Password reset helper. Type your problem, a number to pick a choice, or "quit".\n');
  await run({ type: 'conversationUpdate', membersAdded: [{ id: 'sspr-bot', name: 'Password help' }] });
  for await (const line of input) {
    const text = line.trim();
    if (text === 'quit' || text === 'exit') break;
    const picked = /^\d+$/.test(text) ? choices[Number(text) - 1] : undefined;
    choices = [];
    if (picked?.value) await run({ type: 'message', value: picked.value, text: '' });
    else await run({ type: 'message', text: picked?.text ?? text });
    if (process.stdin.isTTY) process.stdout.write('\nyou> ');
  }
  input.close();
  // The session's answers and case outcomes count like any other (the admin section of the tab shows them).
  await outcomes.initialize();
  await Promise.all([outcomes.flush(), stats.flush()]);
  await closeStorage(storage);
  await graph?.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`chat failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
