import { format } from 'node:util';
import { CloudAdapter, ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import { StrictBotFrameworkAuthentication } from '../../src/server/botAuthentication.js';
import type { Logger } from '../../src/logger.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { teamsMessage } from '../helpers/activities.js';
import { startHttpBot } from '../helpers/httpBot.js';
import { CHANNEL_TOKEN_ISSUER, MALFORMED_TOKEN, startOpenIdStub, type OpenIdStub } from '../helpers/openIdStub.js';

const APP_ID = '0b5d7c1e-3f4a-4c2b-9e8d-6a1f2b3c4d5e';
const APP_PASSWORD = 'test-secret-value-xyz';
/** What the fake credentials put on the bot's outbound calls to the connector. */
const OUTBOUND_TOKEN = 'outbound-access-token-4f2a9c';
const NOTIFY_KEY = 'the-real-notify-key-0123456789abcdef';

/** Password credentials that never call Microsoft: outbound calls carry a fixed fake token. */
class OfflineCredentialFactory extends ConfigurationServiceClientCredentialFactory {
  override async createCredentials(appId: string): ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']> {
    if (!(await this.isValidAppId(appId))) throw new Error('credentials were asked for another app id');
    return {
      signRequest: async (request) => {
        request.headers.set('authorization', `Bearer ${OUTBOUND_TOKEN}`);
        return request;
      },
    };
  }
}

/** The production configuration (src/index.ts), with the channel's signing keys served locally. */
function createAuthentication(metadataUrl: string, logger: Logger): StrictBotFrameworkAuthentication {
  const credentials = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, MicrosoftAppType: 'MultiTenant' };
  return new StrictBotFrameworkAuthentication(
    {
      ...credentials,
      // Setting any endpoint makes the library take every endpoint from here, so name the public cloud's and swap only the key source.
      ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
      ToBotFromChannelTokenIssuer: CHANNEL_TOKEN_ISSUER,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
    },
    logger,
    new OfflineCredentialFactory(credentials),
  );
}

