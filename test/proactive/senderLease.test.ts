import { MemoryStorage, type Storage } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SenderLease } from '../../src/proactive/senderLease.js';
import { AzureBlobStorage } from '../../src/storage/index.js';
import { freshContainerName, startAzurite, type Azurite } from '../helpers/azurite.js';

let azurite: Azurite | undefined;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

describe.each([
  ['MemoryStorage', (): Storage => new MemoryStorage()],
  ['Blob storage (Azurite)', (): Storage => new AzureBlobStorage(azurite!.connectionString, freshContainerName('lease'))],
])('SenderLease on %s', (_name, makeStorage) => {
  it('lets exactly one of many instances claiming at once hold the lease', async () => {
    const storage = makeStorage();
    const leases = Array.from({ length: 8 }, (_, i) => new SenderLease(storage, { owner: `instance-${i}` }));
    const won = await Promise.all(leases.map((l) => l.acquire()));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(leases.filter((l) => l.holds())).toHaveLength(1);
  });

  it('renews for its holder, refuses others until it expires, then lets another take over', async () => {
    const storage = makeStorage();
    let now = 1_000_000;
    const a = new SenderLease(storage, { owner: 'a', ttlMs: 10_000, marginMs: 2_000, now: () => now });
    const b = new SenderLease(storage, { owner: 'b', ttlMs: 10_000, marginMs: 2_000, now: () => now });
    expect(await a.acquire()).toBe(true);
    now += 5_000;
    expect(await b.acquire()).toBe(false);
    expect(await a.acquire()).toBe(true); // renewed: valid for another 10 s from here
    now += 9_000;
    expect(await b.acquire()).toBe(false);
    // The holder stops sending before its claim runs out (the margin), the other takes over only after it has.
    now += 500;
    expect(a.holds()).toBe(false);
    now += 1_000;
    expect(await b.acquire()).toBe(true);
    expect(await a.acquire()).toBe(false);
  });

  it('hands over at once when the holder releases it at shutdown', async () => {
    const storage = makeStorage();
    const a = new SenderLease(storage, { owner: 'a' });
    const b = new SenderLease(storage, { owner: 'b' });
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    await a.release();
    expect(a.holds()).toBe(false);
    expect(await b.acquire()).toBe(true);
  });
});
