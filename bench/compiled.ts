/**
 * The benches measure servers as production runs them: compiled JavaScript under plain node. This compiles src/,
 * dialogs/ and the bench servers into dist/ (tsconfig.bench.json) and maps a bench script to its compiled file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COMPILED = new Set(['bench/echoServer.ts', 'bench/dialogEchoServer.ts', 'bench/loadServer.ts', 'bench/stubServer.ts']);
let built = false;

/** Compiles once per run; tsc's incremental build makes a repeat cheap. */
export function buildBenchServers(): void {
  if (built) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.bench.json')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  built = true;
}

/** The node arguments that run a bench script: compiled servers from dist/, anything else through tsx. */
export function nodeArgsFor(script: string): string[] {
  if (!COMPILED.has(script)) return ['--import', 'tsx', script];
  buildBenchServers();
  return [join(ROOT, 'dist', script.replace(/\.ts$/, '.js'))];
}

/**
 * The node options a checkout's `npm start` gives (package.json: "node --max-semi-space-size=32 tools/start.mjs" →
 * ["--max-semi-space-size=32"]), so a bench runs that checkout's bot with them, as production does.
 */
export function startOptionsOf(root: string = ROOT): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: { start?: unknown } };
  const words = typeof scripts?.start === 'string' ? scripts.start.trim().split(/\s+/) : [];
  if (words[0] !== 'node') return [];
  const options: string[] = [];
  for (const word of words.slice(1)) {
    if (!word.startsWith('--')) break;
    options.push(word);
  }
  return options;
}
