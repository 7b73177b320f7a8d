// Compiles the bundled spec's schemas with Ajv (JSON Schema 2020-12, strict, all errors) so the
// tests can ask "does the spec accept this payload?". Deliberately plain and separate from the
// contract kit's validator (src/contract/validator.ts): the spec's tests must not pass or fail
// with the code they would otherwise be checking.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = ajvFormats.default;

const here = path.dirname(fileURLToPath(import.meta.url));
export const bundled = JSON.parse(fs.readFileSync(path.resolve(here, '../../generated/openapi.json'), 'utf8'));

const SCHEMA_BASE = 'https://postpress.ai/openapi.json';
/** OpenAPI's own schema keywords: annotations Ajv must accept, not enforce. */
const OPENAPI_ANNOTATIONS = ['example', 'discriminator', 'xml', 'externalDocs'];

function collectExtensionKeys(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => collectExtensionKeys(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      collectExtensionKeys(value, found);
    }
  }
  return found;
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', '#/$defs/') : rewriteRefs(v)]),
    );
  }
  return node;
}

export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS, ...collectExtensionKeys(bundled.components.schemas, new Set())]);
  ajv.addSchema({ $id: SCHEMA_BASE, $defs: rewriteRefs(bundled.components.schemas) as Record<string, unknown> });
  return ajv;
}

/** One instance for every test: creating one (formats, vocabulary, meta-schema) costs ~30 ms. */
export const ajv = createAjv();

/** Compiles a schema of the bundled document whose `$ref`s point into `#/components/schemas/`. */
export function compileSchema(schema: unknown): ValidateFunction {
  return ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', `${SCHEMA_BASE}#/$defs/`)));
}

export function componentSchema(name: string): ValidateFunction {
  const validate = ajv.getSchema(`${SCHEMA_BASE}#/$defs/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate;
}

const operation = bundled.paths['/users/invite/sent'].get;

function resolve(node: any): any {
  while (node?.$ref) node = node.$ref.slice(2).split('/').reduce((n: any, k: string) => n[k.replace(/~1/g, '/')], bundled);
  return node;
}

/** The body schema of one documented response of listSentInvitations. */
export function responseSchema(status: number): ValidateFunction {
  const schema = resolve(operation.responses[String(status)])?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`no ${status} response`);
  return compileSchema({ $ref: schema.$ref });
}

export function parameter(name: string): { required: boolean; description: string; validate: ValidateFunction; schema: any } {
  const param = operation.parameters.map(resolve).find((p: any) => p.name === name);
  if (!param) throw new Error(`no parameter ${name}`);
  return { required: Boolean(param.required), description: param.description, validate: ajv.compile(param.schema), schema: param.schema };
}

export { operation, resolve };
