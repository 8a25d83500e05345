// npm run build: compiles src/ and dialogs/ to dist/ with tsc, then stamps the build. ensureBuilt() rebuilds only
// when a source is newer than the stamp, so `npm start` on a fresh clone or after an edit runs current code.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const ENTRY = join(ROOT, 'dist', 'src', 'index.js');
const STAMP = join(ROOT, 'dist', '.build-stamp');
const SOURCES = ['src', 'dialogs', 'types', 'cards', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isStale() {
  if (!existsSync(ENTRY) || !existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

export function build() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  // Progress goes to stderr: stdout stays clean for whoever reads it.
  process.stderr.write('Compiling to dist/ ...\n');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

export function ensureBuilt() {
  if (isStale()) build();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    build();
  } catch {
    process.exit(1);
  }
}
