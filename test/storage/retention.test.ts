import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { isExpiringStateKey, SqliteStorage } from '../../src/storage/index.js';

const DAY = 24 * 60 * 60 * 1000;

describe('which keys expire', () => {
  it.each([
    ['msteams/conversations/19:abc@thread.v2/', true],
    ['msteams/conversations/a:1/users/29:1/', true],
    ['msteams/users/29:1xyz/', true],
    ['emulator/conversations/some-id|livechat/', true],
    ['proactive/subscriptions', false],
    ['proactive/recent', false],
    ['proactive/alerts/sspr-0013', false],
    ['stats/topics', false],
    ['outbox/users/29:1/', false],
    ['proactive/conversations/a:1/', false],
    ['health/probe', false],
    ['msteams/conversationsx/a:1/', false],
    ['conversations/a:1/', false],
    ['', false],
  ])('%j expires: %s', (key, expires) => {
    expect(isExpiringStateKey(key)).toBe(expires);
  });
});

describe('SqliteStorage retention', () => {
  let root: string;
  const stores: SqliteStorage[] = [];
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'retention-test-'));
  });
  afterAll(async () => {
    await Promise.all(stores.map((storage) => storage.close()));
    await rm(root, { recursive: true, force: true });
  });

  /** A store on a clock the test moves, with the sweeps it reports. */
  async function storeWithClock(dir?: string): Promise<{ storage: SqliteStorage; clock: { now: number }; swept: number[]; dir: string }> {
    const folder = dir ?? (await mkdtemp(join(root, 'case-')));
    const clock = { now: Date.UTC(2026, 0, 1) };
    const swept: number[] = [];
    const storage = new SqliteStorage(folder, { stateTtlDays: 30, now: () => clock.now, onSweep: (deleted) => swept.push(deleted) });
    stores.push(storage);
    return { storage, clock, swept, dir: folder };
  }

  const everything = [
    'msteams/conversations/a:idle/',
    'msteams/users/29:idle/',
    'msteams/conversations/a:active/',
    'proactive/subscriptions',
    'stats/topics',
    'outbox/items',
  ];

  it('deletes conversation and user state not written for 30 days, and nothing else', async () => {
    const { storage, clock, swept } = await storeWithClock();
    await storage.write(Object.fromEntries(everything.map((key) => [key, { n: 1 }])));

    clock.now += 20 * DAY;
    await storage.write({ 'msteams/conversations/a:active/': { n: 2 } });
    clock.now += 10 * DAY + 1;
    const deleted = await storage.sweepExpiredState();

    expect(deleted).toBe(2);
    expect(swept).toEqual([2]);
    expect(Object.keys(await storage.read(everything)).sort()).toEqual(
      ['msteams/conversations/a:active/', 'outbox/items', 'proactive/subscriptions', 'stats/topics'].sort(),
    );
  });

  it('keeps state written exactly 30 days ago', async () => {
    const { storage, clock } = await storeWithClock();
    await storage.write({ 'msteams/conversations/a:1/': { n: 1 } });
    clock.now += 30 * DAY;
    expect(await storage.sweepExpiredState()).toBe(0);
    expect(Object.keys(await storage.read(['msteams/conversations/a:1/']))).toHaveLength(1);
  });

  it('sweeps when the database is opened, so a bot restarted after a long pause starts clean', async () => {
    const first = await storeWithClock();
    await first.storage.write({ 'msteams/conversations/a:old/': { n: 1 }, 'proactive/subscriptions': { ids: [] } });
    await first.storage.close();

    const restarted = await storeWithClock(first.dir);
    restarted.clock.now += 31 * DAY;

    expect(await restarted.storage.read(['msteams/conversations/a:old/', 'proactive/subscriptions'])).toEqual({
      'proactive/subscriptions': { ids: [], eTag: expect.any(String) },
    });
    expect(restarted.swept).toEqual([1]);
  });

  it('sweeps periodically', async () => {
    const folder = await mkdtemp(join(root, 'case-'));
    const clock = { now: Date.UTC(2026, 0, 1) };
    const swept: number[] = [];
    const storage = new SqliteStorage(folder, { now: () => clock.now, sweepIntervalMs: 20, onSweep: (deleted) => swept.push(deleted) });
    stores.push(storage);
    await storage.write({ 'msteams/conversations/a:1/': { n: 1 } });

    clock.now += 31 * DAY;
    await expect.poll(() => swept, { timeout: 2_000 }).toEqual([1]);
    expect(await storage.read(['msteams/conversations/a:1/'])).toEqual({});
  });

  it('reports a periodic sweep that fails instead of throwing it', async () => {
    const folder = await mkdtemp(join(root, 'case-'));
    const errors: unknown[] = [];
    const storage = new SqliteStorage(folder, { busyTimeoutMs: 10, sweepIntervalMs: 20, onSweepError: (error) => errors.push(error) });
    stores.push(storage);
    await storage.initialize();
    const other = new Database(storage.file);
    other.exec('BEGIN IMMEDIATE'); // another process holding the write lock
    try {
      await expect.poll(() => errors.length, { timeout: 2_000 }).toBeGreaterThan(0);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(errors[0]).toMatchObject({ code: 'SQLITE_BUSY' });
  });
});

describe('STATE_TTL_DAYS', () => {
  it('defaults to 30 days', () => {
    expect(loadConfig({}).stateTtlDays).toBe(30);
  });

  it('takes a positive whole number of days', () => {
    expect(loadConfig({ STATE_TTL_DAYS: ' 7 ' }).stateTtlDays).toBe(7);
  });

  it.each(['0', '-3', '1.5', 'thirty', '1e3', '99999999999999999999'])('rejects %j, naming the variable', (value) => {
    expect(() => loadConfig({ STATE_TTL_DAYS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ STATE_TTL_DAYS: value })).toThrow(/STATE_TTL_DAYS/);
  });
});
