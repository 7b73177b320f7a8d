// The client's input checks agree with Ajv (JSON Schema 2020-12) on every parameter and request
// body schema of our spec and of the grown fixture, and on schemas using every keyword the checks
// claim: valid values, values one change away from valid, edge values and any JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputViolation, jsonEqual, schemaViolation } from '../../src/client/validate.js';
import { operations as ours } from '../../generated/operations.js';
import { operations as grown } from './grown-generated/operations.js';
import { arbitraryOf, EDGE_VALUES, isValid, mutated, shadowsPrototype } from './schema-values.js';

type Schema = Record<string, any>;
type Entry = (typeof grown)[keyof typeof grown];

function candidates(schema: Schema, examples?: unknown[]): fc.Arbitrary<unknown> {
  const valid = examples ? fc.constantFrom(...examples) : arbitraryOf(schema);
  const all = fc.oneof(valid, valid.chain((v) => mutated(v)), fc.constantFrom(...EDGE_VALUES), fc.jsonValue({ maxDepth: 3 }));
  return all.filter((v) => !shadowsPrototype(v)); // Ajv's deep equality calls a `toString` key it finds
}

function agreesWithAjv(schema: Schema, numRuns: number, examples?: unknown[]): void {
  if (examples) for (const example of examples) expect(isValid(schema, example), JSON.stringify(example)).toBe(true);
  fc.assert(fc.property(candidates(schema, examples), (value) => {
    const problem = schemaViolation(value, schema);
    expect(problem === undefined, `${JSON.stringify(value)}: client says ${problem ?? 'valid'}`).toBe(isValid(schema, value));
  }), { numRuns });
}

const specSchemas: Array<[string, Schema]> = [];
for (const [spec, table] of [['ours', ours], ['grown', grown]] as const) {
  for (const op of Object.values(table) as Entry[]) {
    for (const p of op.parameters) specSchemas.push([`${spec} ${op.operationId} parameter ${p.name}`, p.schema]);
    if (op.requestBody) specSchemas.push([`${spec} ${op.operationId} body`, op.requestBody.schema]);
  }
}

describe('input checks agree with Ajv on every schema of the specs', () => {
  it('the specs give parameter and body schemas to compare', () => {
    expect(specSchemas.filter(([name]) => name.endsWith(' body')).length).toBeGreaterThanOrEqual(3);
    expect(specSchemas.length).toBeGreaterThan(10);
  });

  it.each(specSchemas)('%s', (_name, schema) => agreesWithAjv(schema, 150));
});

