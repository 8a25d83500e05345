/** The optional Microsoft Graph connection and the facts it yields about an account. */
export { createAccountFacts, disabledAccountFacts } from './accountFacts.js';
export type {
  AccountFactsSource,
  AccountFactsOptions,
  AccessDecision,
  CheckResult,
  FactsResult,
  FetchOptions,
  GraphHealth,
  GraphHealthState,
  Requester,
} from './accountFacts.js';
export {
  adviseFromFacts,
  describeTime,
  leadTopic,
  likelyTopic,
  methodLabel,
  reweigh,
  FACT_TOPICS,
  METHOD_QUESTION_ID,
  ACCOUNT_TYPE_QUESTION_ID,
  ON_PREMISES_TOPICS,
} from './advice.js';
export type { AccountSection, AdviceContext, CardFact, FactsAdvice, LeadReason, ThrottleFact, WeightedCandidate } from './advice.js';
export { parseCheckRequest, targetFromObjectId, type CheckTarget } from './checkRequest.js';
export { GraphError, type GraphFailure } from './errors.js';
export type { AccountFacts, AuditFacts, FactPart, LicenceFacts, RegistrationFacts } from './facts.js';
export type { Fetch } from './fetchNetworkClient.js';
export { GRAPH_MESSAGES } from './messages.js';
export { checkForTurn, factsForTurn, type CheckReply, type TurnClock, type TurnFacts } from './turnFacts.js';
