// The watch mode's fast pass must write exactly the generated/ that `npm run generate` writes.
import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { makeTempProject } from './temp-project.js';

const project = makeTempProject();
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

it('fast pass output equals the full pipeline output for generated/', async () => {
  // paths.ts reads the root once, at import: point it at the copy only for these imports.
  process.env.POSTPRESS_PROJECT_ROOT = project;
  const [{ produceGenerated }, { produceOutputs }, { GENERATED_DIR }] = await Promise.all([
    import('../../src/watch/regenerate.js'),
    import('../../src/pipeline/pipeline.js'),
    import('../../src/pipeline/paths.js'),
  ]);
  delete process.env.POSTPRESS_PROJECT_ROOT;
  expect(GENERATED_DIR.startsWith(project)).toBe(true);
  const [fast, { outputs }] = await Promise.all([produceGenerated(), produceOutputs()]);
  const full = outputs.get(GENERATED_DIR)!;
  expect([...fast.keys()].sort()).toEqual([...full.keys()].sort());
  for (const [name, content] of full) expect(fast.get(name), name).toBe(content);
}, 60_000);
