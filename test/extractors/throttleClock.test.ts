import { describe, expect, it } from 'vitest';
import { formatLocal, parseLastAttempt, retryTime, throttleStatus } from '../../src/extractors/throttleClock.js';

const HOUR = 60 * 60 * 1000;
/** Monday 30 November 2026, 14:00 UTC (15:00 in Paris, 06:00 in Los Angeles). */
const now = new Date('2026-11-30T14:00:00Z');
const iso = (date: Date | undefined): string | undefined => date?.toISOString();

describe('the throttle clock', () => {
  it('reads "I got blocked about 3 hours ago" as 3 hours before now, to retry 21 hours from now', () => {
    const last = parseLastAttempt('I got blocked about 3 hours ago', now)!;
    expect(now.getTime() - last.getTime()).toBe(3 * HOUR);
    expect(retryTime(last).getTime() - now.getTime()).toBe(21 * HOUR);
  });

  it('says how long is left, and when the wait is over', () => {
    const last = new Date(now.getTime() - 3 * HOUR);
    expect(throttleStatus(last, now)).toEqual({ retryAt: new Date(now.getTime() + 21 * HOUR), canRetryNow: false, minutesLeft: 21 * 60 });
    expect(throttleStatus(new Date(now.getTime() - 25 * HOUR), now)).toMatchObject({ canRetryNow: true, minutesLeft: 0 });
  });
});

describe('parseLastAttempt with relative times', () => {
  it.each([
    ['2h ago', 2 * HOUR],
    ['30 minutes ago', 0.5 * HOUR],
    ['10 mins ago', HOUR / 6],
    ['an hour ago', HOUR],
    ['half an hour ago', 0.5 * HOUR],
    ['an hour and a half ago', 1.5 * HOUR],
    ['1.5 hours ago', 1.5 * HOUR],
    ['1h30 ago', 1.5 * HOUR],
    ['2 hours and 15 minutes ago', 2.25 * HOUR],
    ['a couple of hours ago', 2 * HOUR],
    ['a day ago', 24 * HOUR],
    ['just now', 0],
    ['I just tried again', 0],
    ['a moment ago', 0],
  ])('reads %j as that long before now', (text, before) => {
    expect(parseLastAttempt(text, now)?.getTime()).toBe(now.getTime() - before);
  });

  it('ignores the time zone for relative times', () => {
    expect(iso(parseLastAttempt('2h ago', now, 'Asia/Tokyo'))).toBe('2026-11-30T12:00:00.000Z');
  });
});

describe('parseLastAttempt with times of day', () => {
  it.each([
    ['at 9:40', undefined, '2026-11-30T09:40:00.000Z'],
    ['9:40 am', undefined, '2026-11-30T09:40:00.000Z'],
    ['at 21:15', undefined, '2026-11-29T21:15:00.000Z'],
    ['at noon', undefined, '2026-11-30T12:00:00.000Z'],
    ['around 3pm', undefined, '2026-11-29T15:00:00.000Z'],
    ['at 9:40', 'Europe/Paris', '2026-11-30T08:40:00.000Z'],
    ['at 21:15', 'Europe/Paris', '2026-11-29T20:15:00.000Z'],
    ['around 3pm', 'Europe/Paris', '2026-11-30T14:00:00.000Z'],
    ['9:40 am', 'America/Los_Angeles', '2026-11-29T17:40:00.000Z'],
    ['at 9:40 am', 'Asia/Kolkata', '2026-11-30T04:10:00.000Z'],
  ])('reads %j in %s as %s (a time still ahead today means yesterday)', (text, zone, expected) => {
    expect(iso(parseLastAttempt(text, now, zone))).toBe(expected);
  });

  it.each([
    ['at 9:40', 'UTC', '2026-11-30T09:40:00.000Z'],
    ['at 9:40', 'America/Los_Angeles', '2026-11-30T05:40:00.000Z'],
    ['at 09:40', 'America/Los_Angeles', '2026-11-29T17:40:00.000Z'],
    ['yesterday at 8', 'UTC', '2026-11-29T20:00:00.000Z'],
  ])('reads the ambiguous %j in %s as the latest past time, %s, so the retry is never too early', (text, zone, expected) => {
    expect(iso(parseLastAttempt(text, now, zone))).toBe(expected);
  });

  it.each([
    ['yesterday evening', 'UTC', '2026-11-29T19:00:00.000Z'],
    ['yesterday at 8pm', 'UTC', '2026-11-29T20:00:00.000Z'],
    ['yesterday morning around 10:15', 'UTC', '2026-11-29T10:15:00.000Z'],
    ['this morning', 'UTC', '2026-11-30T09:00:00.000Z'],
    ['this morning at 8', 'UTC', '2026-11-30T08:00:00.000Z'],
    ['this afternoon at 1:30', 'UTC', '2026-11-30T13:30:00.000Z'],
    ['last night', 'UTC', '2026-11-29T22:00:00.000Z'],
    ['yesterday evening', 'Europe/Paris', '2026-11-29T18:00:00.000Z'],
    ['last night', 'America/Los_Angeles', '2026-11-30T06:00:00.000Z'],
    ['this morning', 'America/Los_Angeles', '2026-11-30T14:00:00.000Z'],
    ['yesterday evening', 'Pacific/Auckland', '2026-11-30T06:00:00.000Z'],
  ])('reads %j in %s as %s', (text, zone, expected) => {
    expect(iso(parseLastAttempt(text, now, zone))).toBe(expected);
  });

  it.each(['yesterday', 'today', 'I tried 5 times in an hour', 'no idea', ''])('gives no time for %j', (text) => {
    expect(parseLastAttempt(text, now)).toBeUndefined();
  });

  it.each([
    ['30 min back', 'UTC', '2026-11-30T13:30:00.000Z'],
    ['2 hours before now', 'UTC', '2026-11-30T12:00:00.000Z'],
    ['vers 9h40', 'Europe/Paris', '2026-11-30T08:40:00.000Z'],
    ['yesterday afternoon', 'UTC', '2026-11-29T15:00:00.000Z'],
    ['blocked since yesterday night', 'UTC', '2026-11-29T22:00:00.000Z'],
    ['at midnight', 'UTC', '2026-11-30T00:00:00.000Z'],
  ])('also reads %j in %s as %s', (text, zone, expected) => {
    expect(iso(parseLastAttempt(text, now, zone))).toBe(expected);
  });

  it('reads a zone whatever its case, and shows its canonical name', () => {
    expect(iso(parseLastAttempt('at 9:40', now, 'EUROPE/paris'))).toBe('2026-11-30T08:40:00.000Z');
    expect(formatLocal(new Date('2026-12-01T08:40:00Z'), 'europe/PARIS')).toBe('Tuesday 09:40 (Europe/Paris)');
  });

  it('reads an unknown time zone as UTC', () => {
    expect(iso(parseLastAttempt('at 9:40', now, 'Mars/Olympus_Mons'))).toBe('2026-11-30T09:40:00.000Z');
  });
});

