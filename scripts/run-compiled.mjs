#!/usr/bin/env node
// node scripts/run-compiled.mjs NAME [ARGS...]: runs scripts/NAME.ts as JavaScript that esbuild
// compiled once (our code in one file, packages left to node_modules), instead of through tsx,
// whose start (a second node process plus an esbuild service) costs about half a second per run.
// The compiled file is rebuilt whenever one of its source files changed. Plain JS on purpose.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
const entry = name && path.join(repoRoot, 'scripts', `${name}.ts`);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name) || !fs.existsSync(entry)) {
  console.error(`usage: node scripts/run-compiled.mjs NAME [ARGS...], where scripts/NAME.ts exists (got ${JSON.stringify(name ?? null)})`);
  process.exit(2);
}
// The compiled file lives in the cache, so paths.ts cannot find the checkout from its own URL.
process.env.POSTPRESS_PROJECT_ROOT ??= repoRoot;
// Under node_modules/ so that the packages the compiled file imports resolve from there.
const cacheDir = process.env.POSTPRESS_CACHE_DIR ? path.resolve(process.env.POSTPRESS_CACHE_DIR) : path.join(repoRoot, 'node_modules', '.cache', 'postpress');
if (!cacheDir.startsWith(path.join(repoRoot, 'node_modules') + path.sep)) {
  console.error(`run-compiled: POSTPRESS_CACHE_DIR must be inside ${path.join(repoRoot, 'node_modules')}`);
  process.exit(2);
}
// One folder per checkout and script: copies of the project may share node_modules (and this cache).
const checkoutId = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
const outdir = path.join(cacheDir, 'scripts', `${name}-${checkoutId}`);
const manifestFile = path.join(outdir, 'inputs.json');
const WORKER = 'src/pipeline/pipeline-worker.ts';
// The worker roles (src/pipeline/threads.ts) and the module whose use by a script calls for each.
const ROLES = { spectral: 'src/pipeline/spectral-thread.ts', types: 'src/pipeline/typescript-types.ts' };

function readManifest() {
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const fresh = Object.entries(manifest.inputs).every(([file, mtimeMs]) => fs.statSync(path.join(repoRoot, file)).mtimeMs === mtimeMs);
    return fresh ? manifest : undefined;
  } catch {
    return undefined;
  }
}

// ESM packages of many small files: resolving each of their imports at run time costs more than
// reading them from our compiled file. Every other package is left to node_modules. (These two
// have no nested node_modules, so their own imports resolve to the same packages from here.)
const INLINED = ['@redocly/openapi-core', '@redocly/config'];

function inlinePackages(names) {
  return {
    name: 'inline-some-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const inlined = names.some((n) => args.path === n || args.path.startsWith(`${n}/`));
        return inlined ? undefined : { external: true };
      });
    },
  };
}

let manifest = readManifest();
if (!manifest) {
  const { build } = await import('esbuild');
  const staging = `${outdir}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  const result = await build({
    // The worker is compiled beside every script; it only starts for the roles a script needs.
    entryPoints: { [name]: entry, 'pipeline-worker': path.join(repoRoot, WORKER) },
    absWorkingDir: repoRoot,
    bundle: true,
    splitting: true, // dynamic imports stay lazy, in chunks of their own
    plugins: [inlinePackages(INLINED)],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // No source map: Node would parse maps on every load; the output is readable, unminified code.
    outdir: staging,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = result.metafile.inputs;
  // Which roles' modules does the script reach? Those workers are worth starting early.
  const reached = new Set();
  const walk = (file) => {
    if (reached.has(file) || !inputs[file]) return;
    reached.add(file);
    for (const imported of inputs[file].imports) if (!imported.external) walk(imported.path);
  };
  walk(path.relative(repoRoot, entry));
  manifest = {
    root: repoRoot,
    // This launcher is an input too: a change to how it compiles means a new build.
    inputs: Object.fromEntries([...Object.keys(inputs), 'scripts/run-compiled.mjs'].map((file) => [file, fs.statSync(path.join(repoRoot, file)).mtimeMs])),
    roles: Object.keys(ROLES).filter((role) => reached.has(ROLES[role])),
  };
  fs.writeFileSync(path.join(staging, 'inputs.json'), JSON.stringify(manifest));
  // Swap the folder in by rename; a stale one is moved aside first.
  const old = `${outdir}.${process.pid}.old`;
  if (fs.existsSync(outdir)) fs.renameSync(outdir, old);
  fs.renameSync(staging, outdir);
  fs.rmSync(old, { recursive: true, force: true });
  // Builds for copies of the project that are gone (test and benchmark copies share this cache).
  for (const dir of fs.readdirSync(path.dirname(outdir))) {
    const other = path.join(path.dirname(outdir), dir);
    try {
      const { root } = JSON.parse(fs.readFileSync(path.join(other, 'inputs.json'), 'utf8'));
      if (root && !fs.existsSync(root)) fs.rmSync(other, { recursive: true, force: true });
    } catch {
      // Not a finished build (another run's staging folder): leave it.
    }
  }
}

const workerFile = path.join(outdir, 'pipeline-worker.mjs');
process.env.POSTPRESS_PIPELINE_WORKER = workerFile;
if (manifest.roles.length > 0 && process.env.POSTPRESS_THREADS !== 'off') {
  // Started now, they load their modules on the other core while this thread loads the script.
  const { Worker } = await import('node:worker_threads');
  for (const role of manifest.roles) {
    const worker = new Worker(workerFile, { workerData: { role } });
    worker.unref();
    globalThis[Symbol.for(`postpress.worker.${role}`)] = worker;
  }
}

process.argv.splice(2, 1); // the script sees its own arguments at argv[2...]
await import(pathToFileURL(path.join(outdir, `${name}.mjs`)).href);
