import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/extractors/eventLog/decodeText.js';
import { parseEventLog, parseEventTime, type LogEvent } from '../../src/extractors/eventLog/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/eventlog/${name}`, import.meta.url), 'utf8');

const idsOf = (events: readonly LogEvent[]): number[] => events.map((e) => e.id);

describe('parseEventLog reads Event Viewer "Copy details as text"', () => {
  const events = parseEventLog(fixture('viewer-33004.txt'));

  it('finds every block, in the order pasted, other sources included', () => {
    expect(idsOf(events)).toEqual([31003, 7036, 33004, 31001]);
    expect(events.map((e) => e.source)).toEqual(['PasswordResetService', 'Service Control Manager', 'PasswordResetService', 'PasswordResetService']);
  });

  it('reads the time as ISO, keeping the text it came from, and the level', () => {
    expect(events[2]).toMatchObject({ time: '2026-11-30T09:41:03', rawTime: '11/30/2026 9:41:03 AM', level: 'Error' });
    expect(events[3]).toMatchObject({ time: '2026-11-30T09:41:02', level: 'Information' });
  });

  it('takes the description lines as the message, without the Event Xml or the chat after the last event', () => {
    expect(events[2]!.message).toBe(
      'ADPermissionsError: the ADMA service account does not have permission to set the password on the account.\n' +
        'Exception: Access is denied.\nTrackingId: 6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20',
    );
    expect(events[0]!.message).not.toContain('<Event');
    expect(events[3]!.message).not.toContain('thanks');
  });

  it('reads a German Event Viewer copy', () => {
    const german = [
      'Protokollname: Application',
      'Quelle:        PasswordResetService',
      'Datum:         30.11.2026 09:41:03',
      'Ereignis-ID:   33004',
      'Aufgabenkategorie: Keine',
      'Ebene:         Fehler',
      'Beschreibung:',
      'ADPermissionsError',
    ].join('\n');
    expect(parseEventLog(german)).toEqual([
      {
        time: '2026-11-30T09:41:03',
        rawTime: '30.11.2026 09:41:03',
        source: 'PasswordResetService',
        id: 33004,
        level: 'Error',
        message: 'ADPermissionsError',
      },
    ]);
  });
});

describe('parseEventLog reads PowerShell Format-List output', () => {
  it('reads Get-WinEvent | Format-List, joining the indented message lines', () => {
    const events = parseEventLog(fixture('getwinevent-success.txt'));
    expect(idsOf(events)).toEqual([31002, 31001]);
    expect(events[0]).toMatchObject({ time: '2026-11-30T14:15:09', source: 'PasswordResetService' });
    expect(events[0]!.message).toBe(
      'PasswordResetSuccess: the new password was written to the on-premises\nActive Directory for the user.\n' +
        'TrackingId: 0d9e3b7a-51c4-4f28-a6e0-2b8c9d1f7e43',
    );
  });

  it('reads Format-List * where the Message comes first and many other properties follow', () => {
    const text = [
      'Message              : ADUserNotFoundError: the user was not found.',
      '',
      '                       Check the sync logs.',
      'Id                   : 33002',
      'Version              : ',
      'Level                : 2',
      'ProviderName         : PasswordResetService',
      'TimeCreated          : 2026-11-30T10:00:00.0000000+01:00',
      'Properties           : {System.Diagnostics.Eventing.Reader.EventProperty,',
      '                       System.Diagnostics.Eventing.Reader.EventProperty}',
      'LevelDisplayName     : Error',
      '',
      'Message              : PasswordResetStart',
      'Id                   : 31001',
      'Level                : 4',
      'ProviderName         : PasswordResetService',
    ].join('\n');
    const events = parseEventLog(text);
    expect(events).toEqual([
      {
        time: '2026-11-30T09:00:00Z',
        rawTime: '2026-11-30T10:00:00.0000000+01:00',
        source: 'PasswordResetService',
        id: 33002,
        level: 'Error',
        message: 'ADUserNotFoundError: the user was not found.\n\nCheck the sync logs.',
      },
      { source: 'PasswordResetService', id: 31001, level: 'Information', message: 'PasswordResetStart' },
    ]);
  });

  it('reads Get-EventLog | Format-List (EntryType, InstanceId with qualifiers, TimeGenerated)', () => {
    const text = [
      'Index              : 4711',
      'EntryType          : Warning',
      'InstanceId         : 1073773838', // 0x40000000 + 32014,
      'Message            : ServiceBusWarning',
      'Source             : PasswordResetService',
      'TimeGenerated      : 11/30/2026 8:00:00 AM',
    ].join('\n');
    expect(parseEventLog(text)).toMatchObject([{ id: 32014, level: 'Warning', source: 'PasswordResetService' }]);
  });
});

