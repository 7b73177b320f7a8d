// scripts/prepare.mjs, npm's `prepare` hook: in a git checkout npm makes for a consumer (npm was
// started elsewhere) it compiles dist/lib/; in our own checkout it does nothing. Run on a copy.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/pipeline/paths.js';
// @ts-expect-error plain JavaScript without declarations
import { startedHere } from '../../scripts/prepare.mjs';

const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'postpress-prepare-'));
for (const entry of ['src', 'generated', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package.json']) {
  fs.cpSync(path.join(PROJECT_ROOT, entry), path.join(copy, entry), { recursive: true });
}
fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

const prepare = (initCwd: string) =>
  spawnSync(process.execPath, [path.join(copy, 'scripts', 'prepare.mjs')], { cwd: copy, env: { ...process.env, INIT_CWD: initCwd }, encoding: 'utf8' });
const built = () => fs.existsSync(path.join(copy, 'dist', 'lib', 'src', 'client', 'index.js'));

describe('prepare', () => {
  it('tells our checkout (npm started inside it) from a consumer\'s install', () => {
    expect(startedHere('/repo', '/repo')).toBe(true);
    expect(startedHere('/repo/src/client', '/repo')).toBe(true);
    expect(startedHere('', '/repo')).toBe(true);
    expect(startedHere('/home/me/app', '/repo')).toBe(false);
    expect(startedHere('/repo-other', '/repo')).toBe(false);
  });

  it('does nothing in our own checkout', () => {
    const run = prepare(copy);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(built()).toBe(false);
  });

  it('compiles dist/lib/ when npm was started in a consumer project (a git install)', () => {
    const run = prepare(os.tmpdir());
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('installing from git: compiling dist/lib/');
    expect(built()).toBe(true);
  });

  it('refuses with a message when it cannot compile', () => {
    fs.rmSync(path.join(copy, 'dist'), { recursive: true, force: true });
    fs.writeFileSync(path.join(copy, 'tsconfig.build.json'), JSON.stringify({ files: [], include: ['nothing-here/**/*.ts'] }));
    const run = prepare(os.tmpdir());
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('postpress-api: the build of this git checkout failed (see above); nothing was installed.');
  });
});
