import type { Catalog, Topic } from '../knowledge/types.js';
import type { FacetValue, Question } from '../knowledge/questions.js';
import type { Classification } from '../nlu/index.js';
import { isFactQuestion, isVague, type ConversationWords } from '../turn/index.js';
import { isCompatible } from './facets.js';
import { chooseQuestion, type Candidate } from './followUp.js';
import { DEFAULT_POLICY, type TriagePolicy } from './policy.js';
import { chooseView, readerOf, type ConversationKind, type Reader } from './audience.js';
import type { View } from '../render/cardData.js';

export interface FacetAnswer {
  readonly questionId: string;
  readonly values: readonly FacetValue[];
}

/** What the conversation has told so far: the person's messages and their answers to follow-up questions. */
export interface DiagnosisState {
  /** Oldest first, already cleaned. */
  readonly texts: readonly string[];
  readonly answers: readonly FacetAnswer[];
  /** Topics the person already said did not help ("no, …"): never answered again in this diagnosis. */
  readonly excluded?: readonly string[];
}

export interface DiagnosisInput extends DiagnosisState {
  readonly kind: ConversationKind;
  /** The classification of texts joined, when the caller already has it (one text: the turn's own). */
  readonly classification?: Classification;
  /**
   * What is known about the account without asking (from Microsoft Graph, when configured), as facet answers:
   * they rule topics out like answers do, and their questions are not asked.
   */
  readonly facts?: readonly FacetAnswer[];
}

export type AnswerReason = 'code' | 'confident' | 'fact' | 'agent' | 'asked-enough' | 'picked';

export type Decision =
  | {
      readonly kind: 'answer';
      readonly topics: readonly Topic[];
      /** Next-best candidates, best first. */
      readonly alternatives: readonly string[];
      readonly confidence: number;
      readonly reason: AnswerReason;
      /** Who reads it: an agent also gets the runners-up instead of an interview. */
      readonly reader: Reader;
      /** The view the answer is written in: an agent's, or what the person can do themselves. */
      readonly view: View;
      /** The classification it rests on, so callers need not classify the same text again. */
      readonly classification: Classification;
    }
  | { readonly kind: 'ask'; readonly question: Question; readonly candidates: readonly Candidate[] }
  | { readonly kind: 'offerChoices'; readonly topics: readonly Topic[]; readonly classification: Classification }
  | { readonly kind: 'outOfScope' };

export interface DiagnoseDeps {
  readonly classify: (text: string) => Classification;
  readonly catalog: Catalog;
  readonly questions: readonly Question[];
  readonly words: ConversationWords;
}

/** An agent reads the technical view wherever they are; anyone else as chooseView says. */
export function viewFor(text: string, classification: Classification, kind: ConversationKind, reader: Reader, topic?: Topic): View {
  return reader === 'agent' ? 'admin' : chooseView(text, classification, kind, topic);
}

/** Topics the message's codes name: for each code, the one the text fits best. */
function topicsForCodes(classification: Classification, catalog: Catalog, excluded: readonly string[]): Topic[] {
  const rank = (id: string): number => {
    const at = classification.matches.findIndex((m) => m.id === id);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const chosen: Topic[] = [];
  for (const code of classification.codes) {
    const topics = catalog.topicsForCode(code.type, code.value).filter((t) => !excluded.includes(t.id));
    const best = [...topics].sort((a, b) => rank(a.id) - rank(b.id))[0];
    if (best && !chosen.includes(best)) chosen.push(best);
  }
  return chosen;
}

function weigh(classification: Classification, input: DiagnosisInput, deps: DiagnoseDeps, policy: TriagePolicy): Candidate[] {
  const known = [...input.answers, ...(input.facts ?? [])];
  const excluded = input.excluded ?? [];
  return classification.matches
    .filter((m) => !excluded.includes(m.id) && deps.catalog.topic(m.id) !== undefined)
    .map((m) => {
      const topic = deps.catalog.topic(m.id)!;
      const factor = known.reduce((f, a) => {
        const question = deps.questions.find((q) => q.id === a.questionId);
        return question && !isCompatible(topic, question.facet, a.values) ? f * policy.ruledOutFactor : f;
      }, 1);
      return { id: m.id, weight: m.score * factor };
    })
    .sort((a, b) => b.weight - a.weight);
}

/**
 * The next move of a diagnosis: answer (and why), ask the question that best splits the candidates, offer the close
 * candidates to pick from, or say it is not a password problem. Pure: the classifier is passed in.
 */
export function diagnose(input: DiagnosisInput, deps: DiagnoseDeps, policy: TriagePolicy = DEFAULT_POLICY): Decision {
  const { catalog, questions, words } = deps;
  const text = input.texts.join('\n');
  const classification = input.classification ?? deps.classify(text);
  const reader = readerOf(input.kind, input.texts, words);
  const excluded = input.excluded ?? [];
  const coded = topicsForCodes(classification, catalog, excluded);
  const others = classification.matches.map((m) => m.id).filter((id) => !coded.some((t) => t.id === id) && !excluded.includes(id));
  if (coded.length > 0) {
    const view = viewFor(text, classification, input.kind, reader, coded[0]);
    return {
      kind: 'answer',
      topics: coded,
      alternatives: others,
      confidence: classification.matches[0]?.score ?? 1,
      reason: 'code',
      reader,
      view,
      classification,
    };
  }
  if (classification.outOfScope && input.answers.length === 0) return { kind: 'outOfScope' };

  const candidates = weigh(classification, input, deps, policy);
  // What the classifier did not give to its top candidates stays with "something else".
  const elsewhere = Math.max(0, 1 - classification.matches.reduce((a, m) => a + m.score, 0));
  const total = candidates.reduce((a, c) => a + c.weight, 0) + elsewhere;
  const best = candidates[0];
  if (!best) return { kind: 'outOfScope' };
  const confidence = total > 0 ? best.weight / total : 0;
  const answer = (reason: AnswerReason): Decision => ({
    kind: 'answer',
    topics: [catalog.topic(best.id)!],
    alternatives: candidates.slice(1).map((c) => c.id),
    confidence,
    reason,
    reader,
    view: viewFor(text, classification, input.kind, reader, catalog.topic(best.id)),
    classification,
  });

  // A question of fact is answered by the topic that holds the fact; an agent gets the answer and the runners-up.
  if (isFactQuestion(input.texts.at(-1) ?? '', words)) return answer('fact');
  if (reader === 'agent') return answer('agent');
  // A vague description ("I can't reset my password") fits many topics a little: only the questions can decide.
  const vague = classification.vague === true || input.texts.every((t) => isVague(t, classification, words));
  const runnerUp = candidates[1]?.weight ?? 0;
  const clearLead = !vague && confidence >= policy.leadAt && best.weight >= policy.leadRatio * runnerUp;
  if (confidence >= policy.answerAt || clearLead) return answer('confident');

  if (input.answers.length < policy.maxQuestions) {
    const asked = [...input.answers, ...(input.facts ?? [])].map((a) => a.questionId);
    const question = chooseQuestion(questions, candidates, asked, catalog);
    if (question) return { kind: 'ask', question, candidates };
  }
  const close = candidates.filter((c) => c.weight >= policy.closeRatio * best.weight).slice(0, policy.maxChoices);
  if (close.length > 1) return { kind: 'offerChoices', topics: close.map((c) => catalog.topic(c.id)!), classification };
  return answer('asked-enough');
}
