// Parameter serialisation by style and explode, checked against the style examples of the
// OpenAPI 3.1 specification (§4.8.12.4), and a request built end to end by createClientFor for an
// operation with every parameter location (a table written here, as another spec would give).
import { describe, expect, it } from 'vitest';
import { cookiePair, headerValue, pathValue, planRequest, queryPairs, requestTarget } from '../../src/client/serialize.js';
import { createClientFor } from '../../src/client/index.js';
import type { OperationEntry, OperationParameterEntry } from '../../generated/operations.js';

const param = (inLocation: OperationParameterEntry['in'], style: string, explode: boolean, name = 'color'): OperationParameterEntry => ({
  name, in: inLocation, required: false, style, explode, schema: {},
});
const string = 'blue';
const array = ['blue', 'black', 'brown'];
const object = { R: 100, G: 200, B: 150 };
const query = (p: OperationParameterEntry, value: unknown) => {
  const out: string[] = [];
  queryPairs(p, value, out);
  return out.join('&');
};

describe('the style examples of the OpenAPI specification', () => {
  it.each([
    ['matrix', false, ';color=blue', ';color=blue,black,brown', ';color=R,100,G,200,B,150'],
    ['matrix', true, ';color=blue', ';color=blue;color=black;color=brown', ';R=100;G=200;B=150'],
    ['label', false, '.blue', '.blue,black,brown', '.R,100,G,200,B,150'],
    ['label', true, '.blue', '.blue.black.brown', '.R=100.G=200.B=150'],
    ['simple', false, 'blue', 'blue,black,brown', 'R,100,G,200,B,150'],
    ['simple', true, 'blue', 'blue,black,brown', 'R=100,G=200,B=150'],
  ] as const)('path, style %s, explode %s', (style, explode, s, a, o) => {
    const p = param('path', style, explode);
    expect([pathValue(p, string), pathValue(p, array), pathValue(p, object)]).toEqual([s, a, o]);
  });

  it.each([
    ['form', false, 'color=blue', 'color=blue,black,brown', 'color=R,100,G,200,B,150'],
    ['form', true, 'color=blue', 'color=blue&color=black&color=brown', 'R=100&G=200&B=150'],
    ['spaceDelimited', false, 'color=blue', 'color=blue%20black%20brown', 'color=R,100,G,200,B,150'],
    ['pipeDelimited', false, 'color=blue', 'color=blue|black|brown', 'color=R,100,G,200,B,150'],
    ['deepObject', true, 'color=blue', 'color=blue&color=black&color=brown', 'color[R]=100&color[G]=200&color[B]=150'],
  ] as const)('query, style %s, explode %s', (style, explode, s, a, o) => {
    const p = param('query', style, explode);
    expect([query(p, string), query(p, array), query(p, object)]).toEqual([s, a, o]);
  });

  it('header (simple) and cookie (form)', () => {
    expect([headerValue(param('header', 'simple', false), array), headerValue(param('header', 'simple', false), object), headerValue(param('header', 'simple', true), object)])
      .toEqual(['blue,black,brown', 'R,100,G,200,B,150', 'R=100,G=200,B=150']);
    expect(headerValue(param('header', 'simple', false), 5)).toBe('5');
    expect([cookiePair(param('cookie', 'form', true), string), cookiePair(param('cookie', 'form', false), array), cookiePair(param('cookie', 'form', false), object)])
      .toEqual(['color=blue', 'color=blue,black,brown', 'color=R,100,G,200,B,150']);
  });
});

