import { isIP } from 'node:net';
/**
 * The only reader of process.env. loadConfig is pure: give it an env object, get a frozen, typed config,
 * or a ConfigError naming the variable that is wrong.
 */
export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface Config {
  readonly port: number;
  /** The address to listen on: 127.0.0.1 without authentication (local development), all interfaces with it. */
  readonly host: string;
  readonly storageDir: string;
  /** Conversation and user state not written for this many days is deleted from the embedded store. */
  readonly stateTtlDays: number;
  readonly microsoftAppId: string | undefined;
  readonly microsoftAppPassword: string | undefined;
  readonly microsoftAppType: AppType;
  readonly microsoftAppTenantId: string | undefined;
  readonly adminUserIds: ReadonlySet<string>;
  readonly notifyApiKey: string | undefined;
  readonly azureStorageConnectionString: string | undefined;
  readonly azureStorageContainer: string;
  readonly logPii: boolean;
  readonly logLevel: string;
  /** Public host name of the bot (e.g. contoso-bot.azurewebsites.net); only the Teams app package needs it. */
  readonly botDomain?: string;
  /** The optional Microsoft Graph connection (live account facts); undefined when its settings are absent. */
  readonly graph?: GraphSettings;
  /** Object id of the Entra group whose members (helpdesk agents) may check someone else's account. */
  readonly agentGroupId?: string;
}

export interface GraphSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** https://graph.microsoft.com, without a trailing slash. */
  readonly endpoint: string;
  /** https://login.microsoftonline.com, without a trailing slash; the token comes from <host>/<tenant>/oauth2/v2.0/token. */
  readonly authorityHost: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const optional = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value ? value : undefined;
};

function parsePort(env: Env): number {
  const raw = optional(env, 'PORT') ?? '3978';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT', `"${raw}" is not a port number (0-65535)`);
  return port;
}

function parseBoolean(env: Env, name: string): boolean {
  const raw = (optional(env, name) ?? 'false').toLowerCase();
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `"${raw}" is not true or false`);
}

function parseAppType(env: Env): AppType {
  const raw = optional(env, 'MicrosoftAppType') ?? 'MultiTenant';
  const known: AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
  const match = known.find((t) => t.toLowerCase() === raw.toLowerCase());
  if (!match) throw new ConfigError('MicrosoftAppType', `"${raw}" is not one of ${known.join(', ')}`);
  return match;
}

/** An IP address or host name to listen on; without authentication the default keeps the bot on this machine. */
function parseHost(env: Env, authEnabled: boolean): string {
  const raw = optional(env, 'HOST');
  if (raw === undefined) return authEnabled ? '0.0.0.0' : '127.0.0.1';
  if (!isIP(raw) && raw !== 'localhost' && !isHostName(raw)) throw new ConfigError('HOST', `"${raw}" is not an address to listen on`);
  return raw;
}

