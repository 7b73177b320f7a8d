// `npm run test:kit-mutants`: every broken variant of the grown API is caught by the check named
// for it (minutes: one full kit run per variant).
import { describe, expect, test } from 'vitest';
import { formatHuman } from '../../src/contract/index.js';
import { GROWN_MUTANTS } from './grown-mutants.js';
import { runGrown } from './grown-run.js';

describe('grown-spec mutants', () => {
  test('there are at least 20, with distinct names', () => {
    expect(GROWN_MUTANTS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(GROWN_MUTANTS.map((m) => m.name)).size).toBe(GROWN_MUTANTS.length);
  });

  test.concurrent.each(GROWN_MUTANTS.map((m) => [m.name, m] as const))('%s is caught', async (_name, mutant) => {
    const report = await runGrown(mutant.transform(), { propertyRuns: 0 });
    const caught = report.outcomes.filter((o) => o.check === mutant.caughtBy && o.status === 'failed');
    expect(caught.length, `${mutant.caughtBy} did not fail:\n${formatHuman(report)}`).toBeGreaterThan(0);
    expect(report.verdict).toBe('violations');
  });
});
