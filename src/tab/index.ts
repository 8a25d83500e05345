export { registerTabRoutes, type TabRouteDeps } from './routes.js';
export { loadTabAssets, teamsJsBundlePath, TabAssetError, DEFAULT_TAB_DIR, type TabAssets } from './assets.js';
export type { AdminSummary, DeflectionSummary, SearchResult, TopicView } from './types.js';
export { summarizeDeflection, type OutcomeCounts } from './deflection.js';
