// `npm run test:package`: the consumer test (test/package/*.pack.ts) packs the package and installs
// the tarball into fresh projects. Too slow for `npm test`; .ci/run runs it right after.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/package/**/*.pack.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
