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
// One file per checkout: copies of the project may share node_modules (and so this cache).
const checkoutId = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
const compiled = path.join(cacheDir, 'scripts', `${name}-${checkoutId}.mjs`);
const manifest = `${compiled}.inputs.json`;

function upToDate() {
  try {
    const { inputs } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (!fs.existsSync(compiled)) return false;
    return Object.entries(inputs).every(([file, mtimeMs]) => fs.statSync(path.join(repoRoot, file)).mtimeMs === mtimeMs);
  } catch {
    return false;
  }
}

if (!upToDate()) {
  const { build } = await import('esbuild');
  fs.mkdirSync(path.dirname(compiled), { recursive: true });
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: repoRoot,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // No source map: Node would parse maps on every load; the output is readable, unminified code.
    outfile: `${compiled}.${process.pid}.tmp`,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((file) => [file, fs.statSync(path.join(repoRoot, file)).mtimeMs]));
  // Rename into place: a concurrent run sees the old file or the new one, never half of one.
  fs.renameSync(`${compiled}.${process.pid}.tmp`, compiled);
  fs.writeFileSync(`${manifest}.${process.pid}.tmp`, JSON.stringify({ inputs }));
  fs.renameSync(`${manifest}.${process.pid}.tmp`, manifest);
}

process.argv.splice(2, 1); // the script sees its own arguments at argv[2...]
await import(pathToFileURL(compiled).href);