describe('parseEventLog reads CSV exports', () => {
  it('reads the Event Viewer CSV with its unnamed message field, quoted across lines', () => {
    const events = parseEventLog(fixture('export-6329.csv'));
    expect(idsOf(events)).toEqual([31001, 6329, 16384, 31003]);
    expect(events[1]).toMatchObject({ source: 'ADSync', level: 'Error', time: '2026-11-30T10:02:12' });
    expect(events[1]!.message).toContain('0x8023061f (The operation failed because password synchronization');
    expect(events[1]!.message.split('\n')).toHaveLength(4);
    expect(events[3]!.message).toBe('PasswordResetFail: setting the password in Active Directory failed, see the ADSync events.');
  });

  it.each([
    [
      'tab-separated',
      'Level\tDate and Time\tSource\tEvent ID\tTask Category\nError\t11/30/2026 9:41:03 AM\tPasswordResetService\t33004\tNone\tADPermissionsError',
    ],
    [
      'Export-Csv of Get-WinEvent',
      '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\n"TimeCreated","Id","ProviderName","LevelDisplayName","Message"\n"11/30/2026 9:41:03 AM","33004","PasswordResetService","Error","ADPermissionsError"',
    ],
    [
      'semicolon-separated (a European Excel)',
      'Level;Date and Time;Source;Event ID;Task Category\nError;30.11.2026 09:41:03;PasswordResetService;33004;None;ADPermissionsError',
    ],
  ])('reads a %s export', (_label, text) => {
    expect(parseEventLog(text)).toMatchObject([
      { id: 33004, source: 'PasswordResetService', level: 'Error', time: '2026-11-30T09:41:03', message: 'ADPermissionsError' },
    ]);
  });

  it('keeps a row with no message, and stops at the first line that is not a row', () => {
    const text = 'Level,Date and Time,Source,Event ID,Task Category\nError,11/30/2026 9:41:03 AM,PasswordResetService,33004,None\nthanks, that was all of it';
    expect(parseEventLog(text)).toEqual([
      { time: '2026-11-30T09:41:03', rawTime: '11/30/2026 9:41:03 AM', source: 'PasswordResetService', id: 33004, level: 'Error', message: '' },
    ]);
  });
});

