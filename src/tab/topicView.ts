import type { Catalog, Topic } from '../knowledge/types.js';
import type { TopicView } from './types.js';

/** Catalog ids are file names: lower-case words joined by hyphens. */
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_TOPIC_ID_CHARS = 100;

export function isTopicId(value: string): boolean {
  return value.length <= MAX_TOPIC_ID_CHARS && TOPIC_ID.test(value);
}

/** The fields every listing of a topic shows: in search results and at the top of its page. */
export function topicHeader(topic: Topic): Pick<TopicView, 'id' | 'title' | 'audience' | 'category' | 'codes'> {
  return { id: topic.id, title: topic.title, audience: topic.audience, category: topic.category, codes: topic.codes.map((c) => c.value) };
}

/** What the tab needs to show a topic; symptoms, facets and seeds stay on the server. */
export function toTopicView(topic: Topic, catalog: Catalog): TopicView {
  return {
    ...topicHeader(topic),
    cause: { user: topic.cause.user, admin: topic.cause.admin },
    fix: { user: [...topic.fix.user], admin: [...topic.fix.admin] },
    escalation: { actor: topic.escalation.actor, summary: topic.escalation.summary, collect: [...topic.escalation.collect] },
    source: { section: topic.source.section, url: topic.source.url },
    related: topic.related.flatMap((id) => {
      const related = catalog.topic(id);
      return related ? [{ id: related.id, title: related.title }] : [];
    }),
  };
}
