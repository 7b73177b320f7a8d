// The grown fixture spec (test/fixtures/grown/openapi) run through the pipeline's own in-process
// functions, as `npm run generate` would: its operation table and types. The type tests read a
// committed copy in test/client/grown-generated/ (a test keeps it equal to a fresh generation);
// `npx tsx test/client/grown.ts` rewrites that copy.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWithRedocly } from '../../src/pipeline/redocly.js';
import { renderGenerated } from '../../src/pipeline/pipeline.js';

export const GROWN_ROOT = fileURLToPath(new URL('../fixtures/grown/openapi/openapi.yaml', import.meta.url));
export const GROWN_COPY_DIR = fileURLToPath(new URL('./grown-generated/', import.meta.url));
/** The files the client needs; the copy holds these. */
export const CLIENT_FILES = ['schema.ts', 'operations.ts'] as const;

/** Every generated file of the grown fixture, in memory. */
export async function generateGrown(): Promise<{ document: Record<string, any>; files: Map<string, string> }> {
  const bundle = await bundleWithRedocly(GROWN_ROOT);
  if (bundle.problems.length > 0) throw new Error(`the grown fixture does not bundle: ${bundle.problems.map((p) => p.message).join('; ')}`);
  return { document: bundle.document, files: await renderGenerated(bundle.document) };
}

export async function writeGenerated(files: Map<string, string>, dir: string, names: readonly string[] = [...files.keys()]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(names.map((name) => writeFile(path.join(dir, name), files.get(name)!)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { files } = await generateGrown();
  await writeGenerated(files, GROWN_COPY_DIR, CLIENT_FILES);
  console.log(`wrote ${CLIENT_FILES.join(', ')} to ${path.relative(process.cwd(), GROWN_COPY_DIR)}`);
}
