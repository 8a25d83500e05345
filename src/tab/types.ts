import type { Actor, Audience } from '../knowledge/types.js';

/** What the admin section of the tab shows: recent admin notifications and the most-asked topics. */
export interface AdminSummary {
  readonly recentNotifications: readonly {
    /** ISO 8601 time of the notification. */
    readonly at: string;
    readonly topicId: string;
    readonly title: string;
    readonly summary: string;
  }[];
  readonly topTopics: readonly { readonly id: string; readonly title: string; readonly count: number }[];
  /** How the bot's cases ended; absent where the bot keeps no counts. */
  readonly deflection?: DeflectionSummary;
}

/** Cases that ended resolved by the bot, escalated to a person, or abandoned (no answer in 24 hours). */
export interface DeflectionCounts {
  readonly resolved: number;
  readonly escalated: number;
  readonly abandoned: number;
  /** Cases still waiting for the person's answer. */
  readonly open: number;
  /** resolved / (resolved + escalated + abandoned); null before any case ended. */
  readonly rate: number | null;
}

export interface DeflectionSummary extends DeflectionCounts {
  readonly topics: readonly (DeflectionCounts & { readonly id: string; readonly title: string })[];
}

/** One row of the tab's search results. */
export interface SearchResult {
  readonly id: string;
  readonly title: string;
  readonly audience: Audience;
  readonly category: string;
  readonly codes: readonly string[];
  /** Classifier confidence in 0..1; 1 for a plain catalog listing. */
  readonly score: number;
}

/** The fields of a topic the tab's detail view shows. */
export interface TopicView {
  readonly id: string;
  readonly title: string;
  readonly audience: Audience;
  readonly category: string;
  readonly codes: readonly string[];
  readonly cause: { readonly user: string; readonly admin: string };
  readonly fix: { readonly user: readonly string[]; readonly admin: readonly string[] };
  readonly escalation: { readonly actor: Actor; readonly summary: string; readonly collect: readonly string[] };
  readonly source: { readonly section: string; readonly url: string };
  readonly related: readonly { readonly id: string; readonly title: string }[];
}
