import { describe, expect, it } from 'vitest';
import { checkPhoneNumber, findPhoneNumber, findPhoneNumbers, maskPhoneNumber, maskPhoneNumbers, reviewPhoneNumber } from '../../src/extractors/phone.js';

describe('checkPhoneNumber', () => {
  it('flags "+1 425 555 0100 ext 22" as having an extension and corrects it to "+1 4255550100"', () => {
    expect(checkPhoneNumber('+1 425 555 0100 ext 22')).toEqual({
      valid: true,
      problems: ['has-extension', 'wrong-format'],
      corrected: '+1 4255550100',
      extension: '22',
      country: 'US',
    });
  });

  it('flags "425-555-0100" as missing its country code and cannot correct it without a country', () => {
    expect(checkPhoneNumber('425-555-0100')).toEqual({ valid: false, problems: ['missing-country-code'] });
  });

  it('corrects a number without a country code when the default country is known', () => {
    expect(checkPhoneNumber('425-555-0100', 'US')).toEqual({
      valid: true,
      problems: ['missing-country-code'],
      corrected: '+1 4255550100',
      country: 'US',
    });
  });

  it('accepts "+44 20 7946 0958" as valid but not in the required form "+44 2079460958"', () => {
    expect(checkPhoneNumber('+44 20 7946 0958')).toEqual({
      valid: true,
      problems: ['wrong-format'],
      corrected: '+44 2079460958',
      country: 'GB',
    });
  });

  it.each([
    ['+44 2079460958', 'GB'],
    ['+1 4255550100', 'US'],
    ['+33 612345678', 'FR'],
    ['+39 0212345678', 'IT'],
    ['  +49 30123456  ', 'DE'],
  ])('finds nothing to fix in %j', (raw, country) => {
    expect(checkPhoneNumber(raw)).toEqual({ valid: true, problems: [], corrected: raw.trim(), country });
  });

  it.each([
    ['+1 (425) 555-0100', '+1 4255550100'],
    ['+1.425.555.0100', '+1 4255550100'],
    ['+14255550100', '+1 4255550100'],
    ['0044 20 7946 0958', '+44 2079460958'],
    ['(+44) 20 7946 0958', '+44 2079460958'],
    ['+44 (0)20 7946 0958', '+44 2079460958'],
    ['+33 6 12 34 56 78', '+33 612345678'],
  ])('reports %j as wrong-format, corrected to %j', (raw, corrected) => {
    expect(checkPhoneNumber(raw)).toMatchObject({ valid: true, problems: ['wrong-format'], corrected });
  });

  it.each([
    ['+1 4255550100 x22', '22'],
    ['+1 4255550100X1234', '1234'],
    ['+1 4255550100 #22', '22'],
    ['+1 4255550100, ext. 22', '22'],
    ['+1 4255550100 extension 22', '22'],
  ])('reads the extension of %j as %j', (raw, extension) => {
    expect(checkPhoneNumber(raw)).toMatchObject({ problems: ['has-extension'], extension, corrected: '+1 4255550100' });
  });

  it.each([
    ['+1 555 0100', ['invalid']],
    ['+44 20 7946', ['invalid']],
    ['+999 12345678', ['invalid']],
    ['hello', ['invalid']],
    ['', ['invalid']],
    ['12', ['invalid']],
  ])('rejects %j as %j', (raw, problems) => {
    expect(checkPhoneNumber(raw)).toMatchObject({ valid: false, problems });
  });

  it("still corrects the docs' own fictitious example, which the metadata knows is not a real US number", () => {
    expect(checkPhoneNumber('+1 4251234567X1234')).toEqual({
      valid: false,
      problems: ['has-extension', 'invalid'],
      corrected: '+1 4251234567',
      extension: '1234',
    });
  });
});

describe('findPhoneNumber', () => {
  it.each([
    ['my number is +1 425 555 0100 ext 22, please check', '+1 425 555 0100 ext 22'],
    ['call me at (425) 555-0100 tomorrow', '(425) 555-0100'],
    ['my desk phone is +1 4251234567x1234', '+1 4251234567x1234'],
    ['mobile: 06.12.34.56.78.', '06.12.34.56.78'],
    ['Handy 0171/1234567', '0171/1234567'],
    ['+44 20 7946 0958 is what the page shows', '+44 20 7946 0958'],
    ['it ends with 0100: +1-425-555-0100', '+1-425-555-0100'],
  ])('finds the number in %j', (text, number) => {
    expect(findPhoneNumber(text)).toBe(number);
  });

  it.each([
    'event 31001 31003 33004 at 2026-11-30 09:41',
    'it says SSPR_0013',
    'tracking id 6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20',
    'hr=80230402 and 0x8023061f',
    'server 10.20.30.40 is down',
    'on 30.11.2026 at 9:41',
    'I tried 5 times',
    'code 123456',
  ])('finds none in %j', (text) => {
    expect(findPhoneNumber(text)).toBeUndefined();
  });
});

describe('maskPhoneNumber', () => {
  it.each([
    ['+1 425 555 0100 ext 22', '+1 ••• ••• ••00'],
    ['+44 20 7946 0958', '+44 •• •••• ••58'],
    ['+14255550100', '+1 ••• ••• ••00'],
    ['425-555-0100', '•••-•••-••00'],
    ['12', '••'],
  ])('shows %j as %j', (raw, masked) => {
    expect(maskPhoneNumber(raw)).toBe(masked);
  });

  it('groups a national number once the default country is known', () => {
    expect(maskPhoneNumber('4255550100', 'US')).toBe('+1 ••• ••• ••00');
  });
});

