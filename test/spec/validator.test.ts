// The shared validator (src/spec/validator.ts): every enforced keyword really enforced in both
// modes; strict mode refuses what it cannot enforce, the standard mode names it instead; each
// distinct schema compiled once per document; issues name value pointer, spec pointer and value.
import { describe, expect, test } from 'vitest';
import { buildSpecModel } from '../../src/spec/model.js';
import { UnenforceableKeywordError } from '../../src/spec/keywords.js';
import { compileSchema, decodeParameter, specValidator, SpecValidator } from '../../src/spec/validator.js';
import { loadGrown } from './grown.js';

// keyword -> [schema, a value it accepts, a value it rejects]
const ENFORCED: Record<string, [object, unknown, unknown]> = {
  type: [{ type: 'string' }, 'a', 1],
  'type (union with null)': [{ type: ['string', 'null'] }, null, 1],
  enum: [{ enum: ['a', 'b'] }, 'a', 'c'],
  const: [{ const: 'InvitationList' }, 'InvitationList', 'invitationList'],
  required: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { a: 'x' }, {}],
  minLength: [{ type: 'string', minLength: 1 }, 'a', ''],
  maxLength: [{ type: 'string', maxLength: 2 }, 'ab', 'abc'],
  pattern: [{ type: 'string', pattern: '^\\d+$' }, '12', '1a'],
  minimum: [{ type: 'integer', minimum: 1 }, 1, 0],
  maximum: [{ type: 'integer', maximum: 250 }, 250, 251],
  exclusiveMinimum: [{ type: 'number', exclusiveMinimum: 0 }, 0.1, 0],
  exclusiveMaximum: [{ type: 'number', exclusiveMaximum: 1 }, 0.9, 1],
  multipleOf: [{ type: 'integer', multipleOf: 5 }, 10, 11],
  minItems: [{ type: 'array', minItems: 1 }, [1], []],
  maxItems: [{ type: 'array', maxItems: 1 }, [1], [1, 2]],
  uniqueItems: [{ type: 'array', uniqueItems: true }, [1, 2], [1, 1]],
  minProperties: [{ type: 'object', minProperties: 1 }, { a: 1 }, {}],
  maxProperties: [{ type: 'object', maxProperties: 1 }, { a: 1 }, { a: 1, b: 2 }],
  dependentRequired: [{ type: 'object', dependentRequired: { a: ['b'] } }, { a: 1, b: 1 }, { a: 1 }],
  dependentSchemas: [{ type: 'object', dependentSchemas: { a: { properties: { b: {} }, required: ['b'] } } }, { a: 1, b: 1 }, { a: 1 }],
  properties: [{ type: 'object', properties: { a: { type: 'integer' } } }, { a: 1 }, { a: 'x' }],
  patternProperties: [{ type: 'object', patternProperties: { '^x-': { type: 'string' } } }, { 'x-a': 'y' }, { 'x-a': 1 }],
  additionalProperties: [{ type: 'object', properties: { a: {} }, additionalProperties: false }, { a: 1 }, { a: 1, b: 2 }],
  propertyNames: [{ type: 'object', propertyNames: { pattern: '^[a-z]+$' } }, { ab: 1 }, { A: 1 }],
  items: [{ type: 'array', items: { type: 'integer' } }, [1], ['a']],
  prefixItems: [{ type: 'array', prefixItems: [{ type: 'string' }], minItems: 1, items: false }, ['a'], [1]],
  contains: [{ type: 'array', contains: { const: 1 } }, [0, 1], [0]],
  minContains: [{ type: 'array', contains: { const: 1 }, minContains: 2 }, [1, 1], [1]],
  maxContains: [{ type: 'array', contains: { const: 1 }, maxContains: 1 }, [1], [1, 1]],
  allOf: [{ allOf: [{ type: 'integer' }, { type: 'integer', minimum: 1 }] }, 1, 0],
  anyOf: [{ anyOf: [{ type: 'integer' }, { type: 'string' }] }, 'a', null],
  oneOf: [{ oneOf: [{ type: 'integer' }, { type: 'number' }] }, 1.5, 1],
  not: [{ not: { type: 'null' } }, 1, null],
  'if/then/else': [{ if: { type: 'integer' }, then: { type: 'integer', minimum: 1 }, else: { type: 'string' } }, 'a', 0],
  unevaluatedProperties: [{ type: 'object', allOf: [{ properties: { a: {} } }], unevaluatedProperties: false }, { a: 1 }, { a: 1, b: 1 }],
  unevaluatedItems: [{ type: 'array', unevaluatedItems: { type: 'integer' } }, [1], ['a']],
  'format: date-time': [{ type: 'string', format: 'date-time' }, '2026-05-14T10:22:00.000Z', 'May 14, 2026'],
  'format: int32': [{ type: 'integer', format: 'int32' }, 2 ** 31 - 1, 2 ** 31],
  'format: float': [{ type: 'number', format: 'float' }, 1.5, 1e39],
  'format: uuid': [{ type: 'string', format: 'uuid' }, '123e4567-e89b-12d3-a456-426614174000', 'x'],
  'format: email': [{ type: 'string', format: 'email' }, 'a@b.co', 'a@'],
};

