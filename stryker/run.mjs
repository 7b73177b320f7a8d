// npm run test:mutation [-- MODULE...]: Stryker on each module (default: all of stryker/modules.mjs),
// one after another. Fails when a module scores below its `break` or keeps more uncovered mutants
// than it may; prints each file's numbers from the JSON report.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from './modules.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((name) => !(name in MODULES));
if (unknown.length > 0) {
  console.error(`test:mutation: unknown module ${unknown.join(', ')}; one of ${Object.keys(MODULES).join(', ')}`);
  process.exit(2);
}
const force = process.argv.includes('--force');
const failures = [];
for (const name of asked.length > 0 ? asked : Object.keys(MODULES)) {
  const { break: threshold, uncovered: allowed } = MODULES[name];
  console.log(`test:mutation: ${name} (break below ${threshold}%${allowed === undefined ? '' : `, at most ${allowed} uncovered`})`);
  const stryker = path.join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js');
  const run = spawnSync(process.execPath, [stryker, 'run', 'stryker/stryker.config.mjs', ...(force ? ['--force'] : [])], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, STRYKER_MODULE: name },
  });
  const report = path.join(root, 'reports/mutation', `${name}.json`);
  if (!fs.existsSync(report)) {
    failures.push(`${name}: Stryker wrote no report (exit ${run.status})`);
    continue;
  }
  const files = JSON.parse(fs.readFileSync(report, 'utf8')).files;
  let killed = 0;
  let valid = 0;
  let uncovered = 0;
  for (const [file, { mutants }] of Object.entries(files)) {
    const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
    const fileKilled = count('Killed', 'Timeout');
    const fileValid = count('Killed', 'Timeout', 'Survived', 'NoCoverage');
    const fileUncovered = count('NoCoverage');
    killed += fileKilled;
    valid += fileValid;
    uncovered += fileUncovered;
    const score = fileValid === 0 ? 100 : (100 * fileKilled) / fileValid;
    console.log(`  ${file.padEnd(40)} ${score.toFixed(2).padStart(6)}%  ${fileValid} mutants, ${count('Survived')} survived, ${fileUncovered} uncovered`);
  }
  const score = valid === 0 ? 100 : (100 * killed) / valid;
  console.log(`  ${name.padEnd(40)} ${score.toFixed(2).padStart(6)}%  ${valid} mutants, ${killed} killed, ${uncovered} uncovered`);
  if (run.status !== 0 || score < threshold) failures.push(`${name}: ${score.toFixed(2)}% (break below ${threshold}%; Stryker exit ${run.status})`);
  if (allowed !== undefined && uncovered > allowed) failures.push(`${name}: ${uncovered} mutants no test reaches (at most ${allowed})`);
}
for (const failure of failures) console.error(`test:mutation: FAIL ${failure}`);
process.exitCode = failures.length > 0 ? 1 : 0;
