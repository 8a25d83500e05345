import { describe, expect, it } from 'vitest';
import { checkPhoneNumber, findPhoneNumber, maskPhoneNumber } from '../../src/extractors/phone.js';

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
