import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/** The issuer of tokens the Bot Connector service sends to bots (botframework-connector's ToBotFromChannelTokenIssuer). */
export const CHANNEL_TOKEN_ISSUER = 'https://api.botframework.com';

/** Not a JWT at all: three dot-separated parts that do not decode. */
export const MALFORMED_TOKEN = 'not.a.jwt';

/** The published signing keys: one endorsed for Teams, one endorsed only for Web Chat. */
export type PublishedKey = 'teams' | 'webchat';

export interface ChannelTokenClaims {
  /** The bot's app id: the `aud` claim. */
  readonly audience: string;
  /** The `serviceurl` claim; the library compares it with the activity's serviceUrl. */
  readonly serviceUrl: string;
  readonly issuer?: string;
  /** Seconds since the epoch; default now − 1 minute. */
  readonly notBefore?: number;
  /** Seconds since the epoch; default now + 1 hour. */
  readonly expiresAt?: number;
}

export interface SigningChoice {
  /** Which published key signs; default 'teams'. */
  readonly key?: PublishedKey | 'unpublished';
  /** The `kid` header; default the chosen key's own id (so 'unpublished' with a published kid is a forgery). */
  readonly kid?: string;
}

interface KeyPair {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** The public half as published, with Bot Framework's `endorsements` extension. */
  readonly jwk: JWK & { readonly endorsements: readonly string[] };
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

async function createKey(kid: string, endorsements: readonly string[]): Promise<KeyPair> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  // Bot Framework's key set carries `endorsements`: the channels each key may speak for.
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256', endorsements };
  return { kid, privateKey, jwk };
}

/**
 * A local stand-in for login.botframework.com: an OpenID configuration at /openid and its key set at /keys,
 * plus signers for good and bad channel tokens. Point ToBotFromChannelOpenIdMetadataUrl at `metadataUrl`.
 */
export async function startOpenIdStub() {
  const keys: Record<PublishedKey | 'unpublished', KeyPair> = {
    teams: await createKey('teams-key', ['msteams']),
    webchat: await createKey('webchat-key', ['webchat']),
    // Never served: tokens it signs must not verify.
    unpublished: await createKey('unpublished-key', ['msteams']),
  };
  const requests: string[] = [];
  let base = '';

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/openid') {
      send(200, { issuer: CHANNEL_TOKEN_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    } else if (req.url === '/keys') {
      send(200, { keys: [keys.teams.jwk, keys.webchat.jwk] });
    } else {
      send(404, { error: 'not found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Signs a channel token shaped like the Bot Connector's: iss, aud, serviceurl, nbf, exp. */
  async function sign(claims: ChannelTokenClaims, choice: SigningChoice = {}): Promise<string> {
    const key = keys[choice.key ?? 'teams'];
    return new SignJWT({ serviceurl: claims.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: choice.kid ?? key.kid })
      .setIssuer(claims.issuer ?? CHANNEL_TOKEN_ISSUER)
      .setAudience(claims.audience)
      .setNotBefore(claims.notBefore ?? nowSeconds() - 60)
      .setExpirationTime(claims.expiresAt ?? nowSeconds() + 3600)
      .sign(key.privateKey);
  }

  type Target = Pick<ChannelTokenClaims, 'audience' | 'serviceUrl'>;

  return {
    metadataUrl: `${base}/openid`,
    /** Paths the library fetched (the metadata, then the keys). */
    requests,
    sign,
    /** What the Bot Connector sends to a Teams bot. */
    validToken: (target: Target) => sign(target),
    /** Expired `minutesAgo` minutes ago (the library allows five minutes of clock skew). */
    expiredToken: (target: Target, minutesAgo = 10) => sign({ ...target, notBefore: nowSeconds() - 7200, expiresAt: nowSeconds() - minutesAgo * 60 }),
    /** Valid in every way but meant for another bot. */
    tokenForAudience: (target: Target, audience: string) => sign({ ...target, audience }),
    /** Signed by a key the metadata does not publish, under that key's own id. */
    tokenFromUnknownKey: (target: Target) => sign(target, { key: 'unpublished' }),
    /** Signed by a key the metadata does not publish, claiming the published Teams key's id. */
    tokenForgedUnderPublishedKid: (target: Target) => sign(target, { key: 'unpublished', kid: keys.teams.kid }),
    /** Signed by a published key that is endorsed only for Web Chat. */
    tokenFromKeyNotEndorsedForTeams: (target: Target) => sign(target, { key: 'webchat' }),
    /** Not valid until `minutesAhead` minutes from now. */
    tokenNotYetValid: (target: Target, minutesAhead = 10) => sign({ ...target, notBefore: nowSeconds() + minutesAhead * 60 }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type OpenIdStub = Awaited<ReturnType<typeof startOpenIdStub>>;