// Keywords the checks claim that the specs do not use (yet): an added endpoint may.
// Keywords the checks claim that the specs do not use (yet), with valid examples to start from:
// an added endpoint may use them.
const keywordSchemas: Array<[string, Schema, unknown[]]> = [
  ['type list', { type: ['string', 'null'], minLength: 2 }, ['ab', null]],
  ['number bounds and multipleOf', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10, multipleOf: 0.5 }, [0.5, 9.5, 3]],
  ['int64', { type: 'integer', format: 'int64' }, [0, 2 ** 53 - 1, -(2 ** 53) + 1]],
  ['const object', { const: { a: [1, 2], b: null } }, [{ b: null, a: [1, 2] }]],
  ['enum of mixed values', { enum: ['a', 1, null, [1], { k: 'v' }] }, ['a', 1, null, [1], { k: 'v' }]],
  ['pattern with unicode', { type: 'string', pattern: '^\\p{Lu}[a-z]*$', maxLength: 5 }, ['Éa', 'Z']],
  ['prefixItems then items', { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: { type: 'boolean' }, maxItems: 4 }, [['a', 1, true], [], ['x']]],
  ['items false after prefix', { type: 'array', prefixItems: [{ const: 1 }], items: false }, [[1], []]],
  ['unique objects', { type: 'array', uniqueItems: true, items: { type: 'object', properties: { a: { type: 'integer' } } } }, [[{ a: 1 }, { a: 2 }, {}]]],
  ['additionalProperties schema', { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'integer', minimum: 0 } }, [{ a: 'x', b: 1 }, {}]],
  ['patternProperties', { type: 'object', patternProperties: { '^x-': { type: 'string' } }, additionalProperties: false, minProperties: 1, maxProperties: 2 }, [{ 'x-a': 'v' }, { 'x-a': '', 'x-b': 'w' }]],
  ['required without properties', { type: 'object', required: ['a', 'b'] }, [{ a: 1, b: [] }]],
  ['allOf', { allOf: [{ type: 'object', required: ['a'] }, { properties: { a: { type: 'string', maxLength: 3 } } }] }, [{ a: 'abc' }]],
  ['anyOf', { anyOf: [{ type: 'string', maxLength: 2 }, { type: 'integer', minimum: 5 }] }, ['ab', 5]],
  ['oneOf overlapping', { oneOf: [{ type: 'integer' }, { type: 'number', minimum: 0 }] }, [-1, 0.5]],
  ['oneOf with discriminator', {
    oneOf: [
      { type: 'object', required: ['kind', 'n'], properties: { kind: { const: 'a' }, n: { type: 'integer' } } },
      { type: 'object', required: ['kind'], properties: { kind: { const: 'b' }, s: { type: 'string' } }, additionalProperties: false },
    ],
    discriminator: { propertyName: 'kind' },
  }, [{ kind: 'a', n: 1 }, { kind: 'b', s: 'x' }]],
  ['not', { not: { type: 'string' } }, [1, null]],
  ['boolean schemas', { type: 'object', properties: { never: false, any: true } }, [{ any: [1] }, {}]],
  ['no keywords', {}, [1, 'x', null]],
];

describe('input checks agree with Ajv on every keyword they claim', () => {
  it.each(keywordSchemas)('%s', (_name, schema, examples) => agreesWithAjv(schema, 300, examples));

  it('formats other than int32/int64 are annotations; unknown keywords too', () => {
    expect(schemaViolation('not a uri', { type: 'string', format: 'uri' })).toBeUndefined();
    expect(schemaViolation(5, { 'x-anything': true, if: { const: 5 }, then: false })).toBeUndefined();
    expect(schemaViolation(2 ** 31, { type: 'integer', format: 'int32' })).toMatch(/int32/);
    expect(schemaViolation(2 ** 53, { type: 'integer', format: 'int64' })).toMatch(/safe integer/);
  });

  it('counts characters as code points, as JSON Schema does', () => {
    expect(schemaViolation('😀'.repeat(256), { type: 'string', maxLength: 256 })).toBeUndefined();
    expect(schemaViolation('😀'.repeat(257), { type: 'string', maxLength: 256 })).toMatch(/at most 256/);
  });

  it('rejects non-finite numbers, which JSON cannot carry', () => {
    expect(schemaViolation(Number.NaN, { type: 'number' })).toMatch(/finite/);
    expect(schemaViolation(Infinity, {})).toMatch(/finite/);
  });

  it('JSON equality ignores key order and tells arrays from objects', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(jsonEqual([1, 2], [1, 2, 3])).toBe(false);
  });
});

describe('messages say where the problem is', () => {
  const body = { type: 'object', required: ['a'], properties: { a: { type: 'array', items: { enum: ['x'] } }, 'b-c': { type: 'string' } }, additionalProperties: false };
  it.each([
    [{}, 'body must have property "a"'],
    [{ a: ['x', 'y'] }, 'body.a[1] must be one of "x"'],
    [{ a: [], 'b-c': 1 }, 'body["b-c"] must be of type string, got integer'],
    [{ a: [], z: 1 }, 'body has unknown property "z"'],
  ])('%j: %s', (value, message) => {
    expect(schemaViolation(value, body, 'body')).toBe(message);
  });

  it('oneOf says how many branches matched', () => {
    expect(schemaViolation(3, { oneOf: [{ type: 'integer' }, { minimum: 0 }] })).toBe('must match exactly one of the 2 schemas of oneOf (matches 2)');
    expect(schemaViolation('x', { oneOf: [{ type: 'integer' }] })).toBe('must match exactly one of the 1 schemas of oneOf (matches 0)');
  });
});

