// `npm run generate` through scripts/run-compiled.mjs: the same outputs as through tsx, a compile
// only when a source changed, and the script's exit code.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT, makeTempProject } from './temp-project.js';

const run = promisify(execFile);
const cacheDir = fs.mkdtempSync(path.join(REPO_ROOT, 'node_modules', '.cache-run-compiled-test-'));
const viaTsx = makeTempProject('run-compiled-tsx-');
const viaCompiled = makeTempProject('run-compiled-js-');
afterAll(() => [cacheDir, viaTsx, viaCompiled].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function generate(project: string, command: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, command, { cwd: REPO_ROOT, env: { ...process.env, POSTPRESS_PROJECT_ROOT: project, POSTPRESS_CACHE_DIR: cacheDir, ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

const compiledRun = (project: string, env: Record<string, string> = {}) => generate(project, [path.join(REPO_ROOT, 'scripts/run-compiled.mjs'), 'generate'], env);
const snapshot = (project: string) =>
  Object.fromEntries(['generated', 'dist/docs'].flatMap((dir) => fs.readdirSync(path.join(project, dir)).map((f) => [`${dir}/${f}`, fs.readFileSync(path.join(project, dir, f), 'utf8')])));

it('writes what the tsx run writes, compiles once, and keeps the exit code', async () => {
  // The other test breaks these files in this copy; tests run in any order.
  for (const file of ['openapi/paths/users_invite_sent.yaml', 'openapi/components/schemas/InvitationSent.yaml']) fs.copyFileSync(path.join(REPO_ROOT, file), path.join(viaCompiled, file));
  for (const project of [viaTsx, viaCompiled]) fs.rmSync(path.join(project, 'generated'), { recursive: true });
  const [tsx, compiled] = await Promise.all([
    generate(viaTsx, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/generate.ts')]),
    compiledRun(viaCompiled),
  ]);
  expect(tsx.code, tsx.output).toBe(0);
  expect(compiled.code, compiled.output).toBe(0);
  expect(snapshot(viaCompiled)).toEqual(snapshot(viaTsx));

  const [compiledDir] = fs.readdirSync(path.join(cacheDir, 'scripts'));
  const compiledFile = `${compiledDir}/generate.mjs`;
  expect(fs.readdirSync(path.join(cacheDir, 'scripts', compiledDir!))).toContain('pipeline-worker.mjs');
  const builtAt = fs.statSync(path.join(cacheDir, 'scripts', compiledFile)).mtimeMs;
  const sent = path.join(viaCompiled, 'openapi/components/schemas/InvitationSent.yaml');
  fs.appendFileSync(sent, '  broken: [unclosed\n');
  const broken = await compiledRun(viaCompiled);
  expect(broken.code).toBe(1);
  expect(broken.output).toMatch(/openapi\/components\/schemas\/InvitationSent\.yaml:\d+:\d+ error yaml\//);
  expect(fs.statSync(path.join(cacheDir, 'scripts', compiledFile)).mtimeMs).toBe(builtAt);
}, 120_000);

it('reports Spectral findings from the worker threads as from the main thread', async () => {
  const operation = path.join(viaCompiled, 'openapi/paths/users_invite_sent.yaml');
  const sent = path.join(viaCompiled, 'openapi/components/schemas/InvitationSent.yaml');
  fs.copyFileSync(path.join(REPO_ROOT, 'openapi/components/schemas/InvitationSent.yaml'), sent);
  fs.writeFileSync(operation, fs.readFileSync(operation, 'utf8').replace('    - Invitations', '    - invitations'));
  const [worker, inThread] = await Promise.all([compiledRun(viaCompiled), compiledRun(viaCompiled, { POSTPRESS_THREADS: 'off' })]);
  const findings = (output: string) => output.split('\n').filter((line) => line.startsWith('openapi/'));
  expect(worker.code).toBe(1);
  expect(findings(worker.output).join('\n')).toMatch(/^openapi\/paths\/users_invite_sent\.yaml:\d+:\d+ warning spectral\/operation-tag-defined /m);
  expect(findings(worker.output)).toEqual(findings(inThread.output));
}, 120_000);