/** Everything the outside world could read: structured logs, console output, HTTP response bodies. */
function createEvidence() {
  const logs: string[] = [];
  const consoleOutput: string[] = [];
  const responses: string[] = [];
  const secrets = new Set<string>([APP_PASSWORD, OUTBOUND_TOKEN]);
  const record = (...args: unknown[]): void => void consoleOutput.push(format(...args));
  const spies: MockInstance[] = [vi.spyOn(console, 'error').mockImplementation(record), vi.spyOn(console, 'warn').mockImplementation(record)];
  return {
    logs,
    consoleOutput,
    responses,
    secrets,
    logger: createLogger({ level: 'trace', logPii: true }, { write: (line: string) => void logs.push(line) }),
    /** The texts in which a secret was found, with the secret masked: empty when nothing leaked. */
    leaks(): string[] {
      const texts = [...logs, ...consoleOutput, ...responses];
      return [...secrets].flatMap((secret) => texts.filter((text) => text.includes(secret)).map((text) => text.replaceAll(secret, '<SECRET>')));
    },
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

describe('with MicrosoftAppId set, /api/messages', () => {
  let openId: OpenIdStub;
  let bot: Awaited<ReturnType<typeof startHttpBot>>;
  let evidence: ReturnType<typeof createEvidence>;
  let turns = 0;
  let refuseReplies = false;

  beforeAll(async () => {
    evidence = createEvidence();
    openId = await startOpenIdStub();
    bot = await startHttpBot({
      adapter: new CloudAdapter(createAuthentication(openId.metadataUrl, evidence.logger)),
      logger: evidence.logger,
      botAppId: APP_ID,
      // 403 is not retried, so a refused reply fails the turn at once.
      responder: (call) =>
        refuseReplies && call.method === 'POST' ? { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'refused' } } } : undefined,
      wrapTurn: (run) => (context: TurnContext) => {
        turns += 1;
        return run(context);
      },
    });
  });

  afterAll(async () => {
    await bot.close();
    await openId.close();
    evidence.restore();
  });

  beforeEach(() => {
    turns = 0;
  });

  /** The token claims Teams would send for a message from the connector stub. */
  const target = () => ({ audience: APP_ID, serviceUrl: bot.stub.url });

  /** Posts a Teams message with this Authorization header; remembers the token as a secret and the reply body. */
  async function postMessage(authorization: string | undefined): Promise<{ status: number; body: string }> {
    if (authorization) evidence.secrets.add(authorization.replace(/^Bearer /, ''));
    const response = await bot.post(
      '/api/messages',
      teamsMessage({ text: 'I forgot my password', serviceUrl: bot.stub.url }),
      authorization ? { authorization } : {},
    );
    const body = await response.text();
    evidence.responses.push(body);
    return { status: response.status, body };
  }

  const bearer = (token: () => Promise<string> | string) => async () => `Bearer ${await token()}`;

  const rejected: Array<{ request: string; authorization: () => Promise<string | undefined> }> = [
    { request: 'a message without an Authorization header', authorization: async () => undefined },
    {
      request: 'a Basic credential instead of a bearer token',
      authorization: async () => `Basic ${Buffer.from(`${APP_ID}:${APP_PASSWORD}`).toString('base64')}`,
    },
    { request: 'a bearer token that is not a JWT', authorization: bearer(() => MALFORMED_TOKEN) },
    { request: 'a token signed by a key the metadata does not publish', authorization: bearer(() => openId.tokenFromUnknownKey(target())) },
    { request: 'a token that expired ten minutes ago', authorization: bearer(() => openId.expiredToken(target())) },
    { request: 'a token for another bot', authorization: bearer(() => openId.tokenForAudience(target(), '99999999-8888-7777-6666-555555555555')) },
    { request: 'a token from another issuer', authorization: bearer(() => openId.sign({ ...target(), issuer: 'https://attacker.example' })) },
    {
      request: 'a token whose serviceurl is not the activity’s',
      authorization: bearer(() => openId.sign({ ...target(), serviceUrl: 'https://smba.attacker.example/' })),
    },
    { request: 'a token from a key endorsed only for Web Chat', authorization: bearer(() => openId.tokenFromKeyNotEndorsedForTeams(target())) },
  ];

  it.each(rejected)('answers 401 to $request, and the bot never runs', async ({ authorization }) => {
    const sentBefore = bot.stub.calls.length;
    const { status } = await postMessage(await authorization());
    expect(status).toBe(401);
    expect(turns).toBe(0);
    expect(bot.stub.calls.length).toBe(sentBefore);
    expect(evidence.leaks()).toEqual([]);
  });

  /**
   * jsonwebtoken's own errors (bad signature, not yet valid) are not botframework AuthenticationErrors, so CloudAdapter
   * answers them 500 with the library's message. The bot still never runs; only the status is wrong.
   */
  const refusedWithServerError: typeof rejected = [
    { request: 'a token forged under the published key id', authorization: bearer(() => openId.tokenForgedUnderPublishedKid(target())) },
    { request: 'a token that is not valid for another ten minutes', authorization: bearer(() => openId.tokenNotYetValid(target())) },
  ];

  it.each(refusedWithServerError)('refuses $request, and the bot never runs', async ({ authorization }) => {
    const sentBefore = bot.stub.calls.length;
    const { status } = await postMessage(await authorization());
    expect(status).toBeGreaterThanOrEqual(400);
    expect(turns).toBe(0);
    expect(bot.stub.calls.length).toBe(sentBefore);
    expect(evidence.leaks()).toEqual([]);
  });

  // botbuilder 4.23.3 alone answers these 500; StrictBotFrameworkAuthentication makes every rejection a 401.
  it.each(refusedWithServerError)('answers 401 to $request', async ({ authorization }) => {
    expect((await postMessage(await authorization())).status).toBe(401);
  });

  it('answers a Teams message that carries a valid channel token, through the connector', async () => {
    const sentBefore = bot.stub.sent().length;
    const { status } = await postMessage(`Bearer ${await openId.validToken(target())}`);
    expect(status).toBe(200);
    expect(turns).toBe(1);
    await bot.stub.waitFor(() => bot.stub.sent().length > sentBefore);
    expect(bot.stub.sent().length).toBeGreaterThan(sentBefore);
    expect(evidence.leaks()).toEqual([]);
  });

  it('takes the signing keys from the configured metadata, not from Microsoft', async () => {
    expect((await postMessage(`Bearer ${await openId.validToken(target())}`)).status).toBe(200);
    expect(openId.requests).toEqual(expect.arrayContaining(['/openid', '/keys']));
  });

  it('accepts a token that expired under five minutes ago (the library allows that much clock skew)', async () => {
    const { status } = await postMessage(`Bearer ${await openId.expiredToken(target(), 2)}`);
    expect(status).toBe(200);
    expect(turns).toBe(1);
  });

  it('keeps the outbound token out of the logs when the connector refuses the reply', async () => {
    const sentBefore = bot.stub.sent().length;
    refuseReplies = true;
    try {
      const { status } = await postMessage(`Bearer ${await openId.validToken(target())}`);
      // The turn ran and failed (its reply was refused): the channel is told so with 500, the token is not.
      expect(status).toBe(500);
      expect(turns).toBe(1);
      expect(bot.stub.sent().length).toBeGreaterThan(sentBefore);
      expect(evidence.logs.join('')).toContain('turn failed');
      expect(evidence.leaks()).toEqual([]);
    } finally {
      refuseReplies = false;
    }
  });

  it('never shows the app password, an inbound token or the outbound token in logs, console output or replies', async () => {
    for (const { authorization } of [...rejected, ...refusedWithServerError]) await postMessage(await authorization());
    await postMessage(`Bearer ${await openId.validToken(target())}`);
    expect(evidence.consoleOutput.length).toBeGreaterThan(0);
    expect(evidence.leaks()).toEqual([]);
  });
});

describe('POST /api/notify with a wrong key', () => {
  it('answers 401 and never writes the key it was given to the logs or the reply', async () => {
    const evidence = createEvidence();
    const bot = await startHttpBot({ logger: evidence.logger, notifyApiKey: NOTIFY_KEY });
    try {
      const wrongKey = 'a-guessed-notify-key-fedcba9876543210';
      evidence.secrets.add(wrongKey).add(NOTIFY_KEY);
      const response = await bot.post('/api/notify', { eventId: 32002, host: 'AADC01' }, { authorization: `Bearer ${wrongKey}` });
      evidence.responses.push(await response.text());
      expect(response.status).toBe(401);
      expect(evidence.leaks()).toEqual([]);
    } finally {
      await bot.close();
      evidence.restore();
    }
  });
});
