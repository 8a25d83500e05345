import type { Catalog, Topic } from '../knowledge/types.js';
import type { FacetValue, Question } from '../knowledge/questions.js';
import type { Classification } from '../nlu/index.js';
import { isFactQuestion, isVague, type ConversationWords } from '../turn/index.js';
import { isCompatible } from './facets.js';
import { chooseQuestion, type Candidate } from './followUp.js';
import { DEFAULT_POLICY, type TriagePolicy } from './policy.js';
import { chooseView, readerOf, type ConversationKind, type Reader } from './audience.js';
import type { View } from '../render/cardData.js';
// advice.js directly: the graph folder's index pulls in the network client, and this module stays pure.
import { leadTopic, reweigh, type AccountSection, type FactsAdvice, type ThrottleFact } from '../graph/advice.js';

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
  /**
   * What the asking user's account shows (Microsoft Graph, when configured): pre-answered questions, topic weights,
   * a topic the facts settle, the throttle clock and the card section. Used only when the person describes their
   * own problem; an agent's account says nothing about the user they are helping.
   */
  readonly account?: FactsAdvice;
}

/** 'account': the asking user's account facts settled the topic without a question. */
export type AnswerReason = 'code' | 'confident' | 'fact' | 'agent' | 'asked-enough' | 'picked' | 'account';

/** What the answer shows about the asking user's account. */
export interface AccountView {
  readonly section: AccountSection;
  /** When the account's last reset was blocked: the time they can try again, instead of asking when they last tried. */
  readonly throttle?: ThrottleFact;
}

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
      /** Present when the asking user's account facts were used: the card's section and the throttle clock. */
      readonly account?: AccountView;
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

function weigh(classification: Classification, input: DiagnosisInput, known: readonly FacetAnswer[], deps: DiagnoseDeps, policy: TriagePolicy): Candidate[] {
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
 * candidates to pick from, or say it is not a password problem. Pure: the classifier is passed in, and the account
 * facts come in as data.
 */
export function diagnose(input: DiagnosisInput, deps: DiagnoseDeps, policy: TriagePolicy = DEFAULT_POLICY): Decision {
  const text = input.texts.join('\n');
  const classification = input.classification ?? deps.classify(text);
  const reader = readerOf(input.kind, input.texts, deps.words);
  // The asking user's own account speaks only for their own problem, never for the user an agent is helping.
  const advice = reader === 'person' ? input.account : undefined;
  const { decision, candidates, coded } = decideFromText(input, classification, reader, advice, deps, policy);
  if (!advice) return decision;
  const account: AccountView = { section: advice.section, ...(advice.throttle && { throttle: advice.throttle }) };
  // A code names its topic for certain, and a message that is not about passwords gets no account advice.
  if (coded || decision.kind === 'outOfScope') return decision.kind === 'answer' ? { ...decision, account } : decision;
  const answering = decision.kind === 'answer' ? decision.topics[0] : undefined;
  const leadId = leadTopic(advice, answering);
  const lead = leadId !== undefined && !(input.excluded ?? []).includes(leadId) ? deps.catalog.topic(leadId) : undefined;
  if (!lead || lead.id === answering?.id) return decision.kind === 'answer' ? { ...decision, account } : decision;
  return {
    kind: 'answer',
    topics: [lead],
    alternatives: candidates.map((c) => c.id).filter((id) => id !== lead.id),
    confidence: 1,
    reason: 'account',
    reader,
    view: viewFor(text, classification, input.kind, reader, lead),
    classification,
    account,
  };
}

/** The decision the words (and the answers and facts as facets and weights) make, before a topic the facts settle. */
function decideFromText(
  input: DiagnosisInput,
  classification: Classification,
  reader: Reader,
  advice: FactsAdvice | undefined,
  deps: DiagnoseDeps,
  policy: TriagePolicy,
): { decision: Decision; candidates: readonly Candidate[]; coded: boolean } {
  const { catalog, questions, words } = deps;
  const text = input.texts.join('\n');
  const excluded = input.excluded ?? [];
  const coded = topicsForCodes(classification, catalog, excluded);
  const others = classification.matches.map((m) => m.id).filter((id) => !coded.some((t) => t.id === id) && !excluded.includes(id));
  if (coded.length > 0) {
    const view = viewFor(text, classification, input.kind, reader, coded[0]);
    const decision: Decision = {
      kind: 'answer',
      topics: coded,
      alternatives: others,
      confidence: classification.matches[0]?.score ?? 1,
      reason: 'code',
      reader,
      view,
      classification,
    };
    return { decision, candidates: [], coded: true };
  }
  if (classification.outOfScope && input.answers.length === 0) return { decision: { kind: 'outOfScope' }, candidates: [], coded: false };

  const known = [...input.answers, ...(input.facts ?? []), ...(advice?.answers ?? [])];
  const weighed = weigh(classification, input, known, deps, policy);
  const candidates = advice ? reweigh(weighed, advice) : weighed;
  const decide = (decision: Decision) => ({ decision, candidates, coded: false });
  // What the classifier did not give to its top candidates stays with "something else".
  const elsewhere = Math.max(0, 1 - classification.matches.reduce((a, m) => a + m.score, 0));
  const total = candidates.reduce((a, c) => a + c.weight, 0) + elsewhere;
  const best = candidates[0];
  if (!best) return decide({ kind: 'outOfScope' });
  const confidence = total > 0 ? best.weight / total : 0;
  const answer = (reason: AnswerReason) =>
    decide({
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
    const question = chooseQuestion(
      questions,
      candidates,
      known.map((a) => a.questionId),
      catalog,
    );
    if (question) return decide({ kind: 'ask', question, candidates });
  }
  const close = candidates.filter((c) => c.weight >= policy.closeRatio * best.weight).slice(0, policy.maxChoices);
  if (close.length > 1) return decide({ kind: 'offerChoices', topics: close.map((c) => catalog.topic(c.id)!), classification });
  return answer('asked-enough');
}
