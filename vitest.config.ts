import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure modules and in-process fakes; the inner loop, `npm run test:unit`) and `integration`
 * (anything that listens on a port, spawns a process, starts Azurite or drives Chromium). `npm test` runs both.
 */
const INTEGRATION = [
  'test/server/**/*.test.ts',
  'test/auth/**/*.test.ts',
  'test/durability/**/*.test.ts',
  'test/playground/**/*.test.ts',
  'test/cli/**/*.test.ts',
  'test/graph/**/*.test.ts',
  'test/**/*.http.test.ts',
  'test/**/*.process.test.ts',
  'test/**/killRestart.test.ts',
  'test/proactive/senderLease.test.ts',
  'test/storage/blobStorage.test.ts',
  'test/storage/twoServers.test.ts',
  'test/storage/sqliteStorage.test.ts',
  'test/storage/turnWriteFailure.test.ts',
  'test/tab/tab.test.ts',
  'test/extractors/analyzeLogCli.test.ts',
];

export default defineConfig({
  test: {
    setupFiles: ['test/helpers/setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      // Pure tests use both cores (vitest keeps one free by default); they share no files, ports or processes. Projects
      // with different worker counts run one after the other: unit first, so a broken module fails fast.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: INTEGRATION, maxWorkers: 2, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'integration', include: INTEGRATION, sequence: { groupOrder: 1 } } },
    ],
  },
});
