import { fileURLToPath } from 'node:url';

/** Folders the packaging reads, resolved from this file so that the current directory does not matter. */
export const MANIFEST_DIR = fileURLToPath(new URL('../../manifest/', import.meta.url));
/** ../shared/schemas beside the project: the official schemas, kept offline. */
export const SCHEMAS_DIR = fileURLToPath(new URL('../../../shared/schemas/', import.meta.url));
export const DEFAULT_PACKAGE_PATH = fileURLToPath(new URL('../../dist/sspr-bot-teams-app.zip', import.meta.url));
