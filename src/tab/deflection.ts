import type { DeflectionSummary } from './types.js';

/** One topic's case outcomes, as the bot counts them (ids only). */
export interface OutcomeCounts {
  readonly id: string;
  readonly resolved: number;
  readonly escalated: number;
  readonly abandoned: number;
  readonly open: number;
}

const rate = (resolved: number, ended: number): number | null => (ended > 0 ? Math.round((resolved / ended) * 1000) / 1000 : null);

/**
 * The admin section's deflection figures: per topic and overall, the share of ended cases the bot resolved without a
 * person (resolved / (resolved + escalated + abandoned)). Topic ids and titles only, never who asked.
 */
export function summarizeDeflection(rows: readonly OutcomeCounts[], titleOf: (id: string) => string, limit = 20): DeflectionSummary {
  const total = { resolved: 0, escalated: 0, abandoned: 0, open: 0 };
  for (const r of rows) {
    total.resolved += r.resolved;
    total.escalated += r.escalated;
    total.abandoned += r.abandoned;
    total.open += r.open;
  }
  const topics = rows.slice(0, limit).map((r) => ({
    id: r.id,
    title: titleOf(r.id),
    resolved: r.resolved,
    escalated: r.escalated,
    abandoned: r.abandoned,
    open: r.open,
    rate: rate(r.resolved, r.resolved + r.escalated + r.abandoned),
  }));
  return { ...total, rate: rate(total.resolved, total.resolved + total.escalated + total.abandoned), topics };
}
