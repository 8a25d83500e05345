import type { Catalog, Topic } from '../knowledge/types.js';
import type { Question } from '../knowledge/questions.js';
import { isOneOf, type TurnInput } from '../turn/index.js';
import { diagnose, viewFor, type DiagnoseDeps, type Decision, type DiagnosisInput, type FacetAnswer } from './diagnose.js';
import { matchChoice } from './facets.js';
import { DEFAULT_POLICY, type TriagePolicy } from './policy.js';
import { matchPick, readReply, readVerdict, type Expecting, type Reading, type Verdict } from './reply.js';

/**
 * The decision module as one object for the dialogs: built once with the classifier, the catalog, the questions,
 * the word lists and the policy, then asked per turn. Pure; it never talks to the channel.
 */
export class Triage {
  readonly policy: TriagePolicy;

  constructor(
    private readonly deps: DiagnoseDeps,
    policy: Partial<TriagePolicy> = {},
  ) {
    this.policy = { ...DEFAULT_POLICY, ...policy };
  }

  get catalog(): Catalog {
    return this.deps.catalog;
  }

  get questions(): readonly Question[] {
    return this.deps.questions;
  }

  /** Answer, ask, offer choices or decline. */
  decide(input: DiagnosisInput): Decision {
    return diagnose(input, this.deps, this.policy);
  }

  /** How to take a message at a prompt (a command, a new problem, small talk, or the prompt's answer). */
  read(turn: TurnInput, expecting: Expecting): Reading {
    return readReply(turn, expecting, { words: this.deps.words, questions: this.deps.questions, policy: this.policy });
  }

  /** The answer to "Did this fix it?". */
  verdict(turn: TurnInput): Verdict {
    return readVerdict(turn, this.deps.words);
  }

  /**
   * A reply to a follow-up question: the choice it picks (a button's title or a synonym), or, for free text that
   * picks none, a "not sure" to the question and the text as more description.
   */
  readAnswer(questionId: string, reply: TurnInput): { readonly answer: FacetAnswer; readonly description?: string } {
    const question = this.deps.questions.find((q) => q.id === questionId);
    const choice = question ? matchChoice(question, reply.text) : undefined;
    return choice ? { answer: { questionId, values: choice.values } } : { answer: { questionId, values: [] }, description: reply.text };
  }

  /** The answer once the person picked one of the offered topics; the others stay as the next-best. */
  picked(topic: Topic, offered: readonly Topic[], input: DiagnosisInput): Extract<Decision, { kind: 'answer' }> {
    const classification = this.deps.classify(input.texts.join('\n'));
    const alternatives = offered.filter((t) => t !== topic).map((t) => t.id);
    const view = viewFor(input.texts.join('\n'), classification, input.kind, 'person', topic);
    const account = input.account && { section: input.account.section, ...(input.account.throttle && { throttle: input.account.throttle }) };
    return {
      kind: 'answer',
      topics: [topic],
      alternatives,
      confidence: 1,
      reason: 'picked',
      reader: 'person',
      view,
      classification,
      ...(account && { account }),
    };
  }

  /** Which of the offered topics a reply picks, 'none', or undefined. */
  pick(turn: TurnInput, topics: readonly Topic[]): Topic | 'none' | undefined {
    const at = matchPick(
      turn.text,
      topics.map((t) => t.title),
      this.deps.words,
    );
    return at === 'none' || at === undefined ? at : topics[at];
  }

  /** Whether a skip word: the escalation's "skip". */
  isSkip(text: string): boolean {
    return text.trim() === '' || isOneOf(text, this.deps.words.skip);
  }

  /** The topics whose answer comes with the throttle clock. */
  needsClock(topicIds: readonly string[]): boolean {
    return topicIds.some((id) => this.policy.clockTopics.includes(id));
  }

  /** The next alternative to offer after a "no", or undefined once enough were tried. */
  nextAlternative(offered: readonly string[], alternatives: readonly string[]): Topic | undefined {
    if (offered.length - 1 >= this.policy.maxAlternatives) return undefined;
    const next = alternatives.find((id) => !offered.includes(id));
    return next === undefined ? undefined : this.deps.catalog.topic(next);
  }
}
