// `npm run check` end to end on a git copy of the project: it fails an unannounced breaking
// change (the spec and generated/ otherwise in order), and passes once info.version is bumped.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT, makeTempProject } from '../watch/temp-project.js';
import { gitIn } from './git-helpers.js';

const run = promisify(execFile);
const project = makeTempProject('check-gate-');
const outsideGit = fs.mkdtempSync(path.join(os.tmpdir(), 'check-no-git-'));
afterAll(() => [project, outsideGit].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function script(root: string, ...command: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, command, { cwd: REPO_ROOT, env: { ...process.env, POSTPRESS_PROJECT_ROOT: root } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}
const generate = (root: string) => script(root, path.join(REPO_ROOT, 'scripts/run-compiled.mjs'), 'generate');
const check = (root: string) => script(root, path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/check.ts'));
const edit = (file: string, change: (text: string) => string) => fs.writeFileSync(path.join(project, file), change(fs.readFileSync(path.join(project, file), 'utf8')));

it('fails an unannounced breaking change and passes it after a major bump', async () => {
  fs.writeFileSync(path.join(project, '.gitignore'), 'node_modules\ndist\n');
  gitIn(project, 'init', '-q');
  gitIn(project, 'add', '.');
  gitIn(project, 'commit', '-q', '-m', 'release');
  gitIn(project, 'tag', 'v1.0.0');

  // Wider `limit`: implementations must now accept up to 500.
  edit('openapi/components/parameters/Limit.yaml', (t) => t.replace('maximum: 250', 'maximum: 500'));
  expect((await generate(project)).code).toBe(0);
  const unannounced = await check(project);
  expect(unannounced.code).toBe(1);
  expect(unannounced.output).toContain('against the latest release tag v1.0.0: 1 breaking');
  expect(unannounced.output).toMatch(/BREAKING +clients: safe +implementations: breaking +#\/components\/parameters\/Limit\/schema\/maximum/);

  edit('openapi/openapi.yaml', (t) => t.replace(/^  version: 1\.0\.0$/m, '  version: 2.0.0'));
  expect((await generate(project)).code).toBe(0);
  const announced = await check(project);
  expect(announced.output).toContain('announced by the major bump 1.0.0 -> 2.0.0');
  expect(announced.code, announced.output).toBe(0);
}, 120_000);

it('says why outside a git work tree', async () => {
  for (const entry of fs.readdirSync(project)) {
    if (entry !== '.git') fs.cpSync(path.join(project, entry), path.join(outsideGit, entry), { recursive: true, verbatimSymlinks: true });
  }
  const result = await check(outsideGit);
  expect(result.code).toBe(1);
  expect(result.output).toMatch(/breaking-change gate: .* is not in a git work tree/);
}, 60_000);
