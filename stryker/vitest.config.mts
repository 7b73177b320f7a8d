// Vitest as Stryker runs it: the project's config without the type tests (Stryker runs test files)
// and in file order (a mutant's result should not depend on a shuffle).
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config.ts';

export default mergeConfig(base, defineConfig({ test: { typecheck: { enabled: false }, sequence: { shuffle: false } } }));
