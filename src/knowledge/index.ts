export type * from './types.js';
export { loadCatalog, createCatalog, CatalogError, DEFAULT_CATALOG_DIR, EMPTY_LEXICON } from './loadCatalog.js';
export { codeKey } from './codeKey.js';
export { loadQuestions, loadEscalationFields, escalationFieldsFor } from './questions.js';
export type { Question, Choice, EscalationField, FacetName, FacetValue } from './questions.js';
