// TypeScript types from the bundled spec with openapi-typescript, in-process. Its options come
// from `x-openapi-ts` in redocly.yaml, which holds the values openapi-typescript's CLI uses (the
// CLI reads only `output` there), so the CLI and this pipeline write the same generated/schema.ts
// (test/package/generators.test.ts).
import fs from 'node:fs/promises';
import { parse } from 'yaml';
import { createRequire } from 'node:module';
import type { OpenAPI3, OpenAPITSOptions } from 'openapi-typescript';
import { REDOCLY_API_ALIAS, REDOCLY_CONFIG } from './paths.js';
import { runInWorker } from './threads.js';

const PASSED_THROUGH = [
  'additionalProperties', 'alphabetize', 'arrayLength', 'emptyObjectsUnknown', 'defaultNonNullable',
  'excludeDeprecated', 'immutable', 'exportType', 'enum', 'enumValues', 'dedupeEnums', 'pathParamsAsTypes',
  'propertiesRequiredByDefault', 'rootTypes', 'rootTypesNoSchemaPrefix', 'makePathsEnum', 'generatePathParams',
] as const;

export async function openapiTsOptions(): Promise<OpenAPITSOptions> {
  const config = parse(await fs.readFile(REDOCLY_CONFIG, 'utf8')) as { apis?: Record<string, { 'x-openapi-ts'?: Record<string, unknown> }> };
  const raw = config.apis?.[REDOCLY_API_ALIAS]?.['x-openapi-ts'] ?? {};
  const options: Record<string, unknown> = { silent: true };
  for (const key of PASSED_THROUGH) if (key in raw) options[key] = raw[key];
  return options as OpenAPITSOptions;
}

// Loaded with require(), on first use: its CommonJS build then requires TypeScript too, which
// is several times faster than an ESM import of TypeScript's 9 MB file (Node lexes it for exports).
let openapiTypescript: typeof import('openapi-typescript') | undefined;

export function loadOpenapiTypescript(): typeof import('openapi-typescript') {
  openapiTypescript ??= createRequire(import.meta.url)('openapi-typescript') as typeof import('openapi-typescript');
  return openapiTypescript;
}

/** On the second core when a compiled worker is available (see threads.ts), else here. */
export async function generateTypes(bundled: Record<string, unknown>): Promise<string> {
  const done = await runInWorker<string>('types', { bundled });
  return done ? done.result : generateTypesInThisThread(bundled);
}

export async function generateTypesInThisThread(bundled: Record<string, unknown>): Promise<string> {
  const { default: openapiTS, astToString, COMMENT_HEADER } = loadOpenapiTypescript();
  // openapi-typescript mutates nothing we keep, but give it its own copy to be sure.
  const ast = await openapiTS(structuredClone(bundled) as unknown as OpenAPI3, await openapiTsOptions());
  // With the header its CLI writes, so `npx openapi-typescript` (redocly.yaml) gives the same file.
  return `${COMMENT_HEADER}${astToString(ast)}`;
}
