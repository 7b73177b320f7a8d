// npm run check: lint, then compare generated/ with what the spec produces now. Exit 1 on any
// finding or difference. Writes nothing.
import { produceOutputs } from '../src/pipeline/pipeline.js';
import { diffOutputs } from '../src/pipeline/outputs.js';
import { GENERATED_DIR, relativeToProject } from '../src/pipeline/paths.js';
import { PipelineError } from '../src/pipeline/problems.js';

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
for (const line of failures) console.error(line);
console.error(failures.length === 0 ? 'check: spec lints clean and generated/ is up to date' : 'check: failed');
if (failures.length > 0) process.exitCode = 1;
