import { MemoryStorage } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notifier } from '../../src/proactive/notifier.js';
import { busiest, event32002, FakeTeams, MortalStorage, never, subscribe, testNotifier, waitUntil } from './helpers.js';

const ADMINS = ['a:admin-1', 'a:admin-2', '19:ops@thread.tacv2'];
const EVENT = { eventId: 32002, host: 'AADC01', message: 'Error Connecting to ServiceBus' };
const forbidden = () => Object.assign(new Error('Forbidden'), { statusCode: 403 });

const running: Notifier[] = [];
afterEach(async () => {
  // Only the living are closed: a "dead" notifier's calls never return.
  await Promise.all(running.splice(0).map((n) => n.close()));
});
const started = async (notifier: Notifier): Promise<Notifier> => {
  await notifier.initialize();
  running.push(notifier);
  return notifier;
};

describe('the durable outbox', () => {
  it('delivers a notification accepted by a process that died before sending it, once, from the next process', async () => {
    const shared = new MemoryStorage();
    await subscribe(shared, ADMINS);
    const first = new MortalStorage(shared);
    const frozen = new FakeTeams();
    frozen.behave = never; // Teams never answers the first process: the sends are held, as by a long 429
    const a = testNotifier({ storage: first, teams: frozen, instance: 'a' });
    await a.initialize();
    expect(await a.notifyEvent(EVENT, event32002)).toEqual({ subscribers: 3, mode: 'new' });
    await waitUntil(() => first.written.size > 0 && [...first.written].some((k) => k.startsWith('proactive/deliveries/')));
    first.die(); // kill -9: from here the first process does nothing at all

    const teams = new FakeTeams();
    const b = await started(testNotifier({ storage: shared, teams, instance: 'b' }));
    await b.idle(10_000);
    for (const admin of ADMINS) expect(teams.postsTo(admin)).toBe(1);
    expect(frozen.posts).toHaveLength(0);
    expect(teams.posts[0]!.text).toContain('event 32002 on AADC01');
  });

  it('posts again, once, a message that reached Teams just before the crash: the one window left, counted as in doubt', async () => {
    const shared = new MemoryStorage();
    await subscribe(shared, ['a:only-admin']);
    const first = new MortalStorage(shared);
    const teams = new FakeTeams();
    // Teams takes the post, and the process dies before it hears back (so before it can write 'sent').
    teams.behave = () => {
      teams.posts.push({ conversationId: 'a:only-admin', id: 'lost', text: 'delivered before the crash', at: Date.now() });
      first.die();
      return never();
    };
    const a = testNotifier({ storage: first, teams, instance: 'a' });
    await a.initialize();
    await a.notifyEvent(EVENT, event32002);
    await waitUntil(() => teams.posts.length === 1);

    teams.behave = () => undefined;
    const b = await started(testNotifier({ storage: shared, teams, instance: 'b' }));
    await b.idle(10_000);
    expect(teams.postsTo('a:only-admin')).toBe(2);
    expect(b.stats.inDoubt).toBe(1);
  });

  it('never sends again what was recorded as sent: after a restart a new hit updates the same message in place', async () => {
    const storage = new MemoryStorage();
    await subscribe(storage, ADMINS);
    const teams = new FakeTeams();
    const a = testNotifier({ storage, teams, instance: 'a' });
    await a.initialize();
    await a.notifyEvent(EVENT, event32002);
    await a.idle(10_000);
    await a.close();
    expect(teams.posts).toHaveLength(3);

    const b = await started(testNotifier({ storage, teams, instance: 'b' }));
    await b.idle(10_000);
    expect(teams.posts).toHaveLength(3);
    expect(await b.notifyEvent({ ...EVENT, host: 'AADC02' }, event32002)).toMatchObject({ mode: 'updated' });
    await b.idle(10_000);
    expect(teams.posts).toHaveLength(3);
    expect(teams.updates).toHaveLength(3);
    expect(new Set(teams.updates.map((u) => u.id))).toEqual(new Set(teams.posts.map((p) => p.id)));
    expect(teams.updates[0]!.text).toContain('Seen 2 times on AADC02 and AADC01');
  });

  it('lets one of two instances on one store send: every subscriber gets the alert once, under the bot-wide rate', async () => {
    const storage = new MemoryStorage();
    const admins = Array.from({ length: 120 }, (_, i) => `a:admin-${i}`);
    await subscribe(storage, admins);
    const teamsA = new FakeTeams();
    const teamsB = new FakeTeams();
    const a = await started(testNotifier({ storage, teams: teamsA, instance: 'a' }));
    const b = await started(testNotifier({ storage, teams: teamsB, instance: 'b' }));
    await Promise.all([a.notifyEvent(EVENT, event32002), b.notifyEvent({ ...EVENT, host: 'AADC02' }, event32002)]);
    await Promise.all([a.idle(20_000), b.idle(20_000)]);
    const posts = [...teamsA.posts, ...teamsB.posts];
    for (const admin of admins) expect(posts.filter((p) => p.conversationId === admin)).toHaveLength(1);
    // One sender: the other instance only accepted.
    expect(Math.min(teamsA.posts.length, teamsB.posts.length)).toBe(0);
    // Teams allows about 50 a second per bot; two instances each pacing on their own would reach 80.
    expect(
      busiest(
        posts.map((p) => p.at),
        1_000,
      ),
    ).toBeLessThanOrEqual(45);
  });

  it('tries again on the next pass when the store fails while sending, and still delivers once', async () => {
    const shared = new MemoryStorage();
    await subscribe(shared, ADMINS);
    let failures = 2;
    const flaky = new MortalStorage(shared);
    const write = flaky.write.bind(flaky);
    flaky.write = async (changes) => {
      if (Object.keys(changes).some((k) => k.startsWith('proactive/deliveries/')) && failures-- > 0) throw new Error('disk I/O error');
      await write(changes);
    };
    const teams = new FakeTeams();
    const errors: unknown[] = [];
    const n = await started(testNotifier({ storage: flaky, teams, instance: 'n', onError: (error) => errors.push(error) }));
    await n.notifyEvent(EVENT, event32002);
    await n.idle(10_000);
    for (const admin of ADMINS) expect(teams.postsTo(admin)).toBe(1);
    // Reported, not swallowed.
    expect(errors.length).toBeGreaterThan(0);
    expect(String(errors[0])).toContain('disk I/O error');
  });

  it('records a send refused with 403 once, and delivers to the others', async () => {
    const storage = new MemoryStorage();
    await subscribe(storage, ['a:blocked', 'a:fine']);
    const teams = new FakeTeams();
    teams.behave = (subscription) => {
      if (subscription.id === 'a:blocked') throw forbidden();
    };
    const n = await started(testNotifier({ storage, teams, instance: 'n' }));
    await n.notifyEvent(EVENT, event32002);
    await n.idle(10_000);
    expect(teams.postsTo('a:fine')).toBe(1);
    const failures = await n.failures();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ conversationId: 'a:blocked', status: 403 });
  });
});

