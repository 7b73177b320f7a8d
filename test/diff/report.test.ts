// The verdict's printout and CHANGELOG entry, in-process (the CLI tests reach them only through a
// child process, where neither coverage nor mutation testing sees them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SpecChange } from '../../src/spec-diff/classify.js';
import { formatChange, formatReport, majorOf, renderChangelogEntry, verdict, writeChangelogEntry } from '../../src/spec-diff/report.js';

const change = (kind: string, clients: SpecChange['clients'], implementations: SpecChange['implementations'], pointer = `#/x/${kind}`): SpecChange => ({
  pointer,
  kind,
  message: `${kind} message`,
  where: 'GET /things',
  clients,
  implementations,
});
const breaking = change('response-required-property-removed', 'breaking', 'safe');
const risky = change('response-enum-widened', 'risky', 'safe');
const implementationBreak = change('request-bounds-widened', 'safe', 'breaking');
const safe = change('response-optional-property-added', 'safe', 'safe');
const docs = change('documentation', 'safe', 'safe');
const version = change('version-changed', 'safe', 'safe', '#/info/version');

describe('majorOf', () => {
  it.each([
    ['1.2.3', 1],
    ['v12.0.1', 12],
    ['4.10.0', 4],
    ['5.0.10', 5],
    [' 2.0.0 ', 2],
    ['3.0.0-beta.1', 3],
    ['3.0.0+build.5', 3],
  ])('%s -> %s', (version, major) => expect(majorOf(version)).toBe(major));

  it.each([['1.2'], ['latest'], ['1.2.3.4'], ['x1.2.3'], ['1.2.3-'], [undefined], [3]])('%s is not MAJOR.MINOR.PATCH', (version) => {
    expect(majorOf(version)).toBeUndefined();
  });
});

describe('verdict', () => {
  it('sorts changes by their worse class and fails a break without a major bump', () => {
    const v = verdict([safe, breaking, risky, implementationBreak], '1.0.0', '1.1.0');
    expect(v).toEqual({ oldVersion: '1.0.0', newVersion: '1.1.0', breaking: [breaking, implementationBreak], risky: [risky], safe: [safe], majorBump: false, fails: true });
  });

  it('a major bump announces breaks; a lower or equal major does not; no break never fails', () => {
    expect(verdict([breaking], '1.9.9', '2.0.0')).toMatchObject({ majorBump: true, fails: false });
    expect(verdict([breaking], '2.0.0', '2.0.0')).toMatchObject({ majorBump: false, fails: true });
    expect(verdict([breaking], '3.0.0', '2.0.0')).toMatchObject({ majorBump: false, fails: true });
    expect(verdict([breaking], undefined, '2.0.0')).toMatchObject({ majorBump: false, fails: true, oldVersion: undefined });
    expect(verdict([risky, safe], '1.0.0', 'latest')).toMatchObject({ majorBump: false, fails: false, newVersion: 'latest' });
    expect(verdict([], 1, 2)).toMatchObject({ oldVersion: undefined, newVersion: undefined });
    expect(verdict([breaking], '1.0.0', undefined)).toMatchObject({ majorBump: false, fails: true });
    expect(verdict([breaking], 'v1.10.0', '2.0.0-rc.1')).toMatchObject({ majorBump: true, fails: false });
  });
});

