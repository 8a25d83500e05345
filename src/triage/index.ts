export { diagnose } from './diagnose.js';
export type { Decision, DiagnosisState, FacetAnswer, DiagnoseOptions, DiagnoseDeps } from './diagnose.js';
export { chooseQuestion, expectedEntropy } from './followUp.js';
export type { Candidate } from './followUp.js';
export { isCompatible, matchChoice } from './facets.js';
export { chooseView } from './audience.js';
export type { ConversationKind } from './audience.js';
