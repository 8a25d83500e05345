import { exportJWK, generateKeyPair, SignJWT, createLocalJWKSet, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSsoVerifier } from '../../src/auth/teamsSsoVerifier.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

describe('the Teams SSO token check of the tab', () => {
  let sign: (claims: JWTPayload, options?: { exp?: number | null }) => Promise<string>;
  let verify: (token: string) => Promise<string | undefined>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    verify = createSsoVerifier({ appId: APP_ID, tenantId: TENANT, keys: createLocalJWKSet({ keys: [jwk] }) });
    sign = async (claims, options = {}) => {
      const jwt = new SignJWT({ tid: TENANT, oid: 'user-oid', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
        .setAudience(APP_ID)
        .setIssuedAt();
      if (options.exp !== null) jwt.setExpirationTime(options.exp ?? '1h');
      return jwt.sign(privateKey);
    };
  });

  it('returns the object id of a valid token', async () => {
    expect(await verify(await sign({}))).toBe('user-oid');
  });

  it('refuses a token without exp, which would never expire', async () => {
    expect(await verify(await sign({}, { exp: null }))).toBeUndefined();
  });

  it('refuses an expired token, another tenant and a token without an object id', async () => {
    expect(await verify(await sign({}, { exp: Math.floor(Date.now() / 1000) - 3600 }))).toBeUndefined();
    expect(await verify(await sign({ tid: 'ffffffff-0000-0000-0000-000000000000' }))).toBeUndefined();
    expect(await verify(await sign({ oid: undefined }))).toBeUndefined();
  });
});
