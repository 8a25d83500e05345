import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, DiskStorage } from '../../src/storage/index.js';

describe('createStorage', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'create-storage-test-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('builds a DiskStorage in the configured folder', async () => {
    const storage = createStorage({ storageDir: join(root, 'data') });
    await storage.write({ k: { n: 1 } });

    expect(storage).toBeInstanceOf(DiskStorage);
    expect((await new DiskStorage(join(root, 'data')).read(['k'])).k?.n).toBe(1);
  });
});
