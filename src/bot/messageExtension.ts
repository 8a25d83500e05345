import {
  CardFactory,
  type MessagingExtensionAttachment,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import type { CheckReply } from '../graph/turnFacts.js';
import type { Catalog, Topic } from '../knowledge/types.js';
import type { Classifier } from '../nlu/index.js';
import { buildResolutionCardData, type AccountSectionData, type CardRenderer } from '../render/index.js';

export const SEARCH_COMMAND = 'searchTopics';
export const DIAGNOSE_COMMAND = 'diagnoseMessage';
const MAX_QUERY_CHARS = 500;
const MAX_MESSAGE_CHARS = 4000;
const MAX_RESULTS = 8;

export interface ExtensionDeps {
  readonly catalog: Catalog;
  readonly classifier: Classifier;
  readonly renderer: CardRenderer;
  readonly texts: { readonly nothingFound: string; readonly unknownCommand: string; readonly nothingStandsOut: string };
}

/** Teams messages arrive as HTML; the classifier wants the words. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** The topics a text is about: every code's topic, else the classifier's candidates unless out of scope. */
function topicsFor(deps: ExtensionDeps, text: string, limit: number): Topic[] {
  const result = deps.classifier.classify(text);
  if (result.outOfScope && result.codeTopicIds.length === 0) return [];
  const ids = [...result.codeTopicIds, ...result.matches.map((m) => m.id)];
  return [...new Set(ids)]
    .slice(0, limit)
    .map((id) => deps.catalog.topic(id)!)
    .filter(Boolean);
}

/** A search result: the full resolution card (agent view) with a small preview for the result list. */
function resultAttachment(deps: ExtensionDeps, topic: Topic, account?: AccountSectionData): MessagingExtensionAttachment {
  const data = buildResolutionCardData(topic, 'admin', { canNotifyAdmin: false });
  const card = deps.renderer.render('resolution', account ? { ...data, account } : data);
  const code = topic.codes.find((c) => c.type === 'sspr' || c.type === 'event');
  return { ...card, preview: CardFactory.heroCard(topic.title, code ? `${code.type === 'event' ? 'Event ' : ''}${code.value}` : topic.category) };
}

/** composeExtension/query: a few words or a code; each result inserts that topic's card. */
export function searchTopics(deps: ExtensionDeps, query: MessagingExtensionQuery): MessagingExtensionResponse {
  const raw = query.parameters?.find((p) => p.name === 'query')?.value;
  const text = typeof raw === 'string' ? raw.slice(0, MAX_QUERY_CHARS).trim() : '';
  const topics = text ? topicsFor(deps, text, MAX_RESULTS) : [];
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: topics.map((t) => resultAttachment(deps, t)) } };
}

/**
 * composeExtension/submitAction on a message: classify it and offer the answer card for the thread. With the author's
 * account facts (an agent asked, Graph on), the first card shows them ("What I see for this account") and, when the
 * message names no code, the topic the facts point at comes first.
 */
export function diagnoseMessage(
  deps: ExtensionDeps,
  action: MessagingExtensionAction,
  check?: Extract<CheckReply, { kind: 'facts' }>,
): MessagingExtensionActionResponse {
  if (action.commandId !== DIAGNOSE_COMMAND) return { task: { type: 'message', value: deps.texts.unknownCommand } };
  const body = action.messagePayload?.body?.content ?? '';
  const extra = typeof (action.data as { text?: unknown } | undefined)?.text === 'string' ? String((action.data as { text: string }).text) : '';
  const text = `${plainText(String(body))}\n${extra}`.slice(0, MAX_MESSAGE_CHARS).trim();
  const result = deps.classifier.classify(text);
  const codeTopics = result.codeTopicIds.map((id) => deps.catalog.topic(id)!).filter(Boolean);
  const best = result.outOfScope ? undefined : deps.catalog.topic(result.matches[0]?.id ?? '');
  const likely = check?.likelyTopicId === undefined ? undefined : deps.catalog.topic(check.likelyTopicId);
  const guessed = [likely, best].filter((t): t is Topic => t !== undefined);
  const topics = codeTopics.length > 0 ? codeTopics : [...new Set(guessed)];
  const section = check?.advice.section;
  if (topics.length === 0) {
    if (!section) return { task: { type: 'message', value: deps.texts.nothingFound } };
    return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [accountAttachment(deps, section)] } };
  }
  const attachments = topics.map((t, i) => resultAttachment(deps, t, i === 0 ? section : undefined));
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

/** The account facts alone, when neither the message nor the facts point at a topic. */
function accountAttachment(deps: ExtensionDeps, account: AccountSectionData): MessagingExtensionAttachment {
  const card = deps.renderer.render('accountCheck', { account, summary: deps.texts.nothingStandsOut });
  return { ...card, preview: CardFactory.heroCard(account.title) };
}
