import { AuthError, ConfidentialClientApplication, ServerError, type Configuration } from '@azure/msal-node';
import type { GraphSettings } from '../config.js';
import { GraphError } from './errors.js';
import { fetchNetworkClient, type Fetch } from './fetchNetworkClient.js';

export interface TokenSource {
  /** An app-only access token for Graph; msal keeps it in memory until shortly before it expires. */
  getToken(signal: AbortSignal): Promise<string>;
}

const PUBLIC_AUTHORITY_HOST = 'login.microsoftonline.com';

/**
 * msal-node settings for client credentials at `<authority host>/<tenant>`. msal knows Microsoft's own hosts; any
 * other host (a national cloud it does not list, a local stub) is declared in knownAuthorities so that msal skips
 * instance discovery and reads the tenant's OpenID configuration from that host itself.
 */
export function msalConfiguration(settings: GraphSettings, fetchImpl: Fetch): Configuration {
  const host = new URL(settings.authorityHost).host;
  return {
    auth: {
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      authority: `${settings.authorityHost}/${settings.tenantId}`,
      ...(host !== PUBLIC_AUTHORITY_HOST && { knownAuthorities: [host] }),
    },
    system: { networkClient: fetchNetworkClient(fetchImpl) },
  };
}

/** AADSTS errors that mean the app registration or its secret is wrong, not that the service is down. */
const CREDENTIAL_ERRORS = new Set(['invalid_client', 'unauthorized_client', 'invalid_request', 'invalid_grant']);

function asGraphError(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  if (error instanceof ServerError && CREDENTIAL_ERRORS.has(error.errorCode)) {
    return new GraphError('credentials-rejected', error.status, `token endpoint refused the client (${error.errorCode})`, { cause: error });
  }
  const code = error instanceof AuthError ? error.errorCode : 'unknown';
  return new GraphError('unreachable', undefined, `no token from the authority (${code})`, { cause: error });
}

/** Rejects as soon as the signal aborts; msal's own calls cannot be cancelled, so the budget wins the race. */
async function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) throw new GraphError('timeout', undefined, 'budget spent before the token request');
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new GraphError('timeout', undefined, 'budget spent waiting for a token'));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

export function createTokenSource(settings: GraphSettings, fetchImpl: Fetch): TokenSource {
  const app = new ConfidentialClientApplication(msalConfiguration(settings, fetchImpl));
  const scopes = [`${settings.endpoint}/.default`];
  // The facts fetch three resources at once: they share one token request instead of racing three.
  let inFlight: Promise<string> | undefined;
  const acquire = (): Promise<string> => {
    inFlight ??= app
      .acquireTokenByClientCredential({ scopes })
      .then(
        (result) => {
          if (!result?.accessToken) throw new GraphError('invalid-response', undefined, 'token response without an access token');
          return result.accessToken;
        },
        (error: unknown) => {
          throw asGraphError(error);
        },
      )
      .finally(() => {
        inFlight = undefined;
      });
    // A late rejection after the budget won the race must not go unhandled.
    void inFlight.catch(() => undefined);
    return inFlight;
  };
  return {
    getToken: async (signal) => raceAbort(acquire(), signal),
  };
}
