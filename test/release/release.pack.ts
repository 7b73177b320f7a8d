// npm run release: the next version from the spec diff since the last tag, tested on git copies of
// the project (each test makes its own repository), dry runs and one real release. Run by
// `npm run test:package` (each run starts the script and bundles two specs: too slow for npm test).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { setInfoVersion } from '../../scripts/release.js';
import { REPO_ROOT, makeTempProject } from '../watch/temp-project.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const git = (repo: string, ...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();

/** A git repository holding a copy of the project, committed, tagged `tag` unless undefined. */
function repository(tag: string | null = 'v1.0.0'): string {
  const repo = makeTempProject('postpress-release-');
  made.push(repo);
  fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules\ndist\n');
  git(repo, 'init', '--quiet', '--initial-branch=main');
  git(repo, 'config', 'user.name', 'Release Test');
  git(repo, 'config', 'user.email', 'release@test.invalid');
  git(repo, 'add', '.');
  git(repo, 'commit', '--quiet', '-m', 'initial');
  if (tag) git(repo, 'tag', tag);
  return repo;
}

function release(repo: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/release.ts'), ...args], {
    cwd: repo,
    env: { ...process.env, POSTPRESS_PROJECT_ROOT: repo },
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const spec = (repo: string) => path.join(repo, 'openapi', 'openapi.yaml');
const edit = (file: string, change: (text: string) => string) => fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
const infoVersion = (repo: string) => (parse(fs.readFileSync(spec(repo), 'utf8')) as { info: { version: string } }).info.version;

describe('npm run release on a git copy of the project', () => {
  it('nothing changed since the tag: says so, releases nothing', () => {
    const repo = repository();
    const r = release(repo);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe('release: nothing to release: the spec is unchanged since v1.0.0\n');
    // A commit that leaves the spec alone: still nothing, with the way to release it anyway.
    fs.writeFileSync(path.join(repo, 'NOTES.md'), 'code fix\n');
    git(repo, 'add', 'NOTES.md');
    git(repo, 'commit', '--quiet', '-m', 'code fix');
    expect(release(repo).out).toContain('(1 commit since touch other files: `npm run release -- --patch` releases them as 1.0.1)');
    expect(release(repo, '--patch').out).toMatch(/^release \(dry run\): v1\.0\.0 -> v1\.0\.1 \(patch\): no spec change \(--patch\)\n/);
    expect(git(repo, 'tag', '--list')).toBe('v1.0.0');
  }, 120_000);

  it('documentation only: a patch; the dry run writes nothing', () => {
    const repo = repository();
    edit(path.join(repo, 'openapi/components/schemas/InvitationSent.yaml'), (t) => t.replace('description: Display name of the invited user.', 'description: Display name of the person invited.'));
    const r = release(repo);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^release \(dry run\): v1\.0\.0 -> v1\.0\.1 \(patch\): documentation only/);
    expect(r.out).toContain('    ## 1.0.1 — ');
    expect(r.out).toContain('1 documentation edit');
    expect(git(repo, 'status', '--porcelain')).toBe('M openapi/components/schemas/InvitationSent.yaml');
  }, 120_000);

  it('an addition: a minor', () => {
    const repo = repository();
    edit(spec(repo), (t) => t.replace(/^servers:\n/m, 'servers:\n  - url: https://eu.api.postpress.ai/api/v1\n    x-internal: false\n    description: Production, EU region.\n'));
    const r = release(repo);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^release \(dry run\): v1\.0\.0 -> v1\.1\.0 \(minor\): additions/);
  }, 120_000);

  it('a change that breaks clients: a major, listed under Breaking', () => {
    const repo = repository();
    edit(path.join(repo, 'openapi/components/schemas/InvitationSent.yaml'), (t) => t.replace(/\n  invitation_text:\n(    .*\n)+/, '\n').replace(/\n  - invitation_text/, ''));
    const r = release(repo);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^release \(dry run\): v1\.0\.0 -> v2\.0\.0 \(major\): a breaking change/);
    expect(r.out).toContain('### Breaking');
    expect(r.out).toContain('invitation_text');
  }, 120_000);

  it('a version set lower than the changes call for is refused; a higher one is kept', () => {
    const repo = repository();
    edit(spec(repo), (t) => t.replace(/^servers:\n/m, 'servers:\n  - url: https://eu.api.postpress.ai/api/v1\n    x-internal: false\n    description: Production, EU region.\n'));
    edit(spec(repo), (t) => setInfoVersion(t, '1.0.1'));
    const low = release(repo);
    expect(low.code).toBe(2);
    expect(low.err).toContain('release: info.version is already 1.0.1, but the changes since v1.0.0 call for 1.1.0');
    edit(spec(repo), (t) => setInfoVersion(t, '2.0.0'));
    expect(release(repo).out).toMatch(/v1\.0\.0 -> v2\.0\.0 \(minor\): .*set to 2\.0\.0 by hand/);
  }, 120_000);

  it('no tag yet: the first release is info.version, and its existing CHANGELOG entry is kept', () => {
    const repo = repository(null);
    const r = release(repo);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^release \(dry run\): v1\.0\.0: first release/);
    expect(r.out).toContain('CHANGELOG.md already has an entry for 1.0.0: kept as written');
    // Applied: the files already say 1.0.0 (after generate, nothing to commit), so HEAD is tagged.
    const head = git(repo, 'rev-parse', 'HEAD');
    const applied = release(repo, '--apply');
    expect(applied.code, applied.err).toBe(0);
    expect(applied.out).toContain('release: tagged v1.0.0;');
    expect(git(repo, 'rev-parse', 'v1.0.0^{commit}')).toBe(head);
    expect(release(repo).out).toBe('release: nothing to release: the spec is unchanged since v1.0.0\n');
  }, 240_000);

  it('--apply refuses a dirty work tree', () => {
    const repo = repository();
    edit(spec(repo), (t) => t.replace(/^servers:\n/m, 'servers:\n  - url: https://eu.api.postpress.ai/api/v1\n    x-internal: false\n    description: Production, EU region.\n'));
    const r = release(repo, '--apply');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^release: the work tree has uncommitted changes/);
    expect(git(repo, 'tag', '--list')).toBe('v1.0.0');
  }, 120_000);

  it('--apply: versions, changelog, generated/, commit and tag; then nothing is left to release', () => {
    const repo = repository();
    edit(spec(repo), (t) => t.replace(/^servers:\n/m, 'servers:\n  - url: https://eu.api.postpress.ai/api/v1\n    x-internal: false\n    description: Production, EU region.\n'));
    git(repo, 'commit', '--quiet', '-am', 'EU server');
    const r = release(repo, '--apply');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('release: committed "Release v1.1.0" and tagged v1.1.0');
    expect(infoVersion(repo)).toBe('1.1.0');
    expect(JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).version).toBe('1.1.0');
    expect(JSON.parse(fs.readFileSync(path.join(repo, 'generated/openapi.json'), 'utf8')).info.version).toBe('1.1.0');
    expect(fs.readFileSync(path.join(repo, 'CHANGELOG.md'), 'utf8')).toMatch(/\n## 1\.1\.0 — \d{4}-\d\d-\d\d\n[\s\S]*eu\.api\.postpress\.ai[\s\S]*\n## 1\.0\.0 — /);
    expect(git(repo, 'log', '-1', '--format=%s')).toBe('Release v1.1.0');
    expect(git(repo, 'describe', '--exact-match', 'HEAD')).toBe('v1.1.0');
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(release(repo).out).toBe('release: nothing to release: the spec is unchanged since v1.1.0\n');
  }, 240_000);
});
