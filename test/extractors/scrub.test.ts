import { describe, expect, it } from 'vitest';
import { scrubMessage } from '../../src/extractors/scrub.js';

describe('scrubMessage', () => {
  it('redacts the password and masks every phone number, leaving the rest as written', () => {
    expect(scrubMessage('my password is Summer2024x, call +1 425 555 0100 or 425-555-0111 about event 33004')).toEqual({
      text: 'my password is [redacted], call +1 ••• ••• ••00 or •••-•••-••11 about event 33004',
      hadPassword: true,
    });
  });

  it('says when there was no password', () => {
    expect(scrubMessage('SSPR_0013 at 9:41, tracking id 6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20')).toEqual({
      text: 'SSPR_0013 at 9:41, tracking id 6a1f4c2e-9b0d-4e61-8f2a-3c5d7e9b1a20',
      hadPassword: false,
    });
  });

  it('masks a national number by the default country', () => {
    expect(scrubMessage('4255550100', 'US').text).toBe('+1 ••• ••• ••00');
  });
});
