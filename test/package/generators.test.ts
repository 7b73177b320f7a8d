// The generators we depend on, frozen: openapi-typescript and openapi-fetch are in maintenance
// mode, so they are pinned exactly, and generated/schema.ts is the file openapi-typescript's own
// CLI writes from redocly.yaml (so `npx openapi-typescript` never shows up as drift). The route off
// them (@hey-api/openapi-ts) is tested by hey-api.pack.ts in `npm run test:package`.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/pipeline/paths.js';

const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
const allDeps = { ...pkg.dependencies, ...pkg.devDependencies } as Record<string, string>;
const installedVersion = (name: string) => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
const redocly = parse(fs.readFileSync(path.join(PROJECT_ROOT, 'redocly.yaml'), 'utf8')) as { apis: Record<string, { root: string; 'x-openapi-ts': Record<string, unknown> }> };
const [apiName, api] = Object.entries(redocly.apis)[0]!;

describe('generators, pinned', () => {
  it.each(['openapi-typescript', 'openapi-fetch', '@hey-api/openapi-ts'])('%s: an exact version in package.json, and that version installed', (name) => {
    expect(allDeps[name], name).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installedVersion(name)).toBe(allDeps[name]);
  });
});

describe("generated/schema.ts is what openapi-typescript's CLI writes from redocly.yaml", () => {
  it('x-openapi-ts holds the output and, for each option, the value the CLI uses without flags (false)', () => {
    const block = api['x-openapi-ts'];
    expect(block['output']).toBe('./generated/schema.ts');
    const help = fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules/openapi-typescript/bin/cli.js'), 'utf8');
    for (const [key, value] of Object.entries(block)) {
      if (key === 'output') continue;
      // A flag the CLI has (`--export-type` for exportType)...
      expect(help, key).toContain(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
      // ...left at its default, since the CLI does not read this block's options.
      expect(value, key).toBe(false);
    }
  });

  it('byte for byte', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'postpress-oats-'));
    try {
      // The project's config, writing into the temp folder instead of generated/.
      const config = structuredClone(redocly);
      config.apis[apiName]!.root = path.join(PROJECT_ROOT, api.root);
      config.apis[apiName]!['x-openapi-ts']['output'] = './schema.ts';
      await fsp.writeFile(path.join(dir, 'redocly.yaml'), stringify(config));
      for (const extra of ['.redocly.lint-ignore.yaml']) {
        if (fs.existsSync(path.join(PROJECT_ROOT, extra))) await fsp.copyFile(path.join(PROJECT_ROOT, extra), path.join(dir, extra));
      }
      await promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/openapi-typescript/bin/cli.js'), '--redocly', path.join(dir, 'redocly.yaml')], { cwd: dir });
      const fromCli = await fsp.readFile(path.join(dir, 'schema.ts'), 'utf8');
      expect(fromCli.length).toBeGreaterThan(1000);
      expect(fromCli === fs.readFileSync(path.join(PROJECT_ROOT, 'generated/schema.ts'), 'utf8')).toBe(true);
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
