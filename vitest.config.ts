import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
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