describe('every enforced keyword is enforced, in both modes', () => {
  test.each(Object.entries(ENFORCED))('%s', (_keyword, [schema, good, bad]) => {
    for (const strict of [true, false]) {
      const validate = compileSchema(schema, '#', { strict });
      expect(validate(good)).toEqual([]);
      expect(validate(bad).length).toBeGreaterThan(0);
    }
  });

  test('annotations and extensions are ignored, not refused; discriminator is one, oneOf is still enforced', () => {
    const validate = compileSchema({
      type: 'object', title: 'T', description: 'd', examples: [{}], example: {}, default: {}, deprecated: false, readOnly: true, $comment: 'c', 'x-retryable': { a: true },
      // Property *names* that look like keywords are names, not keywords.
      properties: { format: { type: 'string' }, nullable: { type: 'string', format: 'password' }, discriminator: { type: 'string' } },
    });
    expect(validate({ format: 'x', nullable: 'y', discriminator: 'z' })).toEqual([]);
    const pet = compileSchema({
      oneOf: [
        { type: 'object', properties: { kind: { const: 'cat' } }, required: ['kind'] },
        { type: 'object', properties: { kind: { const: 'dog' } }, required: ['kind'] },
      ],
      discriminator: { propertyName: 'kind' },
    });
    expect(pet({ kind: 'cat' })).toEqual([]);
    expect(pet({ kind: 'cow' }).map((i) => i.keyword)).toContain('oneOf');
  });
});

const UNENFORCEABLE: Array<[string, object]> = [
  ['contentMediaType', { type: 'string', contentMediaType: 'application/json' }],
  ['contentEncoding', { type: 'string', contentEncoding: 'base64' }],
  ['nullable', { type: 'string', nullable: true }],
  ['dependencies', { type: 'object', dependencies: { a: ['b'] } }],
  ['format: binary', { type: 'string', format: 'binary' }],
  ['format: iso-country-code', { type: 'string', format: 'iso-country-code' }],
  ['frobnicate', { type: 'string', frobnicate: 3 }],
  // Ajv 8.20 accepts [1, 2] here although 2 is unevaluated: refused rather than half-enforced.
  ['unevaluatedItems', { type: 'array', allOf: [{ contains: { const: 1 } }], unevaluatedItems: { type: 'string' } }],
  // ...and ['a'] here, counting the items of the failed first branch as evaluated.
  ['unevaluatedItems', { type: 'array', anyOf: [{ type: 'array', items: { type: 'integer' } }, { type: 'array' }], unevaluatedItems: false }],
  // ...and rejects { a: 1 } here although the passing `if` evaluated a.
  ['unevaluatedProperties', { type: 'object', if: { properties: { a: { const: 1 } }, required: ['a'] }, unevaluatedProperties: false }],
];
const nested = (schema: object) => ({ type: 'object', properties: { deep: { type: 'array', items: schema } } });

