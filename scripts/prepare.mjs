#!/usr/bin/env node
// npm's `prepare` hook. Installing from git (`npm install git+https://…/postpress-api.git`) gives
// npm a bare checkout: npm installs its devDependencies, runs this, then packs it. Here we compile
// dist/lib/ (generated/ is committed, so no spec pipeline is needed), or stop with a message: an
// install that exits 0 without dist/ would leave the import and both bins broken.
//
// In a checkout of our own (`npm ci`, `npm install`, run from inside this folder) it does nothing:
// `npm run build` compiles there, and an install must not fail on someone's half-edited source.
// Plain JS on purpose: it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** True when npm was started inside this package's folder (our own checkout), not in a consumer's. */
export function startedHere(initCwd = process.env.INIT_CWD, packageRoot = root) {
  if (!initCwd) return true;
  const relative = path.relative(packageRoot, path.resolve(initCwd));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function main() {
  if (startedHere()) return 0;
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!fs.existsSync(tsc)) {
    console.error(
      'postpress-api: cannot build this git checkout: TypeScript is not installed in it.\n' +
        'Install the published package instead (npm install postpress-api), or clone the repository and run `npm ci && npm run build`.',
    );
    return 1;
  }
  console.error('postpress-api: installing from git: compiling dist/lib/ (tsc -p tsconfig.build.json)');
  const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0 || !fs.existsSync(path.join(root, 'dist', 'lib', 'src', 'client', 'index.js'))) {
    console.error('postpress-api: the build of this git checkout failed (see above); nothing was installed.');
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
