import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { PackagingError } from './errors.js';
import { fillManifest } from './manifest.js';
import { DEFAULT_PACKAGE_PATH, MANIFEST_DIR, SCHEMAS_DIR } from './paths.js';
import { validateManifest } from './validate.js';

export interface BuildPackageOptions {
  /** The placeholder values, by name (MicrosoftAppId, BOT_DOMAIN). */
  readonly values: Readonly<Record<string, string>>;
  /** Where the zip goes; its folder is created. */
  readonly out?: string;
  /** Folder of manifest.json (the template) and the icons it names. */
  readonly manifestDir?: string;
  /** Folder of the official schemas (teams-manifest/v<version>/...). */
  readonly schemasDir?: string;
}

/** The icon file names the manifest gives; Teams wants them beside manifest.json at the zip root. */
function iconFiles(manifest: unknown): string[] {
  const icons = (manifest as { icons?: Record<string, unknown> }).icons ?? {};
  return [icons.color, icons.outline].map((file) => {
    if (typeof file !== 'string' || file !== basename(file)) {
      throw new PackagingError(`manifest.json icons must be file names at the package root, not ${JSON.stringify(file)}`);
    }
    return file;
  });
}

async function readIcon(manifestDir: string, file: string): Promise<Buffer> {
  try {
    return await readFile(join(manifestDir, file));
  } catch (error) {
    throw new PackagingError(`the icon ${file} named in manifest.json is not in ${manifestDir}`, { cause: error });
  }
}

/**
 * Builds the Teams app package: fills the manifest template, validates it against the official schema of its
 * manifestVersion, and zips manifest.json and its two icons at the root. Resolves to the zip's absolute path.
 */
export async function buildAppPackage({
  values,
  out = DEFAULT_PACKAGE_PATH,
  manifestDir = MANIFEST_DIR,
  schemasDir = SCHEMAS_DIR,
}: BuildPackageOptions): Promise<string> {
  const template = await readFile(join(manifestDir, 'manifest.json'), 'utf8');
  const manifest = fillManifest(template, values);
  validateManifest(manifest, schemasDir);
  const icons = await Promise.all(iconFiles(manifest).map(async (file) => ({ file, data: await readIcon(manifestDir, file) })));

  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json');
  for (const { file, data } of icons) zip.addBuffer(data, file);
  zip.end();

  const target = resolve(out);
  // Written beside the target, then renamed, so a failed run never leaves half a zip where the old one was.
  const partial = `${target}.partial`;
  await mkdir(dirname(target), { recursive: true });
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw new PackagingError(`could not write ${target}`, { cause: error });
  }
  return target;
}
