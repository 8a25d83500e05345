/** The facts about one account, as the rest of the bot sees them. Built from validated Graph answers only. */
import type { Method } from '../knowledge/types.js';
import type { GraphFailure } from './errors.js';
import type { AuditEvent, LicenseDetails, RegistrationDetails } from './resources.js';

export type FactPart = 'registration' | 'licence' | 'audit' | 'account';

export interface RegistrationFacts {
  readonly registered: boolean;
  readonly enabled: boolean;
  readonly capable: boolean;
  readonly isAdmin: boolean;
  /** Graph's method types ("mobilePhone", "email"…); never a number or an address. */
  readonly methodTypes: readonly string[];
  /** The same, as the catalog's method facet values, limited to methods password reset can use. */
  readonly resetMethods: readonly Method[];
  readonly lastUpdated?: Date;
}

export interface LicenceFacts {
  /**
   * 'premium': a plan that carries password reset for every account is assigned (Entra ID P1, P2, Azure AD Basic);
   * 'none': no licence at all; 'other': licences without those plans. Some Microsoft 365 plans still cover reset for
   * cloud-only accounts, so 'other' settles nothing on its own; writeback (synced accounts) needs P1 or P2.
   */
  readonly coverage: 'premium' | 'other' | 'none';
  /** The plans that made it 'premium'. */
  readonly ssprPlans: readonly string[];
  readonly skuCount: number;
}

export interface AuditFacts {
  /** The latest entry of each watched activity in the last 24 hours, newest first. */
  readonly latest: readonly AuditEvent[];
  readonly blockedAt?: Date;
  readonly lastResetAt?: Date;
}

export interface AccountFacts {
  /** The Entra object id the facts are about. */
  readonly userId: string;
  readonly checkedAt: Date;
  readonly registration?: RegistrationFacts;
  readonly licence?: LicenceFacts;
  readonly audit?: AuditFacts;
  /** Whether the account is synced from on-premises Active Directory (its password then lives there). */
  readonly account?: { readonly synced: boolean };
  /** Parts Graph could not give, and why. */
  readonly missing: ReadonlyArray<{ readonly part: FactPart; readonly failure: GraphFailure }>;
}

/** Service plans that carry self-service password reset (Entra ID P1, P2 and the older Azure AD Basic). */
export const SSPR_SERVICE_PLANS: ReadonlySet<string> = new Set(['AAD_PREMIUM', 'AAD_PREMIUM_P2', 'AAD_BASIC']);

/** What each registered method type lets password reset use (the catalog's method facet). */
const RESET_METHODS: Readonly<Record<string, readonly Method[]>> = {
  mobilePhone: ['sms', 'call'],
  alternateMobilePhone: ['sms', 'call'],
  // An office phone takes calls only.
  officePhone: ['call'],
  email: ['email'],
  microsoftAuthenticatorPush: ['app'],
  softwareOneTimePasscode: ['app'],
  securityQuestion: ['questions'],
};

export function resetMethodsOf(methodTypes: readonly string[]): Method[] {
  return [...new Set(methodTypes.flatMap((type) => RESET_METHODS[type] ?? []))];
}

/** Registered method types password reset can use (an office phone and a mobile phone count as two). */
export function resetMethodCount(methodTypes: readonly string[]): number {
  return methodTypes.filter((type) => type in RESET_METHODS).length;
}

export function registrationFacts(details: RegistrationDetails): RegistrationFacts {
  return {
    registered: details.isSsprRegistered,
    enabled: details.isSsprEnabled,
    capable: details.isSsprCapable,
    isAdmin: details.isAdmin,
    methodTypes: details.methodsRegistered,
    resetMethods: resetMethodsOf(details.methodsRegistered),
    ...(details.lastUpdated && { lastUpdated: details.lastUpdated }),
  };
}

export function licenceFacts(details: LicenseDetails): LicenceFacts {
  const ssprPlans = details.activePlans.filter((plan) => SSPR_SERVICE_PLANS.has(plan));
  const skuCount = details.skuPartNumbers.length;
  const coverage = ssprPlans.length > 0 ? 'premium' : skuCount > 0 || details.activePlans.length > 0 ? 'other' : 'none';
  return { coverage, ssprPlans, skuCount };
}

export function auditFacts(events: readonly AuditEvent[]): AuditFacts {
  const latest: AuditEvent[] = [];
  for (const event of [...events].sort((a, b) => b.at.getTime() - a.at.getTime())) {
    if (!latest.some((e) => e.activity === event.activity)) latest.push(event);
  }
  const blockedAt = latest.find((e) => e.activity === 'blocked')?.at;
  const lastResetAt = latest.find((e) => e.activity === 'reset' && e.result === 'success')?.at;
  return { latest, ...(blockedAt && { blockedAt }), ...(lastResetAt && { lastResetAt }) };
}
