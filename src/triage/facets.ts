import type { FacetName, FacetValue, Question, Choice } from '../knowledge/questions.js';
import type { Topic } from '../knowledge/types.js';

/** Can this topic be the problem, given an answer standing for these facet values? */
export function isCompatible(topic: Topic, facet: FacetName, values: readonly FacetValue[]): boolean {
  if (values.length === 0) return true;
  const own = topic.facets[facet];
  if (typeof own === 'boolean') return values.includes(own);
  // An empty list means the facet does not tell this topic apart.
  if (own.length === 0) return true;
  return own.some((value) => values.includes(value));
}

const fold = (text: string): string =>
  ` ${text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

/** The choice a reply picks: its title (a clicked button posts the title), else the longest synonym it contains. */
export function matchChoice(question: Question, reply: string): Choice | undefined {
  const text = fold(reply);
  const byTitle = question.choices.find((c) => fold(c.title) === text);
  if (byTitle) return byTitle;
  let best: { choice: Choice; length: number } | undefined;
  for (const choice of question.choices) {
    for (const synonym of choice.synonyms) {
      const folded = fold(synonym);
      if (text.includes(folded) && (!best || folded.length > best.length)) best = { choice, length: folded.length };
    }
  }
  // A long free-text reply that merely mentions a synonym is more likely a new description than an answer.
  if (best && text.trim().split(' ').length > 8 && best.length < 6) return undefined;
  return best?.choice;
}