describe('parseEventLog reads long CSV exports', () => {
  const header = 'Level,Date and Time,Source,Event ID,Task Category';
  const row = (i: number): string =>
    `Error,11/30/2026 9:${String(i % 60).padStart(2, '0')}:03 AM,PasswordResetService,33004,None,"ADPermissionsError row ${i}\n${'detail, '.repeat(20)}"`;

  it('reads every row of an export larger than one parsing window, quoted messages spanning lines included', () => {
    const rows = Array.from({ length: 600 }, (_, i) => row(i));
    const events = parseEventLog(`${header}\n${rows.join('\n')}`);
    expect(events).toHaveLength(600);
    expect(events.map((e) => e.message.split('\n')[0])).toEqual(rows.map((_, i) => `ADPermissionsError row ${i}`));
  });

  it('reads the text after an export as text again: a Format-List event that follows is found', () => {
    const text = `${header}\n${row(1)}\nthanks, and the next one:\nSource: ADSync\nEvent ID: 6329\nLevel: Error\nMessage: BAIL`;
    expect(parseEventLog(text)).toMatchObject([{ id: 33004 }, { id: 6329, source: 'ADSync' }]);
  });

  it('reads at most 16 exports in one paste, so that a paste of headers cannot make it re-read the text', () => {
    const text = Array.from({ length: 20 }, (_, i) => `${header}\n${row(i)}\nand the next one`).join('\n');
    expect(parseEventLog(text)).toHaveLength(16);
  });

  it('stays fast on a paste made of nothing but headers and unclosed quotes', () => {
    const hostile = `${header}\nError,"${'x'.repeat(100)}\n`.repeat(2000);
    const started = performance.now();
    expect(parseEventLog(hostile)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('parseEventLog in a chat paste', () => {
  it('reads Format-List and Viewer events between chat lines and ignores the chat', () => {
    const events = parseEventLog(fixture('mixed-paste.txt'));
    expect(idsOf(events)).toEqual([31006, 33008, 31008]);
    expect(events[1]!.message).toBe(
      'ADPasswordPolicyError: the password does not meet the password policy of the domain\n(age, history, complexity or filter).',
    );
    expect(events[2]!.message).toBe('ChangePasswordFail: the password could not be set in Active Directory.');
  });

  it('reads a 32002 ServiceBusError with an ISO-like date', () => {
    expect(parseEventLog(fixture('servicebus-32002.txt'))).toMatchObject([
      { id: 32002, source: 'PasswordResetService', time: '2026-11-27T16:05:31', level: 'Error' },
    ]);
  });

  it('skips events it cannot read in truncated input and keeps a cut-off CSV row with what it has', () => {
    const events = parseEventLog(fixture('truncated.txt'));
    expect(idsOf(events)).toEqual([31001, 33005]);
    expect(events[1]!.message).toMatch(/^ADUserAccountDisabled: the account is disabled on-prem\nises and the export was cut he/);
  });

  it('reads a UTF-16 file as Windows PowerShell 5 writes it with ">"', () => {
    const text = fixture('getwinevent-success.txt');
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const withoutBom = Buffer.from(text, 'utf16le');
    expect(idsOf(parseEventLog(decodeText(withBom)))).toEqual([31002, 31001]);
    expect(idsOf(parseEventLog(decodeText(withoutBom)))).toEqual([31002, 31001]);
    expect(decodeText(Buffer.from([0x68, 0x69, 0xc3, 0x28]))).toBe('hi\uFFFD(');
  });
});

describe('parseEventLog on hostile input', () => {
  const noise = Array.from({ length: 4000 }, (_, i) => `Source: x${i}, "Event ID: ${i}\nDescription:\n${'a,'.repeat(10)}`).join('\n');
  it.each([
    ['empty text', ''],
    ['chat only', 'my password reset does not work, help'],
    ['a lone header', 'Level,Date and Time,Source,Event ID,Task Category'],
    ['an unclosed quote to the end', `Level,Date and Time,Source,Event ID,Task Category\nError,"${'x\n'.repeat(50_000)}`],
    ['keys without an event id', 'Log Name: Application\nSource: PasswordResetService\nEvent ID:\nLevel: Error'],
    ['an id out of range', 'Source: PasswordResetService\nEvent ID: 99999999'],
    ['control characters and NULs', '\u0000\u0001\u001b[31m\uFFFD'.repeat(1000)],
    ['one 200 KB line', 'Event ID: '.repeat(20_000)],
  ])('finds nothing and does not throw in %s', (_label, text) => {
    expect(parseEventLog(text)).toEqual([]);
  });

  it('reads 100 KB of keys and quotes quickly and returns at most MAX_EVENTS events', () => {
    const started = performance.now();
    const events = parseEventLog(noise.slice(0, 100 * 1024));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(events.length).toBeLessThanOrEqual(1000);
  });

  it('returns nothing for a value that is not a string', () => {
    expect(parseEventLog(undefined as unknown as string)).toEqual([]);
  });
});

describe('parseEventTime', () => {
  it.each([
    ['11/30/2026 9:41:02 AM', '2026-11-30T09:41:02'],
    ['11/30/2026 12:05:00 AM', '2026-11-30T00:05:00'],
    ['11/30/2026 12:05:00 PM', '2026-11-30T12:05:00'],
    ['30/11/2026 21:41:02', '2026-11-30T21:41:02'],
    ['30.11.2026 09:41:02', '2026-11-30T09:41:02'],
    ['01.02.2026 09:41', '2026-02-01T09:41:00'],
    ['2026-11-30 09:41:02', '2026-11-30T09:41:02'],
    ['2026-11-30T09:41:02.1234567Z', '2026-11-30T09:41:02.123Z'],
    ['2026-11-30T10:41:02+01:00', '2026-11-30T09:41:02Z'],
    ['Monday, November 30, 2026 9:41:02 PM', '2026-11-30T21:41:02'],
    ['30 Nov 2026 09:41:02', '2026-11-30T09:41:02'],
    ['\u200e11/\u200e30/\u200e2026 9:41:02 AM', '2026-11-30T09:41:02'],
  ])('reads %j as %s', (raw, iso) => {
    expect(parseEventTime(raw)).toBe(iso);
  });

  it.each(['13/13/2026 10:00', '02/30/2026 10:00 AM', '11/30/2026 25:00', 'yesterday', '', '11/30/2026 13:00 PM'])('does not read %j', (raw) => {
    expect(parseEventTime(raw)).toBeUndefined();
  });
});

describe('parseEventLog on a message Teams delivered as HTML', () => {
  it('reads the lines of the paragraphs and unescapes the text', () => {
    const html =
      '<p>here you go</p><p>Log Name: Application<br>Source: PasswordResetService<br>Date: 11/30/2026 9:41:03 AM<br>' +
      'Event ID: 33004<br>Level: Error<br>Description:<br>ADPermissionsError &amp; access denied<br>Event Xml:<br>' +
      '&lt;Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"&gt;&lt;/Event&gt;</p>';
    expect(parseEventLog(html)).toEqual([
      {
        time: '2026-11-30T09:41:03',
        rawTime: '11/30/2026 9:41:03 AM',
        source: 'PasswordResetService',
        id: 33004,
        level: 'Error',
        message: 'ADPermissionsError & access denied',
      },
    ]);
  });

  it('reads divs and list items as lines, drops link targets and keeps headings as written', () => {
    const html =
      '<div>Source: <a href="https://example.invalid/x">PasswordResetService</a></div><div>Event ID: 31003</div>' +
      '<ul><li>Level: Error</li></ul><h3>Description:</h3><div>PasswordResetFail</div>';
    expect(parseEventLog(html)).toMatchObject([{ source: 'PasswordResetService', id: 31003, level: 'Error', message: 'PasswordResetFail' }]);
  });
});
