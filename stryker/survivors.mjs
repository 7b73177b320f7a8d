// node stryker/survivors.mjs REPORT.json... [--list] [--ranges]
// Scores per file from one or more Stryker JSON reports (partial runs: a mutant takes its status
// from the last report that has it; a report of an older source is moved to the current lines by
// their text, and its mutants on lines changed since are left out), then, with --list, every
// surviving or uncovered mutant by file:line, or, with --ranges, a `--mutate` argument that runs
// exactly those mutants again (Stryker's ranges count columns from 0, its reports from 1).
import fs from 'node:fs';

const args = process.argv.slice(2);
const reports = args.filter((a) => !a.startsWith('--'));
if (reports.length === 0) {
  console.error('usage: node stryker/survivors.mjs REPORT.json... [--list] [--ranges]');
  process.exit(2);
}
const UNDETECTED = ['Survived', 'NoCoverage'];
/** Old line → current line for the lines a longest common subsequence keeps. */
function lineMap(before, after) {
  const rows = Array.from({ length: before.length + 1 }, () => new Int32Array(after.length + 1));
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) rows[i][j] = before[i] === after[j] ? rows[i + 1][j + 1] + 1 : Math.max(rows[i + 1][j], rows[i][j + 1]);
  }
  const map = new Map();
  for (let i = 0, j = 0; i < before.length && j < after.length;) {
    if (before[i] === after[j]) map.set(++i, ++j);
    else if (rows[i + 1][j] >= rows[i][j + 1]) i++;
    else j++;
  }
  return map;
}

const mutants = new Map();
/** file → its current text (read once), or the first report's source when the file is gone. */
const sources = new Map();
for (const report of reports) {
  const { files } = JSON.parse(fs.readFileSync(report, 'utf8'));
  for (const [file, { source, mutants: list }] of Object.entries(files)) {
    if (!sources.has(file)) sources.set(file, fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : source);
    const current = sources.get(file);
    const map = current === source ? undefined : lineMap(source.split('\n'), current.split('\n'));
    let dropped = 0;
    for (const m of list) {
      const start = { ...m.location.start, line: map ? map.get(m.location.start.line) : m.location.start.line };
      const end = { ...m.location.end, line: map ? map.get(m.location.end.line) : m.location.end.line };
      if (start.line === undefined || end.line === undefined) { dropped++; continue; }
      mutants.set(`${file}:${start.line}:${start.column}:${end.line}:${end.column}:${m.mutatorName}:${m.replacement}`, { file, ...m, location: { start, end } });
    }
    if (dropped > 0) console.error(`${report}: ${dropped} mutants of ${file} on lines changed since, left out`);
  }
}
const all = [...mutants.values()].sort((a, b) => a.file.localeCompare(b.file) || a.location.start.line - b.location.start.line);
const undetected = all.filter((m) => UNDETECTED.includes(m.status));
if (args.includes('--ranges')) {
  const ranges = new Set(undetected.map(({ file, location: { start, end } }) => `${file}:${start.line}:${start.column - 1}-${end.line}:${end.column - 1}`));
  console.log([...ranges].join(','));
  process.exit(0);
}
let detected = 0;
let valid = 0;
for (const file of [...new Set(all.map((m) => m.file))]) {
  const mine = all.filter((m) => m.file === file);
  const fileDetected = mine.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length;
  const fileValid = fileDetected + mine.filter((m) => UNDETECTED.includes(m.status)).length;
  detected += fileDetected;
  valid += fileValid;
  const uncovered = mine.filter((m) => m.status === 'NoCoverage').length;
  console.log(`${file.padEnd(40)} ${(fileValid ? (100 * fileDetected) / fileValid : 100).toFixed(2).padStart(6)}%  ${fileValid} mutants, ${fileValid - fileDetected - uncovered} survived, ${uncovered} uncovered`);
}
console.log(`${'all'.padEnd(40)} ${(valid ? (100 * detected) / valid : 100).toFixed(2).padStart(6)}%  ${valid} mutants, ${detected} killed`);
if (args.includes('--list')) {
  for (const m of undetected) {
    const line = sources.get(m.file).split('\n')[m.location.start.line - 1].trim().slice(0, 100);
    console.log(`${m.file}:${m.location.start.line} ${m.status} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '').slice(0, 60)} | ${line}`);
  }
}
