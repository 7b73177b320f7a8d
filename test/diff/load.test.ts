// Loading one side of a diff, in-process: git:REF materialised from the revision (a multi-file
// spec, from a subfolder), and a clear SpecLoadError for each way it can go wrong.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { git, loadSpec, materialiseRevision, SpecLoadError } from '../../src/spec-diff/load.js';
import { base } from './corpus.js';
import { gitIn, repoWithSpecs } from './git-helpers.js';

const temp: string[] = [];
afterAll(() => temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temp.push(dir);
  return dir;
};
const write = (dir: string, file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
};
const tempFilesNow = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('spec-diff-') && !temp.some((t) => path.basename(t) === f));

describe('loadSpec', () => {
  it('reads git:REF from the revision: every file of a split spec, from a subfolder of the repository, leaving no temp folder', async () => {
    const repo = tempDir('load-split-');
    const { InvitationSent, ...schemas } = base.components.schemas;
    const split = { ...base, components: { ...base.components, schemas: { ...schemas, InvitationSent: { $ref: './schemas/InvitationSent.yaml' } } } };
    write(repo, 'api/spec/openapi.yaml', stringify(split));
    write(repo, 'api/spec/schemas/InvitationSent.yaml', stringify(InvitationSent));
    gitIn(repo, 'init', '-q');
    gitIn(repo, 'add', '.');
    gitIn(repo, 'commit', '-q', '-m', 'split spec');
    write(repo, 'api/spec/schemas/InvitationSent.yaml', 'type: string\n'); // the work tree differs from HEAD
    const before = tempFilesNow();
    const loaded = await loadSpec('git:HEAD', { cwd: path.join(repo, 'api'), specRoot: 'spec/openapi.yaml' });
    expect(loaded.source).toBe('git:HEAD');
    expect(loaded.document.components.schemas.InvitationSent).toEqual(InvitationSent);
    expect(tempFilesNow()).toEqual(before);
    const fromFile = await loadSpec('spec/openapi.yaml', { cwd: path.join(repo, 'api') });
    expect(fromFile.document.components.schemas.InvitationSent).toEqual({ type: 'string' });
  });

  it('materialises only the spec folder of the revision', async () => {
    const repo = repoWithSpecs([base]);
    temp.push(repo);
    write(repo, 'README.md', 'not part of the spec');
    gitIn(repo, 'add', '.');
    gitIn(repo, 'commit', '-q', '-m', 'readme');
    const dir = await materialiseRevision('HEAD', { cwd: repo });
    temp.push(dir);
    expect(fs.readdirSync(dir, { recursive: true }).sort()).toEqual(['openapi', path.join('openapi', 'openapi.yaml')]);
  });

  it('says what is wrong with the revision', async () => {
    const repo = repoWithSpecs([base]);
    temp.push(repo);
    write(repo, 'other/file.txt', 'x');
    await expect(loadSpec('git:', { cwd: repo })).rejects.toThrow(new SpecLoadError('git: needs a revision, e.g. git:HEAD or git:v1.0.0'));
    await expect(loadSpec('git:no-such-ref', { cwd: repo })).rejects.toThrow(`git:no-such-ref: no such revision in ${repo}`);
    await expect(loadSpec('git:HEAD', { cwd: repo, specRoot: 'api/openapi.yaml' })).rejects.toThrow(/^git:HEAD: revision [0-9a-f]{12} has no api\/ folder$/);
    await expect(loadSpec('git:HEAD', { cwd: tempDir('load-no-git-') })).rejects.toThrow(/no such revision/);
  });

  it('says what is wrong with the file', async () => {
    const dir = tempDir('load-files-');
    write(dir, 'broken.yaml', stringify({ ...base, paths: { '/x': { $ref: './missing.yaml' } } }));
    write(dir, 'empty.yaml', '');
    write(dir, 'bad.yaml', 'openapi: [\n');
    await expect(loadSpec('nothing.yaml', { cwd: dir })).rejects.toThrow(`nothing.yaml: no spec at ${path.join(dir, 'nothing.yaml')}`);
    const broken = await loadSpec('broken.yaml', { cwd: dir }).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(SpecLoadError);
    expect((broken as Error).message).toMatch(/^broken\.yaml: the spec does not bundle:\n.*missing\.yaml/);
    await expect(loadSpec('empty.yaml', { cwd: dir })).rejects.toThrow(new SpecLoadError('empty.yaml: the root file holds no OpenAPI document: Document must be JSON object, got undefined'));
    await expect(loadSpec('bad.yaml', { cwd: dir })).rejects.toThrow(/^bad\.yaml: the root file holds no OpenAPI document: .*bad\.yaml/);
  });
});

describe('git', () => {
  it('returns stdout, and names the command and git\'s message when it fails', async () => {
    const dir = tempDir('load-git-');
    expect(await git(['--version'], dir)).toMatch(/^git version /);
    const error = await git(['rev-parse', 'HEAD'], dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecLoadError);
    expect((error as Error).name).toBe('SpecLoadError');
    expect((error as Error).message).toMatch(/^git rev-parse HEAD failed: fatal: not a git repository/);
  });
});
