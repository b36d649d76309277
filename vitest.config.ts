import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration suites share one real Redis; each uses its own key prefix.
    pool: 'forks',
    // End-to-end tests spawn the compiled entry points: build dist/ once, before any file runs.
    globalSetup: ['test/setup/build.ts'],
  },
});
