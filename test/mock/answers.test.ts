// The mock's error answers on a small spec written here: which status and type answer a
// situation, and what an error body holds (the documented example or a generated value, the
// problem fields set where the schema has them and kept only when the body still validates).
import { describe, expect, it } from 'vitest';
import { Answers, declaredProperties, exampleOf, type AnswerTools } from '../../src/mock/answers.js';
import { sampleValue } from '../../src/mock/schemas.js';
import { buildSpecModel, type OperationModel } from '../../src/spec/model.js';
import { specValidator } from '../../src/spec/validator.js';

const problem = (extra: Record<string, unknown> = {}) => ({
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', enum: ['errors/not_found', 'errors/gone'] },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
  },
  ...extra,
});

const spec = {
  openapi: '3.1.0',
  info: { title: 'answers', version: '1' },
  paths: {
    '/things/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        operationId: 'getThing',
        responses: {
          200: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } },
          404: {
            description: 'not found',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/NotFound' }, example: { type: 'errors/gone', title: 'Gone away', status: 404, code: 'NF-1' } } },
          },
          400: {
            description: 'short detail, none in the example',
            content: { 'application/json': { schema: { type: 'object', properties: { title: { type: 'string' }, detail: { type: 'string', maxLength: 5 } } }, example: { title: 'Bad' } } },
          },
          403: {
            description: 'an example the schema refuses',
            content: { 'application/json': { schema: { type: 'object', required: ['status'], properties: { status: { type: 'integer', minimum: 400 } } }, example: { status: 'nope' } } },
          },
          406: { description: 'a string body', content: { 'application/json': { schema: { type: 'string' }, example: 'plain' } } },
          408: {
            description: 'a detail needs a code',
            content: { 'application/json': { schema: { type: 'object', properties: { status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string' } }, dependentRequired: { detail: ['code'] } }, example: { status: 408 } } },
          },
          409: {
            description: 'conflict',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Conflict' }, examples: { first: { $ref: '#/components/examples/Conflict' }, second: { value: { title: 'other' } } } } },
          },
          410: { description: 'gone, no body', headers: { 'Retry-After': { schema: { type: 'integer' }, example: 3 } } },
          415: { description: 'text', content: { 'text/plain': { schema: { type: 'string' } } } },
          422: { description: 'no schema', content: { 'application/json': { example: { why: 'documented' } } } },
          429: { description: 'no schema, no example', content: { 'application/json': {} } },
          503: { description: 'generated', content: { 'application/json': { schema: problem({ additionalProperties: false }) } } },
        },
      },
    },
  },
  components: {
    schemas: {
      NotFound: problem(),
      Base: { type: 'object', properties: { title: { type: 'string', maxLength: 8 }, status: { type: 'integer' } } },
      Conflict: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', required: ['title'], properties: { detail: { type: 'string', maxLength: 5 }, reason: { type: 'string' } } }] },
    },
    examples: { Conflict: { value: { title: 'Clash', detail: 'dup', reason: 'r' } } },
  },
};

function setup(answers: Record<string, string> = {}) {
  const model = buildSpecModel(structuredClone(spec));
  const validator = specValidator(model);
  const tools: AnswerTools = {
    model,
    answers,
    check: (pointer) => validator.schemaAt(pointer),
    sample: (pointer, seed) => sampleValue(model.document, pointer, seed, validator.schemaAt(pointer)),
    headersFor: (_op, status): Record<string, string> => (status === 410 ? { 'retry-after': '3' } : {}),
  };
  const op = model.operations.find((o) => o.operationId === 'getThing') as OperationModel;
  return { answers: new Answers(tools), op, model };
}

