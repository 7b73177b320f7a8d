// The gate of `npm run check`: which revision it compares with, in a fresh and in a shallow clone.
// Each test makes its own repository and tags, so each runs alone and in any order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { breakingChangeGate, findBaseline } from '../../src/spec-diff/gate.js';
import { applyPatch } from './json-patch.js';
import { base } from './corpus.js';
import { commitSpec, gitIn, repoWithSpecs } from './git-helpers.js';

const temp: string[] = [];
afterAll(() => temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** The required `invited_user` removed from every invitation a client reads: breaking for clients. */
const breaking = applyPatch(base, [
  { op: 'remove', path: '/components/schemas/InvitationSent/properties/invited_user' },
  { op: 'remove', path: '/components/schemas/InvitationSent/required/2' },
]);
const specOf = (dir: string) => path.join(dir, 'openapi', 'openapi.yaml');

/** A repository with the base spec, then the breaking one; `tags` maps a tag to `HEAD` or `HEAD~1`. */
function repo(tags: Record<string, string> = {}): string {
  const dir = repoWithSpecs([base, breaking]);
  temp.push(dir);
  for (const [tag, ref] of Object.entries(tags)) gitIn(dir, 'tag', tag, ref);
  return dir;
}

function cloneOf(source: string, ...options: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-gate-clone-'));
  temp.push(dir);
  gitIn(os.tmpdir(), 'clone', '-q', ...options, `file://${source}`, dir);
  return dir;
}

describe('breaking-change gate', () => {
  it('without a tag, compares with the first commit and fails an unannounced break', async () => {
    const dir = repo();
    const first = gitIn(dir, 'rev-list', '--max-parents=0', 'HEAD').trim();
    expect(await findBaseline(dir)).toMatchObject({ ref: first });
    const result = await breakingChangeGate(specOf(dir), dir);
    expect(result.ok).toBe(false);
    expect(result.lines.join('\n')).toContain('#/components/schemas/InvitationSent/properties/invited_user');
  });

  it('compares with the highest release tag (1.10 above 1.2), in a fresh clone too', async () => {
    const clone = cloneOf(repo({ 'v1.2.0': 'HEAD~1', 'v1.10.0': 'HEAD', 'not-a-release': 'HEAD~1' }));
    expect(await findBaseline(clone)).toMatchObject({ ref: 'v1.10.0' });
    expect((await breakingChangeGate(specOf(clone), clone)).ok).toBe(true);
  });

  it('passes a break announced by a major bump', async () => {
    const clone = cloneOf(repo({ 'v1.2.0': 'HEAD~1', 'not-a-release': 'HEAD' }));
    expect(await findBaseline(clone)).toMatchObject({ ref: 'v1.2.0' });
    expect((await breakingChangeGate(specOf(clone), clone)).ok).toBe(false);
    fs.writeFileSync(specOf(clone), fs.readFileSync(specOf(clone), 'utf8').replace('version: 1.0.0', 'version: 2.0.0'));
    const result = await breakingChangeGate(specOf(clone), clone);
    expect(result.lines.join('\n')).toContain('announced by the major bump 1.0.0 -> 2.0.0');
    expect(result.ok).toBe(true);
  });

  it('says what to do in a shallow clone', async () => {
    const shallow = cloneOf(repo({ 'v1.2.0': 'HEAD~1' }), '--depth', '1');
    await expect(findBaseline(shallow)).rejects.toThrow(/shallow.*git fetch --unshallow --tags/);
  });

  it('orders release tags by major, minor, then patch, with or without a v', async () => {
    const dir = repo({ 'v1.2.9': 'HEAD', '1.2.10': 'HEAD~1', 'v0.9.99': 'HEAD' });
    expect(await findBaseline(dir)).toEqual({ ref: '1.2.10', why: 'latest release tag 1.2.10' });
    const minor = repo({ 'v1.3.0': 'HEAD~1', 'v1.2.10': 'HEAD', 'v0.10.0': 'HEAD' });
    expect(await findBaseline(minor)).toMatchObject({ ref: 'v1.3.0' });
    const major = repo({ 'v2.0.0': 'HEAD~1', 'v1.9.0': 'HEAD' });
    expect(await findBaseline(major)).toMatchObject({ ref: 'v2.0.0' });
  });

  it('prints the counts and each breaking change, and says how to announce it', async () => {
    const dir = repo({ 'v1.0.0': 'HEAD~1' });
    const result = await breakingChangeGate(specOf(dir), dir);
    expect(result.lines[0]).toBe('breaking-change gate: against the latest release tag v1.0.0: 1 breaking, 0 risky, 0 safe');
    expect(result.lines[1]).toMatch(/^BREAKING +clients: breaking +implementations: safe +#\/components\/schemas\/InvitationSent\/properties\/invited_user\n/);
    expect(result.lines[2]).toBe('breaking changes since v1.0.0 without a major bump of info.version (1.0.0 -> 1.0.0): bump it and run `npm run diff -- git:v1.0.0 openapi/openapi.yaml --changelog`');
    expect(result.lines).toHaveLength(3);
    const unchanged = repo({ 'v1.0.0': 'HEAD' });
    expect(await breakingChangeGate(specOf(unchanged), unchanged)).toEqual({ ok: true, lines: ['breaking-change gate: against the latest release tag v1.0.0: 0 breaking, 0 risky, 0 safe'] });
  });

  it('passes when the baseline has no spec yet, and says so', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-gate-nospec-'));
    temp.push(dir);
    gitIn(dir, 'init', '-q');
    fs.writeFileSync(path.join(dir, 'README.md'), 'before the spec');
    gitIn(dir, 'add', '.');
    gitIn(dir, 'commit', '-q', '-m', 'start');
    commitSpec(dir, breaking, 'spec');
    const first = gitIn(dir, 'rev-list', '--max-parents=0', 'HEAD').trim();
    expect(await breakingChangeGate(specOf(dir), dir)).toEqual({ ok: true, lines: [`breaking-change gate: the first commit ${first.slice(0, 12)} (no release tag yet) has no spec yet, nothing to compare`] });
  });

  it('says why it cannot run outside a work tree or before the first commit', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-gate-outside-'));
    temp.push(outside);
    await expect(findBaseline(outside)).rejects.toThrow(`${outside} is not in a git work tree: the gate compares the spec with the latest release tag, so it needs the repository and its history`);
    gitIn(outside, 'init', '-q');
    await expect(findBaseline(outside)).rejects.toThrow(/^the repository has no commit yet: nothing to compare the spec with$/);
  });
});
