// `npm run bench:scale [-- --sizes 1,10,100,500 --rounds 3]`: synthetic specs in the house style
// (test/pipeline/synthetic-spec.ts: a multi-file tree like openapi/, with the product's shared
// error responses), side by side in one run, each column also as a ratio to N=1:
//  - generate: a cold `npm run generate -- --spec TREE --out DIR` (lint, bundle, types, operation
//    table, docs, site), median of the rounds, run in turn across sizes; and the cost per added
//    operation ((t(N) - t(1)) / (N - 1)); its CPU time too (all threads, as generate reports it),
//    which a loaded machine does not inflate the way it inflates wall time;
//  - lint findings: generate stops on any finding, so it exiting 0 means zero;
//  - generated/: bytes of the four files; client: src/client bundled by esbuild (minified) with
//    that spec's generated/ in place of ours;
//  - kit start-up: `runContract({ spec })` on the bundled spec generate wrote, until the kit's first
//    request (bench/kit-startup.ts), in this process after one warm-up, median of the rounds;
//  - docs: ms from navigation until the first operation's heading is visible, Chromium, on the
//    site generate wrote.
// A column whose capability cannot be measured here prints `n/a (reason)`, never a made-up number.
// Targets (exit 1 when one is missed): generate at the largest size at most 4x its time at 1,
// and zero lint findings at every size.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeSyntheticSpec } from '../test/pipeline/synthetic-spec.js';
import { REPO_ROOT } from '../test/watch/temp-project.js';
import { kitToFirstRequest } from './kit-startup.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1,10,100,500' }, rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '3' } } });
const SIZES = values.sizes.split(',').map((s) => Number(s.trim()));
const ROUNDS = Number(values.rounds);
if (SIZES[0] !== 1 || SIZES.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(ROUNDS) || ROUNDS < 1) {
  console.error('bench:scale: --sizes is a list of positive integers starting with 1 (e.g. 1,10,100,500); --rounds a positive integer');
  process.exit(2);
}
const GENERATE_TARGET = 4;
const log = (line: string) => process.stdout.write(`${line}\n`);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)]!;

/** A measured value, or why there is none. */
type Cell = { value: number; unit: 'ms' | 'B' } | { na: string };

interface Size {
  n: number;
  root: string;
  out: string;
  generateMs: number[];
  /** CPU of the generate process, all threads, as it reports. */
  generateCpuMs: number[];
  generateFailure?: string;
}

function runGenerate(size: Size): Promise<{ ms: number; code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts/run-compiled.mjs'), 'generate', '--spec', size.root, '--out', size.out], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - start, code, output }));
  });
}

async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await fs.stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** src/client bundled (minified) with this spec's generated/ in place of the project's. */
async function clientBytes(size: Size): Promise<Cell> {
  const { build } = await import('esbuild');
  const generated = path.join(size.out, 'generated');
  const ours = path.join(REPO_ROOT, 'generated');
  const result = await build({
    entryPoints: [path.join(REPO_ROOT, 'src/client/index.ts')],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    external: ['openapi-fetch'],
    logLevel: 'silent',
    plugins: [{
      name: 'this-spec-generated',
      setup(b) {
        b.onResolve({ filter: /generated\/[a-z]+\.js$/ }, (args) => {
          const target = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
          return target.startsWith(ours + path.sep) ? { path: path.join(generated, path.relative(ours, target)) } : undefined;
        });
      },
    }],
  });
  return { value: result.outputFiles.reduce((sum, f) => sum + f.contents.length, 0), unit: 'B' };
}

/** The contract kit loading the spec (bundle, model, validators). */
async function kitStartup(size: Size): Promise<Cell> {
  // The bundled spec generate wrote: what --spec is given. A multi-file tree would add Redocly's
  // bundling, which `generate` measures already.
  const bundled = path.join(size.out, 'generated', 'openapi.json');
  await kitToFirstRequest(bundled); // warm-up: module loading and JIT are not the spec's cost
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // A fresh copy, so that no cache keyed on the file or the document serves the next round.
    const copy = path.join(work, `kit-${size.n}-${round}.json`);
    await fs.copyFile(bundled, copy);
    times.push(await kitToFirstRequest(copy));
    await fs.rm(copy, { force: true });
  }
  return { value: median(times), unit: 'ms' };
}

interface Browser {
  firstVisible(size: Size): Promise<Cell>;
  close(): Promise<void>;
}

/** Chromium on the site generate wrote: ms until the first operation's heading is visible. */
async function openBrowser(): Promise<Browser | { na: string }> {
  const [{ chromiumAvailable, launchChromium, CHROMIUM_PATH }, { startStaticServer }, { buildSpecModel }] = await Promise.all([
    import('../src/site/chromium.js'),
    import('../src/site/static-server.js'),
    import('../src/spec/model.js'),
  ]);
  if (!chromiumAvailable()) return { na: `no Chromium at ${CHROMIUM_PATH}` };
  const chromium = await launchChromium();
  return {
    async firstVisible(size) {
      const site = path.join(size.out, 'dist', 'site');
      const document = JSON.parse(await fs.readFile(path.join(size.out, 'generated', 'openapi.json'), 'utf8'));
      const first = buildSpecModel(document).operations[0];
      if (!first) return { na: 'no operation' };
      const server = await startStaticServer(site);
      const times: number[] = [];
      try {
        for (let round = 0; round < ROUNDS; round++) {
          const page = await chromium.context.newPage();
          try {
            await page.goto(server.url, { waitUntil: 'commit' });
            const heading = page.locator('h2', { hasText: first.summary }).first();
            await heading.waitFor({ state: 'visible', timeout: 60_000 });
            times.push(await page.evaluate(() => performance.now()));
          } finally {
            await page.close();
          }
        }
      } finally {
        await server.close();
      }
      return { value: median(times), unit: 'ms' };
    },
    close: () => chromium.close(),
  };
}

