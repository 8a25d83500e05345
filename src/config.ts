/**
 * The only reader of process.env. loadConfig is pure: give it an env object, get a frozen, typed config,
 * or a ConfigError naming the variable that is wrong.
 */
export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface Config {
  readonly port: number;
  readonly storageDir: string;
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
    storageDir: optional(env, 'STORAGE_DIR') ?? './data',
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
  });
}
