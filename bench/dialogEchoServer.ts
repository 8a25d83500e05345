/**
 * The framework floor for bench/load.ts: the echo bot made stateful the way every botbuilder-dialogs bot is. It keeps
 * conversation state in the embedded SQLite store and runs a component dialog whose waterfall prompts, echoes the
 * reply and starts over, on the same restify server, body reader and CloudAdapter. What the real bot costs beyond this is
 * its own work (reading the message, deciding, rendering cards); what this costs beyond the echo bot is botbuilder's
 * state and dialog machinery, which any bot on this stack pays.
 * Prints {"port": n} when listening; on SIGTERM prints {"maxRssMb": n, "cpuMs": n} and exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import restify from 'restify';
import { jsonBody } from '../src/server/bodyReader.js';
import { MAX_BODY_BYTES } from '../src/server/createServer.js';
import { createStorage } from '../src/storage/index.js';
import { serveForBench } from './serveForBench.js';

class EchoDialog extends ComponentDialog {
  constructor() {
    super('echo');
    this.addDialog(new TextPrompt('text'));
    this.addDialog(
      new WaterfallDialog('loop', [
        // A prompt that sends nothing, so a turn sends one message, as the echo bot's does.
        async (step) => step.prompt('text', {}),
        async (step) => {
          await step.context.sendActivity(MessageFactory.text(String(step.result)));
          return step.replaceDialog('loop');
        },
      ]),
    );
    this.initialDialogId = 'loop';
  }
}

const dir = mkdtempSync(join(tmpdir(), 'sspr-floor-'));
const conversationState = new ConversationState(createStorage({ storageDir: dir }));
const dialogState = conversationState.createProperty<DialogState>('dialogState');
const dialogs = new DialogSet(dialogState).add(new EchoDialog());

class DialogEchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('echo');
      await next();
    });
  }

  override async run(context: Parameters<ActivityHandler['run']>[0]): Promise<void> {
    await super.run(context);
    await conversationState.saveChanges(context, false);
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new DialogEchoBot();
const server = restify.createServer({ name: 'dialog-echo-bot', handleUncaughtExceptions: false });
server.post('/api/messages', jsonBody({ maxBytes: MAX_BODY_BYTES, timeoutMs: 10_000 }), async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
serveForBench(server, () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
