// Packs the package as `npm publish` would and installs the tarball into a fresh folder of
// consumer projects. The tarball is made from a staging copy: package.json, README, CHANGELOG and
// everything `files` lists, with dist/lib compiled fresh into it, so the work tree's dist/ (stale
// or absent) plays no part and nothing in the checkout is written.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/pipeline/paths.js';

export const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  files: string[];
  bin: Record<string, string>;
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  devDependencies: Record<string, string>;
  engines: { node: string };
};

const TSC = path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const ALWAYS = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];

export interface PackedFile {
  path: string;
  size: number;
}

export interface Packed {
  dir: string;
  tarball: string;
  files: PackedFile[];
  unpackedSize: number;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 << 20 });
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    throw new Error(`${path.basename(command)} ${args.join(' ')} exited ${e.status}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** Compiles, stages and packs; returns the tarball and npm's list of what it holds. */
export async function packTarball(): Promise<Packed> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'postpress-pack-'));
  const stage = path.join(dir, 'stage');
  await fsp.mkdir(stage);
  for (const entry of [...ALWAYS, ...pkg.files]) {
    if (entry === 'dist/lib' || !fs.existsSync(path.join(PROJECT_ROOT, entry))) continue;
    await fsp.cp(path.join(PROJECT_ROOT, entry), path.join(stage, entry), { recursive: true });
  }
  run(process.execPath, [TSC, '-p', path.join(PROJECT_ROOT, 'tsconfig.build.json'), '--outDir', path.join(stage, 'dist', 'lib')], PROJECT_ROOT);
  const [report] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], stage)) as Array<{
    filename: string;
    files: PackedFile[];
    unpackedSize: number;
  }>;
  return { dir, tarball: path.join(dir, report!.filename), files: report!.files, unpackedSize: report!.unpackedSize };
}

/**
 * A folder with the tarball installed once (plus @types/node at our pinned version, for the
 * projects that use the mock's types), from npm's cache when it can. Projects live in
 * subfolders and resolve the install through Node's and TypeScript's usual upward lookup.
 */
export async function installConsumers(packed: Packed): Promise<string> {
  const root = path.join(packed.dir, 'consumers');
  await fsp.mkdir(root);
  await fsp.writeFile(
    path.join(root, 'package.json'),
    JSON.stringify({ name: 'consumers', private: true, dependencies: { [pkg.name]: `file:${packed.tarball}`, '@types/node': pkg.devDependencies['@types/node'] } }, null, 2),
  );
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], root);
  return root;
}

/** Writes a project's files (paths relative to the project folder). */
export async function writeProject(root: string, name: string, files: Record<string, string | object>): Promise<string> {
  const dir = path.join(root, name);
  for (const [file, content] of Object.entries(files)) {
    await fsp.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fsp.writeFile(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

export { TSC };
