/** What this conversation established about the person's problem, for "Notify my admin" and the case outcome. */
export interface CaseFile {
  /** Random id of the case (not derived from the person or the conversation). */
  readonly caseId?: string;
  readonly topicId: string;
  readonly texts: readonly string[];
  /** Topics shown so far (first the main answer) and the next-best ones, for "still broken" after the case. */
  readonly offered?: readonly string[];
  readonly alternatives?: readonly string[];
  readonly view?: 'user' | 'admin';
  readonly details?: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  /** ISO time the answer was given. */
  readonly openedAt?: string;
  /** Set once the case has ended. */
  readonly outcome?: CaseOutcome;
}

/** How a case ends: the person said it worked, it went to an admin or support, or nobody answered for 24 hours. */
export type CaseOutcome = 'resolved' | 'escalated' | 'abandoned';

/** Who is talking, as far as the channel tells (Teams: TeamsInfo). Unknown fields are undefined. */
export interface MemberInfo {
  readonly name?: string;
  readonly email?: string;
}
