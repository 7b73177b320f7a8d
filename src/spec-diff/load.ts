// Loads one side of a diff: a root spec file, or `git:REF` (the spec folder at that revision,
// materialised with `git archive` into a temp folder) and bundles it with Redocly.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleWithRedocly } from '../pipeline/redocly.js';
import { formatProblem } from '../pipeline/problems.js';

const run = promisify(execFile);

export class SpecLoadError extends Error {
  override name = 'SpecLoadError';
}

export interface LoadedSpec {
  /** What the user passed, e.g. `git:v1.0.0` or `openapi/openapi.yaml`. */
  source: string;
  document: Record<string, any>;
}

export interface LoadOptions {
  /** Folder that git commands and relative paths start from (default: the current one). */
  cwd?: string;
  /** The spec's root file inside a revision (default `openapi/openapi.yaml`). */
  specRoot?: string;
}

export async function git(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new SpecLoadError(`git ${args.join(' ')} failed: ${(e.stderr || e.message).trim()}`);
  }
}

async function bundle(root: string, source: string): Promise<Record<string, any>> {
  try {
    await fs.access(root);
  } catch {
    throw new SpecLoadError(`${source}: no spec at ${root}`);
  }
  let bundled;
  try {
    bundled = await bundleWithRedocly(root);
  } catch (error) {
    // Redocly throws on YAML it cannot parse and on a root that is not an object (an empty file).
    throw new SpecLoadError(`${source}: the root file holds no OpenAPI document: ${(error as Error).message}`);
  }
  const errors = bundled.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new SpecLoadError(`${source}: the spec does not bundle:\n${errors.map(formatProblem).join('\n')}`);
  return bundled.document as Record<string, any>;
}

/** Writes the spec folder of REF into a temp folder; returns the temp folder. */
export async function materialiseRevision(ref: string, options: LoadOptions = {}): Promise<string> {
  const cwd = options.cwd ?? process.cwd();
  const specRoot = options.specRoot ?? 'openapi/openapi.yaml';
  const commit = (await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd).catch(() => '')).trim();
  if (!commit) throw new SpecLoadError(`git:${ref}: no such revision in ${cwd}`);
  const prefix = (await git(['rev-parse', '--show-prefix'], cwd)).trim();
  const toplevel = (await git(['rev-parse', '--show-toplevel'], cwd)).trim();
  const specDir = path.posix.join(prefix, path.posix.dirname(specRoot));
  const listed = (await git(['ls-tree', '-r', '--name-only', '--full-tree', commit, '--', specDir], toplevel)).split('\n').filter(Boolean);
  if (listed.length === 0) throw new SpecLoadError(`git:${ref}: revision ${commit.slice(0, 12)} has no ${specDir}/ folder`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spec-diff-'));
  // `git show` each file: nothing in the work tree or the index is touched.
  const queue = [...listed];
  const copyNext = async (): Promise<void> => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const { stdout } = await run('git', ['show', `${commit}:${file}`], { cwd: toplevel, maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' });
      const target = path.join(dir, file.slice(prefix.length));
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, stdout);
    }
  };
  try {
    // A few git processes at a time, however many files the spec has.
    await Promise.all(Array.from({ length: Math.min(8, queue.length) }, copyNext));
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

export async function loadSpec(source: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const cwd = options.cwd ?? process.cwd();
  if (source.startsWith('git:')) {
    const ref = source.slice(4);
    if (!ref) throw new SpecLoadError('git: needs a revision, e.g. git:HEAD or git:v1.0.0');
    const dir = await materialiseRevision(ref, options);
    try {
      return { source, document: await bundle(path.join(dir, options.specRoot ?? 'openapi/openapi.yaml'), source) };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
  return { source, document: await bundle(path.resolve(cwd, source), source) };
}
