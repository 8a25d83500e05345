import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeEvents, INFORMATIONAL_EVENT_IDS, MAX_EVENTS, parseEventLog, type LogEvent } from '../../src/extractors/eventLog/index.js';
import { loadCatalog } from '../../src/knowledge/index.js';

const catalog = loadCatalog();
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/eventlog/${name}`, import.meta.url), 'utf8');
const analyze = (text: string) => analyzeEvents(parseEventLog(text), catalog);

const event = (id: number, fields: Partial<LogEvent> = {}): LogEvent => ({
  source: id >= 31000 ? 'PasswordResetService' : 'ADSync',
  id,
  message: '',
  ...fields,
});

/** A Viewer "Copy details as text" block. */
const viewerBlock = (id: number, time: string, level: string, message: string): string =>
  [
    'Log Name:      Application',
    'Source:        PasswordResetService',
    `Date:          ${time}`,
    `Event ID:      ${id}`,
    'Task Category: None',
    `Level:         ${level}`,
    'Description:',
    message,
    '',
  ].join('\n');

describe('analyzeEvents finds the root cause', () => {
  it('answers 31001 → 33004 → 31003 with 33004 ADPermissionsError and its AD connector (ADMA) permission fix', () => {
    const text = [
      viewerBlock(31001, '11/30/2026 9:41:02 AM', 'Information', 'PasswordResetStart'),
      viewerBlock(33004, '11/30/2026 9:41:03 AM', 'Error', 'ADPermissionsError'),
      viewerBlock(31003, '11/30/2026 9:41:03 AM', 'Error', 'PasswordResetFail'),
    ].join('\n');
    const analysis = analyze(text);
    expect(analysis.summary).toBe('31001 PasswordResetStart → 33004 ADPermissionsError → 31003 PasswordResetFail');
    expect(analysis.rootCause).toMatchObject({ event: { id: 33004 }, index: 1, topicId: 'event-33004' });
    expect(analysis.allInformational).toBe(false);
    const fix = catalog.topic('event-33004')!.fix.admin.join(' ');
    expect(fix).toMatch(/ADMA \(AD DS connector\) account/);
    expect(fix).toMatch(/reset and change password permissions/);
  });

  it('finds the same root cause in the Viewer paste listed newest first, with chat and another source around it', () => {
    const analysis = analyze(fixture('viewer-33004.txt'));
    expect(analysis.summary).toBe('31001 PasswordResetStart → 33004 ADPermissionsError → 31003 PasswordResetFail');
    expect(analysis.rootCause?.topicId).toBe('event-33004');
    expect(analysis.ignored).toBe(1);
  });

  it('says everything is fine for 31001 PasswordResetStart and 31002 PasswordResetSuccess', () => {
    const analysis = analyze(fixture('getwinevent-success.txt'));
    expect(analysis).toMatchObject({
      allInformational: true,
      summary: '31001 PasswordResetStart → 31002 PasswordResetSuccess',
      timeline: [
        { id: 31001, kind: 'informational', topicId: 'event-31001' },
        { id: 31002, kind: 'informational', topicId: 'event-31002' },
      ],
    });
    expect(analysis.rootCause).toBeUndefined();
  });

  it('blames ADSync 6329 0x8023061f (a forest added after writeback was enabled) over the 31003 it caused', () => {
    const analysis = analyze(fixture('export-6329.csv'));
    expect(analysis.summary).toBe('31001 PasswordResetStart → 6329 0x8023061F → 31003 PasswordResetFail');
    expect(analysis.rootCause).toMatchObject({ event: { id: 6329 }, topicId: 'writeback-new-forest-no-password-sync' });
    expect(analysis.ignored).toBe(1);
  });

  it('blames 33008 ADPasswordPolicyError over the 31008 ChangePasswordFail in a chat paste', () => {
    expect(analyze(fixture('mixed-paste.txt')).rootCause).toMatchObject({ event: { id: 33008 }, topicId: 'event-33008' });
  });

  it('answers a lone 32002 ServiceBusError with its own topic', () => {
    expect(analyze(fixture('servicebus-32002.txt'))).toMatchObject({
      summary: '32002 ServiceBusError',
      rootCause: { event: { id: 32002 }, topicId: 'event-32002' },
    });
  });

  it('blames the generic outcome when it is the only failure', () => {
    const analysis = analyzeEvents([event(31001), event(31003)], catalog);
    expect(analysis.rootCause).toMatchObject({ event: { id: 31003 }, topicId: 'event-31003' });
  });

  it.each([
    [[31009, 31011], 31011],
    [[31012, 31014], 31014],
    [[31006, 33007, 31008], 33007],
    [[31001, 32000, 33001, 31003], 32000],
    [[31001, 31003, 33004], 33004],
  ])('in %j picks %i', (ids, expected) => {
    expect(
      analyzeEvents(
        ids.map((id) => event(id)),
        catalog,
      ).rootCause?.event.id,
    ).toBe(expected);
  });

  it('treats a WriteBackServiceStopped followed by WriteBackServiceStarted as a restart, not a cause', () => {
    const analysis = analyzeEvents([event(31016), event(31015), event(31001), event(31002)], catalog);
    expect(analysis.rootCause).toBeUndefined();
    expect(analysis.allInformational).toBe(false);
    expect(analyzeEvents([event(31015), event(31016)], catalog).rootCause?.event.id).toBe(31016);
  });

  it('names a warning the root cause only when nothing failed', () => {
    expect(analyzeEvents([event(32014), event(31001), event(31002)], catalog).rootCause?.event.id).toBe(32014);
    expect(analyzeEvents([event(32014), event(33005)], catalog).rootCause?.event.id).toBe(33005);
  });
});

describe('analyzeEvents maps each event to its catalog topic', () => {
  it.each([
    ['BAIL: MMS(4924) 0x80230619: "A restriction prevents the password from being changed to the current one specified."', 'adsync-6329-restriction'],
    [
      'BAIL: MMS(4924): 0x8023061f (The operation failed because password synchronization is not enabled on this Management Agent)',
      'writeback-new-forest-no-password-sync',
    ],
    ['MMS(3040): admaexport.cpp(2837): The server does not contain the LDAP password policy control.', 'adsync-6329-ldap-policy-control'],
    ['The server does not contain the LDAP password policy control', 'adsync-6329-ldap-policy-control'],
    ['Synchronization Engine returned an error hr=800700CE, message=The filename or extension is too long', 'writeback-filename-too-long'],
    [
      'Synchronization Engine returned an error hr=80230402, message=An attempt to get an object failed because there are duplicated entries with the same anchor',
      'adsync-80230402-duplicate-anchor',
    ],
  ])('reads the ADSync 6329 message %j as %s', (message, topicId) => {
    const analysis = analyzeEvents([event(6329, { message, level: 'Error' })], catalog);
    expect(analysis.timeline[0]).toMatchObject({ kind: 'failure', topicId });
    expect(analysis.rootCause?.topicId).toBe(topicId);
  });

  it('leaves a 6329 whose message names no documented error without a topic, but still the root cause', () => {
    const analysis = analyzeEvents([event(6329, { message: 'BAIL: MMS(1234): something new' }), event(31003)], catalog);
    expect(analysis.timeline[0]).toEqual({ id: 6329, name: 'ADSync', source: 'ADSync', kind: 'failure' });
    expect(analysis.rootCause).toEqual({ event: expect.objectContaining({ id: 6329 }), index: 0 });
  });

  it('reads 32009 "Error getting auth token" as its event topic, which quotes the same text', () => {
    const analysis = analyzeEvents([event(32009, { message: 'AuthTokenError: Error getting auth token.' })], catalog);
    expect(analysis.rootCause?.topicId).toBe('event-32009');
  });

  it('classifies the informational ids exactly as the catalog titles them "(informational)"', () => {
    const documented = catalog.topics.filter((t) => /^event-3\d{4}$/.test(t.id));
    const informational = documented.filter((t) => t.title.includes('(informational)')).map((t) => Number(t.id.slice(6)));
    expect([...INFORMATIONAL_EVENT_IDS].sort()).toEqual(informational.sort());
    for (const topic of documented) {
      const id = Number(topic.id.slice(6));
      const kind = analyzeEvents([event(id)], catalog).timeline[0]!.kind;
      expect(kind === 'informational', topic.id).toBe(INFORMATIONAL_EVENT_IDS.has(id));
    }
  });

  it('classifies undocumented ADSync events by their level and leaves other sources out of the timeline', () => {
    const analysis = analyzeEvents(
      [
        event(6100, { level: 'Information' }),
        event(6127, { level: 'Warning' }),
        event(7036, { source: 'Service Control Manager', level: 'Error' }),
        event(33004, { source: '' }),
        event(6900, { level: 'Error' }),
      ],
      catalog,
    );
    expect(analysis.timeline.map((e) => [e.id, e.kind])).toEqual([
      [6100, 'informational'],
      [6127, 'warning'],
      [33004, 'failure'],
      [6900, 'failure'],
    ]);
    expect(analysis.ignored).toBe(1);
  });
});

describe('analyzeEvents orders the timeline', () => {
  it('sorts by time, keeping the pasted order for equal times', () => {
    const analysis = analyzeEvents(
      [event(31003, { time: '2026-11-30T09:41:03' }), event(31001, { time: '2026-11-30T09:41:01' }), event(33004, { time: '2026-11-30T09:41:03' })],
      catalog,
    );
    expect(analysis.timeline.map((e) => e.id)).toEqual([31001, 31003, 33004]);
  });

  it('keeps an event without a time after the timed event pasted before it', () => {
    const analysis = analyzeEvents(
      [
        event(31001, { time: '2026-11-30T09:00:00' }),
        event(33004),
        event(31006, { time: '2026-11-30T08:30:00' }),
        event(31003, { time: '2026-11-30T10:00:00' }),
      ],
      catalog,
    );
    expect(analysis.timeline.map((e) => e.id)).toEqual([31006, 31001, 33004, 31003]);
  });

  it('reads a paste listed newest first (as Event Viewer shows it) bottom-up, so that same-second events keep log order', () => {
    const analysis = analyzeEvents(
      [event(31003, { time: '2026-11-30T09:41:03' }), event(33004, { time: '2026-11-30T09:41:03' }), event(31001, { time: '2026-11-30T09:41:02' })],
      catalog,
    );
    expect(analysis.timeline.map((e) => e.id)).toEqual([31001, 33004, 31003]);
  });

  it('keeps the pasted order when no event has a time', () => {
    const ids = [31003, 33004, 31001];
    expect(
      analyzeEvents(
        ids.map((id) => event(id)),
        catalog,
      ).timeline.map((e) => e.id),
    ).toEqual(ids);
  });

  it('shortens the summary of a long log', () => {
    const events = Array.from({ length: 20 }, (_, i) => event(i % 2 === 0 ? 31001 : 31002));
    expect(analyzeEvents(events, catalog).summary).toMatch(/^31001 PasswordResetStart → 31002 .* → … \(\+8 more\)$/);
  });

  it('says so when there is no writeback event at all', () => {
    expect(analyzeEvents([], catalog)).toEqual({
      timeline: [],
      allInformational: false,
      summary: 'No ADSync or PasswordResetService events found',
      ignored: 0,
    });
  });

  it(`reads at most ${MAX_EVENTS} events from a huge paste`, () => {
    const block = viewerBlock(31001, '11/30/2026 9:41:02 AM', 'Information', 'PasswordResetStart');
    expect(parseEventLog(block.repeat(1500))).toHaveLength(MAX_EVENTS);
  });
});
