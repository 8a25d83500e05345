import type { Storage, StoreItem } from 'botbuilder';
import type { CaseOutcome } from '../triage/index.js';

/** A case left without an answer this long is abandoned. */
export const ABANDON_AFTER_MS = 24 * 60 * 60 * 1000;
/** Cases kept open at most; past this the oldest count as abandoned (a bound on the stored item). */
const MAX_OPEN = 5_000;
const KEY = 'stats/caseOutcomes';
const WRITE_ATTEMPTS = 8;

type Counts = Record<CaseOutcome, number>;

interface Stored {
  /** Per topic id: how its cases ended. */
  readonly topics: Record<string, Counts>;
  /** Open cases: case id → topic id and opening time (epoch ms). Ids only, nothing about the person. */
  readonly open: Record<string, { readonly topicId: string; readonly at: number }>;
}

type Change =
  | { readonly kind: 'open'; readonly caseId: string; readonly topicId: string; readonly at: number }
  | { readonly kind: 'close'; readonly caseId: string; readonly topicId: string; readonly outcome: CaseOutcome; readonly at: number };

export interface DeflectionRow {
  readonly id: string;
  readonly resolved: number;
  readonly escalated: number;
  readonly abandoned: number;
  /** Cases still waiting for an answer (less than 24 hours old). */
  readonly open: number;
  /** resolved / (resolved + escalated + abandoned), or null before any case ended. */
  readonly rate: number | null;
}

const zero = (): Counts => ({ resolved: 0, escalated: 0, abandoned: 0 });

/** Applies changes in order, then ends every case older than 24 hours (or past the bound) as abandoned. */
function apply(current: Stored | undefined, changes: readonly Change[], now: number): Stored {
  const topics: Record<string, Counts> = Object.fromEntries(Object.entries(current?.topics ?? {}).map(([id, c]) => [id, { ...c }]));
  const open = { ...(current?.open ?? {}) };
  const count = (topicId: string, outcome: CaseOutcome): void => {
    const row = (topics[topicId] ??= zero());
    row[outcome] += 1;
  };
  for (const change of changes) {
    if (change.kind === 'open') {
      open[change.caseId] = { topicId: change.topicId, at: change.at };
    } else {
      const opened = open[change.caseId];
      if (!opened) continue;
      // Counted under the topic the case ended with (a "no" may have moved it to the next-best topic); a verdict
      // that came more than 24 hours after the answer finds the case already abandoned.
      delete open[change.caseId];
      count(
        change.at - opened.at >= ABANDON_AFTER_MS ? opened.topicId : change.topicId,
        change.at - opened.at >= ABANDON_AFTER_MS ? 'abandoned' : change.outcome,
      );
    }
  }
  const entries = Object.entries(open).sort((a, b) => a[1].at - b[1].at);
  entries.forEach(([caseId, c], i) => {
    if (now - c.at >= ABANDON_AFTER_MS || entries.length - i > MAX_OPEN) {
      delete open[caseId];
      count(c.topicId, 'abandoned');
    }
  });
  return { topics, open };
}

/**
 * How cases end, per topic: resolved (the person said it worked), escalated (notify admin or the escalation summary),
 * abandoned (no answer in 24 hours). Changes are kept in memory and merged into one shared item now and then, with
 * eTag checks so several instances add up; the deflection rate is resolved over ended cases.
 */
export class CaseOutcomes {
  private pending: Change[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = Date.now,
  ) {}

  opened(caseId: string, topicId: string): void {
    this.pending.push({ kind: 'open', caseId, topicId, at: this.now() });
  }

  closed(caseId: string, topicId: string, outcome: CaseOutcome): void {
    this.pending.push({ kind: 'close', caseId, topicId, outcome, at: this.now() });
  }

  /**
   * Creates the shared item once at start-up when it is missing: Storage has no "create if absent", so the racing
   * updates of a running bot must all find an item and carry its eTag.
   */
  async initialize(): Promise<void> {
    const stored = (await this.storage.read([KEY]))[KEY];
    if (!stored) await this.storage.write({ [KEY]: { topics: {}, open: {}, eTag: '*' } });
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const changes = this.pending;
    this.pending = [];
    try {
      await this.update((current) => apply(current, changes, this.now()));
    } catch (error) {
      // Keep the changes for the next flush rather than lose them.
      this.pending = [...changes, ...this.pending];
      throw error;
    }
  }

  /** Per topic, most ended cases first; pending changes included. */
  async summary(): Promise<DeflectionRow[]> {
    const stored = (await this.storage.read([KEY]))[KEY] as Stored | undefined;
    const merged = apply(stored, this.pending, this.now());
    const openCounts = new Map<string, number>();
    for (const c of Object.values(merged.open)) openCounts.set(c.topicId, (openCounts.get(c.topicId) ?? 0) + 1);
    const ids = new Set([...Object.keys(merged.topics), ...openCounts.keys()]);
    return [...ids]
      .map((id) => {
        const c = merged.topics[id] ?? zero();
        const ended = c.resolved + c.escalated + c.abandoned;
        return { id, ...c, open: openCounts.get(id) ?? 0, rate: ended > 0 ? Math.round((c.resolved / ended) * 1000) / 1000 : null };
      })
      .sort((a, b) => b.resolved + b.escalated + b.abandoned - (a.resolved + a.escalated + a.abandoned) || a.id.localeCompare(b.id));
  }

  private async update(change: (current: Stored | undefined) => Stored): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const stored = (await this.storage.read([KEY]))[KEY] as (Stored & StoreItem) | undefined;
      const next = change(stored ? { topics: stored.topics, open: stored.open } : undefined);
      try {
        await this.storage.write({ [KEY]: { ...next, eTag: stored?.eTag ?? '*' } });
        return;
      } catch (error) {
        // Another writer changed the item since it was read: read again and re-apply.
        lastError = error;
      }
    }
    throw new Error(`could not save case outcomes after ${WRITE_ATTEMPTS} attempts`, { cause: lastError });
  }
}