describe('encoding', () => {
  const hostile = 'a/../b?c=d&e#f%g h;i,j';
  const encoded = 'a%2F..%2Fb%3Fc%3Dd%26e%23f%25g%20h%3Bi%2Cj';
  it('every path, query and cookie value is percent-encoded, names too', () => {
    expect(pathValue(param('path', 'simple', false), hostile)).toBe(encoded);
    expect(pathValue(param('path', 'matrix', false, 'a;b'), hostile)).toBe(`;a%3Bb=${encoded}`);
    expect(pathValue(param('path', 'simple', false), [hostile, 'x'])).toBe(`${encoded},x`);
    expect(query(param('query', 'form', true, 'q&r'), hostile)).toBe(`q%26r=${encoded}`);
    expect(query(param('query', 'form', false), [hostile, 'x'])).toBe(`color=${encoded},x`);
    expect(query(param('query', 'deepObject', true), { [hostile]: hostile })).toBe(`color[${encoded}]=${encoded}`);
    expect(cookiePair(param('cookie', 'form', true), hostile)).toBe(`color=${encoded}`);
  });

  it('leaves out undefined object members and sends null as empty', () => {
    expect(query(param('query', 'form', true), { a: 1, b: undefined })).toBe('a=1');
    expect(query(param('query', 'form', true), null)).toBe('color=');
    expect(pathValue(param('path', 'simple', false), [null, 1])).toBe(',1');
  });
});

describe('request targets', () => {
  const op = (path: string, parameters: OperationParameterEntry[]) => planRequest({ path, parameters });
  const id = { ...param('path', 'simple', false, 'id'), required: true };

  it('fills the template, appends the query in parameter order, and leaves out `?` when there is none', () => {
    const plan = op('/items/{id}/parts', [id, param('query', 'form', true, 'b'), param('query', 'form', true, 'a')]);
    expect(requestTarget(plan, { id: 'x y', a: 1, b: 'two' })).toBe('/items/x%20y/parts?b=two&a=1');
    expect(requestTarget(plan, { id: 'x' })).toBe('/items/x/parts');
    expect(requestTarget(op('/items', []), { anything: 1 })).toBe('/items');
  });

  it.each(['.', '..'])('refuses %j as a whole segment, naming the parameter', (value) => {
    expect(requestTarget(op('/items/{id}', [id]), { id: value })).toEqual({ problem: `parameter "id" would make the path segment "${value}", which URLs resolve to another path` });
  });

  it('refuses two parameters that together make a dot segment, and allows dots inside a segment', () => {
    const a = { ...id, name: 'a' };
    const b = { ...id, name: 'b' };
    expect(requestTarget(op('/x/{a}{b}', [a, b]), { a: '.', b: '.' })).toEqual({ problem: 'parameter "a", "b" would make the path segment "..", which URLs resolve to another path' });
    expect(requestTarget(op('/x/{a}{b}', [a, b]), { a: '.', b: 'x' })).toBe('/x/.x');
    expect(requestTarget(op('/x/{a}', [a]), { a: '...' })).toBe('/x/...');
    expect(requestTarget(op('/x/{a}', [a]), { a: 'x..' })).toBe('/x/x..');
    expect(requestTarget(op('/x/{a}', [a]), { a: '..x' })).toBe('/x/..x');
    expect(requestTarget(op('/x/{a}', [a]), { a: '%2e%2e' })).toBe('/x/%252e%252e');
    expect(requestTarget(op('/x/{a}.json', [a]), { a: '.' })).toBe('/x/..json');
    expect(requestTarget(op('/x/{a}', [{ ...a, style: 'label' }]), { a: '' })).toEqual({ problem: 'parameter "a" would make the path segment ".", which URLs resolve to another path' });
  });

  it('a literal template segment is never refused', () => {
    expect(requestTarget(op('/a/../{id}', [id]), { id: 'x' })).toBe('/a/../x');
  });
});

