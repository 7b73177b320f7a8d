// The package as a consumer gets it: `npm pack`, the tarball installed into fresh projects
// (TypeScript nodenext, TypeScript bundler, plain .mjs, CommonJS, an esbuild browser bundle of the
// client), each type-checked and making a real call against the mock; each bin run through npx.
// One install serves every project (they are subfolders of the install); the five compilations
// start together. Run by `npm run test:package` (vitest.package.config.ts; .ci/run runs it after
// `npm test`): it takes longer than the unit suite may.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { RunningMock } from '../../src/mock/index.js';
import { chromiumAvailable, launchChromium } from '../../src/site/chromium.js';
import { TSC, installConsumers, packTarball, pkg, writeProject, type Packed } from './pack.js';

const exec = promisify(execFile);
const timings: Record<string, number> = {};
async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[label] = Math.round(performance.now() - start);
  }
}

let packed: Packed;
let root: string;
let mock: RunningMock;
/** The mock module as installed from the tarball (the projects' calls go to this one too). */
let installedMock: typeof import('../../src/mock/index.js');
const installed = () => path.join(root, 'node_modules', pkg.name);

/** Runs a command; resolves with its output, or rejects with everything it printed. */
async function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  try {
    return await exec(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 16 << 20 });
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${e.code}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}
/** Process ids below `pid`, parents before children (from /proc). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length > 0; ) {
    frontier = [...parentOf].filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...frontier);
  }
  return found;
}
const tsc = (project: string) => sh(process.execPath, [TSC, '-p', project], project);
/** Each project's type-check (and compilation, where it emits), started together in beforeAll. */
const compiled = new Map<string, Promise<unknown>>();
const compile = (name: string) => compiled.get(name)!;

// The call each project makes, in each project's own syntax.
const CALL = `
  const r = await client.listSentInvitations({ account_id: ACCOUNT, limit: 3 });
  if (!r.ok) throw new Error('status ' + r.status);
  const ids = r.data.items.map((item) => item.id);`;

// skipLibCheck stays off where it proves something about our declaration files: nodenext (they
// are valid with @types/node) and bundler (the client's need no @types/node).
const NODE_TSCONFIG = { compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, outDir: 'out', types: ['node'], skipLibCheck: false } };
const FAST = { skipLibCheck: true };

