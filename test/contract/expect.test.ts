// The shared expectations of the probes (src/contract/probes/expect.ts) on their own: the status a
// broken request must get, the error types it may carry, and the finding written when it does not,
// word for word, as the report shows it.
import { describe, expect, test } from 'vitest';
import { RunContext } from '../../src/contract/context.js';
import type { Exchange } from '../../src/contract/model.js';
import { documentedTypes, expectError, expectSuccess, invalidStatus, unknownValueTypes } from '../../src/contract/probes/expect.js';
import { Redactor } from '../../src/contract/redact.js';
import { kitSpecOf } from '../../src/contract/spec.js';
import { Transport } from '../../src/contract/transport.js';

const errorBody = (types?: string[]) => ({
  description: 'An error.',
  content: { 'application/json': { schema: { type: 'object', properties: { type: types ? { type: 'string', enum: types } : { type: 'string' } } } } },
});
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Expectations', version: '1.0.0' },
  paths: {
    '/things': {
      get: {
        operationId: 'listThings',
        parameters: [
          { name: 'after', in: 'query', schema: { type: 'string' }, 'x-unknown-value-type': 'errors/invalid_cursor' },
          { name: 'tag', in: 'query', schema: { type: 'string' }, 'x-unknown-value-type': ['errors/unknown_tag', 'errors/undocumented'] },
          { name: 'plain', in: 'query', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'Things.' }, '400': errorBody(['errors/invalid_cursor', 'errors/invalid_parameters', 'errors/unknown_tag']) },
      },
      post: { operationId: 'createThing', responses: { '201': { description: 'Made.' }, '422': errorBody() } },
    },
    '/ping': { get: { operationId: 'ping', responses: { '200': { description: 'Pong.' } } } },
  },
};
const spec = kitSpecOf(SPEC, 'expectations.json');
const op = (id: string) => spec.model.operationsById.get(id)!;

function context(): RunContext {
  const settings = { credentials: {}, parameters: {}, seed: 1, maxPages: 1, propertyRuns: 0, allowUnsafe: false, preferErrors: false };
  const transport = new Transport({ baseUrl: 'http://127.0.0.1:9', fetch: globalThis.fetch, maxRequests: 1, rate: 0, concurrency: 1, timeoutMs: 1000 });
  return new RunContext(spec, transport, new Redactor([], new Set()), settings);
}
const exchange = (response?: { status: number; text?: string }, error?: string): Exchange => ({
  request: { method: 'get', path: '/things', query: [], headers: {} },
  url: 'http://127.0.0.1:9/things',
  ...(response ? { response: { status: response.status, headers: { 'content-type': 'application/json' }, text: response.text ?? '' } } : {}),
  ...(error ? { error } : {}),
  durationMs: 1,
});
/** The findings recorded, without the request each one carries. */
const findings = (ctx: RunContext) =>
  ctx.results().flatMap((o) => o.findings.map(({ request: _request, check: _check, operationId: _id, subject: _subject, ...rest }) => rest));

describe('the documented answers to a broken request', () => {
  test('400, else 422 when only that is documented, else none', () => {
    expect([invalidStatus(op('listThings')), invalidStatus(op('createThing')), invalidStatus(op('ping'))]).toEqual([400, 422, undefined]);
  });

  test('error types: those the status enumerates; none when it enumerates none or is not documented', () => {
    const ctx = context();
    expect(documentedTypes(ctx, op('listThings'), 400)).toEqual(['errors/invalid_cursor', 'errors/invalid_parameters', 'errors/unknown_tag']);
    expect(documentedTypes(ctx, op('createThing'), 422)).toEqual([]);
    expect(documentedTypes(ctx, op('listThings'), 404)).toEqual([]);
  });

  test("an unknown value's type: the parameter's x-unknown-value-type, where the status documents it", () => {
    const ctx = context();
    const types = (name: string) => unknownValueTypes(ctx, op('listThings'), name, 400);
    expect([types('after'), types('tag'), types('plain'), types('absent')]).toEqual([['errors/invalid_cursor'], ['errors/unknown_tag'], [], []]);
    expect(unknownValueTypes(ctx, op('listThings'), 'after', 404)).toEqual([]);
  });
});