describe('findPhoneNumbers', () => {
  it('finds every number of a message, national and international, where each starts', () => {
    const text = 'mobile 06 12 34 56 78, desk +44 20 7946 0958 ext 12, home (425) 555-0100 and +14255550101';
    const numbers = ['06 12 34 56 78', '+44 20 7946 0958 ext 12', '(425) 555-0100', '+14255550101'];
    expect(findPhoneNumbers(text)).toEqual(numbers.map((number) => ({ text: number, index: text.indexOf(number) })));
  });

  it('stops a number where an event id that follows it starts', () => {
    expect(findPhoneNumbers('+1 425 555 0100 31001 then 33004')).toEqual([{ text: '+1 425 555 0100', index: 0 }]);
  });

  it('finds nothing in a text that is not a string', () => {
    expect(findPhoneNumbers(undefined as unknown as string)).toEqual([]);
  });
});

describe('maskPhoneNumbers', () => {
  it.each([
    ['call +1 425 555 0100 or +1 425 555 0199', 'call +1 ••• ••• ••00 or +1 ••• ••• ••99'],
    ['mobile 06 12 34 56 78, desk +44 20 7946 0958 ext 12', 'mobile •• •• •• •• 78, desk +44 •• •••• ••58'],
    ['numbers: +14255550100,+442079460958', 'numbers: +1 ••• ••• ••00,+44 •• •••• ••58'],
    ['+1 425 555 0100 31001', '+1 ••• ••• ••00 31001'],
    ['Handy 0171/1234567 oder 030 12345678', 'Handy ••••/•••••67 oder ••• ••••••78'],
  ])('masks every number in %j', (text, masked) => {
    expect(maskPhoneNumbers(text)).toBe(masked);
  });

  it.each([
    'event 31001 33004 at 9:40 on 2026-11-30',
    'tracking id 6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20, SSPR_0013, hr=80230402, 0x8023061f',
    'server 10.20.30.40 on 30.11.2026 at 09:41:03',
    'KB5034441 and version 2.3.20.0, 5 attempts in 1 hour',
    '6329 ADSync MMS(4924) admaexport.cpp(2862)',
  ])('leaves %j as written', (text) => {
    expect(maskPhoneNumbers(text)).toBe(text);
  });

  it('keeps the digits it does not mask next to a masked number', () => {
    const masked = maskPhoneNumbers('at 09:41 event 33004, call me on +44 20 7946 0958, ref SSPR_0013');
    expect(masked).toBe('at 09:41 event 33004, call me on +44 •• •••• ••58, ref SSPR_0013');
  });

  it('leaves no full number in a message with several', () => {
    const text = 'try +1 425 555 0100, 425-555-0111, 0044 20 7946 0958 or 06.12.34.56.78';
    const masked = maskPhoneNumbers(text);
    for (const digits of ['4255550100', '4255550111', '2079460958', '0612345678']) {
      expect(masked.replace(/\D/g, '')).not.toContain(digits);
    }
  });
});

describe('reviewPhoneNumber', () => {
  it('shows the number and its corrected form masked, never the full number', () => {
    expect(reviewPhoneNumber('+1 425 555 0100 ext 22')).toEqual({
      valid: true,
      problems: ['has-extension', 'wrong-format'],
      hasExtension: true,
      country: 'US',
      shown: '+1 425 ••• 0100',
      correctedShown: '+1 425•••0100',
    });
  });

  it.each([
    ['+44 20 7946 0958', '+44 20 •••• 0958', '+44 20••••0958'],
    ['0044 20 7946 0958', '+44 20 •••• 0958', '+44 20••••0958'],
    ['+33 6 12 34 56 78', '+33 6 •• •• 56 78', '+33 6••••5678'],
    ['+49 30123456', '+49 30 ••••56', '+49 30••••56'],
  ])('shows %j as %j, to be stored as %j', (raw, shown, correctedShown) => {
    expect(reviewPhoneNumber(raw)).toMatchObject({ shown, correctedShown });
  });

  it('masks a number it cannot correct as maskPhoneNumber does, and offers no corrected form', () => {
    const review = reviewPhoneNumber('425-555-0100');
    expect(review).toEqual({ valid: false, problems: ['missing-country-code'], hasExtension: false, shown: '•••-•••-••00' });
  });

  it('corrects a national number with the default country, still masked', () => {
    expect(reviewPhoneNumber('425 555 0100', 'US')).toMatchObject({ correctedShown: '+1 425•••0100', problems: ['missing-country-code'] });
  });

  it.each(['+1 425 555 0100', '+44 20 7946 0958', '+33 6 12 34 56 78', '425-555-0100', '+1 555 0100', 'hello'])(
    'never carries more than half the digits of %j',
    (raw) => {
      const review = reviewPhoneNumber(raw);
      const digits = raw.replace(/\D/g, '').length;
      for (const shown of [review.shown, review.correctedShown ?? '']) {
        expect(shown.replace(/\D/g, '').length).toBeLessThanOrEqual(Math.ceil(digits / 2) + 3);
      }
      expect(JSON.stringify(review)).not.toContain(raw.replace(/\D/g, '').slice(-7) || 'nothing');
    },
  );
});

describe('maskPhoneNumbers on a very long text', () => {
  it('hides every long digit run past the part it reads closely, so no number is left whole', () => {
    const text = `${'filler text without numbers. '.repeat(1000)} call +1 425 555 0100 now`;
    const masked = maskPhoneNumbers(text);
    expect(masked).not.toContain('555');
    expect(masked.endsWith(' call +• ••• ••• •••• now')).toBe(true);
  });
});
