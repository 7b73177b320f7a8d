// npm run release: the version rule and the edit of info.version, in-process. The runs on git
// copies of the project are in release.pack.ts (npm run test:package).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, SPEC_ROOT } from '../../src/pipeline/paths.js';
import { bumpFor, bumpVersion, compareVersions, setInfoVersion } from '../../scripts/release.js';
import type { SpecChange } from '../../src/spec-diff/classify.js';

describe('the version rule', () => {
  const change = (kind: string, clients: SpecChange['clients'] = 'safe', implementations: SpecChange['implementations'] = 'safe'): SpecChange => ({ pointer: '/x', kind, message: '', where: '', clients, implementations });

  it('breaking for either audience: major; other contract changes: minor; documentation only: patch; nothing: none', () => {
    expect(bumpFor([change('documentation'), change('response-property-removed', 'breaking')])).toBe('major');
    expect(bumpFor([change('response-required-added', 'safe', 'breaking')])).toBe('major');
    expect(bumpFor([change('documentation'), change('operation-added', 'safe', 'risky')])).toBe('minor');
    expect(bumpFor([change('server-added')])).toBe('minor');
    expect(bumpFor([change('documentation'), change('version-changed')])).toBe('patch');
    expect(bumpFor([change('version-changed')])).toBeUndefined();
    expect(bumpFor([])).toBeUndefined();
  });

  it('bumps and compares MAJOR.MINOR.PATCH', () => {
    expect(bumpVersion('1.4.2', 'major')).toBe('2.0.0');
    expect(bumpVersion('1.4.2', 'minor')).toBe('1.5.0');
    expect(bumpVersion('1.4.2', 'patch')).toBe('1.4.3');
    expect(() => bumpVersion('1.4', 'patch')).toThrow('version "1.4" is not MAJOR.MINOR.PATCH');
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
    expect(compareVersions('1.0.0', '1.0.1')).toBeLessThan(0);
  });

  it('sets info.version and nothing else of the root file', () => {
    const text = "openapi: 3.1.0\ninfo:\n  title: T\n  version: 1.0.0 # the spec's\n  x-updated: '2026-01-01'\nservers:\n  - url: https://x\n    version: 9.9.9\n";
    expect(setInfoVersion(text, '1.1.0')).toBe(text.replace('version: 1.0.0', 'version: 1.1.0'));
    expect(setInfoVersion("info:\n  version: '1.0.0'\n", '2.0.0')).toBe("info:\n  version: '2.0.0'\n");
    expect(() => setInfoVersion('info:\n  title: T\n', '1.0.0')).toThrow(/no `version:` line/);
    expect(() => setInfoVersion('openapi: 3.1.0\n', '1.0.0')).toThrow(/no top-level info/);
  });
});

describe('the documented relation', () => {
  it("package.json's version is the spec's info.version (and package-lock.json's)", () => {
    const infoVersion = (parse(fs.readFileSync(SPEC_ROOT, 'utf8')) as { info: { version: string } }).info.version;
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
    const lock = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8'));
    expect(pkg.version).toBe(infoVersion);
    expect([lock.version, lock.packages[''].version]).toEqual([infoVersion, infoVersion]);
  });
});
