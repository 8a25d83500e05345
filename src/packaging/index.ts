export { buildAppPackage } from './buildPackage.js';
export type { BuildPackageOptions } from './buildPackage.js';
export { ManifestValidationError, PackagingError } from './errors.js';
export { fillManifest, placeholderNames } from './manifest.js';
export { DEFAULT_PACKAGE_PATH, MANIFEST_DIR, SCHEMAS_DIR } from './paths.js';
export { resolvePackageValues } from './values.js';
export type { PackageOverrides, PackageValues } from './values.js';
export { manifestProblems, manifestSchemaPath, validateManifest } from './validate.js';
