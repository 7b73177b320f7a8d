// npm run release [-- --apply] [--patch]: the next release, computed from what the spec changed
// since the last release tag. A dry run unless --apply: it prints the version, the reason and the
// CHANGELOG.md entry, and changes nothing. With --apply it sets the version (info.version in
// openapi/openapi.yaml = package.json's version), writes the entry, regenerates generated/,
// commits and tags vX.Y.Z. Publishing (git push --follow-tags, npm publish) stays a human step.
// See docs/release.md.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { PROJECT_ROOT, SPEC_ROOT, relativeToProject } from '../src/pipeline/paths.js';
import { UsageError, parseCliArgs, runCli } from '../src/shared/cli.js';
import { compareSpecs, type SpecChange } from '../src/spec-diff/classify.js';
import { findBaseline } from '../src/spec-diff/gate.js';
import { git, loadSpec } from '../src/spec-diff/load.js';
import { renderChangelogEntry, verdict, writeChangelogEntry } from '../src/spec-diff/report.js';

const USAGE = `usage: npm run release [-- --apply] [--patch]
  (no flag)  dry run: print the next version, why, and its CHANGELOG.md entry; change nothing
  --apply    do it: set info.version and package.json's version, write CHANGELOG.md, run
             npm run generate, commit "Release vX.Y.Z" and tag vX.Y.Z (needs a clean work tree)
  --patch    release a patch although the spec did not change (code-only fixes)`;

export type Bump = 'major' | 'minor' | 'patch';
const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;
const TAG = /^v?(\d+\.\d+\.\d+)$/;

/**
 * The bump a set of spec changes calls for: anything breaking (for clients or implementations,
 * as the CI gate counts it) is major; any other change to the contract (additions, risky
 * changes) minor; descriptions, summaries and examples only, patch. No change: undefined.
 */
export function bumpFor(changes: SpecChange[]): Bump | undefined {
  const meaningful = changes.filter((c) => c.kind !== 'version-changed');
  if (meaningful.length === 0) return undefined;
  const v = verdict(meaningful, '0.0.0', '0.0.0');
  if (v.breaking.length > 0) return 'major';
  if (meaningful.some((c) => c.kind !== 'documentation')) return 'minor';
  return 'patch';
}

export function bumpVersion(version: string, bump: Bump): string {
  const m = VERSION.exec(version);
  if (!m) throw new UsageError(`version ${JSON.stringify(version)} is not MAJOR.MINOR.PATCH`);
  const [major, minor, patch] = m.slice(1).map(Number) as [number, number, number];
  return bump === 'major' ? `${major + 1}.0.0` : bump === 'minor' ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
}