describe('strict mode (our own spec) refuses what it cannot enforce', () => {
  test.each(UNENFORCEABLE)('%s', (keyword, schema) => {
    let refused: UnenforceableKeywordError | undefined;
    try {
      compileSchema(nested(schema), '#/components/schemas/X');
    } catch (error) {
      refused = error as UnenforceableKeywordError;
    }
    expect(refused).toBeInstanceOf(UnenforceableKeywordError);
    expect(refused!.keywords.map((k) => k.keyword)).toEqual([keyword]);
    expect(refused!.keywords[0]!.pointer).toBe(`#/components/schemas/X/properties/deep/items/${keyword.startsWith('format') ? 'format' : keyword}`);
  });

  test('and holds schemas to Ajv strict mode (an allOf member with properties but no type)', () => {
    expect(() => compileSchema({ allOf: [{ properties: { a: { type: 'string' } } }] })).toThrow(/strict mode: missing type "object"/);
  });
});

describe('the standard mode (any target spec) judges by JSON Schema 2020-12', () => {
  const doc = (schema: object) => buildSpecModel({
    openapi: '3.1.0',
    paths: { '/x': { get: { operationId: 'x', responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } } } } },
  });

  test.each(UNENFORCEABLE)('%s is accepted and named as not validated', (keyword, schema) => {
    const validator = new SpecValidator(doc(nested(schema)));
    const validate = validator.response('x', 200)!.content[0]!.validate!;
    expect(validate({ deep: [] })).toEqual([]);
    const notes = validator.notes();
    const named = keyword.startsWith('format: ') ? notes.formats.map((f) => `format: ${f.format}`) : notes.keywords.map((k) => k.keyword);
    expect(named).toEqual([keyword]);
  });

  test('an unknown format is an annotation: the value is not checked against it, the rest of the schema is', () => {
    const validator = new SpecValidator(doc({ type: 'string', format: 'iso-country-code', maxLength: 2 }));
    const validate = validator.response('x', 200)!.content[0]!.validate!;
    expect(validate('not a country')).toMatchObject([{ keyword: 'maxLength' }]);
    expect(validate('zz')).toEqual([]);
    expect(validator.unvalidatedFormats).toEqual([{ pointer: '#/paths/~1x/get/responses/200/content/application~1json/schema/format', format: 'iso-country-code' }]);
  });

  test('a loose but valid schema is accepted and enforced: an allOf member with properties but no type', () => {
    const validate = new SpecValidator(doc({ allOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }, { type: 'object' }] })).response('x', 200)!.content[0]!.validate!;
    expect(validate({ a: 'x' })).toEqual([]);
    expect(validate({ a: 1 })).toMatchObject([{ pointer: '/a', keyword: 'type', schemaPointer: '#/paths/~1x/get/responses/200/content/application~1json/schema/allOf/0/properties/a/type' }]);
  });

  test('a pattern Ajv cannot compile is named, not a crash', () => {
    const validator = new SpecValidator(doc({ type: 'string', pattern: '(?<x' }));
    expect(validator.response('x', 200)!.content[0]!.validate!('a')).toEqual([]);
    expect(validator.notes().keywords.map((k) => k.keyword)).toEqual(['(schema)']);
  });
});

