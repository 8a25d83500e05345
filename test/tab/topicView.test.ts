import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/knowledge/index.js';
import { isTopicId, toTopicView } from '../../src/tab/topicView.js';

const catalog = loadCatalog();

describe('the topic view', () => {
  it.each(['sspr-0013', 'event-33004', 'sms-or-call-not-received'])('accepts the id %j', (id) => {
    expect(isTopicId(id)).toBe(true);
  });

  it.each(['', 'SSPR-0013', '../package', 'a--b', '-a', 'a b', 'x'.repeat(101)])('refuses the id %j', (id) => {
    expect(isTopicId(id)).toBe(false);
  });

  it('accepts the id of every catalog topic', () => {
    expect(catalog.topics.every((t) => isTopicId(t.id))).toBe(true);
  });

  it('keeps what the tab shows and names related topics by title', () => {
    const view = toTopicView(catalog.topic('sspr-0013')!, catalog);
    expect(Object.keys(view).sort()).toEqual(['audience', 'category', 'cause', 'codes', 'escalation', 'fix', 'id', 'related', 'source', 'title']);
    expect(view.related[0]).toEqual({ id: 'directory-not-enabled', title: catalog.topic('directory-not-enabled')!.title });
    expect(view.source).toEqual({ section: catalog.topic('sspr-0013')!.source.section, url: catalog.topic('sspr-0013')!.source.url });
  });
});
