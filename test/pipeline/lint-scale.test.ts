// Lint that scales: a generated 60-operation spec in the house style (a multi-file tree like
// openapi/) lints with zero findings under the project's waivers, which name no operation of
// it; what the waivers do not cover is still found, at its file and line.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSpec } from '../../src/pipeline/pipeline.js';
import { formatProblem } from '../../src/pipeline/problems.js';
import { lintWithSpectral, spectralFindings } from '../../src/pipeline/spectral.js';
import { bundleWithRedocly } from '../../src/pipeline/redocly.js';
import { toPointer } from '../../src/pipeline/source-map.js';
import { SPECTRAL_IGNORE, SPEC_ROOT } from '../../src/pipeline/paths.js';
import { writeSyntheticSpec } from './synthetic-spec.js';

const OPERATIONS = 60;
let dir: string;
let root: string;

/** A copy of the synthetic tree, changed by `change(dir)`; removed after `use`. */
async function variant<T>(change: (copy: string) => Promise<void>, use: (root: string) => Promise<T>): Promise<T> {
  const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'lint-scale-variant-'));
  try {
    await fs.cp(dir, copy, { recursive: true });
    await change(copy);
    return await use(path.join(copy, 'openapi.yaml'));
  } finally {
    await fs.rm(copy, { recursive: true, force: true });
  }
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const text = await fs.readFile(file, 'utf8');
  const changed = change(text);
  if (changed === text) throw new Error(`the edit changed nothing in ${file}`);
  await fs.writeFile(file, changed);
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lint-scale-'));
  root = await writeSyntheticSpec(dir, OPERATIONS);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe(`a generated ${OPERATIONS}-operation spec in the house style`, { timeout: 120_000 }, () => {
  it('has that many operations, in files under paths/', async () => {
    const bundled = JSON.stringify(await fs.readdir(path.join(dir, 'paths')));
    const count = (await Promise.all((await fs.readdir(path.join(dir, 'paths'))).map((f) => fs.readFile(path.join(dir, 'paths', f), 'utf8'))))
      .join('\n')
      .split('\n')
      .filter((line) => /^(get|post|delete):$/.test(line)).length;
    expect(count, bundled).toBe(OPERATIONS);
  });

  it('has zero Redocly and Spectral findings under the project waivers (none of which names it)', async () => {
    expect((await fs.readFile(SPECTRAL_IGNORE, 'utf8')).toLowerCase()).not.toContain('parcel');
    expect((await lintSpec(undefined, root)).map(formatProblem)).toEqual([]);
  });

  it('still finds what the waivers do not cover: a request string without maxLength, at its file and line', async () => {
    const problems = await variant(
      (copy) => edit(path.join(copy, 'components/schemas/Parcel01Create.yaml'), (t) => t.replace(/ {4}maxLength: 200\n/, '')),
      (variantRoot) => lintWithSpectral(variantRoot),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: 'owasp:api4:2023-string-limit', line: 9, pointer: '#/components/schemas/Parcel01Create/properties/display_name' });
    expect(problems[0]!.file).toMatch(/components\/schemas\/Parcel01Create\.yaml$/);
  });

  it('without the pattern waivers, every response string is found once, where it is written', async () => {
    const problems = await variant(
      (copy) => fs.writeFile(path.join(copy, '.spectral-ignore.yaml'), '[]\n'),
      (variantRoot) => lintWithSpectral(variantRoot),
    );
    const limits = problems.filter((p) => p.rule === 'owasp:api4:2023-string-limit');
    // Per resource: id, display_name, headline, created_at; plus the three shared error strings.
    expect(limits).toHaveLength((OPERATIONS / 4) * 4 + 3);
    expect(new Set(limits.map((p) => p.pointer)).size).toBe(limits.length);
    expect(limits.every((p) => !p.file.includes('paths/'))).toBe(true);
    const rate = problems.filter((p) => p.rule === 'owasp:api4:2023-rate-limit' && p.file.includes('/paths/'));
    expect(rate).toHaveLength(OPERATIONS); // each operation's 2xx response, once
  });

  it('reports a waiver that matches nothing at its line in the waiver file beside the spec', async () => {
    const problems = await variant(
      async (copy) => {
        const waivers = await fs.readFile(SPECTRAL_IGNORE, 'utf8');
        await fs.writeFile(path.join(copy, '.spectral-ignore.yaml'), `${waivers}- rule: owasp:api4:2023-string-limit\n  at: '#/components/schemas/Nothing/**'\n  reason: matches no node of this spec at all\n`);
      },
      (variantRoot) => lintWithSpectral(variantRoot),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: 'stale-waiver', line: (await fs.readFile(SPECTRAL_IGNORE, 'utf8')).split('\n').length });
    expect(problems[0]!.file).toMatch(/\.spectral-ignore\.yaml$/);
  });

  it('a path item written in the root document breaks the house rule, at its line there', async () => {
    const problems = await variant(
      async (copy) => {
        const item = await fs.readFile(path.join(copy, 'paths/parcels01.yaml'), 'utf8');
        await edit(path.join(copy, 'openapi.yaml'), (t) => t.replace('    $ref: paths/parcels01.yaml\n', `${item.replace(/^/gm, '    ').replace(/\.\.\/components/g, 'components')}\n`));
      },
      (variantRoot) => lintWithSpectral(variantRoot),
    );
    const rule = problems.filter((p) => p.rule === 'postpress-paths-are-refs');
    expect(rule).toHaveLength(1);
    expect(rule[0]!.file).toMatch(/openapi\.yaml$/);
    expect(rule[0]!.message).toContain('written in openapi.yaml');
  });

  it('content rules find the same nodes when each shared component is linted once as when every ref is walked', async () => {
    // The product spec and the grown fixture (every operation shape); the full walk is slow at 60.
    for (const specRoot of [SPEC_ROOT, path.join(path.dirname(SPECTRAL_IGNORE), 'test/fixtures/grown/openapi/openapi.yaml')]) {
      const bundle = await bundleWithRedocly(specRoot);
      const of = async (contentOnce: boolean) =>
        [...new Set((await spectralFindings(bundle.document, bundle.sourceMap(), specRoot, { contentOnce })).map((f) => `${f.rule} ${toPointer(f.route)}`))].sort();
      const once = await of(true);
      expect(once.length).toBeGreaterThan(10); // before waivers: every string, rate-limit and CORS finding
      expect(once).toEqual(await of(false));
    }
  });
});
