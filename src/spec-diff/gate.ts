// The CI gate: the spec in the work tree against the latest release tag (or, with no release yet,
// the first commit). Fails on a breaking change that info.version does not announce.
import path from 'node:path';
import { compareSpecs } from './classify.js';
import { git, loadSpec, SpecLoadError } from './load.js';
import { formatChange, verdict } from './report.js';

export interface Baseline {
  ref: string;
  why: string;
}

const RELEASE_TAG = /^v?(\d+)\.(\d+)\.(\d+)$/;

/** The latest release tag reachable from HEAD, else the first commit. */
export async function findBaseline(cwd: string): Promise<Baseline> {
  const inside = await git(['rev-parse', '--is-inside-work-tree'], cwd).catch(() => 'false');
  if (inside.trim() !== 'true') {
    throw new SpecLoadError(`${cwd} is not in a git work tree: the gate compares the spec with the latest release tag, so it needs the repository and its history`);
  }
  if ((await git(['rev-parse', '--is-shallow-repository'], cwd)).trim() === 'true') {
    throw new SpecLoadError(
      'this clone is shallow, so its tags and first commit are not all here and the release to compare with cannot be found: ' +
        'run `git fetch --unshallow --tags` (in CI, clone with full history, e.g. fetch-depth: 0) and run the check again',
    );
  }
  const head = (await git(['rev-parse', '--verify', '--quiet', 'HEAD'], cwd).catch(() => '')).trim();
  if (!head) throw new SpecLoadError('the repository has no commit yet: nothing to compare the spec with');
  const releases = (await git(['tag', '--merged', 'HEAD', '--list'], cwd))
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => RELEASE_TAG.test(t))
    .map((t) => ({ tag: t, parts: RELEASE_TAG.exec(t)!.slice(1).map(Number) }))
    .sort((a, b) => b.parts[0]! - a.parts[0]! || b.parts[1]! - a.parts[1]! || b.parts[2]! - a.parts[2]!);
  if (releases[0]) return { ref: releases[0].tag, why: `latest release tag ${releases[0].tag}` };
  const roots = (await git(['rev-list', '--max-parents=0', 'HEAD'], cwd)).split('\n').filter(Boolean);
  const first = roots[roots.length - 1]!;
  return { ref: first, why: `first commit ${first.slice(0, 12)} (no release tag yet)` };
}

export interface GateResult {
  ok: boolean;
  lines: string[];
}

/** `specRoot` is the work-tree spec; `cwd` is inside the repository. */
export async function breakingChangeGate(specRoot: string, cwd: string): Promise<GateResult> {
  const baseline = await findBaseline(cwd);
  const toplevel = (await git(['rev-parse', '--show-toplevel'], cwd)).trim();
  const relativeRoot = path.relative(toplevel, specRoot).split(path.sep).join('/');
  let before;
  try {
    before = await loadSpec(`git:${baseline.ref}`, { cwd: toplevel, specRoot: relativeRoot });
  } catch (error) {
    if (error instanceof SpecLoadError && /has no .* folder/.test(error.message)) {
      return { ok: true, lines: [`breaking-change gate: the ${baseline.why} has no spec yet, nothing to compare`] };
    }
    throw error;
  }
  const after = await loadSpec(specRoot, { cwd });
  const changes = compareSpecs(before.document, after.document);
  const result = verdict(changes, before.document.info?.version, after.document.info?.version);
  const lines = [`breaking-change gate: against the ${baseline.why}: ${result.breaking.length} breaking, ${result.risky.length} risky, ${result.safe.length} safe`];
  if (result.breaking.length > 0) {
    lines.push(...result.breaking.map(formatChange));
    lines.push(
      result.fails
        ? `breaking changes since ${baseline.ref} without a major bump of info.version (${result.oldVersion} -> ${result.newVersion}): bump it and run \`npm run diff -- git:${baseline.ref} ${relativeRoot} --changelog\``
        : `announced by the major bump ${result.oldVersion} -> ${result.newVersion}`,
    );
  }
  return { ok: !result.fails, lines };
}
