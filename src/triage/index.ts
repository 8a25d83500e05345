/** Every decision of the conversation, pure (no botbuilder): answer / ask / offer choices / new problem / view. */
export { diagnose } from './diagnose.js';
export type { AccountView, Decision, DiagnosisState, DiagnosisInput, FacetAnswer, DiagnoseDeps, AnswerReason } from './diagnose.js';
export type { FactsAdvice } from '../graph/advice.js';
export { chooseQuestion, expectedEntropy } from './followUp.js';
export type { Candidate } from './followUp.js';
export { isCompatible, matchChoice } from './facets.js';
export { chooseView, conversationKind, readerOf } from './audience.js';
export type { ConversationKind, Reader } from './audience.js';
export { readReply, readVerdict, matchPick, isNewProblem } from './reply.js';
export type { Expecting, Reading, ReplyContext, Verdict } from './reply.js';
export { DEFAULT_POLICY, type TriagePolicy } from './policy.js';
export type { CaseFile, CaseOutcome, MemberInfo } from './case.js';
export { Triage } from './triage.js';