describe('compiled once per distinct schema', () => {
  test('500 operations sharing one error schema compile 2 schemas, not 1,000', () => {
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 500; i++) {
      paths[`/things${i}`] = { get: { operationId: `op${i}`, responses: {
        200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        400: { $ref: '#/components/responses/BadRequest' },
      } } };
    }
    const model = buildSpecModel({ openapi: '3.1.0', paths, components: {
      schemas: { Thing: { type: 'object', properties: { id: { type: 'string' } } }, Error: { type: 'object', required: ['title'] } },
      responses: { BadRequest: { description: 'bad', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Error' } } } } },
    } });
    const validator = specValidator(model);
    expect(specValidator(model)).toBe(validator);
    expect(specValidator(model, { strict: true })).not.toBe(validator);
    for (const op of model.operations) {
      expect(validator.response(op.operationId, 200)!.content[0]!.validate!({ id: 'a' })).toEqual([]);
      expect(validator.response(op.operationId, 400)!.content[0]!.validate!({})).toMatchObject([{ keyword: 'required', schemaPointer: '#/components/schemas/Error/required' }]);
    }
    expect(validator.compiledSchemas).toBe(2);
  });
});

describe('on the grown fixture spec', () => {
  test('every schema compiles in strict mode; issues name value pointer, spec pointer and value', async () => {
    const { model } = await loadGrown();
    const strict = new SpecValidator(model, { strict: true });
    strict.compileAll();
    const validator = specValidator(model);
    const validate = validator.requestBody('createWebhook')!.content[0]!.validate!;
    expect(validate({ request_url: 'https://example.com/hook', events: ['invitation.accepted'] })).toEqual([]);
    expect(validate({ request_url: 'http://example.com', events: ['invitation.accepted'], extra: 1 }).map(({ pointer, keyword, schemaPointer, actual }) => ({ pointer, keyword, schemaPointer, actual }))).toEqual([
      { pointer: '/extra', keyword: 'additionalProperties', schemaPointer: '#/components/schemas/CreateWebhookRequest/additionalProperties', actual: 1 },
      { pointer: '/request_url', keyword: 'pattern', schemaPointer: '#/components/schemas/CreateWebhookRequest/properties/request_url/pattern', actual: 'http://example.com' },
    ]);
    const header = validator.response('listSentInvitations', 429)!.headers[0]!;
    expect(header).toMatchObject({ name: 'Retry-After', required: false, schemaPointer: '#/components/headers/RetryAfter/schema' });
    expect(header.validate!('soon')[0]).toMatchObject({ keyword: 'pattern', schemaPointer: '#/components/headers/RetryAfter/schema/pattern' });
    const limit = validator.parameter('listSentInvitations', 'limit', 'query');
    expect(limit.validate(decodeParameter(limit.parameter, '250'))).toEqual([]);
    expect(limit.validate(decodeParameter(limit.parameter, '251'))).toMatchObject([{ keyword: 'maximum' }]);
    expect(limit.validate(decodeParameter(limit.parameter, 'abc'))).toMatchObject([{ keyword: 'type' }]);
    expect(validator.response('getWebhook', 404)!.content[0]!.validate!({ title: 't', type: 'errors/webhook_not_found', status: 404 })).toEqual([]);
    expect(validator.response('getWebhook', 204)).toBeUndefined();
  });
});

describe('decodeParameter', () => {
  const p = (schema: object, style = 'form', explode = true) => ({ schema, style, explode });
  test.each([
    [p({ type: 'integer' }), '12', 12],
    [p({ type: 'integer' }), '1.5', 1.5],
    [p({ type: 'integer' }), 'abc', 'abc'],
    [p({ type: 'integer' }), ' 3', ' 3'],
    [p({ type: 'number' }), '3.', '3.'],
    [p({ type: 'number' }), '-2.5e3', -2500],
    [p({ type: ['integer', 'string'] }), '12', '12'],
    [p({ type: ['null', 'integer'] }), 'null', null],
    [p({ type: 'boolean' }), 'true', true],
    [p({ type: 'string' }), '12', '12'],
    [p({ type: 'array', items: { type: 'string' } }), ['a', 'b'], ['a', 'b']],
    [p({ type: 'array', items: { type: 'integer' } }, 'form', false), 'a,2', ['a', 2]],
    [p({ type: 'array', items: { type: 'string' } }, 'pipeDelimited', false), 'a|b', ['a', 'b']],
  ])('%j %j -> %j', (param, raw, expected) => {
    expect(decodeParameter(param, raw as string)).toEqual(expected);
  });
});