/** A DNS host name such as contoso-bot.azurewebsites.net: no scheme, port, path or trailing dot. */
export function isHostName(value: string): boolean {
  return value.length <= 253 && /^(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/i.test(value);
}

function parseBotDomain(env: Env): string | undefined {
  const raw = optional(env, 'BOT_DOMAIN');
  if (raw !== undefined && !isHostName(raw)) {
    throw new ConfigError('BOT_DOMAIN', `"${raw}" is not a host name (give it without https:// or a path)`);
  }
  return raw?.toLowerCase();
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A base URL: https, or http only on the loopback interface (a local stub); no query or fragment. */
function parseBaseUrl(env: Env, name: string, fallback: string): string {
  const raw = optional(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `"${raw}" is not a URL`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new ConfigError(name, `"${raw}" must be an https URL`);
  if (url.search || url.hash || url.username || url.password) throw new ConfigError(name, `"${raw}" must not carry a query, fragment or credentials`);
  return url.href.replace(/\/+$/, '');
}

/** Graph is on when a tenant, a client id and a secret are known (its own variables, else the bot's registration). */
function parseGraph(env: Env): GraphSettings | undefined {
  const tenantId = optional(env, 'GRAPH_TENANT_ID') ?? optional(env, 'MicrosoftAppTenantId');
  const clientId = optional(env, 'GRAPH_CLIENT_ID') ?? optional(env, 'MicrosoftAppId');
  const clientSecret = optional(env, 'GRAPH_CLIENT_SECRET') ?? optional(env, 'MicrosoftAppPassword');
  const endpoint = parseBaseUrl(env, 'GRAPH_ENDPOINT', 'https://graph.microsoft.com');
  const authorityHost = parseBaseUrl(env, 'GRAPH_AUTHORITY_HOST', 'https://login.microsoftonline.com');
  // The token endpoint of an authority is always https (the token library refuses anything else).
  if (!authorityHost.startsWith('https:')) throw new ConfigError('GRAPH_AUTHORITY_HOST', `"${authorityHost}" must be an https URL`);
  if (!tenantId || !clientId || !clientSecret) return undefined;
  const tenantName = optional(env, 'GRAPH_TENANT_ID') ? 'GRAPH_TENANT_ID' : 'MicrosoftAppTenantId';
  if (!GUID.test(tenantId) && !isHostName(tenantId))
    throw new ConfigError(tenantName, `"${tenantId}" is not a tenant id (a GUID or a domain such as contoso.onmicrosoft.com)`);
  const clientName = optional(env, 'GRAPH_CLIENT_ID') ? 'GRAPH_CLIENT_ID' : 'MicrosoftAppId';
  if (!GUID.test(clientId)) throw new ConfigError(clientName, `"${clientId}" is not an application (client) id GUID`);
  return Object.freeze({ tenantId, clientId, clientSecret, endpoint, authorityHost });
}

function parseAgentGroupId(env: Env): string | undefined {
  const raw = optional(env, 'AGENT_GROUP_ID');
  if (raw !== undefined && !GUID.test(raw)) throw new ConfigError('AGENT_GROUP_ID', `"${raw}" is not a group object id (GUID)`);
  return raw?.toLowerCase();
}

function parseStateTtlDays(env: Env): number {
  const raw = optional(env, 'STATE_TTL_DAYS') ?? '30';
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(days) || days < 1) throw new ConfigError('STATE_TTL_DAYS', `"${raw}" is not a positive whole number of days`);
  return days;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env): Config {
  const microsoftAppId = optional(env, 'MicrosoftAppId');
  const microsoftAppType = parseAppType(env);
  const microsoftAppTenantId = optional(env, 'MicrosoftAppTenantId');
  const microsoftAppPassword = optional(env, 'MicrosoftAppPassword');
  if (microsoftAppId && microsoftAppType === 'SingleTenant' && !microsoftAppTenantId) {
    throw new ConfigError('MicrosoftAppTenantId', 'is required when MicrosoftAppType is SingleTenant');
  }
  if (microsoftAppId && microsoftAppType !== 'UserAssignedMSI' && !microsoftAppPassword) {
    throw new ConfigError('MicrosoftAppPassword', 'is required when MicrosoftAppId is set');
  }
  const notifyApiKey = optional(env, 'NOTIFY_API_KEY');
  if (notifyApiKey !== undefined && notifyApiKey.length < 16) {
    throw new ConfigError('NOTIFY_API_KEY', 'must be at least 16 characters long');
  }
  const logLevel = (optional(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `"${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);
  const container = optional(env, 'AZURE_STORAGE_CONTAINER') ?? 'sspr-bot-state';
  if (!/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(container)) {
    throw new ConfigError('AZURE_STORAGE_CONTAINER', `"${container}" is not a valid blob container name`);
  }
  return Object.freeze({
    port: parsePort(env),
    host: parseHost(env, microsoftAppId !== undefined),
    storageDir: optional(env, 'STORAGE_DIR') ?? './data',
    stateTtlDays: parseStateTtlDays(env),
    microsoftAppId,
    microsoftAppPassword,
    microsoftAppType,
    microsoftAppTenantId,
    adminUserIds: new Set(
      (optional(env, 'ADMIN_USER_IDS') ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
    notifyApiKey,
    azureStorageConnectionString: optional(env, 'AZURE_STORAGE_CONNECTION_STRING'),
    azureStorageContainer: container,
    logPii: parseBoolean(env, 'LOG_PII'),
    logLevel,
    botDomain: parseBotDomain(env),
    graph: parseGraph(env),
    agentGroupId: parseAgentGroupId(env),
  });
}
