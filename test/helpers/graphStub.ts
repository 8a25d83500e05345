import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphSettings } from '../../src/config.js';

/**
 * A local stand-in for Microsoft Entra sign-in and Microsoft Graph: the tenant's OpenID configuration and token
 * endpoint (client credentials), userRegistrationDetails, licenseDetails, directoryAudits, users?$filter and
 * checkMemberGroups, with the documented shapes. Its users are the scenarios the tests need.
 *
 * The token library only talks https to an authority, so the settings name two https hosts that do not exist
 * (AUTHORITY_HOST, GRAPH_HOST) and `stub.fetch` carries requests for them to this plain-http server. Any other
 * origin is refused: nothing leaves the machine.
 */

export const STUB_TENANT_ID = '7c1f3a52-5a0e-4a8e-9d3b-2b6f0c9e1a11';
export const STUB_CLIENT_ID = '0b9d6a44-3f1e-4c2a-8e57-6d4c2a1b9f22';
export const STUB_CLIENT_SECRET = 'stub-secret-not-a-real-one';
export const AUTHORITY_HOST = 'https://login.graph-stub.test';
export const GRAPH_HOST = 'https://graph.graph-stub.test';
export const AGENT_GROUP_ID = 'a6e0c1d2-7b3f-4e59-9c1a-0f2e3d4c5b66';

/** How one user's Graph resources behave. */
export type Behaviour =
  /** Answer at once (after the stub's latency). */
  | 'normal'
  /** 403 Authorization_RequestDenied on every resource: the app's permissions were not consented. */
  | 'forbidden'
  /** Every resource answers after `slowMs`: past the turn's budget. */
  | 'slow'
  /** The first request for each resource gets 429 with Retry-After: 1, the next one succeeds. */
  | 'throttled-once';

export interface StubAudit {
  readonly activity: string;
  readonly hoursAgo: number;
  readonly result: 'success' | 'failure';
  readonly reason?: string;
}

export interface StubUser {
  readonly id: string;
  readonly upn: string;
  readonly displayName: string;
  readonly mobilePhone: string;
  readonly registration: {
    readonly isSsprRegistered: boolean;
    readonly isSsprEnabled: boolean;
    readonly isSsprCapable: boolean;
    readonly isAdmin: boolean;
    readonly methodsRegistered: readonly string[];
  };
  /** Service plan names on the user's one SKU; empty: no licence at all. */
  readonly plans: readonly string[];
  readonly audits: readonly StubAudit[];
  readonly groups: readonly string[];
  /** Synced from on-premises AD (onPremisesSyncEnabled true); otherwise cloud-only (null). */
  readonly synced: boolean;
  readonly behaviour: Behaviour;
}

const P1 = ['AAD_PREMIUM', 'EXCHANGE_S_ENTERPRISE'];
const ready = { isSsprRegistered: true, isSsprEnabled: true, isSsprCapable: true, isAdmin: false, methodsRegistered: ['mobilePhone', 'email'] };

function user(name: string, id: string, overrides: Partial<StubUser> = {}): StubUser {
  return {
    id,
    upn: `${name}@contoso.com`,
    displayName: `${name[0]!.toUpperCase()}${name.slice(1)} Example`,
    // Fictional numbers (555-01xx): the tests look for them in logs and state.
    mobilePhone: '+1 425 555 0142',
    registration: ready,
    plans: P1,
    audits: [],
    groups: [],
    synced: false,
    behaviour: 'normal',
    ...overrides,
  };
}