describe('the throttle clock across daylight saving changes', () => {
  it('waits 24 hours of elapsed time: across the spring change in Paris the retry is at 22:40, not 21:40', () => {
    const sunday = new Date('2026-03-29T10:00:00Z');
    const last = parseLastAttempt('yesterday at 9:40 pm', sunday, 'Europe/Paris')!;
    expect(last.toISOString()).toBe('2026-03-28T20:40:00.000Z');
    expect(formatLocal(last, 'Europe/Paris')).toBe('Saturday 21:40 (Europe/Paris)');
    expect(formatLocal(retryTime(last), 'Europe/Paris')).toBe('Sunday 22:40 (Europe/Paris)');
  });

  it('moves a time skipped by the spring change forward: 02:30 in Paris on 29 March is 03:30', () => {
    const last = parseLastAttempt('at 02:30', new Date('2026-03-29T10:00:00Z'), 'Europe/Paris')!;
    expect(last.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(formatLocal(last, 'Europe/Paris')).toBe('Sunday 03:30 (Europe/Paris)');
  });

  it('reads a time that happens twice at the autumn change as the later one', () => {
    const last = parseLastAttempt('at 02:30', new Date('2026-10-25T10:00:00Z'), 'Europe/Paris')!;
    expect(last.toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });

  it('reads "last night" across the New York spring change in standard time', () => {
    const last = parseLastAttempt('last night', new Date('2026-03-08T15:00:00Z'), 'America/New_York')!;
    expect(last.toISOString()).toBe('2026-03-08T03:00:00.000Z');
    expect(formatLocal(retryTime(last), 'America/New_York')).toBe('Sunday 23:00 (America/New_York)');
  });
});

describe('formatLocal', () => {
  it.each([
    ['2026-12-01T08:40:00Z', 'Europe/Paris', 'en-US', 'Tuesday 09:40 (Europe/Paris)'],
    ['2026-12-01T08:40:00Z', undefined, 'en-US', 'Tuesday 08:40 (UTC)'],
    ['2026-12-01T08:40:00Z', 'Europe/Paris', 'fr-FR', 'mardi 09:40 (Europe/Paris)'],
    ['2026-12-01T08:40:00Z', 'America/Los_Angeles', 'en-US', 'Tuesday 00:40 (America/Los_Angeles)'],
    ['2026-12-01T08:40:00Z', 'Europe/Paris', 'not a locale!', 'Tuesday 09:40 (Europe/Paris)'],
  ])('shows %s in %s (%s) as %j', (when, zone, locale, shown) => {
    expect(formatLocal(new Date(when), zone, locale)).toBe(shown);
  });
});
