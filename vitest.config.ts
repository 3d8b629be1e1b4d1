import { defineConfig } from 'vitest/config';

// Three projects by how much of the world is real (architecture.md, "Tests"):
// unit = pure code; integration = real HTTP, SQLite and keychain; e2e = Chromium through Playwright.
export default defineConfig({
  test: {
    globalSetup: ['test/support/leak-scan.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // Builds out/renderer when it is missing or stale, once, before any e2e test serves it.
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
