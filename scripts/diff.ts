// npm run diff -- OLD NEW [--changelog[=FILE]] [--json]     (or: npm run diff -- --rules)
// OLD and NEW: a root spec file or git:REF. Exit 1 when something breaks without a major bump.
import path from 'node:path';
import { compareSpecs } from '../src/spec-diff/classify.js';
import { loadSpec } from '../src/spec-diff/load.js';
import { formatReport, renderChangelogEntry, verdict, writeChangelogEntry } from '../src/spec-diff/report.js';
import { rulesTable } from '../src/spec-diff/rules.js';

const USAGE = `usage: npm run diff -- OLD NEW [--changelog[=CHANGELOG.md]] [--json]
  OLD, NEW     a root spec file (e.g. openapi/openapi.yaml) or git:REF (e.g. git:v1.0.0, git:HEAD~1)
  --changelog  write the entry for NEW's info.version into CHANGELOG.md (or the given file)
  --json       print the changes as JSON instead of text
  --rules      print every rule of the classifier (Markdown table) and exit
exit 0: nothing breaks, or the breaks come with a major bump of info.version; 1: unannounced breaking change; 2: bad input`;

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--'));
const unknown = flags.filter((f) => f !== '--json' && f !== '--changelog' && !f.startsWith('--changelog=') && f !== '--help' && f !== '--rules');
if (flags.includes('--rules') && positional.length === 0 && unknown.length === 0) {
  console.log(rulesTable());
  process.exit(0);
}
if (flags.includes('--help') || positional.length !== 2 || unknown.length > 0) {
  if (unknown.length) console.error(`unknown option ${unknown.join(', ')}`);
  console.error(USAGE);
  process.exit(flags.includes('--help') ? 0 : 2);
}
const [oldSource, newSource] = positional as [string, string];
const changelogFlag = flags.find((f) => f === '--changelog' || f.startsWith('--changelog='));

try {
  const [before, after] = await Promise.all([loadSpec(oldSource), loadSpec(newSource)]);
  const changes = compareSpecs(before.document, after.document);
  const result = verdict(changes, before.document.info?.version, after.document.info?.version);
  if (flags.includes('--json')) console.log(JSON.stringify({ old: oldSource, new: newSource, ...result, changes }, null, 2));
  else console.log(formatReport(changes, result, oldSource, newSource));
  if (changelogFlag && result.fails) {
    console.error('diff: CHANGELOG.md left as it was: announce the breaking changes with a major bump of info.version first');
  } else if (changelogFlag) {
    const file = path.resolve(changelogFlag.includes('=') ? changelogFlag.slice('--changelog='.length) : 'CHANGELOG.md');
    const entry = renderChangelogEntry(result, new Date().toISOString().slice(0, 10));
    await writeChangelogEntry(file, entry, result.newVersion);
    console.error(`wrote the ${result.newVersion ?? 'Unreleased'} entry to ${path.relative(process.cwd(), file) || file}`);
  }
  process.exitCode = result.fails ? 1 : 0;
} catch (error) {
  console.error(error instanceof Error ? `diff: ${error.message}` : String(error));
  process.exitCode = 2;
}
