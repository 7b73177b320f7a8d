// A throwaway copy of the project (node_modules linked) for tests that run the real scripts
// against a deliberately changed spec without touching the checkout.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/pipeline/paths.js';

const run = promisify(execFile);

const COPIED = ['openapi', 'src', 'scripts', 'lint', 'generated', 'redocly.yaml', '.spectral.yaml', '.spectral-ignore.yaml', 'package.json', 'tsconfig.json', 'CHANGELOG.md'];

export interface ProjectCopy {
  root: string;
  file(relative: string): string;
  edit(relative: string, change: (text: string) => string): Promise<void>;
  runScript(script: string): Promise<{ code: number; stdout: string; stderr: string }>;
  /** A digest of every file under generated/ and dist/ (names and bytes). */
  outputsDigest(): Promise<string>;
  remove(): Promise<void>;
}

async function digestTree(dir: string, hash: ReturnType<typeof createHash>): Promise<void> {
  let entries: Array<import('node:fs').Dirent>;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    hash.update(`missing:${dir}\n`);
    return;
  }
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
  for (const file of files) {
    hash.update(`${path.relative(dir, file)}\n`);
    hash.update(await fs.readFile(file));
  }
}

export async function copyProject(): Promise<ProjectCopy> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'postpress-copy-'));
  for (const entry of COPIED) {
    await fs.cp(path.join(PROJECT_ROOT, entry), path.join(root, entry), { recursive: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
  await fs.mkdir(path.join(root, 'dist/docs'), { recursive: true });
  await fs.writeFile(path.join(root, 'dist/docs/index.html'), '<!-- the last good page -->\n');
  await fs.symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return {
    root,
    file: (relative) => path.join(root, relative),
    async edit(relative, change) {
      const file = path.join(root, relative);
      await fs.writeFile(file, change(await fs.readFile(file, 'utf8')));
    },
    async runScript(script) {
      try {
        const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 << 20 });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code?: number; stdout?: string; stderr?: string };
        return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
      }
    },
    async outputsDigest() {
      const hash = createHash('sha256');
      await digestTree(path.join(root, 'generated'), hash);
      await digestTree(path.join(root, 'dist'), hash);
      return hash.digest('hex');
    },
    remove: () => fs.rm(root, { recursive: true, force: true }),
  };
}
