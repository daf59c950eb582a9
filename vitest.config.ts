import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers only make database tests contend.
    maxWorkers: 2,
    reporters: ['default', './test/helpers/closing-line-reporter.ts'],
  },
});
