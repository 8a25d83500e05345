import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem } from 'botbuilder';
import { isETagConflict } from '../storage/optimistic.js';

interface LeaseItem {
  readonly owner: string;
  readonly expiresAt: number;
}

export interface LeaseOptions {
  /** Who this instance is (a random id by default). */
  readonly owner?: string;
  /** How long a claim lasts without renewal. */
  readonly ttlMs?: number;
  /**
   * The holder stops sending this long before its claim runs out, so a send never starts after another instance
   * may have taken over; it also covers clock differences between instances up to this much.
   */
  readonly marginMs?: number;
  readonly now?: () => number;
}

export const LEASE_KEY = 'proactive/outbox-lease';

/**
 * Which instance sends the outbox: an eTag-guarded claim item with an expiry, so with several instances on one store
 * (Blob) exactly one paces the sends and the bot-wide rate limit holds across them. Any botbuilder Storage will do:
 * the claim is taken and renewed by a write carrying the eTag that was read, and a conflict means someone else won.
 */
export class SenderLease {
  readonly owner: string;
  readonly #ttlMs: number;
  readonly #marginMs: number;
  readonly #now: () => number;
  #validUntil = 0;

  constructor(
    private readonly storage: Storage,
    { owner = randomUUID(), ttlMs = 15_000, marginMs = 3_000, now = Date.now }: LeaseOptions = {},
  ) {
    if (marginMs * 2 >= ttlMs) throw new RangeError('the lease margin must be well under its lifetime');
    this.owner = owner;
    this.#ttlMs = ttlMs;
    this.#marginMs = marginMs;
    this.#now = now;
  }

  /** True while this instance may start a send. */
  holds(): boolean {
    return this.#now() < this.#validUntil;
  }

  /**
   * Takes the claim if it is free or expired, or renews it if it is ours and a third of its lifetime has passed; true
   * when we hold it afterwards. Call it every poll: it costs one read while nothing changes.
   */
  async acquire(): Promise<boolean> {
    const started = this.#now();
    let stored = (await this.storage.read([LEASE_KEY]))[LEASE_KEY] as (Partial<LeaseItem> & StoreItem) | undefined;
    if (!stored) {
      // Created once, unclaimed; if two instances race here both write the same empty claim, harmlessly.
      await this.storage.write({
        [LEASE_KEY]: { owner: '', expiresAt: 0, eTag: '*' },
      });
      stored = (await this.storage.read([LEASE_KEY]))[LEASE_KEY] as (Partial<LeaseItem> & StoreItem) | undefined;
      if (!stored) return false;
    }
    const ours = stored.owner === this.owner;
    if (!ours && typeof stored.expiresAt === 'number' && stored.expiresAt > started) {
      this.#validUntil = 0;
      return false;
    }
    // Ours and fresh: the read confirms it, no write needed. (Reading on every call also catches the one way a claim
    // can be lost without a conflict: another instance creating the item with '*' over it on a brand-new store.)
    if (ours && this.holds() && !this.#needsRenewal()) return true;
    try {
      await this.storage.write({
        [LEASE_KEY]: {
          owner: this.owner,
          expiresAt: started + this.#ttlMs,
          eTag: stored.eTag,
        },
      });
    } catch (error) {
      if (!isETagConflict(error)) throw error;
      this.#validUntil = 0;
      return false;
    }
    // Counted from before the read: the claim as others see it lasts at least this long.
    this.#validUntil = started + this.#ttlMs - this.#marginMs;
    return true;
  }

  /** Gives the claim up (at shutdown), so another instance can take over at once instead of after the expiry. */
  async release(): Promise<void> {
    if (!this.holds()) return;
    this.#validUntil = 0;
    const stored = (await this.storage.read([LEASE_KEY]))[LEASE_KEY] as (Partial<LeaseItem> & StoreItem) | undefined;
    if (stored?.owner !== this.owner) return;
    try {
      await this.storage.write({
        [LEASE_KEY]: { owner: '', expiresAt: 0, eTag: stored.eTag },
      });
    } catch (error) {
      if (!isETagConflict(error)) throw error;
    }
  }

  /** Renew when a third of the lifetime has passed. */
  #needsRenewal(): boolean {
    return this.#now() > this.#validUntil - (this.#ttlMs - this.#marginMs) * (2 / 3);
  }
}