describe('a call with every parameter location, built by createClientFor', () => {
  const operation: OperationEntry = {
    operationId: 'op', method: 'put', path: '/things/{id}', safe: false, idempotent: true, idempotencyKeyHeader: null, summary: '',
    parameters: [
      { name: 'id', in: 'path', required: true, style: 'label', explode: true, schema: { type: 'array', items: { type: 'string' } } },
      { name: 'tags', in: 'query', required: false, style: 'pipeDelimited', explode: false, schema: { type: 'array' } },
      { name: 'filter', in: 'query', required: false, style: 'deepObject', explode: true, schema: { type: 'object' } },
      { name: 'X-Ids', in: 'header', required: false, style: 'simple', explode: false, schema: { type: 'array' } },
      { name: 'session', in: 'cookie', required: false, style: 'form', explode: true, schema: { type: 'string' } },
      { name: 'theme', in: 'cookie', required: false, style: 'form', explode: true, schema: { type: 'string' } },
    ],
    requestBody: { required: false, mediaType: 'application/merge-patch+json', schema: { type: 'object' } },
    responses: { 200: { bodiless: false, mediaTypes: ['text/plain'], headers: [] }, 204: { bodiless: true, mediaTypes: [], headers: [] } },
    successStatus: 200, statuses: [200, 204], errors: {}, security: [], pagination: null,
  };

  it('sends each parameter where it belongs and the body with its media type; reads a text/plain success as text', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const fetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(seen.length === 1 ? 'plain text' : null, { status: seen.length === 1 ? 200 : 204 });
    }) as typeof globalThis.fetch;
    const client = createClientFor<any, any>({ operations: { op: operation }, errorSets: {}, apiKeyHeader: 'Api-Key' }, { apiKey: 'k1', baseUrl: 'http://h/base/', fetch });
    const input = { id: ['a', 'b'], tags: ['x', 'y'], filter: { min: 1 }, 'X-Ids': [1, 2], session: 's 1', theme: 'dark', body: { n: null } };
    expect(await client.op!(input)).toEqual({ ok: true, status: 200, data: 'plain text' });
    expect(await client.op!({ id: ['a'] })).toEqual({ ok: true, status: 204, data: undefined });
    expect(seen[0]!.url).toBe('http://h/base/things/.a.b?tags=x|y&filter[min]=1');
    expect(seen[0]!.init.method).toBe('PUT');
    expect(seen[0]!.init.headers).toEqual({
      accept: 'text/plain', 'Api-Key': 'k1', 'X-Ids': '1,2', cookie: 'session=s%201; theme=dark', 'content-type': 'application/merge-patch+json',
    });
    expect(seen[0]!.init.body).toBe('{"n":null}');
    expect(seen[1]!.init.headers).toEqual({ accept: 'text/plain', 'Api-Key': 'k1' });
    expect(seen[1]!.init.body).toBeUndefined();
  });

  it('fills an idempotency key the spec requires when the caller gives none', async () => {
    const keyed: OperationEntry = {
      ...operation, method: 'post', idempotent: false, idempotencyKeyHeader: 'Idem-Key', requestBody: null,
      parameters: [{ ...operation.parameters[0]!, style: 'simple', explode: false }, { name: 'Idem-Key', in: 'header', required: true, style: 'simple', explode: false, schema: { type: 'string', minLength: 1 } }],
    };
    const sent: unknown[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      sent.push((init.headers as Record<string, string>)['Idem-Key']);
      return new Response(null, { status: 204 });
    }) as typeof globalThis.fetch;
    const client = createClientFor<any, any>({ operations: { op: keyed }, errorSets: {}, apiKeyHeader: 'k' }, { apiKey: 'k', baseUrl: 'http://h', fetch });
    expect(await client.op!({ id: ['a'] })).toMatchObject({ ok: true, status: 204 });
    expect(await client.op!({ id: ['a'], 'Idem-Key': 'mine' })).toMatchObject({ ok: true });
    expect(await client.op!({ id: ['a'], 'Idem-Key': '' })).toMatchObject({ status: 0, error: { type: 'client/invalid_input' } });
    expect(sent).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), 'mine']);
  });

  it('refuses a spec it cannot call: a request body beside a parameter named body; and needs a base URL when the spec has no server', () => {
    const clash = { ...operation, parameters: [...operation.parameters, { name: 'body', in: 'query', required: false, style: 'form', explode: true, schema: {} }] } as OperationEntry;
    expect(() => createClientFor({ operations: { op: clash }, errorSets: {}, apiKeyHeader: 'k' }, { apiKey: 'k', baseUrl: 'http://h' })).toThrow(/op has a request body and a parameter named "body"/);
    expect(() => createClientFor({ operations: {}, errorSets: {}, apiKeyHeader: 'k' }, { apiKey: 'k' })).toThrow(/baseUrl is required/);
  });
});