describe('expectError', () => {
  const pointer = `${op('listThings').pointer}/responses/400`;
  const broken = { schemaPointer: '#/paths/~1things/get/parameters/0/schema', schemaFragment: { minimum: 1, maximum: 5 } };

  test('names what came back instead: no response, another status (with its type when the body has one), another type', () => {
    const ctx = context();
    const types = ['errors/invalid_cursor', 'errors/unknown_tag'];
    expectError(ctx, 'params.cursor-tampered', op('listThings'), 'a', exchange(undefined, 'ECONNRESET'), 400, types);
    expectError(ctx, 'params.cursor-tampered', op('listThings'), 'b', exchange({ status: 200, text: '{"type":"errors/other"}' }), 400, types);
    expectError(ctx, 'params.cursor-tampered', op('listThings'), 'c', exchange({ status: 500, text: 'oops' }), 400, []);
    expectError(ctx, 'params.cursor-tampered', op('listThings'), 'd', exchange({ status: 500, text: 'null' }), 400, []);
    expectError(ctx, 'params.cursor-tampered', op('listThings'), 'e', exchange({ status: 400, text: '{"type":"errors/other"}' }), 400, types);
    expectError(ctx, 'params.cursor-tampered', op('listThings'), 'f', exchange({ status: 400, text: '[1]' }), 400, ['errors/invalid_cursor']);
    expect(findings(ctx)).toEqual([
      { status: undefined, message: 'no response: ECONNRESET', expected: 400 },
      { status: 200, message: 'expected HTTP 400 errors/invalid_cursor or errors/unknown_tag, got HTTP 200 errors/other', schemaPointer: pointer, expected: 400, actual: 200 },
      { status: 500, message: 'expected HTTP 400 with a documented type, got HTTP 500', schemaPointer: pointer, expected: 400, actual: 500 },
      { status: 500, message: 'expected HTTP 400 with a documented type, got HTTP 500', schemaPointer: pointer, expected: 400, actual: 500 },
      { status: 400, message: 'expected HTTP 400 errors/invalid_cursor or errors/unknown_tag, got type "errors/other"', pointer: '/type', expected: types, actual: 'errors/other' },
      { status: 400, message: 'expected HTTP 400 errors/invalid_cursor, got type undefined', pointer: '/type', expected: ['errors/invalid_cursor'], actual: undefined },
    ]);
  });

  test('a request that breaks a rule on purpose names the rule, and points at it instead of the response', () => {
    const ctx = context();
    expectError(ctx, 'params.above-maximum', op('listThings'), 'a', exchange({ status: 200, text: '{}' }), 400, [], broken);
    expectError(ctx, 'params.above-maximum', op('listThings'), 'b', exchange({ status: 400, text: '{"type":"errors/other"}' }), 400, ['errors/invalid_parameters'], broken);
    expect(findings(ctx)).toEqual([
      { status: 200, message: 'the request breaks minimum 1, maximum 5: expected HTTP 400 with a documented type, got HTTP 200', ...broken, expected: 400, actual: 200 },
      { status: 400, message: 'the request breaks minimum 1, maximum 5: expected HTTP 400 errors/invalid_parameters, got type "errors/other"', pointer: '/type', expected: ['errors/invalid_parameters'], actual: 'errors/other' },
    ]);
  });

  test('the documented status, with a documented type (or any when none is documented), is no finding', () => {
    const ctx = context();
    expectError(ctx, 'params.cursor-tampered', op('listThings'), 'a', exchange({ status: 400, text: '{"type":"errors/unknown_tag"}' }), 400, ['errors/invalid_cursor', 'errors/unknown_tag']);
    expectError(ctx, 'params.cursor-tampered', op('listThings'), 'b', exchange({ status: 422, text: 'not json' }), 422, []);
    expect(findings(ctx)).toEqual([]);
  });
});

describe('expectSuccess', () => {
  test('true for the success status; otherwise false, with a finding that names what came back', () => {
    const ctx = context();
    const results = [
      expectSuccess(ctx, 'body.valid', op('createThing'), 'a', exchange({ status: 201 })),
      expectSuccess(ctx, 'body.valid', op('createThing'), 'b', exchange(undefined, 'timeout')),
      expectSuccess(ctx, 'body.valid', op('createThing'), 'c', exchange({ status: 422, text: '{"type":"errors/invalid_parameters"}' })),
      expectSuccess(ctx, 'body.valid', op('createThing'), 'd', exchange({ status: 500, text: 'null' })),
    ];
    expect(results).toEqual([true, false, false, false]);
    expect(findings(ctx)).toEqual([
      { status: undefined, message: 'no response: timeout', expected: 201 },
      { status: 422, message: 'expected HTTP 201, got HTTP 422 errors/invalid_parameters', expected: 201, actual: 422 },
      { status: 500, message: 'expected HTTP 201, got HTTP 500', expected: 201, actual: 500 },
    ]);
  });
});