/** The scenarios, by name. Ids are fixed so tests can name them. */
export const STUB_USERS = {
  registered: user('riley', '11111111-1111-4111-8111-111111111111'),
  notRegistered: user('noor', '22222222-2222-4222-8222-222222222222', {
    registration: { ...ready, isSsprRegistered: false, isSsprCapable: false, methodsRegistered: [] },
  }),
  oneMethod: user('omar', '33333333-3333-4333-8333-333333333333', {
    registration: { ...ready, isSsprRegistered: false, isSsprCapable: false, methodsRegistered: ['mobilePhone'] },
  }),
  unlicensed: user('uma', '44444444-4444-4444-8444-444444444444', {
    registration: { ...ready, isSsprEnabled: false, isSsprCapable: false },
    plans: [],
  }),
  blocked: user('blake', '55555555-5555-4555-8555-555555555555', {
    synced: true,
    audits: [
      {
        activity: 'Self-service password reset flow activity progress',
        hoursAgo: 3.2,
        result: 'failure',
        reason: 'User submitted a code sent to +1 425 555 0142',
      },
      {
        activity: 'Blocked from self-service password reset',
        hoursAgo: 3,
        result: 'failure',
        reason: 'User exceeded the attempts allowed for blake@contoso.com',
      },
      { activity: 'Update user', hoursAgo: 2, result: 'success' },
    ],
  }),
  throttledOnce: user('theo', '66666666-6666-4666-8666-666666666666', { behaviour: 'throttled-once' }),
  forbidden: user('fern', '77777777-7777-4777-8777-777777777777', { behaviour: 'forbidden' }),
  slow: user('sloane', '88888888-8888-4888-8888-888888888888', { behaviour: 'slow' }),
  agent: user('ada', '99999999-9999-4999-8999-999999999999', { groups: [AGENT_GROUP_ID] }),
  alex: user('alex', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', {
    registration: { ...ready, isSsprRegistered: false, isSsprCapable: false, methodsRegistered: [] },
  }),
} satisfies Record<string, StubUser>;

/** An object id no stub user has: every per-user resource answers 404. */
export const UNKNOWN_USER_ID = 'deadbeef-0000-4000-8000-000000000000';

export interface GraphStubOptions {
  /** Added before every answer (default 0); 50 for the latency measurement. */
  readonly latencyMs?: number;
  /** How long a 'slow' user's resources take (default 4000). */
  readonly slowMs?: number;
  /** The stub's clock for audit times (default the real one). */
  readonly now?: () => Date;
}

export interface StubRequest {
  readonly method: string;
  readonly path: string;
}

const SSPR_SERVICE = 'Self-service Password Management';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

const graphError = (code: string, message: string) => ({
  error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } },
});

