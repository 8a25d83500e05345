import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeEvents, buildTimelineCardData, parseEventLog, TIMELINE_TEXT } from '../../src/extractors/eventLog/index.js';
import { loadCatalog } from '../../src/knowledge/index.js';
import { CardRenderer, escapeMarkdown } from '../../src/render/index.js';
import { actionsOf, markdownTexts, schemaErrors, sdkEvents } from '../render/cardChecks.js';

const catalog = loadCatalog();
const renderer = new CardRenderer();
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/eventlog/${name}`, import.meta.url), 'utf8');
const cardDataFor = (name: string) => buildTimelineCardData(analyzeEvents(parseEventLog(fixture(name)), catalog), catalog);

describe('the timeline card', () => {
  it('lists every event with its time, marks the root cause and gives its admin fix and docs link', () => {
    const data = cardDataFor('viewer-33004.txt');
    const topic = catalog.topic('event-33004')!;
    expect(data.events).toEqual([
      { time: '2026-11-30 09:41:02', id: '31001', name: 'PasswordResetStart', kind: 'informational', isRootCause: false },
      { time: '2026-11-30 09:41:03', id: '33004', name: 'ADPermissionsError', kind: 'failure', isRootCause: true },
      { time: '2026-11-30 09:41:03', id: '31003', name: 'PasswordResetFail', kind: 'failure', isRootCause: false },
    ]);
    expect(data.verdict).toBe(`Root cause: 33004 ADPermissionsError — ${topic.title}`);
    expect(data.steps).toEqual(topic.fix.admin);

    const card = renderer.render('timeline', data).content as unknown;
    expect(schemaErrors(card)).toEqual([]);
    expect(sdkEvents(card)).toEqual([]);
    const texts = markdownTexts(card);
    expect(texts).toEqual(
      expect.arrayContaining(['33004 ADPermissionsError · failure', '◀ Root cause', escapeMarkdown(data.verdict), `1. ${escapeMarkdown(topic.fix.admin[0]!)}`]),
    );
    expect(texts.filter((t) => t === '◀ Root cause')).toHaveLength(1);
    expect(actionsOf(card)).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', url: topic.source.url })]);
  });

  it('says everything is fine when every event is informational, with no steps and no link', () => {
    const data = cardDataFor('getwinevent-success.txt');
    expect(data).toMatchObject({ verdict: TIMELINE_TEXT.allInformational, steps: [], sourceUrl: '' });
    const card = renderer.render('timeline', data).content as unknown;
    expect(schemaErrors(card)).toEqual([]);
    expect(sdkEvents(card)).toEqual([]);
    expect(markdownTexts(card)).not.toContain('◀ Root cause');
    expect(actionsOf(card)).toEqual([]);
  });

  it('renders a text with no events as a card that says so', () => {
    const data = buildTimelineCardData(analyzeEvents([], catalog), catalog);
    expect(data.verdict).toBe(TIMELINE_TEXT.noEvents);
    const card = renderer.render('timeline', data).content as unknown;
    expect(schemaErrors(card)).toEqual([]);
    expect(sdkEvents(card)).toEqual([]);
  });

  it('names a root cause the catalog cannot explain, and shows "—" for an event without a time', () => {
    const analysis = analyzeEvents([{ source: 'ADSync', id: 6329, message: 'BAIL: something new' }], catalog);
    const data = buildTimelineCardData(analysis, catalog);
    expect(data.verdict).toBe('Root cause: 6329 ADSync (no documented fix matches this event)');
    expect(data.events[0]).toMatchObject({ time: '—', isRootCause: true });
  });

  it('shows a time the log gave with a zone as UTC', () => {
    const analysis = analyzeEvents([{ source: 'PasswordResetService', id: 31001, message: '', time: '2026-11-30T17:41:02Z' }], catalog);
    expect(buildTimelineCardData(analysis, catalog).events[0]!.time).toBe('2026-11-30 17:41:02 UTC');
  });
});
