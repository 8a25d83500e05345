import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface SsoVerifierOptions {
  /** The bot's app id (the tab's AAD app). */
  readonly appId: string;
  /** The bot's public host name; Teams SSO tokens carry api://<domain>/<appId> as audience. */
  readonly botDomain?: string;
  /** Restrict to one tenant; otherwise any tenant's token is checked against its own issuer. */
  readonly tenantId?: string;
  /** Signing keys; defaults to Microsoft identity platform's published keys (fetched and cached by jose). */
  readonly keys?: JWTVerifyGetKey;
}

const MICROSOFT_KEYS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';

/**
 * Checks a Teams tab SSO token (authentication.getAuthToken) and returns the user's AAD object id, or undefined
 * when the token is missing, malformed, expired, for another audience or signed by an unknown key.
 */
export function createSsoVerifier(options: SsoVerifierOptions): (token: string) => Promise<string | undefined> {
  const keys = options.keys ?? createRemoteJWKSet(new URL(MICROSOFT_KEYS_URL));
  const audience = [options.appId, ...(options.botDomain ? [`api://${options.botDomain}/${options.appId}`] : [])];
  return async (token) => {
    try {
      // A token without exp would never expire: refuse it, like one without a tenant or a user.
      const { payload } = await jwtVerify(token, keys, { audience, clockTolerance: 60, requiredClaims: ['exp', 'tid', 'oid'] });
      const tid = typeof payload.tid === 'string' ? payload.tid : undefined;
      if (!tid || (options.tenantId && tid !== options.tenantId)) return undefined;
      // v2 and v1 tokens name their tenant's issuer differently; either must be that tenant's.
      const issuers = [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`];
      if (!issuers.includes(String(payload.iss))) return undefined;
      return typeof payload.oid === 'string' ? payload.oid : undefined;
    } catch {
      return undefined;
    }
  };
}
