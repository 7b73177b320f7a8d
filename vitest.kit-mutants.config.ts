// `npm run test:kit-mutants`: the contract kit's slow mutation suites (one full run per mutant).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/contract/**/*.slow.ts'],
    testTimeout: 300_000,
    pool: 'forks',
    maxConcurrency: 4,
  },
});
