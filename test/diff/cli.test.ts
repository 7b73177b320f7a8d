// `npm run diff` end to end: git:REF loading, exit codes, the CHANGELOG entry.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compareSpecs } from '../../src/spec-diff/classify.js';
import { loadSpec } from '../../src/spec-diff/load.js';
import { applyPatch } from './json-patch.js';
import { base } from './corpus.js';
import { repoWithSpecs } from './git-helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const run = promisify(execFile);

async function diffCli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [TSX, path.join(ROOT, 'scripts/diff.ts'), ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const removed = applyPatch(base, [
  { op: 'remove', path: '/components/schemas/InvitationSent/properties/invited_user' },
  { op: 'remove', path: '/components/schemas/InvitationSent/required/2' },
]);
// Each test makes its own repository, so each runs alone and in any order.
const repos: string[] = [];
afterAll(() => repos.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function repoOf(...specs: Array<Record<string, any>>): string {
  const dir = repoWithSpecs(specs);
  repos.push(dir);
  return dir;
}

describe('npm run diff', () => {
  it('loads git:REF from the revision, not from the work tree', async () => {
    const repo = repoOf(base, removed);
    fs.writeFileSync(path.join(repo, 'openapi', 'openapi.yaml'), 'openapi: 3.1.0\n'); // an unrelated edit in the work tree
    const [before, after] = await Promise.all([loadSpec('git:HEAD~1', { cwd: repo }), loadSpec('git:HEAD', { cwd: repo })]);
    const changes = compareSpecs(before.document, after.document);
    expect(changes.map((c) => [c.pointer, c.clients, c.implementations])).toEqual([
      ['#/components/schemas/InvitationSent/properties/invited_user', 'breaking', 'safe'],
    ]);
  });

  it('exits 1 on an unannounced breaking change and prints pointer and class', async () => {
    const repo = repoOf(base, removed);
    const { code, stdout } = await diffCli(repo, 'git:HEAD~1', 'openapi/openapi.yaml');
    expect(code).toBe(1);
    expect(stdout).toMatch(/BREAKING +clients: breaking +implementations: safe +#\/components\/schemas\/InvitationSent\/properties\/invited_user/);
    expect(stdout).toContain('FAIL: breaking changes without a major bump');
  }, 180_000);

  it('exits 0 after a major bump and writes the CHANGELOG entry; exits 2 on a bad revision', async () => {
    const bumped = applyPatch(removed, [{ op: 'replace', path: '/info/version', value: '2.0.0' }]);
    const repo = repoOf(base, removed, bumped);
    const changelog = path.join(repo, 'CHANGELOG.md');
    fs.writeFileSync(changelog, '# Changelog\n\nIntro.\n\n## 1.0.0 — 2026-01-01\n\n- First.\n');
    const [ok, bad, json] = await Promise.all([
      diffCli(repo, 'git:HEAD~2', 'git:HEAD', '--changelog'),
      diffCli(repo, 'git:no-such-ref', 'git:HEAD'),
      diffCli(repo, 'git:HEAD~2', 'git:HEAD', '--json'),
    ]);
    const report = JSON.parse(json.stdout) as { majorBump: boolean; fails: boolean; changes: Array<{ pointer: string; clients: string; implementations: string }> };
    expect(report).toMatchObject({ majorBump: true, fails: false });
    expect(report.changes).toContainEqual(expect.objectContaining({ pointer: '#/components/schemas/InvitationSent/properties/invited_user', clients: 'breaking', implementations: 'safe' }));
    expect(report.changes).toContainEqual(expect.objectContaining({ pointer: '#/info/version', clients: 'safe', implementations: 'safe' }));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('announced by the major version bump 1.0.0 -> 2.0.0');
    const text = fs.readFileSync(changelog, 'utf8');
    expect(text.indexOf('## 2.0.0 — ')).toBeGreaterThan(text.indexOf('Intro.'));
    expect(text.indexOf('## 2.0.0 — ')).toBeLessThan(text.indexOf('## 1.0.0'));
    expect(text).toMatch(/### Breaking\n\n- response 200 `items\[\]\.invited_user`: removed .*clients: breaking, implementations: safe/);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('git:no-such-ref: no such revision');
  }, 180_000);
});
