/**
 * The ceiling for bench/load.ts and bench/coldstart.ts: a bot that only echoes the text, behind the same restify
 * server, strict body reader and CloudAdapter as the real one, so the difference measures what the bot itself costs (dialogs, classifier, state).
 * Prints {"port": n} when listening; on SIGTERM prints {"maxRssMb": n, "cpuMs": n} and exits.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import restify from 'restify';
import { jsonBody } from '../src/server/bodyReader.js';
import { MAX_BODY_BYTES } from '../src/server/createServer.js';
import { serveForBench } from './serveForBench.js';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(MessageFactory.text(context.activity.text ?? ''));
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
// The same body reading as the real server (src/server/createServer.ts).
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'ok' });
});
server.post('/api/messages', jsonBody({ maxBytes: MAX_BODY_BYTES, timeoutMs: 10_000 }), async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
serveForBench(server);
