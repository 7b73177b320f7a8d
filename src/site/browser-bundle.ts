// The site's browser scripts, bundled by esbuild at generate time into one IIFE that the page
// inlines (its hash goes in the Content-Security-Policy). Built once per process.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../pipeline/paths.js';

const ENTRY = path.join('src', 'site', 'client', 'main.ts');

/**
 * The browser entry point: beside this module (tsx, vitest), or in the checkout that holds the
 * node_modules/.cache this module was compiled into (scripts/run-compiled.mjs), or in the project.
 */
export function clientEntry(moduleUrl = import.meta.url): string {
  const modulePath = fileURLToPath(moduleUrl);
  const candidates = [path.join(path.dirname(modulePath), 'client', 'main.ts')];
  const cache = modulePath.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (cache >= 0) candidates.push(path.join(modulePath.slice(0, cache), ENTRY));
  candidates.push(path.join(PROJECT_ROOT, ENTRY));
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`the docs site's browser script is missing: looked for ${candidates.join(', ')}`);
  return found;
}

let bundled: Promise<string> | undefined;

export function referenceScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [clientEntry()],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  }).then((result) => {
    const text = result.outputFiles[0]!.text;
    // A literal "</script" inside the inlined bundle would end the element early.
    return text.replace(/<\/script/gi, '<\\/script');
  });
  return bundled;
}
