import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startOptionsOf } from '../../bench/compiled.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  readonly child: ChildProcess;
  /** http://localhost:<port>, from the server's "bot listening" log line. */
  readonly url: string;
  readonly exited: Promise<void>;
  readonly stderr: readonly string[];
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // not a log line
  }
}

/**
 * Starts `src/index.ts` under tsx (or, with `compiled`, as `npm start` does from dist/) (PORT=0, no app id, info logs, plus `env`) and resolves once it logs
 * that it listens; rejects, with its stderr, if it exits or does not listen in time.
 */
export async function startServerProcess(env: Record<string, string>, { timeoutMs = 60_000, compiled = false } = {}): Promise<ServerProcess> {
  // compiled: exactly what `npm start` runs (its node options, tools/start.mjs: build dist/ when stale, then plain node on it).
  const args = compiled ? [...startOptionsOf(), 'tools/start.mjs'] : ['--import', 'tsx', 'src/index.ts'];
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', MicrosoftAppId: '', AZURE_STORAGE_CONNECTION_STRING: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(forced);
    }
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not listen within ${timeoutMs} ms:\n${stderr.join('\n')}`)), timeoutMs);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const entry = parseLogLine(line);
        if (entry?.msg === 'bot listening' && typeof entry.url === 'string') {
          clearTimeout(timer);
          resolve(entry.url);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the server exited before listening:\n${stderr.join('\n')}`));
      });
    });
    return { child, url, exited, stderr, stop };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}
