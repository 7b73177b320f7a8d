// Throwaway git repositories for the diff and gate tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A new repository; each spec becomes one commit of `openapi/openapi.yaml`. */
export function repoWithSpecs(specs: Array<Record<string, unknown>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-diff-repo-'));
  gitIn(dir, 'init', '-q');
  specs.forEach((spec, i) => commitSpec(dir, spec, `spec ${i + 1}`));
  return dir;
}

export function commitSpec(dir: string, spec: Record<string, unknown>, message: string): void {
  fs.mkdirSync(path.join(dir, 'openapi'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'openapi', 'openapi.yaml'), stringify(spec));
  gitIn(dir, 'add', 'openapi');
  gitIn(dir, 'commit', '-q', '-m', message);
}