describe('input: parameters and body together', () => {
  const params = [
    { name: 'id', in: 'path', required: true, style: 'simple', explode: false, schema: { type: 'string' } },
    { name: 'q', in: 'query', required: false, style: 'form', explode: true, schema: { type: 'string' } },
    { name: 'X-Trace', in: 'header', required: false, style: 'simple', explode: false, schema: { type: 'string' } },
  ] as const;
  const body = { required: true, mediaType: 'application/json', schema: { type: 'object', required: ['n'] } };

  it.each([
    [{ id: 'a', body: { n: 1 } }, undefined],
    [{ id: 'a' }, 'body is required'],
    [{ id: 'a', body: {} }, 'body must have property "n"'],
    [{ id: '', body: { n: 1 } }, 'parameter "id" must not be empty: it is a path segment'],
    [{ id: 'a', body: { n: 1 }, 'X-Trace': 'a\r\nSet-Cookie: x' }, 'parameter "X-Trace" must not hold line breaks or characters above U+00FF (it is a header)'],
    [{ id: 'a', body: { n: 1 }, 'X-Trace': 'é' }, undefined],
    [{ id: 'a', body: { n: 1 }, 'X-Trace': '€' }, 'parameter "X-Trace" must not hold line breaks or characters above U+00FF (it is a header)'],
    [{ id: 'a', body: { n: 1 }, other: 1 }, 'unknown parameter "other"'],
    [{ id: 'a', body: { n: 1 }, other: undefined }, undefined],
    [{ id: 123, body: { n: 1 } }, 'parameter "id" must be of type string, got integer'],
    [[], 'parameters must be an object'],
    ['id', 'parameters must be an object'],
  ])('%j: %s', (input, message) => {
    expect(inputViolation(input, params, body)).toBe(message);
  });

  it('an optional body may be left out; without a request body, `body` is an unknown parameter', () => {
    expect(inputViolation({ id: 'a' }, params, { ...body, required: false })).toBeUndefined();
    expect(inputViolation({ id: 'a', body: {} }, params, null)).toBe('unknown parameter "body"');
    expect(inputViolation(undefined, [], null)).toBeUndefined();
    expect(inputViolation(null, params, null)).toBe('parameter "id" is required');
  });

  it('a problem inside a parameter\'s value follows its name, as in code', () => {
    const nested = [
      { name: 'filter', in: 'query', required: false, style: 'deepObject', explode: true, schema: { type: 'object', properties: { min: { type: 'integer' } } } },
      { name: 'tags', in: 'query', required: false, style: 'form', explode: true, schema: { type: 'array', items: { type: 'string' } } },
    ] as const;
    expect(inputViolation({ filter: { min: 'x' } }, nested)).toBe('parameter "filter".min must be of type integer, got string');
    expect(inputViolation({ tags: ['a', 1] }, nested)).toBe('parameter "tags"[1] must be of type string, got integer');
    expect(inputViolation({ tags: 'a' }, nested)).toBe('parameter "tags" must be of type array, got string');
  });

  it('a header value may hold tabs and Latin-1, never control characters', () => {
    for (const ok of ['a\tb', ' x ', 'ÿ', '']) expect(inputViolation({ id: 'a', body: { n: 1 }, 'X-Trace': ok }, params, body), JSON.stringify(ok)).toBeUndefined();
    for (const bad of ['a\u0000', '\u007f', 'x\ny', 'Ā']) {
      expect(inputViolation({ id: 'a', body: { n: 1 }, 'X-Trace': bad }, params, body), JSON.stringify(bad)).toMatch(/^parameter "X-Trace" must not hold/);
    }
  });
});
