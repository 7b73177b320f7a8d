// Size of the client, bundled with esbuild, minified and gzipped, with openapi-fetch left out.
// The budget applies to the client's own code (src/client); the generated tables it imports are
// spec data that grow with every operation, so they are measured and printed apart.
// `tsx scripts/size.ts` prints both and exits 1 over budget.
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * 7 kB on top of openapi-fetch. It was 5 kB while the client sent query parameters of GETs
 * only; request bodies checked against their JSON Schema (validate.ts, about 1.9 kB gzipped) and
 * every parameter location and style (serialize.ts, about 1.1 kB) are what the rise buys.
 */
export const CLIENT_SIZE_BUDGET_BYTES = 7000;

export interface BundleSize { minifiedBytes: number; gzippedBytes: number }

// platform 'neutral': an import of a Node built-in fails the build, so the size check also
// guards that the client runs in browsers, Deno, Bun and edge runtimes.
async function bundleSize(entry: string, external: string[]): Promise<BundleSize> {
  const result = await build({
    entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'neutral', target: 'es2022',
    external, write: false, logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { minifiedBytes: code.byteLength, gzippedBytes: gzipSync(code, { level: 9 }).byteLength };
}

const CLIENT_ENTRY = fileURLToPath(new URL('../src/client/index.ts', import.meta.url));

/** src/client alone: openapi-fetch and the generated tables left out. */
export function measureClientSize(): Promise<BundleSize> {
  return bundleSize(CLIENT_ENTRY, ['openapi-fetch', '*/generated/operations.js']);
}

/** src/client with the generated tables: what an application ships on top of openapi-fetch. */
export function measureClientWithTablesSize(): Promise<BundleSize> {
  return bundleSize(CLIENT_ENTRY, ['openapi-fetch']);
}

export function measureOpenapiFetchSize(): Promise<BundleSize> {
  return bundleSize(fileURLToPath(import.meta.resolve('openapi-fetch')), []);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const client = await measureClientSize();
  const withTables = await measureClientWithTablesSize();
  const openapiFetch = await measureOpenapiFetchSize();
  console.log(`client code (src/client): ${client.minifiedBytes} B minified, ${client.gzippedBytes} B gzipped (budget ${CLIENT_SIZE_BUDGET_BYTES} B)`);
  console.log(`client + generated tables: ${withTables.minifiedBytes} B minified, ${withTables.gzippedBytes} B gzipped`);
  console.log(`openapi-fetch for comparison: ${openapiFetch.minifiedBytes} B minified, ${openapiFetch.gzippedBytes} B gzipped`);
  if (client.gzippedBytes > CLIENT_SIZE_BUDGET_BYTES) process.exitCode = 1;
}
