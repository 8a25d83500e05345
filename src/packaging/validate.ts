import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { ManifestValidationError, PackagingError } from './errors.js';
import { SCHEMAS_DIR } from './paths.js';

// Both packages are CommonJS: under NodeNext their default import is the module object, whose `default` is the export.
const Ajv = ajvDraft04.default;
const addFormats = (ajvFormats as unknown as { default: typeof ajvFormats.default }).default;

const validators = new Map<string, ValidateFunction>();

/** Where the official schema of a manifestVersion ("1.17") lives under the schemas folder. */
export function manifestSchemaPath(manifestVersion: string, schemasDir: string = SCHEMAS_DIR): string {
  return join(schemasDir, 'teams-manifest', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

function manifestVersionOf(manifest: unknown): string {
  const version = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>).manifestVersion : undefined;
  // The version becomes part of a path, so only digits and dots (or devPreview) get that far.
  if (typeof version !== 'string' || !/^(?:\d+\.\d+|devPreview)$/.test(version)) {
    throw new PackagingError(`manifest.json has no usable "manifestVersion" (found ${JSON.stringify(version)})`);
  }
  return version;
}

function compiledValidator(path: string): ValidateFunction {
  const cached = validators.get(path);
  if (cached) return cached;
  if (!existsSync(path)) throw new PackagingError(`there is no Teams manifest schema at ${path}`);
  // The manifest schemas are draft-04; strict mode would reject their documentation-only keywords.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object);
  } catch (error) {
    throw new PackagingError(`the Teams manifest schema at ${path} could not be compiled`, { cause: error });
  }
  validators.set(path, validate);
  return validate;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  if (Array.isArray(params.allowedValues)) return `${where} ${error.message ?? ''}: ${params.allowedValues.join(', ')}`;
  if (typeof params.additionalProperty === 'string') return `${where} ${error.message ?? ''}: "${params.additionalProperty}"`;
  return `${where} ${error.message ?? ''}`;
}

/** Where a manifest breaks the official schema of its own manifestVersion, as "path message" lines (empty: valid). */
export function manifestProblems(manifest: unknown, schemasDir: string = SCHEMAS_DIR): string[] {
  const validate = compiledValidator(manifestSchemaPath(manifestVersionOf(manifest), schemasDir));
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(describe);
}

/** Throws a ManifestValidationError listing every problem when the manifest breaks its schema. */
export function validateManifest(manifest: unknown, schemasDir: string = SCHEMAS_DIR): void {
  const problems = manifestProblems(manifest, schemasDir);
  if (problems.length > 0) throw new ManifestValidationError(manifestVersionOf(manifest), problems);
}
