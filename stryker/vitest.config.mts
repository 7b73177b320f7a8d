// Vitest as Stryker runs it: the project's config without the type tests (Stryker runs test files)
// and in file order (a mutant's result should not depend on a shuffle). MUTATION_RUN lets a test
// that compares the sandbox's bytes with committed files (not behaviour) stand aside.
// hook-coverage.setup.ts credits what a file's beforeAll/afterAll hooks run to the file's tests.
// isolate: false keeps loaded modules between mutant runs: half the time per mutant, same verdicts
// (engine.ts:800-830, 25 mutants, both ways). A module-level cache filled in the dry run stays
// filled, so a mutant in the code that fills it can only survive: the score errs low, never high.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config.ts';

export default mergeConfig(base, defineConfig({ test: { setupFiles: ['stryker/hook-coverage.setup.ts'], typecheck: { enabled: false }, sequence: { shuffle: false }, isolate: false, env: { MUTATION_RUN: '1' } } }));