export async function startGraphStub(options: GraphStubOptions = {}) {
  const { latencyMs = 0, slowMs = 4000, now = () => new Date() } = options;
  const users = new Map<string, StubUser>(Object.values(STUB_USERS).map((u) => [u.id, u]));
  const requests: StubRequest[] = [];
  const throttledOnce = new Set<string>();
  const issued = new Set<string>();
  let tokenRequests = 0;
  const pending = new Set<NodeJS.Timeout>();

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        pending.delete(timer);
        resolve();
      }, ms);
      pending.add(timer);
    });

  function registrationOf(u: StubUser) {
    return {
      '@odata.context': `${GRAPH_HOST}/v1.0/$metadata#reports/authenticationMethods/userRegistrationDetails/$entity`,
      id: u.id,
      userPrincipalName: u.upn,
      userDisplayName: u.displayName,
      userType: 'member',
      isMfaCapable: u.registration.isSsprCapable,
      isMfaRegistered: u.registration.isSsprRegistered,
      isPasswordlessCapable: false,
      isSystemPreferredAuthenticationMethodEnabled: false,
      systemPreferredAuthenticationMethods: [],
      userPreferredMethodForSecondaryAuthentication: u.registration.methodsRegistered.includes('mobilePhone') ? 'sms' : 'none',
      lastUpdatedDateTime: new Date(now().getTime() - 2 * 3600_000).toISOString(),
      ...u.registration,
    };
  }

  function licencesOf(u: StubUser) {
    const value =
      u.plans.length === 0
        ? []
        : [
            {
              id: randomUUID(),
              skuId: '078d2b04-f1bd-4111-bbd4-b4b1b354cef4',
              skuPartNumber: 'AAD_PREMIUM',
              servicePlans: u.plans.map((name) => ({ servicePlanId: randomUUID(), servicePlanName: name, provisioningStatus: 'Success', appliesTo: 'User' })),
            },
          ];
    return { '@odata.context': `${GRAPH_HOST}/v1.0/$metadata#users('${u.id}')/licenseDetails`, value };
  }

  function auditsFor(filter: string) {
    const target = /targetResources\/any\(t:\s*t\/id eq '([^']+)'\)/.exec(filter)?.[1];
    const since = Date.parse(/activityDateTime ge (\S+)/.exec(filter)?.[1] ?? '');
    const service = /loggedByService eq '([^']+)'/.exec(filter)?.[1];
    const u = target ? users.get(target) : undefined;
    const value = (u?.audits ?? [])
      .map((a) => ({ a, at: new Date(now().getTime() - a.hoursAgo * 3600_000) }))
      .filter(({ at }) => Number.isNaN(since) || at.getTime() >= since)
      .filter(() => service === undefined || service === SSPR_SERVICE)
      .sort((x, y) => y.at.getTime() - x.at.getTime())
      .map(({ a, at }) => ({
        id: `SSPR_${randomUUID()}`,
        category: a.activity === 'Update user' ? 'UserManagement' : 'UserManagement',
        correlationId: randomUUID(),
        result: a.result,
        resultReason: a.reason ?? '',
        activityDisplayName: a.activity,
        activityDateTime: at.toISOString(),
        loggedByService: SSPR_SERVICE,
        operationType: 'Update',
        initiatedBy: { app: null, user: { id: u!.id, displayName: null, userPrincipalName: u!.upn, ipAddress: '203.0.113.7' } },
        targetResources: [{ id: u!.id, displayName: null, type: 'User', userPrincipalName: u!.upn, groupType: null, modifiedProperties: [] }],
        additionalDetails: [{ key: 'MethodUsed', value: 'SMS' }],
      }));
    return { '@odata.context': `${GRAPH_HOST}/v1.0/$metadata#auditLogs/directoryAudits`, value };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stub');
    const path = decodeURIComponent(url.pathname);
    requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}` });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };

    // Sign-in: the tenant's OpenID configuration and its token endpoint.
    if (path === `/${STUB_TENANT_ID}/v2.0/.well-known/openid-configuration`) {
      const base = `${AUTHORITY_HOST}/${STUB_TENANT_ID}`;
      return send(200, {
        issuer: `${base}/v2.0`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        jwks_uri: `${AUTHORITY_HOST}/${STUB_TENANT_ID}/discovery/v2.0/keys`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      });
    }
    if (path === `/${STUB_TENANT_ID}/oauth2/v2.0/token` && req.method === 'POST') {
      tokenRequests += 1;
      const form = new URLSearchParams(await readBody(req));
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== STUB_CLIENT_ID || form.get('client_secret') !== STUB_CLIENT_SECRET) {
        return send(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] });
      }
      if (form.get('scope') !== `${GRAPH_HOST}/.default`)
        return send(400, { error: 'invalid_scope', error_description: 'AADSTS70011: The scope is not valid.', error_codes: [70011] });
      const token = `stub-token-${randomUUID()}`;
      issued.add(token);
      return send(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
    }

    // Graph.
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !issued.has(bearer)) return send(401, graphError('InvalidAuthenticationToken', 'Access token is empty or invalid.'));

    if (path === '/v1.0/auditLogs/directoryAudits') {
      await delay(latencyMs);
      const filter = url.searchParams.get('$filter') ?? '';
      const target = users.get(/t\/id eq '([^']+)'/.exec(filter)?.[1] ?? '');
      if (target?.behaviour === 'forbidden') return send(403, graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'));
      if (target?.behaviour === 'slow') await delay(slowMs);
      if (target?.behaviour === 'throttled-once' && !throttledOnce.has(`audit:${target.id}`)) {
        throttledOnce.add(`audit:${target.id}`);
        return send(429, graphError('TooManyRequests', 'Too many requests.'), { 'retry-after': '1' });
      }
      return send(200, auditsFor(filter));
    }
    if (path === '/v1.0/users' && req.method === 'GET') {
      await delay(latencyMs);
      const filter = url.searchParams.get('$filter') ?? '';
      const wanted = [...filter.matchAll(/eq '((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'").toLowerCase());
      const value = [...users.values()].filter((u) => wanted.includes(u.upn.toLowerCase())).map((u) => ({ id: u.id }));
      return send(200, { '@odata.context': `${GRAPH_HOST}/v1.0/$metadata#users(id)`, value });
    }

    const perUser =
      /^\/v1\.0\/(?:reports\/authenticationMethods\/userRegistrationDetails\/([^/]+)|users\/([^/]+)\/(licenseDetails|checkMemberGroups)|users\/([^/]+))$/.exec(
        path,
      );
    if (!perUser) return send(404, graphError('Request_ResourceNotFound', `Resource '${path}' does not exist.`));
    const id = (perUser[1] ?? perUser[2] ?? perUser[4])!.toLowerCase();
    const resource = perUser[1] ? 'registration' : (perUser[3] ?? 'user');
    await delay(latencyMs);
    const u = users.get(id);
    if (!u)
      return send(
        404,
        graphError('Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`),
      );
    if (u.behaviour === 'forbidden') return send(403, graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'));
    if (u.behaviour === 'slow') await delay(slowMs);
    if (u.behaviour === 'throttled-once' && !throttledOnce.has(`${resource}:${id}`)) {
      throttledOnce.add(`${resource}:${id}`);
      return send(429, graphError('TooManyRequests', 'Too many requests.'), { 'retry-after': '1' });
    }
    if (resource === 'registration') return send(200, registrationOf(u));
    if (resource === 'licenseDetails') return send(200, licencesOf(u));
    if (resource === 'user') {
      // $select=id,onPremisesSyncEnabled: Graph answers only the selected properties.
      return send(200, {
        '@odata.context': `${GRAPH_HOST}/v1.0/$metadata#users(id,onPremisesSyncEnabled)/$entity`,
        id: u.id,
        onPremisesSyncEnabled: u.synced ? true : null,
      });
    }
    if (req.method !== 'POST') return send(405, graphError('Request_BadRequest', 'Use POST.'));
    const body = JSON.parse((await readBody(req)) || '{}') as { groupIds?: unknown };
    const asked = Array.isArray(body.groupIds) ? body.groupIds.filter((g): g is string => typeof g === 'string') : [];
    return send(200, { '@odata.context': `${GRAPH_HOST}/v1.0/$metadata#Collection(Edm.String)`, value: asked.filter((g) => u.groups.includes(g)) });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** fetch that serves the two stub hosts from this server and refuses every other origin. */
  const stubFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.origin !== AUTHORITY_HOST && url.origin !== GRAPH_HOST) throw new TypeError(`graph stub: no network outside the stub (${url.origin})`);
    return fetch(`${origin}${url.pathname}${url.search}`, init);
  };

  const settings: GraphSettings = {
    tenantId: STUB_TENANT_ID,
    clientId: STUB_CLIENT_ID,
    clientSecret: STUB_CLIENT_SECRET,
    endpoint: GRAPH_HOST,
    authorityHost: AUTHORITY_HOST,
  };

  return {
    settings,
    fetch: stubFetch,
    /** Requests the stub received (paths with their query), in order. */
    requests,
    tokenRequests: () => tokenRequests,
    /** The environment that turns the stub on through loadConfig. */
    env: {
      GRAPH_TENANT_ID: STUB_TENANT_ID,
      GRAPH_CLIENT_ID: STUB_CLIENT_ID,
      GRAPH_CLIENT_SECRET: STUB_CLIENT_SECRET,
      GRAPH_ENDPOINT: GRAPH_HOST,
      GRAPH_AUTHORITY_HOST: AUTHORITY_HOST,
      AGENT_GROUP_ID,
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pending) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type GraphStub = Awaited<ReturnType<typeof startGraphStub>>;
