// npm run lint [-- --spec FILE]: Redocly and Spectral findings (after waivers), with file and
// line. Exit 1 on any. --spec: another spec root (default openapi/openapi.yaml).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { lintSpec } from '../src/pipeline/pipeline.js';
import { formatProblem } from '../src/pipeline/problems.js';
import { SPEC_ROOT } from '../src/pipeline/paths.js';

let spec: string | undefined;
try {
  spec = parseArgs({ options: { spec: { type: 'string' } }, allowPositionals: false }).values.spec;
} catch (error) {
  console.error(`lint: ${(error as Error).message}\nusage: npm run lint [-- --spec FILE]`);
  process.exit(2);
}
const problems = await lintSpec(undefined, spec ? path.resolve(spec) : SPEC_ROOT);
for (const p of problems) console.log(formatProblem(p));
console.log(`lint: ${problems.length} finding${problems.length === 1 ? '' : 's'}`);
if (problems.length > 0) process.exitCode = 1;
