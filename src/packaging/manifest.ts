import { PackagingError } from './errors.js';

/** `${{NAME}}`, the Teams Toolkit placeholder syntax, with optional spaces inside the braces. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The names of the placeholders a template uses, each once, in order of appearance. */
export function placeholderNames(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/**
 * Fills every `${{NAME}}` of a JSON template with values[NAME] and parses the result. Values are JSON-escaped, so
 * any text is safe inside a string. Throws a PackagingError naming each placeholder without a (non-empty) value,
 * and when anything that still looks like a placeholder is left.
 */
export function fillManifest(template: string, values: Readonly<Record<string, string>>): unknown {
  const missing = placeholderNames(template).filter((name) => !values[name]);
  if (missing.length > 0) {
    throw new PackagingError(`no value for ${missing.map((name) => `\${{${name}}}`).join(', ')} in the manifest template`);
  }
  const filled = template.replace(PLACEHOLDER, (_match, name: string) => JSON.stringify(values[name]).slice(1, -1));
  if (filled.includes('${{')) {
    throw new PackagingError('the manifest still contains "${{" after filling its placeholders: check its spelling');
  }
  try {
    return JSON.parse(filled) as unknown;
  } catch (error) {
    throw new PackagingError('the filled manifest is not valid JSON', { cause: error });
  }
}
