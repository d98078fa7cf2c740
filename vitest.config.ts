import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The JSON report feeds scripts/test-summary.js (`posttest`), which prints the plain
    // "N passed, N failed" line CI tooling reads.
    reporters: ['default', 'json'],
    outputFile: { json: '.thaiyyal/test-results.json' },
  },
});
