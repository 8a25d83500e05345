import { describe, expect, it } from 'vitest';
import { buildKnownCodes, extractCodes } from '../../src/nlu/codes.js';

const known = buildKnownCodes([
  { type: 'event', value: '33004' },
  { type: 'event', value: '6329' },
  { type: 'event', value: '31016' },
  { type: 'hresult', value: '800700CE' },
  { type: 'hresult', value: '8023061F' },
  { type: 'name', value: 'UserNotLicensed' },
  { type: 'sspr', value: 'SSPR_0009' },
  { type: 'sspr', value: 'SSPR_0013' },
  { type: 'sspr', value: 'SSPR_0029' },
]);
const values = (text: string): string[] => extractCodes(text, known).map((c) => `${c.type}:${c.value}`);

describe('extractCodes', () => {
  it.each([
    ['it says SSPR_0013', ['sspr:SSPR_0013']],
    ['sspr 13 again', ['sspr:SSPR_0013']],
    ['Sspr-0029!!', ['sspr:SSPR_0029']],
    ['error code 0013 on the reset page', ['sspr:SSPR_0013']],
    ['event 33004 in the log', ['event:33004']],
    ['6329 with 0x8023061f', ['event:6329', 'hresult:8023061F']],
    ['hr=800700CE filename too long', ['hresult:800700CE']],
    ['the user gets usernotlicensed', ['name:UserNotLicensed']],
    ['SSPR_0009 and SSPR_0012', ['sspr:SSPR_0009', 'sspr:SSPR_0012']],
  ])('finds the codes in %j', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it.each([
    ['eror 0009 on the page', ['sspr:SSPR_0009']],
    ['err33004 in the logs', ['event:33004']],
    ['sspr0013', ['sspr:SSPR_0013']],
    ['SSPR-13', ['sspr:SSPR_0013']],
    ['code 13 at the bottom of the page', ['sspr:SSPR_0013']],
    ['ssrp 0009 help', ['sspr:SSPR_0009']],
    ['ssprr_0029 when resetting', ['sspr:SSPR_0029']],
    ['SSPR_OO13 (letters, not zeros)', ['sspr:SSPR_0013']],
    ['err 29 on premises', ['sspr:SSPR_0029']],
    ['evt31016 logged', ['event:31016']],
  ])('reads the misspelt code in %j like the exact one', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it.each([
    'call me at +1 425 555 0100',
    'it happened at 10:30 on 2024-05-01',
    'waited 24 hours, tried 5 times',
    'event 12345',
    'error 5 times now',
    'code 42',
  ])('finds no code in %j', (text) => {
    expect(values(text)).toEqual([]);
  });

  it('reports each code once, in order of appearance', () => {
    expect(values('33004 then SSPR_0013 then 33004 again')).toEqual(['event:33004', 'sspr:SSPR_0013']);
  });
});