export function compareVersions(a: string, b: string): number {
  const pa = VERSION.exec(a)!.slice(1).map(Number);
  const pb = VERSION.exec(b)!.slice(1).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/** The root spec file with `info.version` set; every other byte stays as it was. */
export function setInfoVersion(yamlText: string, version: string): string {
  const info = /^info:[ \t]*\r?\n((?:[ \t]+.*\r?\n|[ \t]*\r?\n)*)/m.exec(yamlText);
  if (!info) throw new Error('the root spec file has no top-level info: block');
  const start = info.index + info[0].length - info[1]!.length;
  const block = info[1]!.replace(/^([ \t]+version:[ \t]*)(['"]?)[^'"\s#]+\2(?=[ \t]*(?:#.*)?\r?$)/m, `$1$2${version}$2`);
  const next = yamlText.slice(0, start) + block + yamlText.slice(start + info[1]!.length);
  if ((parse(next) as { info?: { version?: unknown } }).info?.version !== version) throw new Error('could not set info.version in the root spec file (no `version:` line under `info:`)');
  return next;
}

interface Plan {
  previous?: { tag: string; version: string };
  bump?: Bump;
  version: string;
  reason: string;
  entry?: string;
  changelogHasEntry: boolean;
}

const run = promisify(execFile);

async function planRelease(forcePatch: boolean): Promise<Plan | { nothing: string }> {
  const specText = await fs.readFile(SPEC_ROOT, 'utf8');
  const current = String((parse(specText) as { info?: { version?: unknown } }).info?.version ?? '');
  if (!VERSION.test(current)) throw new UsageError(`info.version in ${relativeToProject(SPEC_ROOT)} is ${JSON.stringify(current)}, not MAJOR.MINOR.PATCH`);
  const changelog = await fs.readFile(path.join(PROJECT_ROOT, 'CHANGELOG.md'), 'utf8').catch(() => '');
  const hasEntry = (version: string) => new RegExp(`^## ${version.replace(/\./g, '\\.')}(\\s|$)`, 'm').test(changelog);
  const date = new Date().toISOString().slice(0, 10);

  const baseline = await findBaseline(PROJECT_ROOT);
  const tag = TAG.exec(baseline.ref);
  if (!tag) {
    // No release yet: the first one is the spec's own version.
    const entry = hasEntry(current) ? undefined : `## ${current} — ${date}\n\nFirst release.\n`;
    return { version: current, reason: 'first release: no release tag yet, so the version is info.version as it stands', entry, changelogHasEntry: hasEntry(current) };
  }
  const previous = { tag: baseline.ref, version: tag[1]! };
  const [before, after] = await Promise.all([
    loadSpec(`git:${previous.tag}`, { cwd: PROJECT_ROOT, specRoot: relativeToProject(SPEC_ROOT) }),
    loadSpec(SPEC_ROOT, { cwd: PROJECT_ROOT }),
  ]);
  const changes = compareSpecs(before.document, after.document);
  let bump = bumpFor(changes);
  if (!bump && !forcePatch) {
    const commits = (await git(['rev-list', '--count', `${previous.tag}..HEAD`], PROJECT_ROOT)).trim();
    return {
      nothing:
        `nothing to release: the spec is unchanged since ${previous.tag}` +
        (commits !== '0' ? ` (${commits} commit${commits === '1' ? '' : 's'} since touch other files: \`npm run release -- --patch\` releases them as ${bumpVersion(previous.version, 'patch')})` : ''),
    };
  }
  bump ??= 'patch';
  const computed = bumpVersion(previous.version, bump);
  let version = computed;
  let reason = {
    major: 'a breaking change (for clients or implementations)',
    minor: 'additions or other non-breaking changes to the contract',
    patch: changes.length > 0 ? 'documentation only (descriptions, summaries, examples)' : 'no spec change (--patch)',
  }[bump];
  if (current !== previous.version) {
    if (compareVersions(current, computed) < 0) {
      throw new UsageError(`info.version is already ${current}, but the changes since ${previous.tag} call for ${computed} (${bump}: ${reason}); set it to ${computed} or leave it at ${previous.version}`);
    }
    version = current;
    if (current !== computed) reason += `; info.version was set to ${current} by hand (above the computed ${computed}), kept`;
  }
  const v = verdict(changes, previous.version, version);
  return { previous, bump, version, reason, entry: hasEntry(version) ? undefined : renderChangelogEntry(v, date), changelogHasEntry: hasEntry(version) };
}

async function readJson(file: string): Promise<Record<string, any> | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(temp, text);
  await fs.rename(temp, file);
}

async function applyRelease(plan: Plan, log: (line: string) => void): Promise<void> {
  const dirty = (await git(['status', '--porcelain', '--untracked-files=no'], PROJECT_ROOT)).trim();
  if (dirty) throw new UsageError(`the work tree has uncommitted changes; commit or set them aside first:\n${dirty}`);
  const tag = `v${plan.version}`;
  if ((await git(['tag', '--list', tag], PROJECT_ROOT)).trim()) throw new UsageError(`tag ${tag} exists already`);

  await writeFileAtomic(SPEC_ROOT, setInfoVersion(await fs.readFile(SPEC_ROOT, 'utf8'), plan.version));
  const touched = [relativeToProject(SPEC_ROOT)];
  for (const name of ['package.json', 'package-lock.json']) {
    const file = path.join(PROJECT_ROOT, name);
    const json = await readJson(file);
    if (!json) continue;
    json['version'] = plan.version;
    if (json['packages']?.['']) json['packages'][''].version = plan.version;
    await writeFileAtomic(file, `${JSON.stringify(json, null, 2)}\n`);
    touched.push(name);
  }
  if (plan.entry) await writeChangelogEntry(path.join(PROJECT_ROOT, 'CHANGELOG.md'), plan.entry, plan.version);
  touched.push('CHANGELOG.md');
  log(`release: npm run generate (info.version is in generated/)`);
  const runCompiled = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-compiled.mjs');
  try {
    await run(process.execPath, [runCompiled, 'generate'], { cwd: PROJECT_ROOT, env: { ...process.env, POSTPRESS_PROJECT_ROOT: PROJECT_ROOT }, maxBuffer: 64 << 20 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run generate failed; the version files are changed but nothing is committed (git diff shows them):\n${e.stderr || e.stdout}`);
  }
  await git(['add', '--', ...touched, 'generated'], PROJECT_ROOT);
  // A first release whose files already say so has nothing to commit: the tag goes on HEAD.
  const staged = (await git(['diff', '--cached', '--name-only'], PROJECT_ROOT)).trim();
  if (staged) await git(['commit', '--quiet', '-m', `Release ${tag}`], PROJECT_ROOT);
  await git(['tag', '--annotate', tag, '-m', `postpress-api ${plan.version}`], PROJECT_ROOT);
}

export async function main(argv: string[], log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  const { values } = parseCliArgs(argv, { apply: { type: 'boolean' }, patch: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values['help']) {
    log(USAGE);
    return 0;
  }
  const apply = values['apply'] === true;
  const plan = await planRelease(values['patch'] === true);
  if ('nothing' in plan) {
    log(`release: ${plan.nothing}`);
    return 0;
  }
  const from = plan.previous ? `${plan.previous.tag} -> ` : '';
  log(`release${apply ? '' : ' (dry run)'}: ${from}v${plan.version}${plan.bump ? ` (${plan.bump})` : ''}: ${plan.reason}`);
  log(`  info.version (${relativeToProject(SPEC_ROOT)}) and package.json's version: ${plan.version}`);
  if (plan.entry) log(`  CHANGELOG.md entry:\n${plan.entry.trimEnd().replace(/^/gm, '    ')}`);
  else log(`  CHANGELOG.md already has an entry for ${plan.version}: kept as written`);
  if (!apply) {
    log(`  then: npm run generate, commit "Release v${plan.version}", tag v${plan.version}`);
    log('dry run: nothing was written; `npm run release -- --apply` does it');
    return 0;
  }
  await applyRelease(plan, log);
  const subject = (await git(['log', '-1', '--format=%s'], PROJECT_ROOT)).trim();
  log(`release: ${subject === `Release v${plan.version}` ? `committed "${subject}" and ` : ''}tagged v${plan.version}; publish with: git push --follow-tags && npm publish`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli('release', () => main(process.argv.slice(2)), USAGE);
}
