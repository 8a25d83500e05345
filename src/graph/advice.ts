/**
 * What the facts about an account mean for the diagnosis. Pure: facts, the clock and the user's time zone in;
 * pre-answered follow-up questions, topic weights, a topic the facts settle, and the card section out.
 * No botbuilder, no I/O.
 */
import { DateTime } from 'luxon';
import { throttleStatus } from '../extractors/throttleClock.js';
import type { AccountType, Method, Topic } from '../knowledge/types.js';
import type { AccountFacts } from './facts.js';
import { resetMethodCount } from './facts.js';
import { GRAPH_MESSAGES } from './messages.js';

/** Catalog topics the facts speak to (catalog/topics/*.json ids; a test checks each one exists). */
export const FACT_TOPICS = {
  register: 'register-security-info',
  securityInfoMissing: 'sspr-0014',
  authInfoMissing: 'auth-info-missing',
  oneMethod: 'only-one-contact-method',
  licenceCode: 'sspr-0012',
  notLicensed: 'user-not-licensed',
  throttled: 'reset-throttled',
  notEnabled: 'directory-not-enabled',
  notInGroup: 'sspr-0013',
  adminPolicy: 'admin-policy-not-applied',
} as const;

/** Topics that only happen to accounts whose password lives in on-premises AD (writeback, on-premises policy). */
export const ON_PREMISES_TOPICS: readonly string[] = [
  'password-managed-onprem',
  'sspr-0010',
  'sspr-0029',
  'sspr-0030',
  'writeback-stopped-after-working',
  'onprem-policy-violation',
  'onprem-account-flags',
];

/** The follow-up questions (catalog/questions.json) the facts answer: the registered methods, the account's origin. */
export const METHOD_QUESTION_ID = 'method';
export const ACCOUNT_TYPE_QUESTION_ID = 'accountType';

export type LeadReason = 'blocked' | 'unlicensed' | 'not-enabled' | 'not-registered' | 'too-few-methods';

export interface ThrottleFact {
  readonly blockedAt: Date;
  readonly retryAt: Date;
  readonly canRetryNow: boolean;
  /** "you can try again from 09:41 tomorrow", in the user's time zone ("(UTC)" added when none is known). */
  readonly retryText: string;
}

export interface CardFact {
  readonly title: string;
  readonly value: string;
}

/** "What I see for your account": an Adaptive Card FactSet and its note. Method types only, never numbers. */
export interface AccountSection {
  readonly title: string;
  readonly facts: readonly CardFact[];
  readonly note: string;
}

export interface FactsAdvice {
  /** Answers to follow-up questions, shaped like triage's FacetAnswer: add them to the diagnosis state. */
  readonly answers: ReadonlyArray<{ readonly questionId: string; readonly values: readonly (Method | AccountType)[] }>;
  /** Factor for a candidate topic's weight; topics not listed keep theirs. */
  readonly weights: Readonly<Record<string, number>>;
  /** The topic the facts settle on their own, answered without asking (see leadTopic for when). */
  readonly lead?: { readonly topicId: string; readonly reason: LeadReason };
  readonly throttle?: ThrottleFact;
  readonly section: AccountSection;
}

export interface AdviceContext {
  readonly now: Date;
  /** IANA zone from Teams (activity.localTimezone); UTC when absent or unknown. */
  readonly timeZone?: string;
  /** 'self' for the asking user, 'other' when an agent checks someone else. */
  readonly subject?: 'self' | 'other';
}

const METHOD_LABELS: Readonly<Record<string, string>> = {
  mobilePhone: 'Mobile phone',
  alternateMobilePhone: 'Alternate mobile phone',
  officePhone: 'Office phone',
  email: 'Email',
  microsoftAuthenticatorPush: 'Authenticator app (notification)',
  softwareOneTimePasscode: 'Authenticator app (code)',
  hardwareOneTimePasscode: 'Hardware token',
  microsoftAuthenticatorPasswordless: 'Authenticator app (passwordless sign-in)',
  securityQuestion: 'Security questions',
  fido2SecurityKey: 'FIDO2 security key',
  windowsHelloForBusiness: 'Windows Hello for Business',
  temporaryAccessPass: 'Temporary Access Pass',
};

