import { describe, expect, it } from 'vitest';
import { failureForStatus, GraphError } from '../../src/graph/errors.js';
import { licenceFacts, resetMethodCount } from '../../src/graph/facts.js';
import { parseRetryAfter } from '../../src/graph/graphHttp.js';
import {
  cleanReason,
  parseDirectoryAudits,
  parseLicenseDetails,
  parseMemberGroups,
  parseRegistrationDetails,
  parseUserAccount,
  parseUserIds,
} from '../../src/graph/resources.js';

const failureOf = (parse: () => unknown): string | undefined => {
  try {
    parse();
  } catch (error) {
    return error instanceof GraphError ? error.failure : 'other';
  }
  return undefined;
};

const registration = {
  id: '11111111-1111-4111-8111-111111111111',
  userPrincipalName: 'riley@contoso.com',
  userDisplayName: 'Riley Example',
  isAdmin: false,
  isSsprRegistered: true,
  isSsprEnabled: true,
  isSsprCapable: true,
  isMfaRegistered: true,
  methodsRegistered: ['mobilePhone', 'email', 'mobilePhone', 'not a type!'],
  lastUpdatedDateTime: '2026-01-14T09:00:00Z',
};

describe('validation of Graph answers', () => {
  it('keeps the SSPR facts of a registration record and drops the name and sign-in name', () => {
    const parsed = parseRegistrationDetails(registration);
    expect(parsed).toEqual({
      isSsprRegistered: true,
      isSsprEnabled: true,
      isSsprCapable: true,
      isAdmin: false,
      methodsRegistered: ['mobilePhone', 'email'],
      lastUpdated: new Date('2026-01-14T09:00:00Z'),
    });
    expect(JSON.stringify(parsed)).not.toMatch(/riley/i);
  });

  it.each([
    ['not an object', () => parseRegistrationDetails([])],
    ['a flag that is not a boolean', () => parseRegistrationDetails({ ...registration, isSsprRegistered: 'yes' })],
    ['methods that are not strings', () => parseRegistrationDetails({ ...registration, methodsRegistered: [1] })],
    ['a licence list without value', () => parseLicenseDetails({})],
    ['a licence without service plans', () => parseLicenseDetails({ value: [{ skuId: 'x' }] })],
    ['an audit entry without a time', () => parseDirectoryAudits({ value: [{ activityDisplayName: 'Reset password (self-service)' }] })],
    ['a user without an id', () => parseUserIds({ value: [{}] })],
    ['a user without an id', () => parseUserAccount({ onPremisesSyncEnabled: true })],
    ['a sync flag that is not a boolean', () => parseUserAccount({ id: 'x', onPremisesSyncEnabled: 'yes' })],
    ['group ids that are not strings', () => parseMemberGroups({ value: [{ id: 'x' }] })],
  ])('rejects %s as an invalid response', (_what, parse) => {
    expect(failureOf(parse)).toBe('invalid-response');
  });

  it('counts only active plans that include password reset as a licence', () => {
    const body = {
      value: [
        {
          skuId: 'a',
          skuPartNumber: 'ENTERPRISEPACK',
          servicePlans: [
            { servicePlanName: 'EXCHANGE_S_ENTERPRISE', provisioningStatus: 'Success' },
            { servicePlanName: 'AAD_PREMIUM', provisioningStatus: 'Disabled' },
          ],
        },
      ],
    };
    expect(licenceFacts(parseLicenseDetails(body))).toEqual({ coverage: 'other', ssprPlans: [], skuCount: 1 });
    const p2 = { value: [{ skuId: 'b', skuPartNumber: 'EMSPREMIUM', servicePlans: [{ servicePlanName: 'AAD_PREMIUM_P2', provisioningStatus: 'Success' }] }] };
    expect(licenceFacts(parseLicenseDetails(p2))).toEqual({ coverage: 'premium', ssprPlans: ['AAD_PREMIUM_P2'], skuCount: 1 });
    expect(licenceFacts(parseLicenseDetails({ value: [] }))).toEqual({ coverage: 'none', ssprPlans: [], skuCount: 0 });
  });

  it('keeps the watched password reset activities, newest first, and skips the others', () => {
    const events = parseDirectoryAudits({
      value: [
        { activityDisplayName: 'Reset password (self-service)', activityDateTime: '2026-01-14T08:00:00Z', result: 'failure', resultReason: 'Failed' },
        { activityDisplayName: 'Update user', activityDateTime: '2026-01-14T10:00:00Z', result: 'success' },
        { activityDisplayName: 'Blocked from self-service password reset', activityDateTime: '2026-01-14T09:00:00Z', result: 'failure' },
        { activityDisplayName: 'Self-service password reset flow activity progress', activityDateTime: '2026-01-14T07:00:00Z', result: 'somethingNew' },
      ],
    });
    expect(events.map((e) => [e.activity, e.result])).toEqual([
      ['blocked', 'failure'],
      ['reset', 'failure'],
      ['progress', 'unknown'],
    ]);
  });

  it('removes addresses and phone numbers from a result reason', () => {
    expect(cleanReason('Code sent to +1 (425) 555-0142 for alex@contoso.com failed')).toBe('Code sent to [number] for [address] failed');
    expect(cleanReason(42)).toBeUndefined();
    expect(cleanReason('   ')).toBeUndefined();
  });

  it('reads a synced account as synced, and one never or no longer synced as cloud-only', () => {
    expect(parseUserAccount({ id: 'x', onPremisesSyncEnabled: true })).toEqual({ synced: true });
    expect(parseUserAccount({ id: 'x', onPremisesSyncEnabled: null })).toEqual({ synced: false });
    expect(parseUserAccount({ id: 'x', onPremisesSyncEnabled: false })).toEqual({ synced: false });
  });

  it('counts the methods password reset can use', () => {
    expect(resetMethodCount(['mobilePhone', 'fido2SecurityKey', 'windowsHelloForBusiness'])).toBe(1);
    expect(resetMethodCount(['mobilePhone', 'officePhone', 'email'])).toBe(3);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('Wed, 14 Jan 2026 10:00:05 GMT', Date.parse('2026-01-14T10:00:00Z'))).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it.each([
    [401, 'credentials-rejected'],
    [403, 'consent-missing'],
    [404, 'not-found'],
    [429, 'throttled'],
    [503, 'throttled'],
    [500, 'unreachable'],
    [400, 'rejected'],
  ])('maps HTTP %i to %s', (status, failure) => {
    expect(failureForStatus(status)).toBe(failure);
  });
});
