import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Azurite's built-in development account: a published, well-known key, not a secret. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  /** A connection string for the emulator's development account. */
  readonly connectionString: string;
  /** Stops the emulator and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts Azurite's Blob service as a child process on a free loopback port, keeping its data in a new temp folder.
 * Call stop() in afterAll; the process is also killed if the test process exits first.
 */
export async function startAzurite({ timeoutMs = 20_000 }: { timeoutMs?: number } = {}): Promise<Azurite> {
  const location = await mkdtemp(join(tmpdir(), 'azurite-'));
  const main = createRequire(import.meta.url).resolve('azurite/dist/src/blob/main.js');
  const { AZURITE_ACCOUNTS: _customAccounts, ...env } = process.env; // the development account only
  const child = spawn(
    process.execPath,
    [main, '--blobHost', '127.0.0.1', '--blobPort', '0', '--location', location, '--silent', '--loose', '--skipApiVersionCheck', '--disableTelemetry'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output: string[] = [];

  async function stop(): Promise<void> {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(forced);
    }
    await rm(location, { recursive: true, force: true });
  }

  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Azurite did not start within ${timeoutMs} ms:\n${output.join('\n')}`)), timeoutMs);
      createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        output.push(line);
        const listening = /successfully listens on (http:\/\/\S+)/.exec(line);
        if (listening) {
          clearTimeout(timer);
          resolve(listening[1]!);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`Azurite exited before listening:\n${output.join('\n')}`));
      });
    });
    const connectionString = `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=${endpoint}/${ACCOUNT};`;
    return { connectionString, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A container name no other test uses: 3-63 lower-case letters, digits and single hyphens. */
export function freshContainerName(prefix = 'test'): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}
