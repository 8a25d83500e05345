/**
 * One monitoring notification to 1,000 subscribed conversations through a stub Bot Connector that throttles like
 * Teams: per conversation 7 messages a second and 60 in 30 s, per bot 50 requests a second, and 429 with
 * Retry-After past either. Reports the time, the send rate and the 429s received.
 * Usage: npm run bench:fanout [-- --subscribers 1000]
 */
import '../src/quietDotenv.js';
import { performance } from 'node:perf_hooks';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MemoryStorage } from 'botbuilder';
import { createBot } from '../src/composition.js';
import { SlidingWindowLimiter } from '../src/proactive/rateLimiter.js';
import { topicForEvent } from '../src/server/notifyRoute.js';
import { startConnectorStub, type ConnectorCall } from '../test/helpers/connectorStub.js';

const at = process.argv.indexOf('--subscribers');
const subscribers = at >= 0 ? Number(process.argv[at + 1]) : 1000;

// Teams' documented limits, enforced exactly (no headroom) by the stub.
const teamsGlobal = new SlidingWindowLimiter([{ limit: 50, windowMs: 1000 }]);
const teamsPerConversation = new Map<string, SlidingWindowLimiter>();
let throttled = 0;
const delivered = new Map<string, number>();
const responder = (call: ConnectorCall) => {
  const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(call.path);
  if (call.method !== 'POST' || !match) return undefined;
  const conversation = decodeURIComponent(match[1]!);
  const now = Date.now();
  let perConversation = teamsPerConversation.get(conversation);
  if (!perConversation) {
    perConversation = new SlidingWindowLimiter([
      { limit: 7, windowMs: 1000 },
      { limit: 60, windowMs: 30_000 },
    ]);
    teamsPerConversation.set(conversation, perConversation);
  }
  const wait = Math.max(teamsGlobal.nextSlot(now), perConversation.nextSlot(now)) - now;
  if (wait > 0) {
    throttled++;
    return { status: 429, headers: { 'Retry-After': String(Math.ceil(wait / 1000)) }, body: { error: { code: 'Throttled' } } };
  }
  teamsGlobal.record(now);
  perConversation.record(now);
  delivered.set(conversation, (delivered.get(conversation) ?? 0) + 1);
  return undefined;
};

const stub = await startConnectorStub(responder);
const storage = new MemoryStorage();
const { proactive, catalog } = createBot(storage, {
  proactive: { adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), botAppId: '', adminUserIds: new Set() },
});
const notifier = proactive!.notifier;
await notifier.initialize();
// The subscriber list, written at once (subscribing 1,000 admins one by one is not what is measured here).
const list: Record<string, unknown> = {};
for (let i = 0; i < subscribers; i++) {
  const id = `a:subscriber-${i}`;
  list[id] = { id, reference: { serviceUrl: stub.url, channelId: 'msteams', conversation: { id, conversationType: 'personal', isGroup: false, name: '' }, bot: { id: 'bot', name: 'bot' } }, subscribedBy: { id: 'admin' }, at: new Date().toISOString() };
}
await storage.write({ 'proactive/subscriptions': { subscriptions: list, eTag: '*' } });

const started = performance.now();
const result = await notifier.notifyEvent({ eventId: 32002, host: 'AADC01', message: 'Error Connecting to ServiceBus' }, topicForEvent(catalog, 32002)!);
await notifier.idle();
const seconds = (performance.now() - started) / 1000;
await stub.close();

const once = [...delivered.values()].filter((n) => n === 1).length;
const twice = [...delivered.values()].filter((n) => n > 1).length;
console.log(`| fan-out to ${result.subscribers} conversations | value |`);
console.log('|---|---|');
console.log(`| delivered exactly once | ${once} (more than once: ${twice}; missing: ${result.subscribers - delivered.size}) |`);
console.log(`| time | ${seconds.toFixed(1)} s (floor at 50/s: ${(result.subscribers / 50).toFixed(1)} s) |`);
console.log(`| send rate | ${(delivered.size / seconds).toFixed(1)} messages/s |`);
console.log(`| 429s received | ${throttled} |`);
console.log(`| failures recorded | ${(await notifier.failures()).length} |`);
