// `npm run test:package`: the slow tests (test/**/*.pack.ts): the package packed and installed
// into fresh projects, the generator route, releases on git copies, every broken spec through a
// real `generate`. Too slow for `npm test`; .ci/run runs it right after.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.pack.ts'],
    // Generous: these spawn tsc, npm and Chromium, and a loaded 2-core machine is slow.
    testTimeout: 420_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