/** A method type as people say it; unknown types are spelled out from their camelCase name. */
export function methodLabel(type: string): string {
  const known = METHOD_LABELS[type];
  if (known) return known;
  if (/^passKey/i.test(type)) return 'Passkey';
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const PLAN_LABELS: Readonly<Record<string, string>> = { AAD_PREMIUM: 'Entra ID P1', AAD_PREMIUM_P2: 'Entra ID P2', AAD_BASIC: 'Azure AD Basic' };

function zoned(date: Date, timeZone: string | undefined): { at: DateTime; utcFallback: boolean } {
  const at = DateTime.fromJSDate(date, { zone: timeZone ?? 'UTC' });
  return at.isValid ? { at, utcFallback: !timeZone } : { at: DateTime.fromJSDate(date, { zone: 'UTC' }), utcFallback: true };
}

/** "09:41 today", "09:41 tomorrow", "09:41 on Tue 4 Mar", in the zone; "(UTC)" when the user's zone is not known. */
export function describeTime(date: Date, now: Date, timeZone?: string): string {
  const { at, utcFallback } = zoned(date, timeZone);
  const today = DateTime.fromJSDate(now, { zone: at.zone }).startOf('day');
  const days = Math.round(at.startOf('day').diff(today, 'days').days);
  const day = days === 0 ? 'today' : days === 1 ? 'tomorrow' : days === -1 ? 'yesterday' : `on ${at.toFormat('ccc d LLL')}`;
  return `${at.toFormat('HH:mm')} ${day}${utcFallback ? ' (UTC)' : ''}`;
}

function throttleFact(facts: AccountFacts, context: AdviceContext): ThrottleFact | undefined {
  const blockedAt = facts.audit?.blockedAt;
  if (!blockedAt) return undefined;
  // A successful reset after the block means the block is no longer the problem.
  const resetAt = facts.audit?.lastResetAt;
  if (resetAt && resetAt > blockedAt) return undefined;
  const status = throttleStatus(blockedAt, context.now);
  const retryText = status.canRetryNow ? 'you can try again now' : `you can try again from ${describeTime(status.retryAt, context.now, context.timeZone)}`;
  return { blockedAt, retryAt: status.retryAt, canRetryNow: status.canRetryNow, retryText };
}

function multiply(weights: Record<string, number>, ids: readonly string[], factor: number): void {
  for (const id of ids) weights[id] = (weights[id] ?? 1) * factor;
}

/** No licence at all, or a synced account (its reset needs writeback, a P1/P2 feature) without P1 or P2. */
function unlicensed(facts: AccountFacts): boolean {
  const coverage = facts.licence?.coverage;
  return coverage === 'none' || (coverage === 'other' && facts.account?.synced === true);
}

function chooseLead(facts: AccountFacts, throttle: ThrottleFact | undefined): FactsAdvice['lead'] {
  const registration = facts.registration;
  if (throttle && !throttle.canRetryNow) return { topicId: FACT_TOPICS.throttled, reason: 'blocked' };
  if (unlicensed(facts)) return { topicId: FACT_TOPICS.licenceCode, reason: 'unlicensed' };
  if (!registration) return undefined;
  if (!registration.enabled) return { topicId: FACT_TOPICS.notEnabled, reason: 'not-enabled' };
  if (registration.registered) return undefined;
  return resetMethodCount(registration.methodTypes) === 0
    ? { topicId: FACT_TOPICS.register, reason: 'not-registered' }
    : { topicId: FACT_TOPICS.oneMethod, reason: 'too-few-methods' };
}

function computeWeights(facts: AccountFacts, throttle: ThrottleFact | undefined): Record<string, number> {
  const weights: Record<string, number> = {};
  const t = FACT_TOPICS;
  const registrationTopics = [t.register, t.securityInfoMissing, t.authInfoMissing, t.oneMethod];
  const registration = facts.registration;
  if (registration) {
    if (!registration.enabled) multiply(weights, [t.notEnabled, t.notInGroup], 3);
    else multiply(weights, [t.notEnabled, t.notInGroup], 0.2);
    if (registration.capable) multiply(weights, registrationTopics, 0.2);
    else if (!registration.registered) {
      const none = resetMethodCount(registration.methodTypes) === 0;
      multiply(weights, none ? [t.register, t.securityInfoMissing, t.authInfoMissing] : [t.oneMethod, t.register], 3);
    }
    if (registration.isAdmin) multiply(weights, [t.adminPolicy], 2);
    else multiply(weights, [t.adminPolicy], 0.2);
  }
  if (facts.licence?.coverage === 'premium') multiply(weights, [t.licenceCode, t.notLicensed], 0.1);
  else if (unlicensed(facts)) multiply(weights, [t.licenceCode, t.notLicensed], 3);
  // A cloud-only account has no on-premises password: writeback and on-premises policy cannot be the cause.
  if (facts.account && !facts.account.synced) multiply(weights, ON_PREMISES_TOPICS, 0.2);
  if (throttle) multiply(weights, [t.throttled], throttle.canRetryNow ? 1.5 : 5);
  else if (facts.audit) multiply(weights, [t.throttled], 0.3);
  return weights;
}

function section(facts: AccountFacts, throttle: ThrottleFact | undefined, context: AdviceContext): AccountSection {
  const couldNot = "Couldn't check";
  const rows: CardFact[] = [];
  const registration = facts.registration;
  if (registration) {
    const state = registration.capable
      ? 'Ready to use'
      : !registration.enabled
        ? 'Not enabled for this account'
        : registration.registered
          ? 'Registered, but not ready to use'
          : 'Enabled, but security info is incomplete';
    rows.push({ title: 'Password reset', value: state });
    const methods = registration.methodTypes.map(methodLabel);
    rows.push({ title: 'Methods on file', value: methods.length > 0 ? methods.join(', ') : 'None' });
    if (registration.isAdmin) rows.push({ title: 'Admin account', value: 'Yes: administrators follow their own reset policy' });
  } else {
    rows.push({ title: 'Password reset', value: couldNot });
  }
  if (facts.licence) {
    const plans = facts.licence.ssprPlans.map((p) => PLAN_LABELS[p] ?? p);
    rows.push({
      title: 'Licence',
      value:
        facts.licence.coverage === 'premium'
          ? `Includes password reset (${plans.join(', ')})`
          : facts.licence.coverage === 'none'
            ? 'No licence assigned'
            : 'No Entra ID P1 or P2 plan (some Microsoft 365 plans still cover reset for cloud-only accounts)',
    });
  } else {
    rows.push({ title: 'Licence', value: couldNot });
  }
  if (facts.audit) {
    const resetAt = facts.audit.lastResetAt;
    const value = throttle
      ? `Blocked at ${describeTime(throttle.blockedAt, context.now, context.timeZone)}; ${throttle.retryText}`
      : resetAt
        ? `Password reset at ${describeTime(resetAt, context.now, context.timeZone)}`
        : facts.audit.latest[0]
          ? `Last attempt at ${describeTime(facts.audit.latest[0].at, context.now, context.timeZone)} did not finish`
          : 'None in the last 24 hours';
    rows.push({ title: 'Recent reset attempts', value });
  } else {
    rows.push({ title: 'Recent reset attempts', value: couldNot });
  }
  rows.push({
    title: 'Account',
    value: facts.account ? (facts.account.synced ? 'Synced from on-premises Active Directory' : 'Cloud-only') : couldNot,
  });
  return {
    title: context.subject === 'other' ? 'What I see for this account' : 'What I see for your account',
    facts: rows,
    note: GRAPH_MESSAGES.lag,
  };
}

export function adviseFromFacts(facts: AccountFacts, context: AdviceContext): FactsAdvice {
  const throttle = throttleFact(facts, context);
  const methods = facts.registration?.resetMethods ?? [];
  const lead = chooseLead(facts, throttle);
  return {
    answers: [
      ...(methods.length > 0 ? [{ questionId: METHOD_QUESTION_ID, values: methods }] : []),
      // The same values as the question's own choices ("synced or federated" cannot be told apart from here).
      ...(facts.account
        ? [{ questionId: ACCOUNT_TYPE_QUESTION_ID, values: facts.account.synced ? (['synced', 'federated'] as const) : (['cloud-only'] as const) }]
        : []),
    ],
    weights: computeWeights(facts, throttle),
    ...(lead && { lead }),
    ...(throttle && { throttle }),
    section: section(facts, throttle, context),
  };
}

export interface WeightedCandidate {
  readonly id: string;
  readonly weight: number;
}

/** The candidates with the facts' factors applied, heaviest first (same shape as triage's Candidate). */
export function reweigh<C extends WeightedCandidate>(candidates: readonly C[], advice: FactsAdvice): C[] {
  return candidates.map((c) => ({ ...c, weight: c.weight * (advice.weights[c.id] ?? 1) })).sort((a, b) => b.weight - a.weight);
}

// Changing a known password needs neither registration nor a licence, and is never throttled: not listed.
const SELF_SERVICE_STAGES = new Set(['resetting', 'registering', 'unlocking']);
/** Reset-stage topics the facts about the work account do not speak to. */
const UNRELATED_TOPICS = new Set(['personal-account', 'unexpected-reset-email']);

/**
 * The topic to answer at once, or undefined. `answering` is the topic the diagnosis would answer without the facts;
 * undefined when it would ask a question instead (a vague "I can't reset my password"): then the facts settle it.
 * A confident diagnosis is overridden only when it is itself about resetting, unlocking or registering one's own
 * work account, where the facts know better; an admin's writeback question, a personal Microsoft account or a
 * change of a known password keeps its answer. A message whose error code names its topic never gets here.
 */
export function leadTopic(advice: FactsAdvice, answering: Topic | undefined): string | undefined {
  if (!advice.lead) return undefined;
  if (!answering) return advice.lead.topicId;
  if (UNRELATED_TOPICS.has(answering.id)) return undefined;
  const selfService = answering.audience === 'user' && answering.facets.stage.some((s) => SELF_SERVICE_STAGES.has(s));
  return selfService ? advice.lead.topicId : undefined;
}

/** For an agent's "check someone": the most likely topic from the facts alone (undefined when nothing stands out). */
export function likelyTopic(advice: FactsAdvice): string | undefined {
  if (advice.lead) return advice.lead.topicId;
  const [best] = Object.entries(advice.weights).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 1 ? best[0] : undefined;
}
