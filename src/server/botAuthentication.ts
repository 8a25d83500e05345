import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import {
  AuthenticationError,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorFactory,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { LRUCache } from 'lru-cache';
import { createConnectorClientCache, ReusingConnectorFactory } from './connectorClients.js';
import type { Logger } from '../logger.js';

/**
 * Bot Framework authentication from configuration, where every rejected token is a 401 with a plain body. The
 * library lets some failures (a forged signature, a token not yet valid) escape as other errors, which CloudAdapter
 * would answer with 500 and the library's message; the reason goes to our log instead, without the token.
 */
export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients = createConnectorClientCache();
  /** One user-token client per app: CloudAdapter asks for one every turn, and building it builds an HTTP pipeline. */
  private readonly userTokenClients = new LRUCache<string, Promise<UserTokenClient>>({ max: 50 });

  constructor(
    config: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    private readonly logger: Logger,
    credentialsFactory?: ServiceClientCredentialsFactory,
  ) {
    super(config, credentialsFactory);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw this.rejected(error);
    }
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: this.reusing(factory, result.claimsIdentity) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  // Like the connector clients: it holds the app's credentials (which renew their own token) and no per-turn state.
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = appKeyOf(claimsIdentity);
    const cached = this.userTokenClients.get(key);
    if (cached) return cached;
    const created = super.createUserTokenClient(claimsIdentity);
    this.userTokenClients.set(key, created);
    created.catch(() => this.userTokenClients.delete(key));
    return created;
  }

  /** Clients are shared only between turns for the same app (the token's audience), never across apps. */
  private reusing(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusingConnectorFactory(factory, appKeyOf(claimsIdentity), this.connectorClients);
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (error) {
      throw this.rejected(error);
    }
  }

  private rejected(error: unknown): AuthenticationError {
    this.logger.warn({ reason: error instanceof Error ? error.message : 'unknown' }, 'request not authenticated');
    return new AuthenticationError('Unauthorized', 401);
  }
}

/** The app a request was sent to, as the token names it ('' without authentication). */
function appKeyOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
}
