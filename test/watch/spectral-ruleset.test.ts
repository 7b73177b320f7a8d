// The disk cache of the bundled Spectral ruleset: a hit gives the same source (with this
// process's builtins id) and the same findings; any input change is a miss.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { makeTempProject } from './temp-project.js';

const project = makeTempProject('spectral-cache-');
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spectral-cache-dir-'));
afterAll(() => [project, cacheDir].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('serves the ruleset from the cache until an input changes', async () => {
  process.env.POSTPRESS_PROJECT_ROOT = project;
  process.env.POSTPRESS_CACHE_DIR = cacheDir;
  const [{ spectralRulesetSource, rulesetCacheKey }, { lintWithSpectral }] = await Promise.all([
    import('../../src/pipeline/spectral-ruleset.js'),
    import('../../src/pipeline/spectral.js'),
  ]);
  delete process.env.POSTPRESS_PROJECT_ROOT;
  delete process.env.POSTPRESS_CACHE_DIR;

  const first = await spectralRulesetSource();
  expect(first.cached).toBe(false);
  expect(fs.readdirSync(cacheDir)).toEqual([`spectral-ruleset-${await rulesetCacheKey()}.cjs`]);
  const second = await spectralRulesetSource();
  expect(second.cached).toBe(true);
  // Each call registers Spectral's builtins under its own id; the sources differ only there.
  const idOf = (s: string) => /\['(\d+)'\]\['@stoplight\/spectral-functions'\]/.exec(s)?.[1];
  expect(idOf(second.source)).toBeDefined();
  expect(second.source.split(`['${idOf(second.source)}']`).join("['ID']")).toBe(first.source.split(`['${idOf(first.source)}']`).join("['ID']"));

  // The lint through the cached source finds what it always found: nothing, on this spec.
  expect(await lintWithSpectral()).toEqual([]);

  const keyBefore = await rulesetCacheKey();
  fs.appendFileSync(path.join(project, 'lint', 'functions', 'errorEnvelope.js'), '\n// touched\n');
  expect(await rulesetCacheKey()).not.toBe(keyBefore);
  expect((await spectralRulesetSource()).cached).toBe(false);
}, 120_000);
