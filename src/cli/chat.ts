/**
 * `npm run chat`: talk to the bot in the terminal. Same bot and dialogs as in Teams; cards are shown as text and
 * their buttons as numbered choices (type the number, or just type).
 */
import '../quietDotenv.js';
import dotenv from 'dotenv';
import { createInterface } from 'node:readline/promises';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../config.js';
import { createBot } from '../composition.js';
import { closeStorage, createStorage } from '../storage/index.js';
import { cardToText, type ConsoleChoice } from './cardText.js';
import { ConsoleAdapter } from './consoleAdapter.js';

dotenv.config({ quiet: true });

const config = loadConfig(process.env);
const storage = createStorage({ storageDir: config.storageDir });
const { bot, outcomes, stats } = createBot(storage, { lookupMember: async () => ({ name: 'You' }) });
const conversationId = `console-${Date.now()}`;
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
  user: { id: 'console-user', name: 'You' },
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
}

main().catch((error: unknown) => {
  process.stderr.write(`chat failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