describe('alerts', () => {
  it('keeps one stored alert per event id however many hosts report it, with at most 10 hosts, newest first', async () => {
    const storage = new MortalStorage(new MemoryStorage());
    await subscribe(storage, ['a:admin']);
    const teams = new FakeTeams();
    const n = await started(testNotifier({ storage, teams, instance: 'n' }));
    // Start-up creates one empty item per alert key the catalog allows (so every hit is an eTag-checked update).
    const created = [...storage.written].filter((k) => k.startsWith('proactive/alerts/'));
    expect(created).toContain('proactive/alerts/event-32002');
    expect(created.length).toBeLessThan(400);
    storage.written.clear();
    const begun = Date.now();
    for (let i = 0; i < 1_000; i++) await n.notifyEvent({ eventId: 32002, host: `host-${i}.contoso.com` }, event32002);
    await n.idle(20_000);
    expect(Date.now() - begun).toBeLessThan(15_000);
    const alertKeys = [...storage.written].filter((k) => k.startsWith('proactive/alerts/'));
    expect(alertKeys).toEqual(['proactive/alerts/event-32002']);
    const alert = (await storage.read(alertKeys))[alertKeys[0]!] as { hosts: Array<{ name: string }>; count: number };
    expect(alert.count).toBe(1_000);
    expect(alert.hosts.map((h) => h.name)).toEqual(Array.from({ length: 10 }, (_, i) => `host-${999 - i}.contoso.com`));
    expect(JSON.stringify(alert).length).toBeLessThan(10_000);
    // Every key the notifier ever wrote, whatever the hosts: a handful, not one per host.
    expect(storage.written.size).toBeLessThan(10);
    expect(teams.posts).toHaveLength(1);
    expect(teams.updates.at(-1)!.text).toContain('Seen 1000 times on host-999.contoso.com, host-998.contoso.com and 8 more');
  });

  it('forgets hosts and counts once the window has passed: the next event is a new post', async () => {
    const storage = new MemoryStorage();
    await subscribe(storage, ['a:admin']);
    const teams = new FakeTeams();
    let now = Date.UTC(2026, 11, 1, 9);
    const n = await started(testNotifier({ storage, teams, instance: 'n', now: () => now, windowMs: 3_600_000 }));
    await n.notifyEvent({ eventId: 32002, host: 'OLD01' }, event32002);
    await n.idle(10_000);
    now += 3_600_001;
    expect(await n.notifyEvent({ eventId: 32002, host: 'NEW01' }, event32002)).toMatchObject({ mode: 'new' });
    await n.idle(10_000);
    expect(teams.posts).toHaveLength(2);
    expect(teams.posts[1]!.text).toContain('event 32002 on NEW01');
    expect(teams.posts[1]!.text).not.toContain('OLD01');
  });

  it('cleans host names: control characters removed, at most 64 characters', async () => {
    const storage = new MemoryStorage();
    await subscribe(storage, ['a:admin']);
    const teams = new FakeTeams();
    const n = await started(testNotifier({ storage, teams, instance: 'n' }));
    await n.notifyEvent({ eventId: 32002, host: `bad\u0000\u202ehost${'x'.repeat(500)}` }, event32002);
    await n.idle(10_000);
    const alert = (await storage.read(['proactive/alerts/event-32002']))['proactive/alerts/event-32002'] as { hosts: Array<{ name: string }> };
    expect(alert.hosts[0]!.name).toBe(`badhost${'x'.repeat(57)}`);
  });

  it('counts a person once per window: a second "Notify my admin" is a duplicate, another person updates the alert', async () => {
    const storage = new MemoryStorage();
    await subscribe(storage, ['a:admin']);
    const teams = new FakeTeams();
    const n = await started(testNotifier({ storage, teams, instance: 'n' }));
    const issue = (id: string) => ({ topicId: 'sspr-0012', user: { id, name: id }, when: '2026-12-01 09:00', tried: [] });
    expect(await n.notifyUser(issue('user-1'))).toEqual({ subscribers: 1, mode: 'new' });
    expect(await n.notifyUser(issue('user-1'))).toEqual({ subscribers: 1, mode: 'duplicate' });
    expect(await n.notifyUser(issue('user-2'))).toEqual({ subscribers: 1, mode: 'updated' });
    await n.idle(10_000);
    expect(teams.posts).toHaveLength(1);
    expect(teams.updates.at(-1)?.text ?? teams.posts[0]!.text).toContain('2 users hit SSPR_0012');
  });
});
