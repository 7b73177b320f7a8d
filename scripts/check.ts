// npm run check: lint, then compare generated/ with what the spec produces now, then run the
// breaking-change gate against the latest release tag. Exit 1 on any finding or difference. Writes nothing.
import { produceOutputs } from '../src/pipeline/pipeline.js';
import { diffOutputs } from '../src/pipeline/outputs.js';
import { GENERATED_DIR, PROJECT_ROOT, SPEC_ROOT, relativeToProject } from '../src/pipeline/paths.js';
import { PipelineError } from '../src/pipeline/problems.js';
import { breakingChangeGate } from '../src/spec-diff/gate.js';

const failures: string[] = [];
try {
  const { outputs } = await produceOutputs();
  const generated = outputs.get(GENERATED_DIR);
  if (!generated) throw new Error('the pipeline produced no generated/ folder');
  for (const difference of await diffOutputs(GENERATED_DIR, generated)) {
    failures.push(`${relativeToProject(GENERATED_DIR)}/${difference}`);
  }
  if (failures.length > 0) failures.push('run `npm run generate` and commit generated/ with the spec');
} catch (error) {
  if (error instanceof PipelineError) failures.push(error.message);
  else throw error;
}
try {
  const gate = await breakingChangeGate(SPEC_ROOT, PROJECT_ROOT);
  for (const line of gate.lines) console.error(line);
  if (!gate.ok) failures.push('check: unannounced breaking change (see above)');
} catch (error) {
  failures.push(`breaking-change gate: ${error instanceof Error ? error.message : String(error)}`);
}
for (const line of failures) console.error(line);
console.error(failures.length === 0 ? 'check: spec lints clean, generated/ is up to date, no unannounced breaking change' : 'check: failed');
if (failures.length > 0) process.exitCode = 1;
