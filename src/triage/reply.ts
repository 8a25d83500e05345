import type { Question } from '../knowledge/questions.js';
import type { SmallTalk } from '../nlu/index.js';
import { foldText, isOneOf, startsWithOneOf, wordsOf, type ConversationWords, type TurnInput } from '../turn/index.js';
import { matchChoice } from './facets.js';
import { DEFAULT_POLICY, type TriagePolicy } from './policy.js';

/** What a prompt waits for; carried by the prompt itself so whoever reads the reply knows the question. */
export type Expecting =
  | { readonly kind: 'facet'; readonly questionId: string; readonly inPlay: readonly string[] }
  | { readonly kind: 'feedback'; readonly inPlay: readonly string[] }
  | { readonly kind: 'pick'; readonly inPlay: readonly string[]; readonly titles: readonly string[] }
  | { readonly kind: 'field'; readonly fieldId: string; readonly choices: readonly string[]; readonly inPlay: readonly string[] };

/** How a message at a prompt is to be taken. */
export type Reading =
  | { readonly kind: 'command'; readonly command: 'help' | 'restart' }
  | { readonly kind: 'smallTalk'; readonly talk: SmallTalk }
  /** Another problem: diagnose `text` afresh, never answering `excluded` again. */
  | { readonly kind: 'newProblem'; readonly text: string; readonly excluded: readonly string[] }
  /** An answer to the prompt: the prompt's own step reads it. */
  | { readonly kind: 'answer' };

export interface ReplyContext {
  readonly words: ConversationWords;
  readonly questions: readonly Question[];
  readonly policy?: TriagePolicy;
}

/** A reply that can only be an answer to this prompt: a button's title, yes/no, skip, "none of these". */
function isPlainAnswer(turn: TurnInput, expecting: Expecting, context: ReplyContext): boolean {
  const { text } = turn;
  const { words } = context;
  switch (expecting.kind) {
    case 'facet': {
      const question = context.questions.find((q) => q.id === expecting.questionId);
      // Short replies that pick a choice; a longer one may be a new description that happens to hold a synonym.
      return question !== undefined && matchChoice(question, text) !== undefined && wordsOf(text).length <= 4;
    }
    case 'feedback':
      return isOneOf(text, words.yes) || isOneOf(text, words.no) || (turn.lead !== undefined && turn.rest === '');
    case 'pick':
      return isOneOf(text, expecting.titles) || isOneOf(text, words.none);
    case 'field':
      // "no idea what that is" answers the question (badly); the field's own check then asks again.
      return startsWithOneOf(text, words.skip) || isOneOf(text, expecting.choices) || isOneOf(text, words.yes) || isOneOf(text, words.no);
  }
}

/** Only generic and complaining words: "no, still the same", "no it still doesn't work". */
function isPlainComplaint(text: string, words: ConversationWords): boolean {
  const known = new Set([...words.generic, ...words.negative, ...words.leads].flatMap((w) => wordsOf(w)));
  return wordsOf(text).every((w) => known.has(w));
}

/** Whether the reply (after any "no, …") describes a problem other than the ones in play. */
export function isNewProblem(turn: TurnInput, expecting: Expecting, context: ReplyContext): boolean {
  const policy = context.policy ?? DEFAULT_POLICY;
  const { rest, classification } = turn;
  if (rest === '') return false;
  if (expecting.kind === 'field' && policy.descriptionFields.includes(expecting.fieldId)) return false;
  if (classification.codeTopicIds.some((id) => !expecting.inPlay.includes(id))) return true;
  if (classification.codeTopicIds.length > 0) return false;
  if (turn.factQuestion && !classification.outOfScope) return true;
  // A pasted address ("which page?") is an answer, however much it looks like words of the domain.
  const count = wordsOf(rest.replace(/\bhttps?:\/\/\S+/gi, ' ')).length;
  // "No, <what happens now>" after an answer: that answer did not fit, and the rest is the better description.
  if (expecting.kind === 'feedback' && turn.lead === 'no' && count >= policy.redescribeMinWords && !isPlainComplaint(rest, context.words)) return true;
  // Support questions take free text ("the reset page on my laptop"): only a reply that says something is wrong is a new problem.
  const signals = new Set(context.words.problemSignals.map(foldText));
  if (expecting.kind === 'field' && !wordsOf(rest).some((w) => signals.has(w))) return false;
  const [best, second] = classification.matches;
  if (!best || classification.outOfScope || expecting.inPlay.includes(best.id)) return false;
  return best.score >= policy.newProblemAt && best.score >= policy.newProblemLead * (second?.score ?? 0) && count >= policy.newProblemMinWords;
}

/**
 * How to take a message that arrives while a prompt waits: a command, a new problem (also after "no, …"), small
 * talk, or an answer for the prompt's own step. The one place that decides it, for every prompt.
 */
export function readReply(turn: TurnInput, expecting: Expecting, context: ReplyContext): Reading {
  if (turn.command === 'help' || turn.command === 'restart') return { kind: 'command', command: turn.command };
  if (turn.smallTalk === 'human') return { kind: 'smallTalk', talk: 'human' };
  if (isPlainAnswer(turn, expecting, context)) return { kind: 'answer' };
  if (isNewProblem(turn, expecting, context)) {
    // After "no, …" to an answer, the topics just shown are the ones it is not.
    const excluded = expecting.kind === 'feedback' && turn.lead === 'no' ? expecting.inPlay : [];
    return { kind: 'newProblem', text: turn.rest, excluded };
  }
  // At "Did this fix it?", "that worked" and "still broken" are the verdict itself.
  if (turn.smallTalk && !(expecting.kind === 'feedback' && turn.smallTalk !== 'greeting')) return { kind: 'smallTalk', talk: turn.smallTalk };
  return { kind: 'answer' };
}

export type Verdict = 'fixed' | 'not-fixed' | 'other';

/** The answer to "Did this fix it?". Anything that is neither is a further description of the problem. */
export function readVerdict(turn: TurnInput, words: ConversationWords): Verdict {
  const { text } = turn;
  if (turn.smallTalk === 'resolved' || turn.smallTalk === 'thanks' || isOneOf(text, words.yes) || (turn.lead === 'yes' && turn.rest === '')) return 'fixed';
  if (turn.smallTalk === 'still-broken' || isOneOf(text, words.no) || turn.lead === 'no') return 'not-fixed';
  const negative = new Set(words.negative.map(foldText));
  return wordsOf(text).some((w) => negative.has(w)) ? 'not-fixed' : 'other';
}

/** Which offered topic a reply picks ("Which of these is it?"): its index, 'none', or undefined. */
export function matchPick(text: string, titles: readonly string[], words: ConversationWords): number | 'none' | undefined {
  const at = titles.findIndex((t) => isOneOf(text, [t]));
  if (at >= 0) return at;
  if (isOneOf(text, words.none)) return 'none';
  // "the second one", "2": a number picks by position.
  const number = /^\s*(\d)\s*$/.exec(text);
  if (number && Number(number[1]) >= 1 && Number(number[1]) <= titles.length) return Number(number[1]) - 1;
  return undefined;
}
