import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, where most test
    // files wait on servers, child processes and Chromium. Measured back to back on a clean clone
    // (2 cores, idle): 200 s with one worker, 124 s with two.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Files and tests run in a random order, so a test that depends on another's leftovers fails.
    // Vitest prints the seed ("Running tests with seed ..."); `--sequence.seed=SEED` replays an order.
    sequence: { shuffle: true },
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
