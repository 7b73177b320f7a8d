// npm run generate [-- --spec FILE] [--out DIR]: lint the spec, then write generated/, dist/docs/
// and dist/site/ all-or-nothing. --spec: another spec root (default openapi/openapi.yaml);
// --out: write the three folders under DIR instead of the project (for a spec other than ours).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { produceOutputs } from '../src/pipeline/pipeline.js';
import { writeOutputs, type OutputSet } from '../src/pipeline/outputs.js';
import { PipelineError } from '../src/pipeline/problems.js';
import { PROJECT_ROOT, SPEC_ROOT, relativeToProject } from '../src/pipeline/paths.js';

const start = performance.now();
const log = (line: string) => process.stderr.write(`${line}\n`);
let options: { spec?: string; out?: string };
try {
  options = parseArgs({ options: { spec: { type: 'string' }, out: { type: 'string' } }, allowPositionals: false }).values;
} catch (error) {
  log(`generate: ${(error as Error).message}\nusage: npm run generate [-- --spec FILE] [--out DIR]`);
  process.exit(2);
}
const root = options.spec ? path.resolve(options.spec) : SPEC_ROOT;
const moved = (outputs: OutputSet): OutputSet =>
  options.out ? new Map([...outputs].map(([dir, files]) => [path.join(path.resolve(options.out!), path.relative(PROJECT_ROOT, dir)), files])) : outputs;
// performance.now() counts from the process start: this much went to start-up and module loading.
log(`  ${'start-up'.padEnd(16)} ${start.toFixed(0).padStart(5)} ms`);
try {
  const { outputs } = await produceOutputs((step, ms) => log(`  ${step.padEnd(16)} ${ms.toFixed(0).padStart(5)} ms`), root);
  const { changed } = await writeOutputs(moved(outputs));
  log(changed.length ? `wrote ${changed.map(relativeToProject).join(', ')}` : 'outputs already up to date');
  // CPU of every thread of this process (the workers included): what a loaded machine's wall time hides.
  const cpu = process.cpuUsage();
  log(`generate: done in ${(performance.now() - start).toFixed(0)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)`);
} catch (error) {
  if (error instanceof PipelineError) {
    log(error.message);
    log('generate: stopped; generated/ and dist/ were left as they were.');
  } else {
    // Writing failed (a full disk, a permission): the folders are swapped in whole or not at all.
    log(`generate: failed: ${error instanceof Error ? (process.env.POSTPRESS_DEBUG ? error.stack : error.message) : String(error)}`);
    log('generate: generated/ and dist/ were left as they were.');
  }
  process.exitCode = 1;
}
