// A throwaway copy of the project (test/watch/temp-project.ts) for tests that run the real scripts
// against a deliberately changed spec without touching the checkout.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, makeTempProject } from '../watch/temp-project.js';

const run = promisify(execFile);

export interface ProjectCopy {
  edit(relative: string, change: (text: string) => string): Promise<void>;
  /** Runs this checkout's script (e.g. `scripts/generate.ts`, through tsx) on the copy. */
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
  const root = makeTempProject('postpress-copy-');
  await fs.mkdir(path.join(root, 'dist/docs'), { recursive: true });
  await fs.writeFile(path.join(root, 'dist/docs/index.html'), '<!-- the last good page -->\n');
  return {
    async edit(relative, change) {
      const file = path.join(root, relative);
      await fs.writeFile(file, change(await fs.readFile(file, 'utf8')));
    },
    async runScript(script) {
      const env = { ...process.env, NO_COLOR: '1', POSTPRESS_PROJECT_ROOT: root };
      try {
        const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, script)], { cwd: REPO_ROOT, env, maxBuffer: 16 << 20 });
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
