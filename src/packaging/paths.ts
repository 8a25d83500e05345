import { contentPath } from '../content.js';

/** Folders the packaging reads, from the content root, so that neither the current directory nor dist/ matters. */
export const MANIFEST_DIR = `${contentPath('manifest')}/`;
/** ../shared/schemas beside the project: the official schemas, kept offline. */
export const SCHEMAS_DIR = `${contentPath('..', 'shared', 'schemas')}/`;
export const DEFAULT_PACKAGE_PATH = contentPath('dist', 'sspr-bot-teams-app.zip');
