// The checks every response goes through, on a spec written for them (fixtures-response-spec.ts):
// which checks judge a response, and each finding's message, pointers and values.
import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../src/contract/model.js';
import { bodyOf, checkResponse, documentsJson, mediaTypeOf, parseJson } from '../../src/contract/response-checks.js';
import { kitSpecOf } from '../../src/contract/spec.js';
import { RESPONSE_SPEC } from './fixtures-response-spec.js';

const spec = kitSpecOf(structuredClone(RESPONSE_SPEC), 'response-spec.json');
const op = spec.model.operationsById.get('listThings')!;
const JSON_TYPE = { 'content-type': 'application/json' };
const PROBLEM = { 'content-type': 'application/problem+json' };

const exchange = (status: number, headers: Record<string, string>, text: string): Exchange => ({
  request: { method: 'get', path: '/things', query: [], headers: {} }, url: 'http://127.0.0.1:9/things', response: { status, headers, text }, durationMs: 1,
});
function check(status: number, headers: Record<string, string>, text: string, on = spec) {
  const { findings, judged } = checkResponse(on, on.model.operationsById.get('listThings')!, exchange(status, headers, text));
  return { judged, findings: Object.fromEntries(findings) };
}
/** A spec of its own: what the kit reads once per document (the error schema's shape) is read in the test. */
const fresh = () => kitSpecOf(structuredClone(RESPONSE_SPEC), 'fresh.json');
const OK_HEADERS = { ...JSON_TYPE, 'x-count': '3' };
const SUCCESS_JUDGED = ['transport.response', 'response.status-documented', 'response.content-type', 'response.body-schema', 'response.headers-schema'];

