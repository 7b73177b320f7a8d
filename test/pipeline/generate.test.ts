// The pipeline: zero lint findings, deterministic output equal to what is committed, and a broken
// spec stops `npm run generate` with the file and line, leaving generated/ and dist/ untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSpec, produceOutputs } from '../../src/pipeline/pipeline.js';
import { diffOutputs } from '../../src/pipeline/outputs.js';
import { GENERATED_DIR } from '../../src/pipeline/paths.js';
import { formatProblem } from '../../src/pipeline/problems.js';
import { copyProject, type ProjectCopy } from './project-copy.js';
import { BROKEN, expectGenerateStops } from './broken-specs.js';

describe('the spec in openapi/', () => {
  it('has zero Redocly and Spectral findings (after waivers)', async () => {
    const problems = await lintSpec();
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('produces byte-identical outputs twice, equal to the committed generated/ (no drift)', async () => {
    const first = await produceOutputs();
    const second = await produceOutputs();
    const files = (o: typeof first) => [...o.outputs].map(([dir, f]) => [dir, [...f]]);
    expect(files(second)).toEqual(files(first));
    expect(await diffOutputs(GENERATED_DIR, first.outputs.get(GENERATED_DIR)!)).toEqual([]);
  });
});

// Each case runs the real script in a child process (~4 s of module loading on an idle core):
// here a YAML error and a lint finding; the whole matrix in generate-broken.pack.ts.
const IN_NPM_TEST = ['a YAML syntax error', 'a house-rule finding (operationId not verb-first)'];

describe('npm run generate on a broken spec', { timeout: 180_000 }, () => {
  let pristine: ProjectCopy;

  beforeAll(async () => {
    pristine = await copyProject();
  });
  afterAll(async () => {
    await pristine?.remove();
  });

  it('writes nothing when the outputs are already up to date (a second run changes no byte)', async () => {
    const result = await pristine.runScript('scripts/generate.ts');
    expect(result.code, result.stderr).toBe(0);
    const before = await pristine.outputsDigest();
    const again = await pristine.runScript('scripts/generate.ts');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('outputs already up to date');
    expect(await pristine.outputsDigest()).toBe(before);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/Node\.js 20|Deprecation warning/);
  });

  it.concurrent.each(BROKEN.filter((c) => IN_NPM_TEST.includes(c.name)))('stops on $name with file and line, leaving generated/ and dist/ untouched', async (brokenCase) => {
    await expectGenerateStops(brokenCase);
  });

  it('runs the cases it names', () => {
    expect(BROKEN.filter((c) => IN_NPM_TEST.includes(c.name))).toHaveLength(IN_NPM_TEST.length);
  });
});
