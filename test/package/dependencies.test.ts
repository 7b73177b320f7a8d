// What the published code imports at run time (the sources tsconfig.build.json compiles into
// dist/lib) against package.json: each import is a dependency or an optional peer loaded only on
// demand, each dependency is used, and the client entry reaches nothing but openapi-fetch. The
// packed tarball itself is tested by `npm run test:package` (consumer.pack.ts).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/pipeline/paths.js';

const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
const build = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[]; exclude: string[] };

const excluded = (file: string) => build.exclude.some((e) => file === e || file.startsWith(`${e}/`)) || /\.d\.ts$/.test(file);
const published = build.include
  .flatMap((folder) => fs.readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, encoding: 'utf8' }).map((f) => `${folder}/${f.split(path.sep).join('/')}`))
  .filter((file) => file.endsWith('.ts') && !excluded(file));

interface Imports {
  static: string[];
  dynamic: string[];
}
/** Runtime module specifiers of a file: `import … from`, `export … from`, bare `import '…'`, `import('…')`. Type-only ones are left out. */
function importsOf(file: string): Imports {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  const statics = [...text.matchAll(/^\s*(import|export)\s+(type\s)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)]
    .filter((m) => !m[2])
    .map((m) => (m[3] ?? m[4])!);
  const dynamic = [...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].filter((m) => !/typeof\s+$/.test(text.slice(0, m.index))).map((m) => m[1]!);
  return { static: statics, dynamic };
}
const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
const isBare = (spec: string) => !spec.startsWith('.') && !spec.startsWith('node:');

/** Source files an `exports` target compiles from (`./dist/lib/src/x/index.js` -> `src/x/index.ts`). */
function entrySources(target: unknown): string[] {
  const targets = typeof target === 'string' ? [target] : Object.values(target as Record<string, string>);
  return targets.filter((t) => t.startsWith('./dist/lib/') && t.endsWith('.js')).map((t) => t.slice('./dist/lib/'.length).replace(/\.js$/, '.ts'));
}

/** The files reachable from `entries` through relative imports (static and dynamic). */
function reachable(...entries: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !file.endsWith('.ts')) return;
    seen.add(file);
    const { static: s, dynamic } = importsOf(file);
    for (const spec of [...s, ...dynamic]) if (spec.startsWith('.')) visit(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec.replace(/\.js$/, '.ts'))));
  };
  entries.forEach(visit);
  return seen;
}

const PENDING_TOP_LEVEL_AWAIT = new Set<string>();

const all = published.map((file) => ({ file, ...importsOf(file) }));
const optionalPeers = Object.keys(pkg.peerDependencies ?? {}).filter((name) => pkg.peerDependenciesMeta?.[name]?.optional);

describe('runtime imports of the published code', () => {
  it('reads the sources tsconfig.build.json compiles', () => {
    expect(published).toContain('src/client/index.ts');
    expect(published).toContain('src/mock/index.ts');
    expect(published).toContain('src/contract/index.ts');
    expect(published.filter((f) => f.startsWith('src/pipeline/'))).toEqual([]);
  });

  it('statically imports only dependencies (never devDependencies or optional peers)', () => {
    const offenders = all.flatMap(({ file, static: s }) => s.filter(isBare).map(packageName).filter((name) => !(name in pkg.dependencies)).map((name) => `${file}: ${name}`));
    expect(offenders).toEqual([]);
  });

  it('loads an optional peer only with import(), so the rest works without it', () => {
    const offenders = all.flatMap(({ file, dynamic }) => dynamic.filter(isBare).map(packageName).filter((name) => !(name in pkg.dependencies) && !optionalPeers.includes(name)).map((name) => `${file}: ${name}`));
    expect(offenders).toEqual([]);
  });

  it('uses every dependency', () => {
    const used = new Set(all.flatMap(({ static: s, dynamic }) => [...s, ...dynamic].filter(isBare).map(packageName)));
    expect(Object.keys(pkg.dependencies).filter((name) => !used.has(name))).toEqual([]);
  });

  it('has no top-level await where an export reaches (require() on Node >= 20.19 refuses such a graph)', () => {
    const found = new Map<string, string>();
    for (const file of reachable(...Object.values(pkg.exports).flatMap(entrySources))) {
      const source = ts.createSourceFile(file, fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) return;
        if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) {
          found.set(file, `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    // Still to fix (named in the closing note): `postpress-api/contract` re-exports its CLI, whose
    // last line awaits main(); until then require('postpress-api/contract') throws
    // ERR_REQUIRE_ASYNC_MODULE (the consumer test fails on it). Remove the entry once fixed.
    for (const file of PENDING_TOP_LEVEL_AWAIT) expect(found.has(file), `${file} has no top-level await any more: drop it from PENDING_TOP_LEVEL_AWAIT`).toBe(true);
    expect([...found].filter(([file]) => !PENDING_TOP_LEVEL_AWAIT.has(file)).map(([, where]) => where)).toEqual([]);
  });

  it('the client entry reaches no package but openapi-fetch (a client-only app loads nothing of the mock or kit)', () => {
    const files = reachable('src/client/index.ts');
    expect(files.size).toBeGreaterThan(3);
    const packages = new Set([...files].flatMap((file) => {
      const { static: s, dynamic } = importsOf(file);
      return [...s, ...dynamic].filter(isBare).map(packageName);
    }));
    expect([...packages]).toEqual(['openapi-fetch']);
  });
});
