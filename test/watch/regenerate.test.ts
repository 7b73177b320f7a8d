// The watch mode's fast pass must write exactly the generated/ that `npm run generate` writes.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { makeTempProject } from './temp-project.js';

const project = makeTempProject();
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

it('fast pass output (with its snapshot, across an edit) equals the full pipeline output for generated/', async () => {
  // paths.ts reads the root once, at import: point it at the copy only for these imports.
  process.env.POSTPRESS_PROJECT_ROOT = project;
  const [{ produceGenerated }, { SpecSnapshot }, { produceOutputs }, { GENERATED_DIR }] = await Promise.all([
    import('../../src/watch/regenerate.js'),
    import('../../src/watch/spec-snapshot.js'),
    import('../../src/pipeline/pipeline.js'),
    import('../../src/pipeline/paths.js'),
  ]);
  delete process.env.POSTPRESS_PROJECT_ROOT;
  expect(GENERATED_DIR.startsWith(project)).toBe(true);
  // The snapshot carries parsed files from one save to the next: after an edit, it must still agree.
  const snapshot = new SpecSnapshot();
  const before = await produceGenerated(snapshot);
  const file = path.join(project, 'openapi', 'components', 'schemas', 'InvitationSent.yaml');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Display name of the invited user.', 'Display name, edited.'));
  const [fast, { outputs }] = await Promise.all([produceGenerated(snapshot), produceOutputs()]);
  const full = outputs.get(GENERATED_DIR)!;
  expect(fast.get('schema.ts')).not.toBe(before.get('schema.ts'));
  expect(fast.get('schema.ts')).toContain('Display name, edited.');
  expect([...fast.keys()].sort()).toEqual([...full.keys()].sort());
  for (const [name, content] of full) expect(fast.get(name), name).toBe(content);
}, 60_000);