async function measure(label: string, run: () => Promise<Cell>): Promise<Cell> {
  try {
    return await run();
  } catch (error) {
    return { na: `${label} failed: ${(error as Error).message.split('\n')[0]}` };
  }
}

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-scale-'));
let exitCode = 0;
try {
  log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${ROUNDS} rounds`);
  const sizes: Size[] = [];
  for (const n of SIZES) {
    const root = await writeSyntheticSpec(path.join(work, `spec-${n}`), n);
    sizes.push({ n, root, out: path.join(work, `out-${n}`), generateMs: [], generateCpuMs: [] });
  }
  // One unmeasured run: compiles the script and fills the caches, as on a developer's machine.
  await runGenerate(sizes[0]!);
  for (let round = 0; round < ROUNDS; round++) {
    for (const size of sizes) {
      await fs.rm(size.out, { recursive: true, force: true }); // outputs must be written, not found up to date
      const result = await runGenerate(size);
      if (result.code !== 0) {
        size.generateFailure = result.output.split('\n').find((l) => /problems? in the spec|failed/.test(l)) ?? `exit ${result.code}`;
        log(`  N=${size.n}: generate failed:\n${result.output}`);
      } else {
        size.generateMs.push(result.ms);
        const cpu = /done in \d+ ms \(cpu (\d+) ms\)/.exec(result.output)?.[1];
        if (cpu) size.generateCpuMs.push(Number(cpu));
      }
    }
    log(`  round ${round + 1}: ${sizes.map((s) => `N=${s.n} ${s.generateMs.at(-1)?.toFixed(0) ?? 'failed'} ms`).join(' | ')}`);
  }
  const columns: Record<string, Cell[]> = { generate: [], 'generate cpu': [], 'generated/': [], client: [], 'kit start-up': [], 'docs first op': [] };
  for (const size of sizes) {
    const ok = size.generateFailure === undefined;
    columns.generate!.push(ok ? { value: median(size.generateMs), unit: 'ms' } : { na: `generate failed: ${size.generateFailure}` });
    columns['generate cpu']!.push(ok && size.generateCpuMs.length > 0 ? { value: median(size.generateCpuMs), unit: 'ms' } : { na: ok ? 'not reported' : 'generate failed' });
    columns['generated/']!.push(ok ? { value: await bytesUnder(path.join(size.out, 'generated')), unit: 'B' } : { na: 'generate failed' });
    columns.client!.push(ok ? await measure('esbuild', () => clientBytes(size)) : { na: 'generate failed' });
    columns['kit start-up']!.push(await measure('kit', () => kitStartup(size)));
  }
  const browser = await openBrowser().catch((error: Error) => ({ na: `Chromium failed: ${error.message.split('\n')[0]}` }));
  for (const size of sizes) {
    if ('na' in browser) columns['docs first op']!.push(browser);
    else columns['docs first op']!.push(size.generateFailure === undefined ? await measure('docs', () => browser.firstVisible(size)) : { na: 'generate failed' });
  }
  if (!('na' in browser)) await browser.close();

  // The table: value and ratio to N=1 in each column.
  const show = (cell: Cell, base: Cell | undefined): string => {
    if ('na' in cell) return `n/a (${cell.na})`;
    const value = cell.unit === 'ms' ? `${cell.value.toFixed(0)} ms` : `${(cell.value / 1024).toFixed(1)} KiB`;
    const ratio = base && !('na' in base) ? ` ${(cell.value / base.value).toFixed(2)}x` : '';
    return `${value}${ratio}`;
  };
  const header = ['N ops', 'lint findings', ...Object.keys(columns), 'per added op'];
  const rows = sizes.map((size, i) => {
    const gen = columns.generate![i]!;
    const base = columns.generate![0]!;
    const perOp = i === 0 || 'na' in gen || 'na' in base ? '—' : `${((gen.value - base.value) / (size.n - 1)).toFixed(1)} ms`;
    return [String(size.n), size.generateFailure === undefined ? '0' : 'see above', ...Object.values(columns).map((cells) => show(cells[i]!, cells[0])), perOp];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ');
  log('');
  log(line(header));
  log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) log(line(row));
  log('');

  const missed: string[] = [];
  for (const size of sizes) if (size.generateFailure !== undefined) missed.push(`N=${size.n}: generate did not pass (${size.generateFailure})`);
  const first = columns.generate![0]!;
  const last = columns.generate![sizes.length - 1]!;
  if (!('na' in first) && !('na' in last)) {
    const ratio = last.value / first.value;
    log(`generate at N=${sizes.at(-1)!.n}: ${ratio.toFixed(2)}x its time at N=1 (target <= ${GENERATE_TARGET}x)`);
    if (ratio > GENERATE_TARGET) missed.push(`generate ${ratio.toFixed(2)}x > ${GENERATE_TARGET}x`);
  }
  log(missed.length ? `bench:scale: MISSED ${missed.join('; ')}` : 'bench:scale: all targets met');
  if (missed.length) exitCode = 1;
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
process.exitCode = exitCode;
