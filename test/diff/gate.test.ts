// The gate of `npm run check`: which revision it compares with, in a fresh and in a shallow clone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { breakingChangeGate, findBaseline } from '../../src/spec-diff/gate.js';
import { applyPatch } from './json-patch.js';
import { base } from './corpus.js';
import { gitIn, repoWithSpecs } from './git-helpers.js';

const temp: string[] = [];
afterAll(() => temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const breaking = applyPatch(base, [{ op: 'remove', path: '/components/schemas/InvitationSent/properties/invitation_text' }]);
const specOf = (dir: string) => path.join(dir, 'openapi', 'openapi.yaml');

function cloneOf(repo: string, ...options: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-gate-clone-'));
  temp.push(dir);
  gitIn(os.tmpdir(), 'clone', '-q', ...options, `file://${repo}`, dir);
  return dir;
}

describe('breaking-change gate', () => {
  const repo = repoWithSpecs([base, breaking]);
  temp.push(repo);

  it('without a tag, compares with the first commit and fails an unannounced break', async () => {
    const first = gitIn(repo, 'rev-list', '--max-parents=0', 'HEAD').trim();
    expect(await findBaseline(repo)).toMatchObject({ ref: first });
    const result = await breakingChangeGate(specOf(repo), repo);
    expect(result.ok).toBe(false);
    expect(result.lines.join('\n')).toContain('#/components/schemas/InvitationSent/properties/invitation_text');
  });

  it('compares with the highest release tag, in a fresh clone too', async () => {
    gitIn(repo, 'tag', 'v1.2.0', 'HEAD~1');
    gitIn(repo, 'tag', 'v1.10.0', 'HEAD');
    gitIn(repo, 'tag', 'not-a-release', 'HEAD~1');
    const clone = cloneOf(repo);
    expect(await findBaseline(clone)).toMatchObject({ ref: 'v1.10.0' });
    expect((await breakingChangeGate(specOf(clone), clone)).ok).toBe(true);
  });

  it('passes a break announced by a major bump', async () => {
    gitIn(repo, 'tag', '-d', 'v1.10.0');
    const clone = cloneOf(repo);
    expect(await findBaseline(clone)).toMatchObject({ ref: 'v1.2.0' });
    expect((await breakingChangeGate(specOf(clone), clone)).ok).toBe(false);
    fs.writeFileSync(specOf(clone), fs.readFileSync(specOf(clone), 'utf8').replace('version: 1.0.0', 'version: 2.0.0'));
    const result = await breakingChangeGate(specOf(clone), clone);
    expect(result.lines.join('\n')).toContain('announced by the major bump 1.0.0 -> 2.0.0');
    expect(result.ok).toBe(true);
  });

  it('says what to do in a shallow clone', async () => {
    const shallow = cloneOf(repo, '--depth', '1');
    await expect(findBaseline(shallow)).rejects.toThrow(/shallow.*git fetch --unshallow --tags/);
  });
});
