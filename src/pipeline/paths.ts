// Where the pipeline reads and writes. Every path is absolute, from the project root.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// POSTPRESS_PROJECT_ROOT points the pipeline at another checkout (watch-mode tests and benchmarks
// run on a temp copy; precompiled scripts live elsewhere). Unset: this checkout.
export const PROJECT_ROOT = process.env.POSTPRESS_PROJECT_ROOT
  ? path.resolve(process.env.POSTPRESS_PROJECT_ROOT)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SPEC_DIR = path.join(PROJECT_ROOT, 'openapi');
export const SPEC_ROOT = path.join(SPEC_DIR, 'openapi.yaml');
export const GENERATED_DIR = path.join(PROJECT_ROOT, 'generated');
export const DIST_DIR = path.join(PROJECT_ROOT, 'dist');
export const DOCS_DIR = path.join(DIST_DIR, 'docs');
export const REDOCLY_CONFIG = path.join(PROJECT_ROOT, 'redocly.yaml');
export const SPECTRAL_RULESET = path.join(PROJECT_ROOT, '.spectral.yaml');
export const SPECTRAL_IGNORE = path.join(PROJECT_ROOT, '.spectral-ignore.yaml');
export const REDOCLY_API_ALIAS = 'postpress@v1';
/** Disk caches that only save time (compiled scripts, the bundled Spectral ruleset). Safe to delete. */
export const CACHE_DIR = process.env.POSTPRESS_CACHE_DIR ? path.resolve(process.env.POSTPRESS_CACHE_DIR) : path.join(PROJECT_ROOT, 'node_modules', '.cache', 'postpress');

export function relativeToProject(file: string): string {
  return path.relative(PROJECT_ROOT, file).split(path.sep).join('/');
}
