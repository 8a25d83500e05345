import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/serverProcess.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

function startServer(env: Record<string, string>) {
  return startServerProcess(env);
}

const exitCode = (child: ChildProcess): Promise<number | null> => new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('the server process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sspr-proc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves /healthz, survives a malformed body and stops cleanly on SIGTERM', async () => {
    const { child, url } = await startServer({ PORT: '0', STORAGE_DIR: dir, MicrosoftAppId: '', LOG_LEVEL: 'info' });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const bad = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": ' });
    expect(bad.status).toBe(400);
    // A gzip header over bytes that are not gzip used to throw outside any handler and end the process.
    const gzipped = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'hello',
    });
    expect(gzipped.status).toBe(415);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const exited = exitCode(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('runs compiled under plain node as npm start does, building dist/ first when it is missing or stale', async () => {
    const server = await startServerProcess({ STORAGE_DIR: join(dir, 'compiled') }, { compiled: true, timeoutMs: 120_000 });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(existsSync(join(projectRoot, 'dist', 'src', 'index.js'))).toBe(true);
      expect(server.child.spawnargs).not.toContain('tsx');
    } finally {
      await server.stop();
    }
  }, 150_000);

  it('refuses to start with a bad variable, naming it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      env: { ...process.env, PORT: 'eighty', STORAGE_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    expect(await exitCode(child)).toBe(1);
    expect(stderr).toContain('PORT');
  });

  it('requires authentication when an app id is configured', async () => {
    const { child, url } = await startServer({
      PORT: '0',
      STORAGE_DIR: dir,
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      LOG_LEVEL: 'info',
    });
    try {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'hi',
          serviceUrl: 'http://127.0.0.1:1',
          channelId: 'msteams',
          conversation: { id: 'c' },
          from: { id: 'u' },
          recipient: { id: 'b' },
        }),
      });
      expect(response.status).toBe(401);
      const gzipped = await fetch(`${url}/api/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: 'hello',
      });
      expect(gzipped.status).toBe(415);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