beforeAll(async () => {
  packed = await timed('pack (compile + npm pack)', packTarball);
  root = await timed('npm install of the tarball', () => installConsumers(packed));
  installedMock = await import(pathToFileURL(createRequire(path.join(root, 'package.json')).resolve(`${pkg.name}/mock`)).href);
  mock = await installedMock.startMockServer({ port: 0 });
  const config = `export const BASE_URL = ${JSON.stringify(mock.url)};\nexport const API_KEY = ${JSON.stringify(installedMock.MOCK_API_KEY)};\nexport const ACCOUNT = ${JSON.stringify(installedMock.MOCK_ACCOUNTS.small)};\n`;

  await writeProject(root, 'nodenext', {
    'package.json': { type: 'module' },
    'tsconfig.json': NODE_TSCONFIG,
    'index.ts': `import { createPostpressClient, PostpressError, type OperationResult } from '${pkg.name}';
import { startMockServer, MOCK_API_KEY, MOCK_ACCOUNTS } from '${pkg.name}/mock';
const ACCOUNT = MOCK_ACCOUNTS.small;
const mock = await startMockServer({ port: 0 });
try {
  const client = createPostpressClient({ apiKey: MOCK_API_KEY, baseUrl: mock.url });
  ${CALL}
  const typed: OperationResult<'listSentInvitations'> = r;
  // @ts-expect-error limit is a number in the spec
  void (() => client.listSentInvitations({ account_id: ACCOUNT, limit: 'three' }));
  // @ts-expect-error no such operation
  void (() => client.noSuchOperation());
  console.log(JSON.stringify({ ids, status: typed.status, error: PostpressError.name }));
} finally {
  await mock.close();
}
`,
  });

  // Client only, as a bundler-based app sees it: no @types/node, DOM lib.
  await writeProject(root, 'bundler', {
    'package.json': { type: 'module' },
    'tsconfig.json': { compilerOptions: { module: 'esnext', moduleResolution: 'bundler', target: 'es2022', lib: ['es2022', 'dom'], strict: true, outDir: 'out', types: [], skipLibCheck: false } },
    'config.ts': config,
    'main.ts': `import { createPostpressClient } from '${pkg.name}';
import { ACCOUNT, API_KEY, BASE_URL } from './config.js';
const client = createPostpressClient({ apiKey: API_KEY, baseUrl: BASE_URL });
${CALL}
// @ts-expect-error account_id is required
void (() => client.listSentInvitations({ limit: 3 }));
console.log(JSON.stringify({ ids, status: r.status }));
`,
  });

  // Plain JavaScript, checked by TypeScript through JSDoc; also runs the contract kit.
  await writeProject(root, 'mjs', {
    'tsconfig.json': { compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, allowJs: true, checkJs: true, noEmit: true, types: ['node'], ...FAST }, include: ['*.mjs'] },
    'index.mjs': `// @ts-check
import { createPostpressClient } from '${pkg.name}';
import { startMockServer, MOCK_API_KEY, MOCK_ACCOUNTS } from '${pkg.name}/mock';
import { runContract, assertConforming } from '${pkg.name}/contract';
const ACCOUNT = MOCK_ACCOUNTS.small;
const mock = await startMockServer({ port: 0 });
try {
  const client = createPostpressClient({ apiKey: MOCK_API_KEY, baseUrl: mock.url });
  ${CALL}
  // @ts-expect-error limit is a number in the spec
  void (() => client.listSentInvitations({ account_id: ACCOUNT, limit: 'three' }));
  const report = await runContract({ seed: 1, maxRequests: 80 }); // against its own in-process mock
  assertConforming(report);
  console.log(JSON.stringify({ ids, contractRequests: report.requests, conforming: report.conforming }));
} finally {
  await mock.close();
}
`,
  });

  // CommonJS: TypeScript emits require() calls; Node >= 20.19 loads the ESM package through them.
  await writeProject(root, 'cjs', {
    'package.json': { type: 'commonjs' },
    'tsconfig.json': { compilerOptions: { ...NODE_TSCONFIG.compilerOptions, ...FAST }, include: ['*.cts'] },
    'index.cts': `import { createPostpressClient } from '${pkg.name}';
import mockModule = require('${pkg.name}/mock');
async function main(): Promise<void> {
  const ACCOUNT = mockModule.MOCK_ACCOUNTS.small;
  const mock = await mockModule.startMockServer({ port: 0 });
  try {
    const client = createPostpressClient({ apiKey: mockModule.MOCK_API_KEY, baseUrl: mock.url });
    ${CALL}
    // @ts-expect-error limit is a number in the spec
    void (() => client.listSentInvitations({ account_id: ACCOUNT, limit: 'three' }));
    const spec = require('${pkg.name}/openapi.json') as { openapi: string };
    const contract = require('${pkg.name}/contract') as typeof import('${pkg.name}/contract');
    console.log(JSON.stringify({ ids, openapi: spec.openapi, runContract: typeof contract.runContract }));
  } finally {
    await mock.close();
  }
}
main().catch((error) => { console.error(error); process.exitCode = 1; });
`,
  });

  await writeProject(root, 'browser', {
    'tsconfig.json': { compilerOptions: { module: 'esnext', moduleResolution: 'bundler', target: 'es2022', lib: ['es2022', 'dom'], strict: true, noEmit: true, types: [], ...FAST } },
    'config.ts': config.replace(JSON.stringify(mock.url), '`${location.origin}/api/v1`'),
    'browser.ts': `import { createPostpressClient } from '${pkg.name}';
import { ACCOUNT, API_KEY, BASE_URL } from './config.js';
const client = createPostpressClient({ apiKey: API_KEY, baseUrl: BASE_URL });
${CALL}
(globalThis as unknown as { result: unknown }).result = { ids, status: r.status };
`,
    'index.html': '<!doctype html><meta charset="utf-8"><title>consumer</title><script type="module" src="bundle.js"></script>',
  });
  const started = performance.now();
  for (const name of ['nodenext', 'bundler', 'cjs', 'mjs', 'browser']) {
    const run = tsc(path.join(root, name));
    run.catch(() => undefined); // awaited (and reported) by the project's test
    compiled.set(name, run);
  }
  void Promise.allSettled(compiled.values()).then(() => (timings['tsc of five projects (together)'] = Math.round(performance.now() - started)));
});

