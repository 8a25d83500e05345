import type { Catalog, CodeType, Question, Topic } from '../../src/knowledge/index.js';
import type { Classification, SmallTalk } from '../../src/nlu/index.js';
import { loadWords } from '../../src/render/index.js';
import type { ConversationWords } from '../../src/turn/index.js';

/**
 * A small fake catalog and classifier, so decision and dialog tests say exactly what the classifier "thinks" and do
 * not move when the real model is retrained.
 */
export function fakeTopic(id: string, overrides: Partial<Topic> = {}): Topic {
  return {
    id,
    title: `Title of ${id}`,
    audience: 'user',
    category: 'test',
    codes: [],
    errorTexts: [],
    symptoms: [],
    cause: { user: `cause of ${id}`, admin: `admin cause of ${id}` },
    fix: { user: [`fix ${id}`], admin: [`admin fix ${id}`] },
    escalation: { actor: 'admin', summary: `ask an admin about ${id}`, collect: [] },
    related: [],
    source: { seed: ['000'], section: 'test', url: 'https://learn.microsoft.com/' },
    facets: { stage: ['resetting'], hasErrorCode: false, method: [], accountType: [] },
    ...overrides,
  } as Topic;
}

export const TOPICS: readonly Topic[] = [
  fakeTopic('group-missing', {
    codes: [{ type: 'sspr', value: 'SSPR_0013' }],
    facets: { stage: ['resetting'], hasErrorCode: true, method: [], accountType: [] },
  }),
  fakeTopic('no-license', { codes: [{ type: 'sspr', value: 'SSPR_0012' }], facets: { stage: ['resetting'], hasErrorCode: true, method: [], accountType: [] } }),
  fakeTopic('sms-missing', { facets: { stage: ['resetting'], hasErrorCode: false, method: ['sms'], accountType: [] } }),
  fakeTopic('email-missing', { facets: { stage: ['resetting'], hasErrorCode: false, method: ['email'], accountType: [] } }),
  fakeTopic('app-missing', { facets: { stage: ['resetting'], hasErrorCode: false, method: ['app'], accountType: [] } }),
  fakeTopic('writeback-ports', { audience: 'admin', facets: { stage: ['writeback'], hasErrorCode: false, method: [], accountType: ['synced'] } }),
  fakeTopic('info-missing', { facets: { stage: ['registering'], hasErrorCode: true, method: [], accountType: [] } }),
  fakeTopic('throttled', { facets: { stage: ['resetting'], hasErrorCode: true, method: [], accountType: [] } }),
];

export function fakeCatalog(topics: readonly Topic[] = TOPICS): Catalog {
  const byId = new Map(topics.map((t) => [t.id, t]));
  return {
    topics,
    outOfScope: { examples: [] },
    topic: (id: string) => byId.get(id),
    topicsForCode: (type: CodeType, value: string) => topics.filter((t) => t.codes.some((c) => c.type === type && c.value === value)),
  } as unknown as Catalog;
}

export const QUESTIONS: readonly Question[] = [
  {
    id: 'method',
    facet: 'method',
    text: 'Which verification method are you using?',
    choices: [
      { title: 'A text (SMS) to my phone', values: ['sms'], synonyms: ['sms', 'text'] },
      { title: 'An email', values: ['email'], synonyms: ['email'] },
      { title: 'The Authenticator app', values: ['app'], synonyms: ['app', 'authenticator'] },
      { title: 'Not sure', values: [], synonyms: ['not sure'] },
    ],
  },
  {
    id: 'errorCode',
    facet: 'hasErrorCode',
    text: 'Do you see an error code?',
    choices: [
      { title: 'Yes, there is an error message', values: [true], synonyms: ['yes'] },
      { title: 'No error, it just does not work', values: [false], synonyms: ['no error'] },
      { title: 'Not sure', values: [], synonyms: ['not sure'] },
    ],
  },
];

/** One rule of the fake classifier: a message containing `when` scores these topics. */
export interface FakeRule {
  readonly when: string;
  readonly scores: Readonly<Record<string, number>>;
  readonly smallTalk?: SmallTalk;
  readonly outOfScope?: boolean;
}

/** Codes the fake classifier knows: SSPR_00xx as the catalog's topics carry them. */
const CODE = /\bSSPR_00\d\d\b/gi;

/**
 * A classifier for tests: the first rule whose `when` the text contains decides the scores; codes are found by a
 * plain pattern. Unknown text is a weak, even spread over every topic.
 */
export function fakeClassify(rules: readonly FakeRule[], catalog: Catalog = fakeCatalog()): (text: string) => Classification {
  return (text) => {
    const codes = [...text.matchAll(CODE)].map((m) => ({ type: 'sspr' as const, value: m[0].toUpperCase() }));
    const codeTopicIds = [...new Set(codes.flatMap((c) => catalog.topicsForCode(c.type, c.value).map((t) => t.id)))];
    const lower = text.toLowerCase();
    const rule = rules.find((r) => lower.includes(r.when.toLowerCase()));
    const scores = rule?.scores ?? Object.fromEntries(catalog.topics.map((t) => [t.id, 0.05]));
    const matches = Object.entries(scores)
      .map(([id, score]) => ({ id, score: codeTopicIds.includes(id) ? Math.max(score, 0.9) : score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    for (const id of codeTopicIds) if (!matches.some((m) => m.id === id)) matches.unshift({ id, score: 0.9 });
    return { matches, outOfScope: rule?.outOfScope ?? false, smallTalk: rule?.smallTalk ?? null, codes, codeTopicIds };
  };
}

/** The real word lists (cards/words.json): they are content, and the tests check the content too. */
export const WORDS: ConversationWords = loadWords();

/** The classifier rules most tests share. */
export const RULES: readonly FakeRule[] = [
  { when: 'text message never arrives', scores: { 'sms-missing': 0.8, 'email-missing': 0.1 } },
  { when: 'locked out for an hour after every attempt', scores: { throttled: 0.8, 'group-missing': 0.05 } },
  { when: 'security info is missing', scores: { 'group-missing': 0.5, 'info-missing': 0.3 } },
  { when: 'portal page on my laptop', scores: { 'writeback-ports': 0.8, throttled: 0.05 } },
  { when: 'ports', scores: { 'writeback-ports': 0.4, throttled: 0.2 } },
  { when: 'locks me out', scores: { throttled: 0.3, 'group-missing': 0.25 } },
  { when: 'code never comes', scores: { 'sms-missing': 0.3, 'email-missing': 0.28, 'app-missing': 0.25 } },
  { when: 'no p1 licence', scores: { 'no-license': 0.3, 'group-missing': 0.25, 'info-missing': 0.1 } },
  { when: 'talk to a person', scores: {}, smallTalk: 'human' },
  { when: 'that fixed it', scores: {}, smallTalk: 'resolved' },
  { when: 'meeting room', scores: {}, outOfScope: true },
];
