// npm run lint: Redocly and Spectral findings (after waivers), with file and line. Exit 1 on any.
import { lintSpec } from '../src/pipeline/pipeline.js';
import { formatProblem } from '../src/pipeline/problems.js';

const problems = await lintSpec();
for (const p of problems) console.log(formatProblem(p));
console.log(`lint: ${problems.length} finding${problems.length === 1 ? '' : 's'}`);
if (problems.length > 0) process.exitCode = 1;
