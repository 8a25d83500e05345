/**
 * What each card template receives. Builders in this folder turn catalog topics and dialog state into these;
 * templates in cards/ lay them out. All strings here are plain text: the renderer escapes them.
 */
export type View = 'user' | 'admin';

/** Submit payloads the cards send back (Action.Submit data). `action` tells the bot what was clicked. */
export type CardAction =
  /** A button that answers for the user (a choice, "Yes, it is fixed", an example): handled as if typed. */
  | { readonly action: 'reply'; readonly text: string }
  | { readonly action: 'switchView'; readonly topicId: string; readonly view: View }
  | { readonly action: 'feedback'; readonly topicId: string; readonly fixed: boolean }
  | { readonly action: 'escalate'; readonly topicId: string }
  | { readonly action: 'notifyAdmin'; readonly topicId: string };

export interface ResolutionCardData {
  readonly topicId: string;
  readonly title: string;
  readonly view: View;
  /** e.g. "For you" / "For admins and helpdesk agents" */
  readonly viewLabel: string;
  readonly codes: readonly string[];
  readonly cause: string;
  readonly steps: readonly string[];
  readonly escalation: { readonly who: string; readonly summary: string; readonly collect: readonly string[] };
  readonly sourceUrl: string;
  readonly otherView: View;
  readonly otherViewLabel: string;
  /** Offer "Notify my admin" (the topic needs an admin and admins are subscribed). */
  readonly canNotifyAdmin: boolean;
  /** "What I see for your account": the account facts behind this answer (Microsoft Graph), when there are any. */
  readonly account?: AccountSectionData;
}

/** A card section of account facts: method types and states only, never a number or an address. */
export interface AccountSectionData {
  readonly title: string;
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  readonly note: string;
}

/** An agent's check of someone's account when the facts point at no topic: the section and one line. */
export interface AccountCheckCardData {
  readonly account: AccountSectionData;
  readonly summary: string;
}

export interface FollowUpCardData {
  readonly question: string;
  readonly choices: ReadonlyArray<{ readonly title: string }>;
  /** "Question 2 of 3" */
  readonly progress: string;
}

export interface FeedbackCardData {
  readonly topicId: string;
  readonly question: string;
}

export interface EscalationSummaryCardData {
  /** The topic of the case ('' when none was established), for "Notify my admin". */
  readonly topicId: string;
  /** Offer "Notify my admin" under the summary (an admin can fix it and admins are subscribed). */
  readonly canNotifyAdmin: boolean;
  readonly title: string;
  readonly topicTitle: string;
  readonly who: string;
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  readonly nextStep: string;
}

export interface WelcomeCardData {
  readonly title: string;
  readonly intro: string;
  readonly examples: readonly string[];
  readonly commands: ReadonlyArray<{ readonly name: string; readonly description: string }>;
}

export interface OutOfScopeCardData {
  readonly message: string;
  readonly examples: readonly string[];
}

/** What admins receive: a user who needs them, a digest of many, or a monitoring event. */
export interface AdminNotificationCardData {
  readonly title: string;
  /** One line: who hit what, or "7 users hit SSPR_0012 in the last hour — …". */
  readonly summary: string;
  readonly topicTitle: string;
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  /** The admin fix, in order. */
  readonly steps: readonly string[];
  readonly sourceUrl: string;
}

/** An event-log analysis: one row per event, the verdict, and the root cause's fix. */
export interface TimelineCardData {
  readonly title: string;
  /** "31001 PasswordResetStart → 33004 ADPermissionsError → 31003 PasswordResetFail" */
  readonly summary: string;
  readonly events: ReadonlyArray<{
    readonly time: string;
    readonly id: string;
    readonly name: string;
    /** informational, warning or failure */
    readonly kind: string;
    readonly isRootCause: boolean;
  }>;
  /** "Root cause: …" or "Everything is fine: these events are informational." */
  readonly verdict: string;
  /** The root cause's admin fix, in order (empty when there is none). */
  readonly steps: readonly string[];
  readonly sourceUrl: string;
}

/** An agent's other likely topics: each button shows that topic's card in the given view. */
export interface RunnersUpCardData {
  readonly title: string;
  readonly topics: ReadonlyArray<{ readonly topicId: string; readonly title: string; readonly view: View }>;
}

export interface CardDataByName {
  resolution: ResolutionCardData;
  followUp: FollowUpCardData;
  feedback: FeedbackCardData;
  escalationSummary: EscalationSummaryCardData;
  welcome: WelcomeCardData;
  outOfScope: OutOfScopeCardData;
  adminNotification: AdminNotificationCardData;
  timeline: TimelineCardData;
  runnersUp: RunnersUpCardData;
  accountCheck: AccountCheckCardData;
}

export type CardName = keyof CardDataByName;
