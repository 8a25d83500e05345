/**
 * Every threshold the decisions use, as data. Defaults were set by hand on the catalog's own symptoms and the
 * conversations in test/; the composition root may override any of them.
 */
export interface TriagePolicy {
  /** Answer without asking once the best candidate holds this share of the belief. */
  readonly answerAt: number;
  readonly maxQuestions: number;
  /** How much an answer that rules a topic out lowers its weight. */
  readonly ruledOutFactor: number;
  /** A candidate this far ahead of the next one (ratio), with at least leadAt of the belief, is answered too. */
  readonly leadRatio: number;
  readonly leadAt: number;
  /** After the questions, candidates within this ratio of the best are offered as "Which of these is it?". */
  readonly closeRatio: number;
  /** At most this many topics in "Which of these is it?" and in the agent's runners-up. */
  readonly maxChoices: number;
  /** A reply at a prompt is a new problem when its best topic is another one with at least this confidence… */
  readonly newProblemAt: number;
  /** …leads the next one by this ratio… */
  readonly newProblemLead: number;
  /** …and the reply has at least this many words. */
  readonly newProblemMinWords: number;
  /** After "no, …", this many words that are not a plain complaint describe the problem anew. */
  readonly redescribeMinWords: number;
  /** How many next-best answers to offer after a "no" before escalating. */
  readonly maxAlternatives: number;
  /** Topics whose answer comes with the throttle clock (the time of the last attempt). */
  readonly clockTopics: readonly string[];
  /** Escalation fields that ask for a description: whatever problem is said there is the answer, not a new one. */
  readonly descriptionFields: readonly string[];
}

export const DEFAULT_POLICY: TriagePolicy = Object.freeze({
  answerAt: 0.6,
  maxQuestions: 3,
  ruledOutFactor: 0.05,
  leadRatio: 2.5,
  leadAt: 0.45,
  closeRatio: 0.5,
  maxChoices: 3,
  newProblemAt: 0.35,
  newProblemLead: 1.5,
  newProblemMinWords: 4,
  redescribeMinWords: 3,
  maxAlternatives: 1,
  clockTopics: Object.freeze(['reset-throttled']),
  descriptionFields: Object.freeze(['description']),
});
