// npm run generate: lint the spec, then write generated/, dist/docs/ and dist/site/ all-or-nothing.
import { produceOutputs } from '../src/pipeline/pipeline.js';
import { writeOutputs } from '../src/pipeline/outputs.js';
import { PipelineError } from '../src/pipeline/problems.js';
import { relativeToProject } from '../src/pipeline/paths.js';

const start = performance.now();
const log = (line: string) => process.stderr.write(`${line}\n`);
// performance.now() counts from the process start: this much went to start-up and module loading.
log(`  ${'start-up'.padEnd(16)} ${start.toFixed(0).padStart(5)} ms`);
try {
  const { outputs } = await produceOutputs((step, ms) => log(`  ${step.padEnd(16)} ${ms.toFixed(0).padStart(5)} ms`));
  const { changed } = await writeOutputs(outputs);
  log(changed.length ? `wrote ${changed.map(relativeToProject).join(', ')}` : 'outputs already up to date');
  log(`generate: done in ${(performance.now() - start).toFixed(0)} ms`);
} catch (error) {
  if (error instanceof PipelineError) {
    log(error.message);
    log('generate: stopped; generated/ and dist/ were left as they were.');
  } else {
    log(`generate: failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    log('generate: generated/ and dist/ were left as they were.');
  }
  process.exitCode = 1;
}
