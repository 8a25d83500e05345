import { contentPath } from '../content.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The tab's page, script and style sheet, read from the project root (no build step). */
export const DEFAULT_TAB_DIR = contentPath('tab');

export class TabAssetError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TabAssetError';
  }
}

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly etag: string;
}

export interface TabAssets {
  readonly page: Asset;
  readonly script: Asset;
  readonly style: Asset;
  readonly teamsJs: Asset;
}

// Our own files change with each deployment under the same name: revalidate every time (the ETag makes it cheap).
const REVALIDATE = 'no-cache';
// The SDK changes only with package.json.
const ONE_DAY = 'public, max-age=86400';

function readAsset(path: string, contentType: string, cacheControl: string): Asset {
  let body: Buffer;
  try {
    body = readFileSync(path);
  } catch (cause) {
    throw new TabAssetError(`cannot read ${path}`, { cause });
  }
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, contentType, cacheControl, etag };
}

/** The browser (UMD) bundle of @microsoft/teams-js, which is the package's main entry; it defines `microsoftTeams`. */
export function teamsJsBundlePath(): string {
  return createRequire(import.meta.url).resolve('@microsoft/teams-js');
}

/** Reads every asset once, so a missing file stops start-up rather than a request. */
export function loadTabAssets(dir: string = DEFAULT_TAB_DIR, teamsJs: string = teamsJsBundlePath()): TabAssets {
  return {
    page: readAsset(join(dir, 'index.html'), 'text/html; charset=utf-8', REVALIDATE),
    script: readAsset(join(dir, 'app.js'), 'text/javascript; charset=utf-8', REVALIDATE),
    style: readAsset(join(dir, 'style.css'), 'text/css; charset=utf-8', REVALIDATE),
    teamsJs: readAsset(teamsJs, 'text/javascript; charset=utf-8', ONE_DAY),
  };
}

/** True when the browser's cached copy (If-None-Match) is current. */
export function isFresh(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
