import { keyMatches } from './notifyRoute.js';

export interface AdminAccessOptions {
  /** The monitoring key also opens the admin data, for operators' scripts. */
  readonly notifyApiKey?: string;
  /** Verifies a Teams SSO token and returns the user's AAD object id. */
  readonly verifySsoToken?: (token: string) => Promise<string | undefined>;
  readonly adminUserIds: ReadonlySet<string>;
}

/** Error meaning "the token could not be verified": the tab routes answer 401 rather than 403. */
export class UnverifiedTokenError extends Error {
  constructor() {
    super('the token could not be verified');
    this.name = 'UnverifiedTokenError';
  }
}

/**
 * Decides whether a request's Authorization header belongs to an admin: the notify key, or a Teams SSO token of a
 * user listed in ADMIN_USER_IDS. Throws UnverifiedTokenError for a token nobody can vouch for.
 */
export function createAdminAuthorizer(options: AdminAccessOptions): (header: string | undefined) => Promise<boolean> {
  return async (header) => {
    if (options.notifyApiKey && keyMatches(header, options.notifyApiKey)) return true;
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token || !options.verifySsoToken) throw new UnverifiedTokenError();
    const oid = await options.verifySsoToken(token);
    if (!oid) throw new UnverifiedTokenError();
    return options.adminUserIds.has(oid);
  };
}
