import type { Question } from '../knowledge/questions.js';
import type { Catalog } from '../knowledge/types.js';
import { isCompatible } from './facets.js';

export interface Candidate {
  readonly id: string;
  readonly weight: number;
}

const entropy = (weights: readonly number[]): number => {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  return -weights.reduce((h, w) => (w > 0 ? h + (w / total) * Math.log2(w / total) : h), 0);
};

/**
 * Expected entropy of the candidates after hearing the answer to a question. Each candidate spreads its
 * weight over the answers it is compatible with, which is what a person with that problem would say.
 */
export function expectedEntropy(question: Question, candidates: readonly Candidate[], catalog: Catalog): number {
  const answers = question.choices.filter((c) => c.values.length > 0);
  const posterior = answers.map(() => candidates.map(() => 0));
  candidates.forEach((candidate, i) => {
    const topic = catalog.topic(candidate.id);
    if (!topic) return;
    const fits = answers.map((a) => isCompatible(topic, question.facet, a.values));
    const share = fits.filter(Boolean).length;
    fits.forEach((fit, a) => {
      if (fit) posterior[a]![i] = candidate.weight / share;
    });
  });
  const total = candidates.reduce((a, c) => a + c.weight, 0);
  return posterior.reduce((sum, weights) => {
    const mass = weights.reduce((a, b) => a + b, 0);
    return sum + (total > 0 ? (mass / total) * entropy(weights.map((w, i) => (w > 0 ? candidates[i]!.weight : 0))) : 0);
  }, 0);
}

/** The unasked question that best splits the candidates, or undefined when none would tell them apart. */
export function chooseQuestion(
  questions: readonly Question[],
  candidates: readonly Candidate[],
  asked: readonly string[],
  catalog: Catalog,
  minGainBits = 0.15,
): Question | undefined {
  const now = entropy(candidates.map((c) => c.weight));
  let best: { question: Question; gain: number } | undefined;
  for (const question of questions) {
    if (asked.includes(question.id)) continue;
    const gain = now - expectedEntropy(question, candidates, catalog);
    if (gain >= minGainBits && (!best || gain > best.gain)) best = { question, gain };
  }
  return best?.question;
}