describe('formatReport', () => {
  it('prints each change with its overall class, both audiences, pointer, message and place, breaking first', () => {
    expect(formatChange(implementationBreak)).toBe(
      'BREAKING clients: safe     implementations: breaking #/x/request-bounds-widened\n         request-bounds-widened message (GET /things)',
    );
    const text = formatReport([safe, risky, breaking], verdict([safe, risky, breaking], '1.0.0', '1.1.0'), 'git:v1', 'openapi.yaml');
    const lines = text.split('\n');
    expect(lines[0]).toBe('spec diff git:v1 (1.0.0) -> openapi.yaml (1.1.0)');
    expect(lines[1]).toMatch(/^BREAKING clients: breaking implementations: safe +#\/x\/response-required-property-removed$/);
    expect(lines[3]).toMatch(/^risky +clients: risky +implementations: safe/);
    expect(lines[5]).toMatch(/^safe +clients: safe +implementations: safe/);
    expect(lines.at(-2)).toBe('3 changes: 1 breaking, 1 risky, 1 safe');
    expect(lines.at(-1)).toBe('FAIL: breaking changes without a major bump of info.version (1.0.0 -> 1.1.0); bump it to 2.0.0 or undo them');
  });

  it('ends with what to do, or why it passes', () => {
    const last = (changes: SpecChange[], from: unknown, to: unknown) => formatReport(changes, verdict(changes, from, to), 'a', 'b').split('\n').at(-1);
    expect(formatReport([safe], verdict([safe], undefined, undefined), 'a', 'b')).toBe(
      'spec diff a (no version) -> b (no version)\nsafe     clients: safe     implementations: safe     #/x/response-optional-property-added\n         response-optional-property-added message (GET /things)\n1 change: 0 breaking, 0 risky, 1 safe\nno breaking change',
    );
    expect(last([breaking], '1.0.0', '2.0.0')).toBe('breaking changes announced by the major version bump 1.0.0 -> 2.0.0');
    expect(last([breaking], '1.0.0', 'next')).toBe('FAIL: breaking changes, and info.version "next" is not MAJOR.MINOR.PATCH');
    expect(last([breaking], '1.0.0', undefined)).toBe('FAIL: breaking changes, and info.version null is not MAJOR.MINOR.PATCH');
    expect(last([breaking], 'old', '1.0.1')).toBe('FAIL: breaking changes without a major bump of info.version (old -> 1.0.1); bump it to 1.0.0 or undo them');
  });
});

describe('CHANGELOG entry', () => {
  it('has a section per class and sums up documentation edits in one line', () => {
    const entry = renderChangelogEntry(verdict([docs, version, safe, risky, breaking, docs], '1.0.0', '2.0.0'), '2026-12-02');
    expect(entry).toBe(
      [
        '## 2.0.0 — 2026-12-02',
        '',
        '### Breaking',
        '',
        '- response-required-property-removed message (GET /things; clients: breaking, implementations: safe). `#/x/response-required-property-removed`',
        '',
        '### Risky',
        '',
        '- response-enum-widened message (GET /things; clients: risky, implementations: safe). `#/x/response-enum-widened`',
        '',
        '### Other changes',
        '',
        '- response-optional-property-added message (GET /things; safe for both). `#/x/response-optional-property-added`',
        '',
        '2 documentation edits (descriptions, summaries, examples).',
        '',
      ].join('\n'),
    );
  });

  it('says when nothing in the contract changed, and counts one documentation edit in the singular', () => {
    expect(renderChangelogEntry(verdict([version], '1.0.0', '1.0.1'), 'D')).toBe('## 1.0.1 — D\n\nNo change to the API contract.\n');
    expect(renderChangelogEntry(verdict([docs], undefined, undefined), 'D')).toBe('## Unreleased — D\n\n1 documentation edit (descriptions, summaries, examples).\n');
  });

  // Each test writes in a folder of its own, so each runs alone and in any order.
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const freshDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changelog-'));
    dirs.push(dir);
    return dir;
  };

  it('goes above the newest entry, or starts the file, and leaves no temp file', async () => {
    const dir = freshDir();
    const file = path.join(dir, 'CHANGELOG.md');
    await writeChangelogEntry(file, '## 1.0.0 — D\n\n- First.\n', '1.0.0');
    expect(fs.readFileSync(file, 'utf8')).toBe('# Changelog\n\n## 1.0.0 — D\n\n- First.\n');
    await writeChangelogEntry(file, '## 1.1.0 — E\n\n- Second.', '1.1.0');
    expect(fs.readFileSync(file, 'utf8')).toBe('# Changelog\n\n## 1.1.0 — E\n\n- Second.\n## 1.0.0 — D\n\n- First.\n');
    expect(fs.readdirSync(dir)).toEqual(['CHANGELOG.md']);
  });

  it('appends below the intro when there is no entry yet', async () => {
    const dir = freshDir();
    const file = path.join(dir, 'intro.md');
    fs.writeFileSync(file, '# Changes\n\nIntro (entries start with ## and a version).\n\n\n');
    await writeChangelogEntry(file, '## 1.0.0 — D', undefined);
    expect(fs.readFileSync(file, 'utf8')).toBe('# Changes\n\nIntro (entries start with ## and a version).\n\n## 1.0.0 — D\n');
  });

  it('refuses a second entry for the same version (not a longer one that starts alike), and reports unreadable files', async () => {
    const dir = freshDir();
    const file = path.join(dir, 'twice.md');
    fs.writeFileSync(file, '# Changelog\n\n## 1.0.0-rc.1 — D\n\n## 1.0.0 — D\n');
    await expect(writeChangelogEntry(file, '## 1.0.0 — E\n', '1.0.0')).rejects.toThrow('twice.md already has an entry for 1.0.0: bump info.version or edit the entry by hand');
    await writeChangelogEntry(file, '## 1.0.0.1 — E\n', '1.0.0.1');
    await writeChangelogEntry(file, '## 1.0 — E\n', '1.0');
    expect(fs.readFileSync(file, 'utf8').match(/^## /gm)).toHaveLength(4);
    // A CHANGELOG.md that cannot be read is an error, not a fresh file to write over it.
    await expect(writeChangelogEntry(dir, '## 9.0.0 — E\n', '9.0.0')).rejects.toMatchObject({ code: 'EISDIR', syscall: 'read' });
    expect(fs.readdirSync(path.dirname(dir)).filter((f) => f.startsWith(`${path.basename(dir)}.tmp-`))).toEqual([]);
  });
});
