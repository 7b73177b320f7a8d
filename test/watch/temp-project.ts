// A throwaway copy of this project's spec and configs (node_modules linked), for running the
// pipeline with POSTPRESS_PROJECT_ROOT pointed at it. Used by the watch tests and bench/pipeline.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COPIED = ['openapi', 'generated', 'lint', 'redocly.yaml', '.spectral.yaml', '.spectral-ignore.yaml', 'CHANGELOG.md', 'package.json'];

export function makeTempProject(prefix = 'postpress-watch-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const entry of COPIED) {
    const from = path.join(REPO_ROOT, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}
