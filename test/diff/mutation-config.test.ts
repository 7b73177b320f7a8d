// `npm run test:mutation`: Stryker stays at 9.6.1 (Stryker 10 refuses Node 20), every module of
// stryker/modules.mjs names files that exist, src/spec-diff is mutated whole, and a wrong module
// name is refused.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
interface MutationModule {
  mutate: string[];
  testFiles: string[];
  break: number;
  uncovered?: number;
}
const { MODULES } = (await import(new URL('../../stryker/modules.mjs', import.meta.url).href)) as { MODULES: Record<string, MutationModule> };

/** The folder or file a glob starts from (`src/client/**` -> `src/client`). */
const fixedPart = (glob: string) => glob.replace(/^!/, '').split('*')[0]!.replace(/\/$/, '');

describe('mutation testing setup', () => {
  it.each(['@stryker-mutator/core', '@stryker-mutator/vitest-runner'])('%s is pinned to 9.6.1 and installed at it', (name) => {
    expect(pkg.devDependencies[name]).toBe('9.6.1');
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version).toBe('9.6.1');
  });

  it('runs from npm run test:mutation', () => {
    expect(pkg.scripts['test:mutation']).toBe('node stryker/run.mjs');
  });

  it.each(Object.entries(MODULES))('module %s names files that exist and a threshold', (_name, module) => {
    expect(module.mutate.length).toBeGreaterThan(0);
    expect(module.testFiles.length).toBeGreaterThan(0);
    for (const glob of [...module.mutate, ...module.testFiles]) expect(fs.existsSync(path.join(ROOT, fixedPart(glob))), glob).toBe(true);
    expect(module.break).toBeGreaterThanOrEqual(75);
  });

  it('mutates every file of src/spec-diff, with no uncovered mutant allowed', () => {
    const mutated = Object.values(MODULES).filter((m) => m.mutate.every((g) => g.startsWith('src/spec-diff/')));
    const files = fs.readdirSync(path.join(ROOT, 'src/spec-diff')).map((f) => `src/spec-diff/${f}`);
    expect(mutated.flatMap((m) => m.mutate).sort()).toEqual(files.sort());
    for (const module of mutated) expect(module).toMatchObject({ break: 85, uncovered: 0 });
  });

  it('refuses a module it does not know', async () => {
    const error = (await promisify(execFile)(process.execPath, [path.join(ROOT, 'stryker/run.mjs'), 'nope'], { cwd: ROOT }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).toBe(2);
    expect(error.stderr).toContain(`test:mutation: unknown module nope; one of ${Object.keys(MODULES).join(', ')}`);
  });

  it('stryker/survivors.mjs scores partial reports (the last one wins) and prints the ranges that run the survivors again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'survivors-'));
    const mutant = (line: number, status: string, replacement = 'false') => ({ id: String(line), mutatorName: 'ConditionalExpression', replacement, status, location: { start: { line, column: 5 }, end: { line, column: 9 } } });
    const report = (name: string, list: unknown[]) => {
      fs.writeFileSync(path.join(dir, name), JSON.stringify({ files: { 'src/a.ts': { source: 'one\ntwo\nthree', mutants: list } } }));
      return path.join(dir, name);
    };
    const first = report('first.json', [mutant(1, 'Killed'), mutant(2, 'Survived'), mutant(3, 'NoCoverage'), mutant(3, 'Ignored', 'true')]);
    const again = report('again.json', [mutant(2, 'Killed')]);
    const run = async (...args: string[]) => (await promisify(execFile)(process.execPath, [path.join(ROOT, 'stryker/survivors.mjs'), ...args])).stdout;
    expect(await run(first, '--list')).toBe(
      ['src/a.ts                                  33.33%  3 mutants, 1 survived, 1 uncovered', 'all                                       33.33%  3 mutants, 1 killed', 'src/a.ts:2 Survived ConditionalExpression "false" | two', 'src/a.ts:3 NoCoverage ConditionalExpression "false" | three', ''].join('\n'),
    );
    expect(await run(first, again)).toContain('src/a.ts                                  66.67%  3 mutants, 0 survived, 1 uncovered');
    expect(await run(first, again, '--ranges')).toBe('src/a.ts:3:4-3:8\n');
  });

  it('stryker/survivors.mjs moves a report of an older source to the current lines, leaving out mutants on changed lines', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'survivors-'));
    const file = path.join(dir, 'b.ts');
    fs.writeFileSync(file, 'zero\none\nTWO\nthree');
    const mutant = (line: number) => ({ id: String(line), mutatorName: 'ConditionalExpression', replacement: 'false', status: 'Survived', location: { start: { line, column: 5 }, end: { line, column: 9 } } });
    const old = path.join(dir, 'old.json');
    fs.writeFileSync(old, JSON.stringify({ files: { [file]: { source: 'one\ntwo\nthree', mutants: [mutant(1), mutant(2), mutant(3)] } } }));
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'stryker/survivors.mjs'), old, '--ranges']);
    expect(stdout).toBe(`${file}:2:4-2:8,${file}:4:4-4:8\n`);
    expect(stderr).toBe(`${old}: 1 mutants of ${file} on lines changed since, left out\n`);
    const listed = (await promisify(execFile)(process.execPath, [path.join(ROOT, 'stryker/survivors.mjs'), old, '--list'])).stdout;
    expect(listed).toContain(`${file}:2 Survived ConditionalExpression "false" | one`);
    expect(listed).toContain(`${file}:4 Survived ConditionalExpression "false" | three`);
  });
});

