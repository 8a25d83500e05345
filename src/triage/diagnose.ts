import type { Catalog, Topic } from '../knowledge/types.js';
import type { FacetValue, Question } from '../knowledge/questions.js';
import type { Classification, Classifier } from '../nlu/index.js';
import { isCompatible } from './facets.js';
import { chooseQuestion, type Candidate } from './followUp.js';

export interface FacetAnswer {
  readonly questionId: string;
  readonly values: readonly FacetValue[];
}

/** What the conversation has told so far: the person's messages and their answers to follow-up questions. */
export interface DiagnosisState {
  readonly texts: readonly string[];
  readonly answers: readonly FacetAnswer[];
}

export type Decision =
  | {
      readonly kind: 'answer';
      readonly topics: readonly Topic[];
      readonly alternatives: readonly string[];
      readonly confidence: number;
      /** The classification it rests on, so callers need not classify the same text again. */
      readonly classification: Classification;
    }
  | { readonly kind: 'ask'; readonly question: Question; readonly candidates: readonly Candidate[] }
  | { readonly kind: 'outOfScope' };

export interface DiagnoseOptions {
  readonly maxQuestions?: number;
  /** Answer without asking once the best candidate holds this share of the belief. */
  readonly answerAt?: number;
  /** How much an answer that rules a topic out lowers its weight. */
  readonly ruledOutFactor?: number;
  /** A candidate this far ahead of the next one (ratio), with at least leadAt of the belief, is answered too. */
  readonly leadRatio?: number;
  readonly leadAt?: number;
}

export interface DiagnoseDeps {
  readonly classifier: Classifier;
  readonly catalog: Catalog;
  readonly questions: readonly Question[];
}

/** Topics the message's codes name: for each code, the one the text fits best. */
function topicsForCodes(classification: Classification, catalog: Catalog): Topic[] {
  const rank = (id: string): number => {
    const at = classification.matches.findIndex((m) => m.id === id);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const chosen: Topic[] = [];
  for (const code of classification.codes) {
    const topics = [...catalog.topicsForCode(code.type, code.value)].sort((a, b) => rank(a.id) - rank(b.id));
    const best = topics[0];
    if (best && !chosen.includes(best)) chosen.push(best);
  }
  return chosen;
}

export function diagnose(state: DiagnosisState, deps: DiagnoseDeps, options: DiagnoseOptions = {}): Decision {
  const { maxQuestions = 3, answerAt = 0.6, ruledOutFactor = 0.05, leadRatio = 2.5, leadAt = 0.45 } = options;
  const { classifier, catalog, questions } = deps;
  const classification = classifier.classify(state.texts.join('\n'));
  const coded = topicsForCodes(classification, catalog);
  const others = classification.matches.map((m) => m.id).filter((id) => !coded.some((t) => t.id === id));
  if (coded.length > 0) return { kind: 'answer', topics: coded, alternatives: others, confidence: classification.matches[0]?.score ?? 1, classification };
  if (classification.outOfScope && state.answers.length === 0) return { kind: 'outOfScope' };

  const candidates: Candidate[] = classification.matches
    .map((m) => {
      const topic = catalog.topic(m.id)!;
      const factor = state.answers.reduce((f, a) => {
        const question = questions.find((q) => q.id === a.questionId);
        return question && !isCompatible(topic, question.facet, a.values) ? f * ruledOutFactor : f;
      }, 1);
      return { id: m.id, weight: m.score * factor };
    })
    .sort((a, b) => b.weight - a.weight);
  // What the classifier did not give to its top candidates stays with "something else".
  const elsewhere = Math.max(0, 1 - classification.matches.reduce((a, m) => a + m.score, 0));
  const total = candidates.reduce((a, c) => a + c.weight, 0) + elsewhere;
  const best = candidates[0];
  if (!best) return { kind: 'outOfScope' };
  const confidence = total > 0 ? best.weight / total : 0;
  const answer: Decision = {
    kind: 'answer',
    topics: [catalog.topic(best.id)!],
    alternatives: candidates.slice(1).map((c) => c.id),
    confidence,
    classification,
  };
  const runnerUp = candidates[1]?.weight ?? 0;
  const clearLead = confidence >= leadAt && best.weight >= leadRatio * runnerUp;
  if (confidence >= answerAt || clearLead || state.answers.length >= maxQuestions) return answer;
  const asked = state.answers.map((a) => a.questionId);
  const question = chooseQuestion(questions, candidates, asked, catalog);
  return question ? { kind: 'ask', question, candidates } : answer;
}
