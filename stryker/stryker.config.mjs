// Stryker for one module of stryker/modules.mjs, named by STRYKER_MODULE (stryker/run.mjs sets it).
// @ts-check
import { MODULES } from './modules.mjs';

const name = process.env.STRYKER_MODULE ?? '';
const module = MODULES[/** @type {keyof typeof MODULES} */ (name)];
if (!module) throw new Error(`STRYKER_MODULE=${name}: not one of ${Object.keys(MODULES).join(', ')} (stryker/modules.mjs)`);
// A partial run (`--mutate FILE:LINES`) names its own reports, so the module's are kept.
const report = process.env.STRYKER_REPORT ?? `reports/mutation/${name}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'stryker/vitest.config.mts' },
  mutate: module.mutate,
  // A partial run may name its own test files (comma-separated): its score then counts only what
  // those tests kill, a lower bound of the module's.
  testFiles: process.env.STRYKER_TEST_FILES ? process.env.STRYKER_TEST_FILES.split(',') : module.testFiles,
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) are left out of the score: with `testFiles`, Stryker
  // 9.6.1 activates them after the module has loaded (stryker-js#6144), so they survive whatever
  // the tests assert. Checked: DEFAULT_BASE_URL = "" survives client.test.ts, which asserts it.
  ignoreStatic: true,
  // Results are kept per module; the next run retests only mutants whose code or tests changed.
  incremental: true,
  incrementalFile: `${report}.incremental.json`,
  // Two cores: one worker leaves the other to the rest of the machine.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  timeoutMS: 20_000,
  thresholds: { high: 90, low: module.break, break: module.break },
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `${report}.json` },
  htmlReporter: { fileName: `${report}.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  ignorePatterns: ['dist', 'bench', 'reports', '.ci', '.vitest-cache'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
