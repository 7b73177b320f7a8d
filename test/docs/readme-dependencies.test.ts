// README.md "Dependencies and why": every package the table names is installed and used, and the
// claims of its rows (the only runtime dependency, only in tests, never in the pipeline) hold.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/pipeline/paths.js';

const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
const installed = { ...pkg.dependencies, ...pkg.devDependencies } as Record<string, string>;

const section = readme.slice(readme.indexOf('## Dependencies and why'));
const rows = [...section.matchAll(/^\| (.+?) \| (.+?) \|$/gm)].slice(2).map((m) => ({
  packages: [...m[1]!.matchAll(/`([^`]+)`/g)].map((p) => p[1]!),
  cell: m[1]!,
  why: m[2]!,
}));
const named = rows.flatMap((r) => r.packages);

/** Source text of a folder (or file), recursively: .ts, .js, .mjs, .cjs, .yaml. */
function sources(...entries: string[]): Array<{ file: string; text: string }> {
  return entries.flatMap((entry) => {
    const full = path.join(PROJECT_ROOT, entry);
    const files = fs.statSync(full).isDirectory()
      ? fs.readdirSync(full, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
      : [full];
    return files.filter((f) => /\.(ts|js|mjs|cjs|yaml)$/.test(f)).map((file) => ({ file: path.relative(PROJECT_ROOT, file), text: fs.readFileSync(file, 'utf8') }));
  });
}
const code = sources('src', 'scripts', 'bench', 'test', 'lint', 'bin', '.spectral.yaml');
const pipeline = code.filter((f) => f.file.startsWith(`src${path.sep}`) || f.file.startsWith(`scripts${path.sep}`));

/**
 * Files that reference a package as a module specifier (`'pkg'`, `'pkg/…'`, `node_modules/pkg/`),
 * and with `bins`, also by one of its executables (`'spectral'` next to node_modules/.bin).
 */
function referencesTo(name: string, files = code, bins = false): string[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const names = [`${escape(name)}(?:/[^'"]*)?`];
  if (bins) {
    const bin = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')).bin;
    names.push(...(typeof bin === 'string' ? [name.split('/').pop()!] : Object.keys(bin ?? {})).map(escape));
  }
  const pattern = new RegExp(`['"](?:${names.join('|')})['"]|node_modules/${escape(name)}/`);
  return files.filter((f) => pattern.test(f.text)).map((f) => f.file);
}

describe('README dependency table', () => {
  it('names packages that package.json installs', () => {
    expect(named.length).toBeGreaterThan(15);
    expect(named.filter((name) => !(name in installed))).toEqual([]);
  });

  it('names only packages the code uses', () => {
    expect(named.filter((name) => referencesTo(name, code, true).length === 0)).toEqual([]);
  });

  it('names the packages the pipeline, the client and the site import', () => {
    for (const name of ['openapi-fetch', 'openapi-typescript', '@redocly/openapi-core', '@stoplight/spectral-core', 'yaml', 'redoc', 'marked']) {
      expect(referencesTo(name, pipeline), name).not.toEqual([]);
      expect(named, name).toContain(name);
    }
  });

  it('holds its claims: the runtime dependencies, test-only and benchmark-only packages kept out of src/', () => {
    expect(rows.filter((r) => r.cell.includes('(runtime:')).flatMap((r) => r.packages).sort()).toEqual(Object.keys(pkg.dependencies).sort());
    expect(rows.filter((r) => r.cell.includes('optional peer')).flatMap((r) => r.packages).sort()).toEqual(Object.keys(pkg.peerDependenciesMeta ?? {}).filter((n) => !n.startsWith('@types/')).sort());
    const outsideSrc = rows.filter((r) => /only in (tests|benchmarks)/.test(`${r.cell} ${r.why}`)).flatMap((r) => r.packages);
    expect(outsideSrc).toEqual(expect.arrayContaining(['fast-xml-parser', '@stoplight/prism-cli', '@redocly/cli', '@stoplight/spectral-cli']));
    for (const name of outsideSrc) expect(referencesTo(name, pipeline), name).toEqual([]);
  });
});