describe('error bodies', () => {
  it('an undocumented answer is an RFC 9457 problem, numbered per request; outside() adds its headers', () => {
    const { answers } = setup();
    const first = answers.outside(405, 'use GET', { allow: 'GET' });
    expect(first.status).toBe(405);
    expect(first.headers).toEqual({ 'content-type': 'application/problem+json', allow: 'GET' });
    expect(JSON.parse(first.body)).toEqual({ type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: 'use GET', instance: 'req_mock_1' });
    expect(JSON.parse(answers.outside(599, '').body)).toEqual({ type: 'about:blank', title: 'Error', status: 599, instance: 'req_mock_2' });
  });

  it('a documented error is its example with the problem fields the schema declares set, other fields kept', () => {
    const { answers, op } = setup();
    const reply = answers.error(op, 404, 'errors/not_found', 'no thing 7');
    expect(reply.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(JSON.parse(reply.body)).toEqual({ type: 'errors/not_found', title: 'Not Found', status: 404, detail: 'no thing 7', instance: 'req_mock_1', code: 'NF-1' });
    // No type asked for: the example's stays; no detail: none is added.
    expect(JSON.parse(answers.error(op, 404, undefined, undefined).body)).toEqual({ type: 'errors/gone', title: 'Not Found', status: 404, instance: 'req_mock_2', code: 'NF-1' });
  });

  it('a field the schema refuses keeps the example\'s value, or is left out; fields the schema lacks are not added', () => {
    const { answers, op } = setup();
    // `title` may hold 8 characters ("Conflict" fits), `detail` 5: the example's "dup" stays.
    const body = JSON.parse(answers.error(op, 409, 'errors/x', 'far too long').body);
    expect(body).toEqual({ title: 'Conflict', status: 409, detail: 'dup', reason: 'r' });
    const { answers: again, op: same } = setup();
    expect(JSON.parse(again.error(same, 409, undefined, 'short').body)).toEqual({ title: 'Conflict', status: 409, detail: 'short', reason: 'r' });
  });

  it('a refused field the example lacks is left out; when the body still fails, the example is sent as it is', () => {
    const { answers, op } = setup();
    expect(JSON.parse(answers.error(op, 400, undefined, 'far too long').body)).toEqual({ title: 'Bad Request' });
    expect(JSON.parse(answers.error(op, 400, undefined, 'tiny').body)).toEqual({ title: 'Bad Request', detail: 'tiny' });
    // A detail without a code breaks `dependentRequired` at the root: no field to take back, so the example stays.
    expect(JSON.parse(answers.error(op, 408, undefined, 'late').body)).toEqual({ status: 408 });
  });

  it('an example the schema refuses is replaced by a generated body; a body that is not an object is sent as it is', () => {
    const { answers, op, model } = setup();
    const body = JSON.parse(answers.error(op, 403, undefined, 'x').body);
    expect(body.status).toBe(403);
    expect(specValidator(model).schemaAt('#/paths/~1things~1{id}/get/responses/403/content/application~1json/schema')(body)).toEqual([]);
    expect(JSON.parse(answers.error(op, 406, 'errors/x', 'x').body)).toBe('plain');
  });

  it('a documented bodiless error has its headers and no body; a documented non-JSON one is a problem', () => {
    const { answers, op } = setup();
    expect(answers.error(op, 410, undefined, 'x')).toEqual({ status: 410, headers: { 'retry-after': '3' }, body: '' });
    const text = answers.error(op, 415, undefined, 'x');
    expect(text.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(text.body)).toMatchObject({ type: 'about:blank', title: 'Unsupported Media Type', status: 415 });
  });

  it('JSON without a schema is its example as documented, else the problem fields', () => {
    const { answers, op } = setup();
    expect(JSON.parse(answers.error(op, 422, 'errors/x', 'd').body)).toEqual({ why: 'documented' });
    expect(JSON.parse(answers.error(op, 429, 'errors/x', 'd').body)).toEqual({ title: 'Too Many Requests', status: 429, detail: 'd' });
  });

  it('without an example the body is generated from the schema, valid, and made once per operation and status', () => {
    const { answers, op, model } = setup();
    const check = specValidator(model).schemaAt('#/paths/~1things~1{id}/get/responses/503/content/application~1json/schema');
    const first = JSON.parse(answers.error(op, 503, 'errors/gone', 'busy').body);
    expect(check(first)).toEqual([]);
    expect(first).toMatchObject({ type: 'errors/gone', title: 'Service Unavailable', status: 503, detail: 'busy', instance: 'req_mock_1' });
    const second = JSON.parse(answers.error(op, 503, 'errors/gone', 'busy').body);
    expect({ ...second, instance: 'req_mock_1' }).toEqual(first);
    // A type outside the enum is refused by the schema: the generated one stays.
    const refused = JSON.parse(answers.error(op, 503, 'errors/other', 'busy').body);
    expect(['errors/not_found', 'errors/gone']).toContain(refused.type);
  });
});

describe('which answer a situation gets', () => {
  it('the fixtures\' type for a situation, at the status whose error set has it', () => {
    const { answers, op } = setup({ 'not-found': 'errors/gone' });
    expect(answers.choose(op, 'not-found')).toEqual({ status: 404, type: 'errors/gone', documented: true });
  });

  it('otherwise the first documented status of the situation, with the first type of its set', () => {
    const { answers, op } = setup({ 'not-found': 'errors/unknown' });
    expect(answers.choose(op, 'not-found')).toEqual({ status: 404, type: 'errors/not_found', documented: true });
    expect(answers.choose(op, 'invalid-request')).toEqual({ status: 400, type: undefined, documented: true });
    expect(answers.choose(op, 'capacity')).toEqual({ status: 429, type: undefined, documented: true });
  });

  it('an undocumented situation gets its conventional status, marked undocumented', () => {
    const { answers, op } = setup();
    expect(answers.choose(op, 'missing-credentials')).toEqual({ status: 401, type: undefined, documented: false });
    expect(answers.firstType(op, 418)).toBeUndefined();
  });
});

describe('reading the spec', () => {
  const { model } = setup();
  const at = (status: number) => `#/paths/~1things~1{id}/get/responses/${status}`;

  it('an example: the media type\'s own, else its first named example (through $ref)', () => {
    expect(exampleOf(model.document, at(404), { mediaType: 'application/problem+json' })).toEqual({ type: 'errors/gone', title: 'Gone away', status: 404, code: 'NF-1' });
    expect(exampleOf(model.document, at(404), { mediaType: 'application/problem+json', example: 1 })).toBe(1);
    expect(exampleOf(model.document, at(409), { mediaType: 'application/json' })).toEqual({ title: 'Clash', detail: 'dup', reason: 'r' });
    expect(exampleOf(model.document, at(503), { mediaType: 'application/json' })).toBeUndefined();
    expect(exampleOf(model.document, at(410), { mediaType: 'application/json' })).toBeUndefined();
    const dangling = { paths: { '/x': { get: { responses: { 200: { content: { 'application/json': { examples: { a: { $ref: '#/components/examples/Missing' } } } } } } } } } };
    expect(exampleOf(dangling, '#/paths/~1x/get/responses/200', { mediaType: 'application/json' })).toBeUndefined();
    const notObject = { paths: { '/x': { get: { responses: { 200: { content: { 'application/json': { examples: 'nope' } } } } } } } };
    expect(exampleOf(notObject, '#/paths/~1x/get/responses/200', { mediaType: 'application/json' })).toBeUndefined();
  });

  it('the properties a schema declares, through $ref and allOf; a cycle ends', () => {
    expect([...declaredProperties(model.document, { $ref: '#/components/schemas/Conflict' })].sort()).toEqual(['detail', 'reason', 'status', 'title']);
    const cyclic = { components: { schemas: { A: { properties: { a: {} }, allOf: [{ $ref: '#/components/schemas/A' }] } } } };
    expect([...declaredProperties(cyclic, { $ref: '#/components/schemas/A' })]).toEqual(['a']);
    expect(declaredProperties(model.document, true).size).toBe(0);
    expect(declaredProperties(model.document, { $ref: '#/components/schemas/Missing' }).size).toBe(0);
  });
});
