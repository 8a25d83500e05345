import { describe, expect, it } from 'vitest';
import { findSupportCode, formatSupportCode } from '../../src/extractors/supportCodes.js';

describe('findSupportCode', () => {
  it.each([
    ['support code 6A1F4C2E-9B0D-4E61-8F2A-3C5D7E9B1A20.', '6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20'],
    ['it showed {6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20}', '6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20'],
    ['code:6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20', '6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20'],
  ])('finds the GUID in %j', (text, guid) => {
    expect(findSupportCode(text)).toEqual({ kind: 'guid', guid });
  });

  it.each([
    ['SID: 1234-abcd-5678 CID: 9f8e7d6c5b4a', '1234-abcd-5678', '9f8e7d6c5b4a'],
    ['sid=0a1b2c3d4e5f, cid=ffee0011aabb', '0a1b2c3d4e5f', 'ffee0011aabb'],
    ['the SID is 7c2a9d41e0 and the CID is 55e1b0c3d2', '7c2a9d41e0', '55e1b0c3d2'],
    ['{"sid":"8a7b6c5d4e3f2a1b","cid":"1b2a3c4d5e6f7a8b"}', '8a7b6c5d4e3f2a1b', '1b2a3c4d5e6f7a8b'],
    ['CID 11111111\nSID - 22222222', '22222222', '11111111'],
    [
      'SID: 6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20 CID: 0d9e3b7a-51c4-4f28-a6e0-2b8c9d1f7e43',
      '6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20',
      '0d9e3b7a-51c4-4f28-a6e0-2b8c9d1f7e43',
    ],
  ])('finds the SID and CID in %j', (text, sid, cid) => {
    expect(findSupportCode(text)).toEqual({ kind: 'sid-cid', sid, cid });
  });

  it.each([
    'no idea what that is, 1234',
    'sideloading, decide, incident 12345678',
    'SID 12345678 but no CID',
    'sid: abcdefghij cid: klmnopqrst',
    '6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a2',
    '',
  ])('finds none in %j', (text) => {
    expect(findSupportCode(text)).toBeUndefined();
  });
});

describe('formatSupportCode', () => {
  it('writes a GUID as is and SID and CID together', () => {
    expect(formatSupportCode({ kind: 'guid', guid: '6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20' })).toBe('6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20');
    expect(formatSupportCode({ kind: 'sid-cid', sid: '1234abcd', cid: '5678efgh' })).toBe('SID 1234abcd, CID 5678efgh');
  });
});
