/**
 * Validation of Graph answers against the documented shapes of userRegistrationDetails, licenseDetails,
 * directoryAudit, user (id only) and checkMemberGroups. Each parser keeps only what the facts need: names,
 * addresses and phone numbers in the answer are dropped here, so they never reach the cache, a log or a card.
 */
import { GraphError } from './errors.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function invalid(resource: string, what: string): GraphError {
  return new GraphError('invalid-response', 200, `${resource}: ${what}`);
}

function collection(body: unknown, resource: string): unknown[] {
  if (!isObject(body) || !Array.isArray(body.value)) throw invalid(resource, 'no value list');
  return body.value;
}

const isoTime = (value: unknown): number | undefined => (typeof value === 'string' ? Date.parse(value) : Number.NaN) || undefined;

/** GET /reports/authenticationMethods/userRegistrationDetails/{id}, reduced to the SSPR facts. */
export interface RegistrationDetails {
  readonly isSsprRegistered: boolean;
  readonly isSsprEnabled: boolean;
  readonly isSsprCapable: boolean;
  readonly isAdmin: boolean;
  /** Method types ("mobilePhone", "email", "microsoftAuthenticatorPush"…), never the numbers or addresses. */
  readonly methodsRegistered: readonly string[];
  /** When the report last refreshed this record (it lags the directory by up to a few hours). */
  readonly lastUpdated?: Date;
}

export function parseRegistrationDetails(body: unknown): RegistrationDetails {
  const resource = 'userRegistrationDetails';
  if (!isObject(body)) throw invalid(resource, 'not an object');
  const flags = ['isSsprRegistered', 'isSsprEnabled', 'isSsprCapable', 'isAdmin'] as const;
  for (const flag of flags) if (typeof body[flag] !== 'boolean') throw invalid(resource, `${flag} is not a boolean`);
  if (!isStringList(body.methodsRegistered)) throw invalid(resource, 'methodsRegistered is not a list of strings');
  const updated = isoTime(body.lastUpdatedDateTime);
  return {
    isSsprRegistered: body.isSsprRegistered as boolean,
    isSsprEnabled: body.isSsprEnabled as boolean,
    isSsprCapable: body.isSsprCapable as boolean,
    isAdmin: body.isAdmin as boolean,
    // Method types are an open enum; only identifier-like values are kept.
    methodsRegistered: [...new Set(body.methodsRegistered.filter((m) => /^[A-Za-z0-9]{1,64}$/.test(m)))],
    ...(updated !== undefined && { lastUpdated: new Date(updated) }),
  };
}

/** GET /users/{id}/licenseDetails: the SKUs and service plans assigned to the user. */
export interface LicenseDetails {
  readonly skuPartNumbers: readonly string[];
  /** Service plans whose provisioning succeeded (or is pending activation), by name: AAD_PREMIUM, AAD_PREMIUM_P2… */
  readonly activePlans: readonly string[];
}

export function parseLicenseDetails(body: unknown): LicenseDetails {
  const resource = 'licenseDetails';
  const skus: string[] = [];
  const plans = new Set<string>();
  for (const item of collection(body, resource)) {
    if (!isObject(item) || typeof item.skuId !== 'string' || !Array.isArray(item.servicePlans))
      throw invalid(resource, 'a licence without skuId or servicePlans');
    if (typeof item.skuPartNumber === 'string') skus.push(item.skuPartNumber);
    for (const plan of item.servicePlans) {
      if (!isObject(plan) || typeof plan.servicePlanName !== 'string') throw invalid(resource, 'a service plan without a name');
      const status = typeof plan.provisioningStatus === 'string' ? plan.provisioningStatus : '';
      if (status === 'Success' || status === 'PendingActivation' || status === 'PendingProvisioning') plans.add(plan.servicePlanName);
    }
  }
  return { skuPartNumbers: skus, activePlans: [...plans] };
}

/** The Self-service Password Management activities the facts look at. */
export const SSPR_ACTIVITIES = {
  blocked: 'Blocked from self-service password reset',
  reset: 'Reset password (self-service)',
  progress: 'Self-service password reset flow activity progress',
} as const;
export type SsprActivity = keyof typeof SSPR_ACTIVITIES;

export type AuditResult = 'success' | 'failure' | 'timeout' | 'unknown';

export interface AuditEvent {
  readonly activity: SsprActivity;
  readonly at: Date;
  readonly result: AuditResult;
  /** Graph's resultReason with anything that looks like an address or a phone number removed. */
  readonly reason?: string;
}

/** resultReason is free text written by the service; it may quote a user's address or number. */
export function cleanReason(reason: unknown): string | undefined {
  if (typeof reason !== 'string') return undefined;
  const cleaned = reason
    .replace(/[^\s@]+@[^\s@]+/g, '[address]')
    .replace(/\+?\d[\d\s().-]{5,}\d/g, '[number]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return cleaned || undefined;
}

/** GET /auditLogs/directoryAudits: the SSPR events among them, newest first. Other activities are skipped. */
export function parseDirectoryAudits(body: unknown): AuditEvent[] {
  const resource = 'directoryAudits';
  const byName = new Map(Object.entries(SSPR_ACTIVITIES).map(([key, name]) => [name.toLowerCase(), key as SsprActivity]));
  const events: AuditEvent[] = [];
  for (const item of collection(body, resource)) {
    if (!isObject(item) || typeof item.activityDisplayName !== 'string') throw invalid(resource, 'an entry without activityDisplayName');
    const at = isoTime(item.activityDateTime);
    if (at === undefined) throw invalid(resource, 'an entry without a valid activityDateTime');
    const activity = byName.get(item.activityDisplayName.trim().toLowerCase());
    if (!activity) continue;
    const result: AuditResult = item.result === 'success' || item.result === 'failure' || item.result === 'timeout' ? item.result : 'unknown';
    const reason = cleanReason(item.resultReason);
    events.push({ activity, at: new Date(at), result, ...(reason !== undefined && { reason }) });
  }
  return events.sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** GET /users/{id}?$select=id,onPremisesSyncEnabled: is the account synced from on-premises AD? */
export interface UserAccount {
  /** true while synced; Graph gives null for an account that never was and false for one no longer synced. */
  readonly synced: boolean;
}

export function parseUserAccount(body: unknown): UserAccount {
  if (!isObject(body) || typeof body.id !== 'string') throw invalid('user', 'not a user');
  const sync = body.onPremisesSyncEnabled;
  if (sync !== undefined && sync !== null && typeof sync !== 'boolean') throw invalid('user', 'onPremisesSyncEnabled is not a boolean');
  return { synced: sync === true };
}

/** GET /users?$filter=…&$select=id: the object id of the one matching user, or undefined. */
export function parseUserIds(body: unknown): string[] {
  return collection(body, 'users').map((item) => {
    if (!isObject(item) || typeof item.id !== 'string') throw invalid('users', 'an entry without an id');
    return item.id;
  });
}

/** POST /users/{id}/checkMemberGroups: the ids, among those asked about, of the groups the user is in. */
export function parseMemberGroups(body: unknown): string[] {
  const ids = collection(body, 'checkMemberGroups');
  if (!isStringList(ids)) throw invalid('checkMemberGroups', 'value is not a list of ids');
  return ids;
}
