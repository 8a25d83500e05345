import { MemoryStorage } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpBot } from '../helpers/httpBot.js';

const ADMIN = '29:admin-1';
const ADMIN_AAD = 'aaaaaaaa-0000-0000-0000-000000000001';
const KEY = 'a-long-enough-notify-key-0123456789';

type Bot = Awaited<ReturnType<typeof startHttpBot>>;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const textOf = (bodies: Array<Record<string, unknown>>): string => bodies.map((b) => JSON.stringify(b)).join('\n');
const postsTo = (b: Bot, conversationId: string) =>
  b.stub.sent().filter((c) => decodeURIComponent(c.path).includes(`/v3/conversations/${conversationId}/activities`));
const updatesTo = (b: Bot, conversationId: string) =>
  b.stub.calls.filter((c) => c.method === 'PUT' && decodeURIComponent(c.path).includes(`/v3/conversations/${conversationId}/activities/`));

async function subscribeAdmins(b: Bot, conversations: string[]): Promise<void> {
  for (const conversationId of conversations) {
    const replies = await b.say({ text: 'subscribe', userId: ADMIN, conversationId });
    expect(textOf(replies)).toMatch(/post password reset notifications/);
  }
}

describe('admin notifications over HTTP', () => {
  it('lets a listed admin subscribe and refuses anyone else', async () => {
    bot = await startHttpBot({ adminUserIds: new Set([ADMIN]) });
    await subscribeAdmins(bot, ['a:admin-chat']);
    expect(textOf(await bot.say({ text: 'subscribe', userId: '29:someone-else', conversationId: 'a:other' }))).toMatch(/only the admins/);
    expect(await bot.app.proactive!.subscriptions.list()).toHaveLength(1);
    expect(textOf(await bot.say({ text: 'unsubscribe', userId: ADMIN, conversationId: 'a:admin-chat' }))).toMatch(/no more notifications/);
    expect(await bot.app.proactive!.subscriptions.list()).toHaveLength(0);
  });

  it('accepts an admin listed by AAD object id, in a channel when mentioned', async () => {
    bot = await startHttpBot({ adminUserIds: new Set(['00000000-0000-0000-0000-000000000001']) });
    const replies = await bot.say({
      text: 'subscribe',
      userId: '29:anyone',
      aadObjectId: '00000000-0000-0000-0000-000000000001',
      conversationType: 'channel',
      mentionBot: true,
    });
    expect(textOf(replies)).toMatch(/post password reset notifications/);
  });

  it('offers "Notify my admin" and delivers the user\'s details to every subscriber', async () => {
    bot = await startHttpBot({
      adminUserIds: new Set([ADMIN]),
      responder: (call) =>
        call.method === 'GET' && call.path.includes('/members/')
          ? {
              status: 200,
              body: { id: '29:user-7', name: 'Adele Vance', email: 'adele@contoso.com', userPrincipalName: 'adele@contoso.com', aadObjectId: ADMIN_AAD },
            }
          : undefined,
    });
    await subscribeAdmins(bot, ['a:admin-chat-1', 'a:admin-chat-2']);
    const answer = await bot.say({ text: 'I get SSPR_0012 when I reset', userId: '29:user-7', conversationId: 'a:user-7' });
    expect(textOf(answer)).toContain('Notify my admin');
    const confirmation = await bot.say({ value: { action: 'notifyAdmin', topicId: 'sspr-0012' }, userId: '29:user-7', conversationId: 'a:user-7' });
    expect(textOf(confirmation)).toMatch(/told your admins \(2\)/);
    await bot.app.proactive!.notifier.idle();
    for (const conversation of ['a:admin-chat-1', 'a:admin-chat-2']) {
      const alerts = postsTo(bot, conversation).filter((c) => JSON.stringify(c.body).includes('A user needs an admin'));
      expect(alerts).toHaveLength(1);
      const card = JSON.stringify(alerts[0]!.body);
      expect(card).toContain('Adele Vance');
      expect(card).toContain('adele@contoso.com');
      expect(card).toContain('SSPR_0012');
      expect(card).toContain('America/Los_Angeles');
    }
  });

  it('turns 50 users hitting SSPR_0012 within the window into one alert updated in place', async () => {
    bot = await startHttpBot({ adminUserIds: new Set([ADMIN]) });
    await subscribeAdmins(bot, ['a:admin-chat']);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        bot!.say({ value: { action: 'notifyAdmin', topicId: 'sspr-0012' }, userId: `29:user-${i}`, conversationId: `a:user-${i}` }),
      ),
    );
    await bot.app.proactive!.notifier.idle();
    const alerts = postsTo(bot, 'a:admin-chat').filter((c) => JSON.stringify(c.body).includes('needs an admin'));
    expect(alerts).toHaveLength(1);
    const updates = updatesTo(bot, 'a:admin-chat');
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThan(50);
    expect(JSON.stringify(updates.at(-1)!.body)).toContain('50 users hit SSPR_0012 in the last hour');
  });

  it('guards /api/notify with the bearer key and validates the event', async () => {
    bot = await startHttpBot({ adminUserIds: new Set([ADMIN]), notifyApiKey: KEY });
    const event = { eventId: 32002, source: 'PasswordResetService', host: 'AADC01', message: 'Error Connecting to ServiceBus', time: '2026-11-30T09:00:00Z' };
    expect((await bot.post('/api/notify', event)).status).toBe(401);
    expect((await bot.post('/api/notify', event, { authorization: 'Bearer wrong-key-wrong-key-wrong' })).status).toBe(401);
    expect((await bot.post('/api/notify', '{"eventId": ', { authorization: `Bearer ${KEY}` })).status).toBe(400);
    expect((await bot.post('/api/notify', { eventId: 'abc' }, { authorization: `Bearer ${KEY}` })).status).toBe(400);
    expect((await bot.post('/api/notify', { eventId: 12345 }, { authorization: `Bearer ${KEY}` })).status).toBe(422);
  });

  it('tells every subscriber about a monitoring event, with its explanation and fix', async () => {
    bot = await startHttpBot({ adminUserIds: new Set([ADMIN]), notifyApiKey: KEY });
    await subscribeAdmins(bot, ['a:admin-chat-1', '19:ops@thread.tacv2']);
    const response = await bot.post(
      '/api/notify',
      { eventId: 32002, source: 'PasswordResetService', host: 'AADC01', message: 'Error Connecting to ServiceBus' },
      { authorization: `Bearer ${KEY}` },
    );
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ topicId: 'event-32002', subscribers: 2 });
    await bot.app.proactive!.notifier.idle();
    for (const conversation of ['a:admin-chat-1', '19:ops@thread.tacv2']) {
      const alerts = postsTo(bot, conversation).filter((c) => JSON.stringify(c.body).includes('event 32002 on AADC01'));
      expect(alerts).toHaveLength(1);
      expect(JSON.stringify(alerts[0]!.body)).toContain('ServiceBus');
    }
  });

  it('answers 503 on /api/notify when no key is configured', async () => {
    bot = await startHttpBot({});
    expect((await bot.post('/api/notify', { eventId: 32002 }, { authorization: 'Bearer anything-at-all-here' })).status).toBe(503);
  });

  it('answers 503 with Retry-After, not 202, when the event cannot be stored, and sends nothing', async () => {
    const storage = new MemoryStorage();
    let storeFails = false;
    const write = storage.write.bind(storage);
    storage.write = async (changes) => {
      if (storeFails && Object.keys(changes).some((k) => k.startsWith('proactive/'))) throw new Error('disk I/O error');
      await write(changes);
    };
    bot = await startHttpBot({ adminUserIds: new Set([ADMIN]), notifyApiKey: KEY, storage });
    await subscribeAdmins(bot, ['a:admin-chat']);
    storeFails = true;
    const response = await bot.post('/api/notify', { eventId: 32002, host: 'AADC01' }, { authorization: `Bearer ${KEY}` });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.text()).not.toContain('disk I/O');
    storeFails = false;
    await bot.app.proactive!.notifier.idle();
    expect(postsTo(bot, 'a:admin-chat').filter((c) => JSON.stringify(c.body).includes('event 32002'))).toHaveLength(0);
  });

  it('retries a connector answering 429 with Retry-After twice, then delivers exactly once', async () => {
    let throttled = 0;
    bot = await startHttpBot({
      adminUserIds: new Set([ADMIN]),
      notifyApiKey: KEY,
      sendQueue: { baseBackoffMs: 10 },
      responder: (call) => {
        const alert = call.method === 'POST' && JSON.stringify(call.body).includes('event 33004');
        if (alert && throttled < 2) {
          throttled++;
          return { status: 429, headers: { 'Retry-After': '1' }, body: { error: { code: 'Throttled' } } };
        }
        return undefined;
      },
    });
    await subscribeAdmins(bot, ['a:admin-chat']);
    const started = Date.now();
    expect((await bot.post('/api/notify', { eventId: 33004, host: 'AADC01' }, { authorization: `Bearer ${KEY}` })).status).toBe(202);
    await bot.app.proactive!.notifier.idle();
    expect(throttled).toBe(2);
    const attempts = bot.stub.calls.filter((c) => c.method === 'POST' && JSON.stringify(c.body).includes('event 33004'));
    expect(attempts).toHaveLength(3);
    // Retry-After: 1 was honoured each time.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it('records a send refused with 403 for admins to see', async () => {
    bot = await startHttpBot({
      adminUserIds: new Set([ADMIN]),
      notifyApiKey: KEY,
      responder: (call) =>
        call.method === 'POST' && decodeURIComponent(call.path).includes('a:blocked') && JSON.stringify(call.body).includes('event')
          ? { status: 403, body: { error: { code: 'BotDisabledByAdmin' } } }
          : undefined,
    });
    await subscribeAdmins(bot, ['a:blocked', 'a:fine']);
    await bot.post('/api/notify', { eventId: 32002, host: 'AADC01' }, { authorization: `Bearer ${KEY}` });
    await bot.app.proactive!.notifier.idle();
    const failures = await bot.app.proactive!.notifier.failures();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ conversationId: 'a:blocked', status: 403 });
    expect(textOf(await bot.say({ text: 'subscribe', userId: ADMIN, conversationId: 'a:fine' }))).toMatch(/could not be delivered/);
  });
});
