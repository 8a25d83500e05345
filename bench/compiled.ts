/**
 * The benches measure servers as production runs them: compiled JavaScript under plain node. This compiles src/,
 * dialogs/ and the bench servers into dist/ (tsconfig.bench.json) and maps a bench script to its compiled file.
 */
import { execFileSync } from 'node:child_process';
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