afterAll(async () => {
  await mock?.close();
  if (packed) await fsp.rm(packed.dir, { recursive: true, force: true });
  console.log(`consumer test timings (ms): ${JSON.stringify(timings)}`);
});

describe('the tarball', () => {
  it('holds dist/lib and the bins, each file once, the spec once, nothing of the source tree', async () => {
    const paths = packed.files.map((f) => f.path);
    // What `files` names (folders and single files) and what npm always adds.
    const allowed = (p: string) => [...pkg.files, 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'].some((entry) => p === entry || p.startsWith(`${entry}/`));
    expect(paths.filter((p) => !allowed(p))).toEqual([]);
    expect(pkg.files.filter((entry) => !paths.some((p) => p === entry || p.startsWith(`${entry}/`)))).toEqual([]);
    expect(paths.filter((p) => /^(src|test|openapi\/(paths|components)|generated)\//.test(p))).toEqual([]);
    expect(paths.filter((p) => /(^|\/)(openapi\.(json|ya?ml)|schema\.ts)$/.test(p))).toEqual(['dist/lib/generated/openapi.json']);
    expect(paths.filter((p) => /\.test(-d)?\.|^test\/|\.map$/.test(p))).toEqual([]);
    const hashes = new Map<string, string[]>();
    for (const p of paths) {
      const body = await fsp.readFile(path.join(installed(), p));
      if (body.length < 256) continue; // tiny files (a re-export, an empty module) may coincide
      const hash = createHash('sha256').update(body).digest('hex');
      hashes.set(hash, [...(hashes.get(hash) ?? []), p]);
    }
    expect([...hashes.values()].filter((group) => group.length > 1)).toEqual([]);
    console.log(`tarball: ${paths.length} files, ${packed.unpackedSize} B unpacked, ${fs.statSync(packed.tarball).size} B packed`);
  });

  it('has a file behind every export and bin', () => {
    const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t as Record<string, string>)));
    for (const target of [...targets, ...Object.values(pkg.bin)]) expect(fs.existsSync(path.join(installed(), target)), target).toBe(true);
  });

  it('imports at run time only its dependencies, optional peers and Node built-ins', async () => {
    const js = packed.files.map((f) => f.path).filter((p) => p.endsWith('.js'));
    const bare = new Set<string>();
    for (const file of js) {
      const text = await fsp.readFile(path.join(installed(), file), 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = (m[1] ?? m[2])!;
        if (!spec.startsWith('.') && !spec.startsWith('node:')) bare.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect(bare.size).toBeGreaterThan(0);
    expect([...bare].filter((name) => !(name in pkg.dependencies) && !(name in pkg.peerDependencies)).sort()).toEqual([]);
    expect(Object.keys(pkg.dependencies).filter((name) => !bare.has(name)).sort()).toEqual([]);
  });

  it('its client entry pulls in openapi-fetch and nothing the mock or kit needs', async () => {
    const result = await esbuild.build({
      stdin: { contents: `export * from '${pkg.name}';`, resolveDir: root },
      bundle: true, write: false, metafile: true, platform: 'neutral', format: 'esm', mainFields: ['module', 'main'], logLevel: 'silent',
    });
    const packages = new Set(Object.keys(result.metafile.inputs).map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? input));
    expect([...packages].sort()).toEqual(['openapi-fetch', pkg.name, '<stdin>'].sort());
  });
});

describe('consumer projects', () => {
  it('TypeScript nodenext: runs a call against the mock from postpress-api/mock', async () => {
    await compile('nodenext');
    const { stdout } = await sh(process.execPath, ['out/index.js'], path.join(root, 'nodenext'));
    expect(JSON.parse(stdout)).toEqual({ ids: expect.arrayContaining([expect.any(String)]), status: 200, error: 'PostpressError' });
    expect(JSON.parse(stdout).ids).toHaveLength(3);
  });

  it('TypeScript bundler: the client alone, against a running mock', async () => {
    await compile('bundler');
    const { stdout } = await sh(process.execPath, ['out/main.js'], path.join(root, 'bundler'));
    expect(JSON.parse(stdout)).toMatchObject({ status: 200, ids: expect.any(Array) });
    expect(JSON.parse(stdout).ids).toHaveLength(3);
  });

  it('plain .mjs (checked through JSDoc): client, mock and contract kit', async () => {
    await compile('mjs');
    const { stdout } = await sh(process.execPath, ['index.mjs'], path.join(root, 'mjs'));
    const out = JSON.parse(stdout);
    expect(out.ids).toHaveLength(3);
    expect(out.conforming).toBe(true);
    expect(out.contractRequests).toBeGreaterThan(10);
  });

  it('CommonJS: require() of every entry works on this Node', async () => {
    await compile('cjs');
    const compiled = await fsp.readFile(path.join(root, 'cjs', 'out', 'index.cjs'), 'utf8');
    expect(compiled).toMatch(/require\("postpress-api"\)/);
    const { stdout } = await sh(process.execPath, ['out/index.cjs'], path.join(root, 'cjs'));
    expect(JSON.parse(stdout)).toMatchObject({ openapi: expect.stringMatching(/^3\.1\./), runContract: 'function' });
    expect(JSON.parse(stdout).ids).toHaveLength(3);
  });

  it.skipIf(!chromiumAvailable() && process.env['CI'] !== 'true')('browser: an esbuild bundle of the client calls the mock from Chromium', async () => {
    await compile('browser');
    const dir = path.join(root, 'browser');
    const built = await esbuild.build({ entryPoints: [path.join(dir, 'browser.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: path.join(dir, 'bundle.js'), metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(built.metafile.inputs);
    expect(inputs.filter((i) => /node_modules\/(ajv|fast-check|ajv-formats)\//.test(i))).toEqual([]);
    expect(inputs.some((i) => i.includes('node_modules/openapi-fetch/'))).toBe(true);
    const bundle = await fsp.readFile(path.join(dir, 'bundle.js'), 'utf8');
    expect(bundle).not.toMatch(/from\s*["']node:|require\(["']node:/);
    // One origin for the page and the API: files from the project, /api/ passed to the mock.
    const mockUrl = new URL(mock.url);
    const server = http.createServer((req, res) => {
      if (req.url?.startsWith('/api/')) {
        const upstream = http.request({ host: mockUrl.hostname, port: mockUrl.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        req.pipe(upstream);
        return;
      }
      const file = path.join(dir, req.url === '/' ? 'index.html' : path.basename(req.url ?? ''));
      fs.readFile(file, (error, body) => {
        if (error) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const result = await page.waitForFunction(() => (globalThis as unknown as { result?: unknown }).result, undefined, { timeout: 10_000 });
      expect(await result.jsonValue()).toMatchObject({ status: 200, ids: expect.any(Array) });
      expect(((await result.jsonValue()) as { ids: string[] }).ids).toHaveLength(3);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('the bins through npx', () => {
  it('--help of both', async () => {
    for (const bin of Object.keys(pkg.bin)) {
      const { stdout } = await sh('npx', ['--no-install', bin, '--help'], root);
      expect(stdout, bin).toMatch(new RegExp(`usage: ${bin}`, 'i'));
    }
  });

  it('npx postpress-contract tests the in-process mock and exits 0', async () => {
    const { stdout } = await timed('npx postpress-contract', () => sh('npx', ['--no-install', 'postpress-contract', '--seed', '1'], root));
    expect(stdout).toMatch(/PASS|conform/i);
  });

  it('npx postpress-mock serves until SIGTERM, then exits 0', async () => {
    const child = spawn('npx', ['--no-install', 'postpress-mock', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`postpress-mock exited ${code}: ${out}`)));
      child.stderr.on('data', (d) => (out += d));
    });
    const reply = await fetch(`${url}/users/invite/sent?account_id=${installedMock.MOCK_ACCOUNTS.small}&limit=2`, { headers: { 'x-api-key': installedMock.MOCK_API_KEY } });
    expect(reply.status).toBe(200);
    // SIGTERM to the mock itself (npx's child), as a service manager would: it closes, says so,
    // exits 0, and npx passes that on.
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    const mockPid = descendants(child.pid!).at(-1)!;
    expect(fs.readFileSync(`/proc/${mockPid}/cmdline`, 'utf8')).toContain('postpress-mock');
    process.kill(mockPid, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/stopped/);
  });
});
