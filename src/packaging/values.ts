import { isHostName } from '../config.js';
import type { Config } from '../config.js';
import { PackagingError } from './errors.js';

/** What fills the manifest's placeholders: the bot's app id (also the Teams app id) and its public host name. */
export type PackageValues = {
  readonly MicrosoftAppId: string;
  readonly BOT_DOMAIN: string;
};

/** Command-line values that win over the configuration, for a local try. */
export interface PackageOverrides {
  readonly appId?: string | undefined;
  readonly domain?: string | undefined;
}

const GUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/**
 * The placeholder values from the configuration and the overrides, or a PackagingError naming the variable that
 * is missing or malformed. BOT_DOMAIN from the configuration is already checked by loadConfig; --domain is not.
 */
export function resolvePackageValues(config: Pick<Config, 'microsoftAppId' | 'botDomain'>, overrides: PackageOverrides = {}): PackageValues {
  const appId = overrides.appId?.trim() || config.microsoftAppId;
  if (!appId) {
    throw new PackagingError('MicrosoftAppId is not set: put the Azure Bot app id in .env, or pass --app-id <guid>');
  }
  if (!GUID.test(appId)) {
    const source = overrides.appId?.trim() ? '--app-id' : 'MicrosoftAppId';
    throw new PackagingError(`${source} "${appId}" is not a GUID like 00000000-0000-0000-0000-000000000000`);
  }
  const domain = overrides.domain?.trim() || config.botDomain;
  if (!domain) {
    throw new PackagingError(
      "BOT_DOMAIN is not set: put the bot's public host name in .env (e.g. BOT_DOMAIN=contoso-bot.azurewebsites.net), or pass --domain <host>",
    );
  }
  if (!isHostName(domain)) {
    throw new PackagingError(`--domain "${domain}" is not a host name (give it without https:// or a path)`);
  }
  return { MicrosoftAppId: appId.toLowerCase(), BOT_DOMAIN: domain.toLowerCase() };
}