describe('helpers', () => {
  test('parseJson and bodyOf, parsed once per response', () => {
    expect(parseJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    const broken = parseJson('{');
    expect(broken.ok).toBe(false);
    expect(broken.ok ? '' : broken.error).toMatch(/JSON/);
    const response = { status: 200, headers: {}, text: '[1]' };
    expect(bodyOf(response)).toBe(bodyOf(response));
    expect(bodyOf(response)).toEqual({ ok: true, value: [1] });
  });

  test('media types: lower case without parameters; JSON is application/json or a +json suffix', () => {
    expect(mediaTypeOf(' Application/JSON ; charset=utf-8')).toBe('application/json');
    expect(mediaTypeOf(undefined)).toBe('');
    for (const json of ['application/json', 'application/problem+json', 'APPLICATION/JSON', 'application/vnd.x+json; charset=utf-8', ' application/json ; charset=utf-8']) expect(documentsJson(json), json).toBe(true);
    for (const other of ['text/json', 'application/jsonx', 'application/+json', 'xapplication/json', 'text/plain', '']) expect(documentsJson(other), other).toBe(false);
  });
});

describe('no response', () => {
  test('is a transport finding, and nothing else is judged', () => {
    const { findings, judged } = checkResponse(spec, op, { request: exchange(200, {}, '').request, url: 'u', error: 'ECONNRESET: socket hang up', durationMs: 1 });
    expect(judged).toEqual(['transport.response']);
    expect(Object.fromEntries(findings)).toEqual({ 'transport.response': [{ message: 'no response: ECONNRESET: socket hang up' }] });
    const unknown = checkResponse(spec, op, { request: exchange(200, {}, '').request, url: 'u', durationMs: 1 });
    expect(unknown.findings.get('transport.response')).toEqual([{ message: 'no response: unknown error' }]);
  });
});

describe('a documented success', () => {
  test('that conforms has no finding, and every applicable check judged it', () => {
    expect(check(200, OK_HEADERS, '{"items":["a"]}')).toEqual({ judged: SUCCESS_JUDGED, findings: {} });
    expect(check(200, { ...OK_HEADERS, 'content-type': 'Application/JSON; charset=utf-8', 'x-note': 'abc' }, '{"items":[]}').findings).toEqual({});
  });

  test('an undocumented content type is named, and the body is still validated against the only documented one', () => {
    expect(check(200, { ...OK_HEADERS, 'content-type': 'text/html; charset=utf-8' }, '{"items":[1]}').findings).toEqual({
      'response.content-type': [{ status: 200, pointer: '/headers/content-type', message: 'Content-Type text/html is not documented for HTTP 200', schemaPointer: '#/paths/~1things/get/responses/200/content', expected: ['application/json'], actual: 'text/html; charset=utf-8' }],
      'response.body-schema': [{ status: 200, pointer: '/items/0', keyword: 'type', message: '/items/0 must be string', schemaPointer: '#/paths/~1things/get/responses/200/content/application~1json/schema/properties/items/items/type', schemaFragment: { type: 'string' }, actual: 1 }],
    });
    expect(check(200, { 'x-count': '1' }, '{"items":[]}').findings).toEqual({
      'response.content-type': [{ status: 200, pointer: '/headers/content-type', message: 'Content-Type (none) is not documented for HTTP 200', schemaPointer: '#/paths/~1things/get/responses/200/content', expected: ['application/json'], actual: null }],
    });
  });

  test('a body that is not JSON, and a root-level schema issue', () => {
    const text = `<html>${'x'.repeat(300)}`;
    const { findings } = check(200, OK_HEADERS, text);
    expect(findings['response.body-schema']).toHaveLength(1);
    expect(findings['response.body-schema']![0]).toMatchObject({ status: 200, pointer: '', schemaPointer: '#/paths/~1things/get/responses/200/content/application~1json/schema', actual: text.slice(0, 200) });
    expect(findings['response.body-schema']![0]!.message).toMatch(/^the body is not JSON \(.+\)$/);
    expect(check(200, OK_HEADERS, '[]').findings['response.body-schema']![0]).toMatchObject({ pointer: '', message: '(root) must be object' });
  });

  test('documented headers: a required one missing, values against their schema, an absent optional one', () => {
    expect(check(200, JSON_TYPE, '{"items":[]}').findings).toEqual({
      'response.headers-schema': [{ status: 200, pointer: '/headers/X-Count', message: 'required header X-Count is missing', schemaPointer: '#/paths/~1things/get/responses/200/headers/X-Count/required', actual: undefined }],
    });
    expect(check(200, { ...JSON_TYPE, 'x-count': 'abc', 'x-note': 'long' }, '{"items":[]}').findings).toEqual({
      'response.headers-schema': [
        { status: 200, pointer: '/headers/X-Count', keyword: 'type', message: 'header X-Count must be integer', schemaPointer: '#/paths/~1things/get/responses/200/headers/X-Count/schema/type', schemaFragment: { type: 'integer' }, actual: 'abc' },
        { status: 200, pointer: '/headers/X-Note', keyword: 'maxLength', message: 'header X-Note must NOT have more than 3 characters', schemaPointer: '#/paths/~1things/get/responses/200/headers/X-Note/schema/maxLength', schemaFragment: { maxLength: 3 }, actual: 'long' },
      ],
    });
  });

  // A header travels as text: `X-Count: 3` is the integer 3 its schema asks for (simple style).
  // The kit used to validate the text itself, so every integer header failed "must be integer".
  test('header values are read as their schema types: integer, number (through $ref), boolean; a string type keeps the text', () => {
    expect(check(200, { ...JSON_TYPE, 'x-count': '0', 'x-flag': 'false', 'x-limit': '2.5e0', 'x-id': '12', 'x-free': 'anything at all' }, '{"items":[]}').findings).toEqual({});
    expect(check(200, { ...JSON_TYPE, 'x-count': '-1', 'x-flag': 'yes', 'x-limit': '11', 'x-id': '123' }, '{"items":[]}').findings).toEqual({
      'response.headers-schema': [
        { status: 200, pointer: '/headers/X-Count', keyword: 'minimum', message: 'header X-Count must be >= 0', schemaPointer: '#/paths/~1things/get/responses/200/headers/X-Count/schema/minimum', schemaFragment: { minimum: 0 }, actual: -1 },
        { status: 200, pointer: '/headers/X-Flag', keyword: 'type', message: 'header X-Flag must be boolean', schemaPointer: '#/paths/~1things/get/responses/200/headers/X-Flag/schema/type', schemaFragment: { type: 'boolean' }, actual: 'yes' },
        { status: 200, pointer: '/headers/X-Limit', keyword: 'maximum', message: 'header X-Limit must be <= 10', schemaPointer: '#/components/schemas/Limit/maximum', schemaFragment: { maximum: 10 }, actual: 11 },
        { status: 200, pointer: '/headers/X-Id', keyword: 'maxLength', message: 'header X-Id must NOT have more than 2 characters', schemaPointer: '#/paths/~1things/get/responses/200/headers/X-Id/schema/maxLength', schemaFragment: { maxLength: 2 }, actual: '123' },
      ],
    });
    // Text that is not a JSON number stays text (and is no integer).
    for (const text of [' 3', '3 ', '0x10', '', '1e', '--1', '3.', '+3', 'Infinity']) {
      expect(check(200, { ...JSON_TYPE, 'x-count': text }, '{"items":[]}').findings['response.headers-schema'], text).toEqual([expect.objectContaining({ keyword: 'type', actual: text })]);
    }
    expect(check(200, { ...JSON_TYPE, 'x-count': '3.5' }, '{"items":[]}').findings['response.headers-schema']![0]!.actual).toBe(3.5);
    expect(check(200, { ...JSON_TYPE, 'x-count': '1E2', 'x-flag': 'true', 'x-limit': '-0.5' }, '{"items":[]}').findings).toEqual({});
    expect(check(200, { ...JSON_TYPE, 'x-count': '3', 'x-flag': 'True' }, '{"items":[]}').findings['response.headers-schema']).toEqual([expect.objectContaining({ pointer: '/headers/X-Flag', actual: 'True' })]);
    // Numbers in every notation JSON allows; booleans as exactly true or false.
    expect(check(200, { ...JSON_TYPE, 'x-count': '3', 'x-limit': '2.55', 'x-enabled': 'true' }, '{"items":[]}').findings).toEqual({});
    expect(check(200, { ...JSON_TYPE, 'x-count': '3', 'x-limit': '1e+1' }, '{"items":[]}').findings).toEqual({});
    expect(check(200, { ...JSON_TYPE, 'x-count': '3', 'x-limit': '5E-10' }, '{"items":[]}').findings).toEqual({});
    expect(check(200, { ...JSON_TYPE, 'x-count': '3', 'x-enabled': 'false' }, '{"items":[]}').findings['response.headers-schema']).toEqual([expect.objectContaining({ pointer: '/headers/X-Enabled', keyword: 'const', actual: false })]);
    expect(check(200, { ...JSON_TYPE, 'x-count': '3', 'x-enabled': 'yes' }, '{"items":[]}').findings['response.headers-schema']).toEqual([expect.objectContaining({ pointer: '/headers/X-Enabled', keyword: 'type', actual: 'yes' }), expect.objectContaining({ keyword: 'const', actual: 'yes' })]);
    // A number-looking text is a number only for a numeric schema.
    expect(check(200, { ...JSON_TYPE, 'x-count': '3', 'x-flag': '1' }, '{"items":[]}').findings['response.headers-schema']).toEqual([expect.objectContaining({ pointer: '/headers/X-Flag', keyword: 'type', actual: '1' })]);
    expect(check(200, { ...JSON_TYPE, 'x-count': '3', 'x-code': '12' }, '{"items":[]}').findings['response.headers-schema']).toEqual([expect.objectContaining({ pointer: '/headers/X-Code', keyword: 'minLength', actual: '12' })]);
  });

  test('a bodiless status with a body, and without one', () => {
    expect(check(204, {}, '')).toEqual({ judged: ['transport.response', 'response.status-documented', 'response.content-type'], findings: {} });
    expect(check(204, JSON_TYPE, '{}').findings).toEqual({ 'response.content-type': [{ status: 204, message: 'HTTP 204 documents no body, got 2 bytes', schemaPointer: '#/paths/~1things/get/responses/204', actual: 'application/json' }] });
    expect(check(204, {}, 'x').findings['response.content-type']![0]!.actual).toBe('(none)');
  });
});

describe('an undocumented status', () => {
  test('is named with the documented ones; the content type and body are not judged', () => {
    expect(check(299, { 'content-type': 'text/plain' }, 'hello')).toEqual({
      judged: ['transport.response', 'response.status-documented'],
      findings: { 'response.status-documented': [{ status: 299, message: 'HTTP 299 is not documented for listThings', schemaPointer: '#/paths/~1things/get/responses', expected: ['200', '204', '400', '404', '409', '422', '500', '502', '503'], actual: 299 }] },
    });
  });

  test('an undocumented error is still judged by its envelope when it has one', () => {
    const { judged, findings } = check(418, PROBLEM, '{"status":400,"title":"teapot"}');
    expect(judged).toEqual(['transport.response', 'response.status-documented', 'error.envelope-status', 'error.envelope-title']);
    expect(findings['error.envelope-status']).toEqual([{ status: 418, pointer: '/status', message: 'body status 400 differs from HTTP status 418', expected: 418, actual: 400 }]);
    // Without a documented JSON body, a non-JSON (or non-object) error body is not a finding.
    expect(check(418, {}, 'teapot')).toEqual({ judged: ['transport.response', 'response.status-documented'], findings: { 'response.status-documented': [expect.anything()] } });
    expect(check(418, JSON_TYPE, '[1]').judged).toEqual(['transport.response', 'response.status-documented']);
    expect(check(418, JSON_TYPE, '{}').judged).toEqual(['transport.response', 'response.status-documented']);
  });
});

describe('the error envelope', () => {
  test('a conforming problem: status, type and title judged, no finding', () => {
    expect(check(400, PROBLEM, '{"type":"errors/b","status":400,"title":"Bad"}', fresh())).toEqual({
      judged: ['transport.response', 'response.status-documented', 'response.content-type', 'response.body-schema', 'error.envelope-status', 'error.envelope-type', 'error.envelope-title'],
      findings: {},
    });
  });

  test('a wrong status, an undocumented type and a blank title, each named', () => {
    const { findings } = check(400, PROBLEM, '{"type":"errors/c","status":401,"title":" "}', fresh());
    expect(findings['error.envelope-status']).toEqual([{ status: 400, pointer: '/status', message: 'body status 401 differs from HTTP status 400', expected: 400, actual: 401 }]);
    expect(findings['error.envelope-type']).toEqual([{ status: 400, pointer: '/type', message: 'type "errors/c" is not documented for HTTP 400 of listThings', schemaPointer: '#/components/schemas/Problem/properties/type/enum', schemaFragment: { enum: ['errors/a', 'errors/b'] }, actual: 'errors/c' }]);
    expect(findings['error.envelope-title']).toEqual([{ status: 400, pointer: '/title', message: 'the error body has no non-empty title', actual: ' ' }]);
  });

  test('a missing type and title where the schema has a title: both named', () => {
    const { judged, findings } = check(400, PROBLEM, '{}', fresh());
    expect(judged).toEqual(['transport.response', 'response.status-documented', 'response.content-type', 'response.body-schema', 'error.envelope-type', 'error.envelope-title']);
    expect(findings['error.envelope-type']![0]).toMatchObject({ message: 'type undefined is not documented for HTTP 400 of listThings', actual: undefined });
    expect(findings['error.envelope-title']).toEqual([{ status: 400, pointer: '/title', message: 'the error body has no non-empty title', actual: undefined }]);
    expect(check(400, PROBLEM, '{"type":7,"title":"x"}').findings['error.envelope-type']![0]!.actual).toBe(7);
  });

  test("an operation's own error: the type points at its response; a title is judged only when present", () => {
    const { judged, findings } = check(404, PROBLEM, '{"type":"errors/x","title":5}', fresh());
    expect(judged).toEqual(['transport.response', 'response.status-documented', 'response.content-type', 'response.body-schema', 'error.envelope-type', 'error.envelope-title']);
    expect(findings['error.envelope-type']![0]).toMatchObject({ schemaPointer: '#/paths/~1things/get/responses/404', schemaFragment: { enum: ['errors/not-found'] } });
    expect(findings['error.envelope-title']).toEqual([{ status: 404, pointer: '/title', message: 'the error body has no non-empty title', actual: 5 }]);
    expect(check(404, PROBLEM, '{"type":"errors/not-found"}', fresh())).toEqual({
      judged: ['transport.response', 'response.status-documented', 'response.content-type', 'response.body-schema', 'error.envelope-type'],
      findings: {},
    });
  });

  test('an error whose body enumerates no types: the type is not judged', () => {
    expect(check(409, PROBLEM, '{"type":"anything","detail":"d"}', fresh()).judged).toEqual(['transport.response', 'response.status-documented', 'response.content-type', 'response.body-schema']);
  });

  test('a documented JSON error body that is not a JSON object', () => {
    for (const text of ['Bad Request', '[]', 'null', '"x"']) {
      expect(check(400, PROBLEM, text).findings['error.envelope-status'], text).toEqual([{ status: 400, pointer: '', message: 'HTTP 400 carries no JSON error body although the spec documents one', actual: text }]);
    }
    expect(check(400, { 'content-type': 'text/html' }, 'x'.repeat(250)).findings['error.envelope-status']![0]!.actual).toBe('x'.repeat(200));
  });

  test('an error with two media types and an undocumented content type: no body validated, but a JSON body is still expected', () => {
    expect(check(422, { 'content-type': 'text/plain' }, 'oops')).toEqual({
      judged: ['transport.response', 'response.status-documented', 'response.content-type', 'error.envelope-status'],
      findings: {
        'response.content-type': [{ status: 422, pointer: '/headers/content-type', message: 'Content-Type text/plain is not documented for HTTP 422', schemaPointer: '#/paths/~1things/get/responses/422/content', expected: ['application/problem+json', 'text/html'], actual: 'text/plain' }],
        'error.envelope-status': [{ status: 422, pointer: '', message: 'HTTP 422 carries no JSON error body although the spec documents one', actual: 'oops' }],
      },
    });
    // The documented text form is fine.
    expect(check(422, { 'content-type': 'text/html' }, '<p>no</p>').findings).toEqual({});
  });

  test('a documented text error is not asked for a JSON envelope; wildcard media types match', () => {
    expect(check(502, { 'content-type': 'image/png' }, 'png')).toEqual({ judged: ['transport.response', 'response.status-documented', 'response.content-type'], findings: {} });
    expect(check(500, { 'content-type': 'text/plain' }, 'oops')).toEqual({ judged: ['transport.response', 'response.status-documented', 'response.content-type'], findings: {} });
    expect(check(503, { 'content-type': 'text/html' }, '<p>down</p>').findings).toEqual({});
    expect(check(503, JSON_TYPE, '{}').findings['response.content-type']![0]).toMatchObject({ message: 'Content-Type application/json is not documented for HTTP 503', expected: ['text/*'] });
    expect(check(500, { 'content-type': 'text/html' }, 'oops').findings['response.content-type']![0]!.message).toBe('Content-Type text/html is not documented for HTTP 500');
  });
});
