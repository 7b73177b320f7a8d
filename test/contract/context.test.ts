// The run's shared state on its own (src/contract/context.ts), on a spec written for it
// (fixtures-context-spec.ts) and a node:http server on 127.0.0.1: the requests it builds, the
// values it learns, credentials, budgets, and how outcomes and findings are recorded.
import { Buffer } from 'node:buffer';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { describe, expect, test } from 'vitest';
import { serveForFile } from './serve-for-file.js';
import { RESPONSE_CHECKS } from '../../src/contract/checks.js';
import { evaluateRuntimeExpression, MissingValue, RunContext, serialize, withBody, withoutCredentials, type RunSettings } from '../../src/contract/context.js';
import type { ProbeRequest } from '../../src/contract/model.js';
import { REDACTED, Redactor } from '../../src/contract/redact.js';
import { kitSpecOf } from '../../src/contract/spec.js';
import { BudgetExhausted, Transport } from '../../src/contract/transport.js';
import { CONTEXT_SPEC } from './fixtures-context-spec.js';

const spec = kitSpecOf(structuredClone(CONTEXT_SPEC), 'context-spec.json');
const op = (id: string) => spec.model.operationsById.get(id)!;
const ACCEPT = 'application/json, application/problem+json;q=0.9, */*;q=0.1';

type Reply = { status: number; headers?: Record<string, string>; body?: unknown };
let reply: (req: IncomingMessage) => Reply = () => ({ status: 200, body: {} });
const server = createServer((req, res: ServerResponse) => {
  req.resume();
  req.on('end', () => {
    const r = reply(req);
    res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers }).end(r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
  });
});
const baseUrl = serveForFile(server);

function context(over: Partial<RunSettings> = {}, maxRequests = 100): RunContext {
  const settings: RunSettings = { credentials: {}, parameters: {}, seed: 1, maxPages: 5, propertyRuns: 10, allowUnsafe: true, preferErrors: false, ...over };
  const transport = new Transport({ baseUrl: baseUrl(), fetch: globalThis.fetch, maxRequests, rate: 0, concurrency: 2, timeoutMs: 5000 });
  return new RunContext(spec, transport, new Redactor(Object.values(settings.credentials), new Set(['secret_note'])), settings);
}
const request = (over: Partial<ProbeRequest> = {}): ProbeRequest => ({ method: 'get', path: '/things', query: [], headers: {}, ...over });

describe('serialize', () => {
  test('arrays by style and explode, objects as JSON, the rest as text', () => {
    expect(serialize({ in: 'query', style: 'form', explode: true }, ['a', 1, { b: 2 }])).toEqual(['a', '1', '{"b":2}']);
    expect(serialize({ in: 'query', style: 'form', explode: false }, ['a', 1])).toEqual(['a,1']);
    expect(serialize({ in: 'query', style: 'spaceDelimited', explode: false }, ['a', 'b'])).toEqual(['a b']);
    expect(serialize({ in: 'query', style: 'pipeDelimited', explode: false }, ['a', 'b'])).toEqual(['a|b']);
    expect(serialize({ in: 'header', style: 'simple', explode: true }, ['a', null])).toEqual(['a,null']);
    expect(serialize({ in: 'path', style: 'form', explode: true }, ['a', 'b'])).toEqual(['a,b']);
    expect(serialize({ in: 'query', style: 'form', explode: true }, { a: [1] })).toEqual(['{"a":[1]}']);
    expect(serialize({ in: 'query', style: 'form', explode: true }, null)).toEqual(['null']);
    expect(serialize({ in: 'query', style: 'form', explode: true }, 5)).toEqual(['5']);
    expect(serialize({ in: 'query', style: 'form', explode: true }, false)).toEqual(['false']);
    expect(serialize({ in: 'query', style: 'form', explode: true }, 'x y')).toEqual(['x y']);
    expect(serialize({ in: 'query', style: 'spaceDelimited', explode: true }, ['a', 'b'])).toEqual(['a b']);
  });
});

describe('withBody', () => {
  test('JSON media types get JSON, others text; no value removes the body and its content type', () => {
    const start = request({ headers: { accept: 'x', 'content-type': 'text/old' }, body: 'old' });
    expect(withBody(start, 'application/problem+json', { a: 'b' })).toEqual({ ...start, headers: { accept: 'x', 'content-type': 'application/problem+json' }, body: '{"a":"b"}' });
    expect(withBody(start, 'text/plain', 'a"b')).toEqual({ ...start, headers: { accept: 'x', 'content-type': 'text/plain' }, body: 'a"b' });
    expect(withBody(start, 'application/json', 'a"b').body).toBe('"a\\"b"');
    const none = withBody(start, 'application/json', undefined);
    expect(none).toEqual({ method: 'get', path: '/things', query: [], headers: { accept: 'x' } });
    expect('body' in none).toBe(false);
    expect(start).toEqual(request({ headers: { accept: 'x', 'content-type': 'text/old' }, body: 'old' }));
  });
});

describe('evaluateRuntimeExpression', () => {
  test('body pointers, the whole body, headers by any case, constants; unknown expressions give nothing', () => {
    const body = { a: [{ id: 'x' }] };
    expect(evaluateRuntimeExpression('$response.body#/a/0/id', body, {})).toBe('x');
    expect(evaluateRuntimeExpression('$response.body#/missing', body, {})).toBeUndefined();
    expect(evaluateRuntimeExpression('$response.body', body, {})).toBe(body);
    expect(evaluateRuntimeExpression('$response.header.Location', body, { location: '/things/1' })).toBe('/things/1');
    expect(evaluateRuntimeExpression('$request.path.id', body, {})).toBeUndefined();
    expect(evaluateRuntimeExpression('$response.bodyx', body, {})).toBeUndefined();
    expect(evaluateRuntimeExpression('constant', body, {})).toBe('constant');
    expect(evaluateRuntimeExpression(42, body, {})).toBe(42);
  });
});

describe('credentials', () => {
  test('an API key in a header, and removed again', () => {
    const ctx = context({ credentials: { key: 'K-123456' } });
    const withKey = ctx.withCredentials(op('listThings'), request());
    expect(withKey.headers).toEqual({ 'x-api-key': 'K-123456' });
    expect(withoutCredentials(ctx, op('listThings'), withKey)).toEqual(request());
    expect(ctx.requirement(op('listThings'))!.map((s) => s.name)).toEqual(['key']);
  });

  test('query and cookie keys of one requirement; removed without touching the other cookies', () => {
    const ctx = context({ credentials: { qkey: 'Q', ckey: 'C v' } });
    const start = request({ query: [['api_key', 'old'], ['a', '1']], headers: { cookie: 'pref=c' } });
    const withKeys = ctx.withCredentials(op('listNotes'), start);
    expect(withKeys).toEqual(request({ query: [['a', '1'], ['api_key', 'Q']], headers: { cookie: 'pref=c; session=C%20v' } }));
    expect(withoutCredentials(ctx, op('listNotes'), withKeys)).toEqual(request({ query: [['a', '1']], headers: { cookie: 'pref=c' } }));
    expect(ctx.withCredentials(op('listNotes'), request()).headers).toEqual({ cookie: 'session=C%20v' });
    const alone = withoutCredentials(ctx, op('listNotes'), ctx.withCredentials(op('listNotes'), request()));
    expect(alone.headers).toEqual({});
    expect(withoutCredentials(ctx, op('listNotes'), request({ headers: { cookie: 'a=1; session=x; b=2' } })).headers).toEqual({ cookie: 'a=1; b=2' });
  });

  test('the first requirement whose schemes all have credentials; HTTP basic, bearer and other schemes', () => {
    const basic = context({ credentials: { basic: 'user:pass', ckey: 'only-one-of-two' } });
    expect(basic.requirement(op('listNotes'))!.map((s) => s.name)).toEqual(['basic']);
    const withBasic = basic.withCredentials(op('listNotes'), request());
    expect(withBasic.headers).toEqual({ authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` });
    expect(withoutCredentials(basic, op('listNotes'), withBasic).headers).toEqual({});
    // None usable: the first requirement, whose credentials are missing, so nothing is added.
    const none = context();
    expect(none.requirement(op('listNotes'))!.map((s) => s.name)).toEqual(['qkey', 'ckey']);
    expect(none.withCredentials(op('listNotes'), request())).toEqual(request());
    const digest = context({ credentials: { digest: 'd' } });
    expect(digest.withCredentials(op('putOpen'), request()).headers).toEqual({ authorization: 'digest d' });
    const oauth = context({ credentials: { oauth: 'tok' } });
    expect(oauth.requirement(op('putOpen'))!.map((s) => s.name)).toEqual(['oauth']);
    expect(oauth.withCredentials(op('putOpen'), request())).toEqual(request());
    expect(withoutCredentials(oauth, op('putOpen'), request({ headers: { authorization: 'kept' } })).headers).toEqual({ authorization: 'kept' });
    // A requirement naming a scheme the spec does not define: only the defined ones are applied.
    const ghost = context({ credentials: { ghost: 'g', key: 'K' } });
    expect(ghost.requirement(op('getGhost'))!.map((s) => s.name)).toEqual(['key']);
    expect(ghost.withCredentials(op('getGhost'), request()).headers).toEqual({ 'x-api-key': 'K' });
  });

  test('anonymous access allowed (an empty requirement, or none): no credentials', () => {
    const ctx = context({ credentials: { bearer: 'B', key: 'K' } });
    expect(ctx.requirement(op('addNote'))).toBeNull();
    expect(ctx.requirement(op('openThing'))).toBeNull();
    expect(ctx.withCredentials(op('openThing'), request())).toEqual(request());
    expect(withoutCredentials(ctx, op('openThing'), request({ headers: { authorization: 'x' } })).headers).toEqual({ authorization: 'x' });
  });

  test('a replaced credential: raw, through its scheme, or left out', () => {
    const ctx = context({ credentials: { key: 'K', bearer: 'B' } });
    const bearerOp = { ...op('addNote'), security: [{ bearer: [] }] };
    expect(ctx.withCredentials(bearerOp, request()).headers).toEqual({ authorization: 'Bearer B' });
    expect(ctx.withCredentials(bearerOp, request(), { scheme: 'bearer', value: 'X' }).headers).toEqual({ authorization: 'Bearer X' });
    expect(ctx.withCredentials(bearerOp, request(), { scheme: 'bearer', value: 'X', raw: true }).headers).toEqual({ authorization: 'X' });
    expect(ctx.withCredentials(bearerOp, request(), { scheme: 'bearer', value: undefined }).headers).toEqual({});
    expect(ctx.withCredentials(op('listThings'), request(), { scheme: 'bearer', value: 'X', raw: true }).headers).toEqual({ 'x-api-key': 'K' });
    expect(ctx.withCredentials(op('listThings'), request(), { scheme: 'key', value: 'Bearer K', raw: true }).headers).toEqual({ 'x-api-key': 'Bearer K' });
  });
});

describe('the base request', () => {
  test('path, header, cookie and query values from examples, defaults, enums and generated values; credentials added', () => {
    const ctx = context({ credentials: { basic: 'u:p' } });
    expect(ctx.baseRequest(op('listNotes'))).toEqual({
      method: 'get',
      path: '/owners/own%201%2F2/notes',
      query: [['tags', 'x,y'], ['ids', '1'], ['ids', '2'], ['size', '3']],
      headers: { accept: ACCEPT, 'x-trace': 't-1', cookie: 'pref=a%20b; theme=dark', authorization: `Basic ${Buffer.from('u:p').toString('base64')}` },
    });
    expect(ctx.baseRequest(op('listNotes'), { credentials: false }).headers.authorization).toBeUndefined();
    expect(ctx.valueFor(op('listNotes'), op('listNotes').parameters[0]!)).toEqual({ value: 'own 1/2', source: 'example' });
    expect(ctx.valueFor(op('listNotes'), op('listNotes').parameters[7]!)).toEqual({ value: 3, source: 'generated' });
    expect(ctx.valueFor(op('listNotes'), op('listNotes').parameters[2]!)).toEqual({ value: 'a b', source: 'example' });
  });

  test('given values win, an operation-specific one first; explicit values win over all', () => {
    const ctx = context({ parameters: { 'listNotes.owner_id': 'mine', owner_id: 'anyone', size: '4', 'X-Trace': 'given' } });
    const built = ctx.baseRequest(op('listNotes'));
    expect(built.path).toBe('/owners/mine/notes');
    expect(built.query).toContainEqual(['size', '4']);
    expect(built.headers['x-trace']).toBe('given');
    expect(ctx.valueFor(op('listNotes'), op('listNotes').parameters[0]!)).toEqual({ value: 'mine', source: 'given' });
    expect(ctx.baseRequest(op('listNotes'), { values: { owner_id: 'a/b' } }).path).toBe('/owners/a%2Fb/notes');
    expect(ctx.baseRequest(op('addNote')).path).toBe('/owners/anyone/notes');
  });

  test('a missing path value: missing-value for a read, precondition for a write', () => {
    const ctx = context();
    const read = (() => { try { ctx.baseRequest(op('getThing')); } catch (e) { return e; } })() as MissingValue;
    expect(read).toBeInstanceOf(MissingValue);
    expect(read.name).toBe('MissingValue');
    expect(read.kind).toBe('missing-value');
    expect(read.message).toBe('no value for path parameter thing_id (no link, list or create response gave one, the spec has no example: pass --param thing_id=VALUE or --fixtures FILE)');
    const write = (() => { try { ctx.baseRequest(op('deleteThing')); } catch (e) { return e; } })() as MissingValue;
    expect(write.kind).toBe('precondition');
    expect(write.message).toBe('no value for path parameter thing_id: the kit writes only to what it created (it created nothing this operation can use, or --param thing_id=VALUE)');
    const readOnly = (() => { try { context({ allowUnsafe: false }).baseRequest(op('deleteThing')); } catch (e) { return e; } })() as MissingValue;
    expect(readOnly.message).toBe('no value for path parameter thing_id: the kit writes only to what it created (pass --allow-unsafe so it can create one, or --param thing_id=VALUE)');
    expect(() => ctx.baseRequest(op('addNote'))).toThrow(expect.objectContaining({ kind: 'precondition' }));
    // No value can be generated for a schema nothing satisfies.
    expect(ctx.valueFor(op('getImpossible'), op('getImpossible').parameters[0]!)).toBeUndefined();
    expect(() => ctx.baseRequest(op('getImpossible'))).toThrow(expect.objectContaining({ kind: 'missing-value', message: 'no value for query parameter bad (no link, list or create response gave one, the spec has no example: pass --param bad=VALUE or --fixtures FILE)' }));
    expect(ctx.baseRequest(op('getThing'), { values: { thing_id: 't 1' } })).toEqual({ method: 'get', path: '/things/t%201', query: [], headers: { accept: ACCEPT } });
  });

  test('a body: the example when valid, else generated; left out on request', () => {
    const ctx = context({ credentials: { key: 'K' } });
    expect(ctx.baseRequest(op('createThing'))).toEqual({
      method: 'post', path: '/things', query: [], headers: { accept: ACCEPT, 'x-api-key': 'K', 'content-type': 'application/json' }, body: '{"name":"from components"}',
    });
    expect('body' in ctx.baseRequest(op('createThing'), { body: false })).toBe(false);
    expect(ctx.validBody(op('createThing'))).toEqual({ mediaType: 'application/json', value: { name: 'from components' } });
    const other = ctx.validBody(op('createThing'), 99)!;
    expect(other.mediaType).toBe('application/json');
    expect(other.value).not.toEqual({ name: 'from components' });
    expect(spec.validator.schemaAt(op('createThing').requestBody!.content[0]!.schemaPointer!)(other.value)).toEqual([]);
    expect(ctx.validBody(op('listThings'))).toBeUndefined();
  });

  test('a generated body takes the values of fields named like a parameter: given, else a parameter example', () => {
    expect(context({ parameters: { owner_id: 'own-9' } }).validBody(op('createThing'), 1001)!.value).toEqual({ name: 'ilg', owner_id: 'own-9' });
    expect(context().validBody(op('createThing'), 1001)!.value).toEqual({ name: 'ilg', owner_id: 'own 1/2' });
    // A value that would make the body invalid is not used.
    const kept = context({ parameters: { owner_id: 'own-9', name: '' } }).validBody(op('createThing'), 1001)!.value as Record<string, unknown>;
    expect(kept.name).toBe('ilg');
    expect(kept.owner_id).not.toBe('own-9');
  });

  test('a body without a schema: its example as text', () => {
    const ctx = context({ credentials: { digest: 'd' } });
    expect(ctx.validBody(op('putOpen'))).toEqual({ mediaType: 'text/plain', value: 'hello' });
    expect(ctx.baseRequest(op('putOpen'))).toEqual({ method: 'put', path: '/open', query: [], headers: { accept: ACCEPT, authorization: 'digest d', 'content-type': 'text/plain' }, body: 'hello' });
  });
});

describe('send', () => {
  test('applies the response checks; one defect on many items is one finding with its count', async () => {
    reply = () => ({ status: 200, body: { items: [{ thing_id: 1, name: 'a' }, { thing_id: 2, name: 'b' }], next: null } });
    const ctx = context({ credentials: { key: 'secret-key-1' } });
    const exchange = await ctx.send(op('listThings'), 'the first page', request({ headers: { 'x-api-key': 'secret-key-1' } }));
    expect(exchange.response?.status).toBe(200);
    await ctx.send(op('listThings'), 'the second page', request());
    ctx.finishResponseChecks(op('listThings'));
    const outcomes = ctx.results().filter((o) => o.operationId === 'listThings');
    const schema = outcomes.find((o) => o.check === 'response.body-schema')!;
    expect(schema.status).toBe('failed');
    expect(schema.subject).toBe('every response');
    expect(schema.findings).toHaveLength(1);
    expect(schema.findings[0]).toMatchObject({
      check: 'response.body-schema', operationId: 'listThings', subject: 'every response', status: 200, pointer: '/items/0/thing_id',
      message: '/items/0/thing_id must be string (request: the first page)', occurrences: 4,
      request: { method: 'GET', url: `${baseUrl()}/things` },
    });
    expect(schema.findings[0]!.request!.curl).toBe(`curl --request GET \\\n  --url '${baseUrl()}/things' \\\n  --header "x-api-key: \${POSTPRESS_API_KEY}"`);
    expect(schema.note).toBe('2 responses checked');
    const byCheck = Object.fromEntries(outcomes.map((o) => [o.check, [o.status, o.note, o.kind]]));
    expect(byCheck).toEqual({
      'response.status-documented': ['passed', '2 responses checked', undefined],
      'response.content-type': ['passed', '2 responses checked', undefined],
      'response.body-schema': ['failed', '2 responses checked', undefined],
      'response.headers-schema': ['not-exercised', 'no response came back with a status that documents headers', 'not-applicable'],
      'error.envelope-status': ['not-exercised', 'no error response came back with a JSON body', 'not-applicable'],
      'error.envelope-type': ['not-exercised', 'no error response came back whose status enumerates its error types', 'not-applicable'],
      'error.envelope-title': ['not-exercised', 'no error response came back whose schema has a title', 'not-applicable'],
      'transport.response': ['passed', '2 responses checked', undefined],
    });
    expect(outcomes.map((o) => o.check)).toEqual([...RESPONSE_CHECKS]);
  });

  test('different defects are separate findings; the same defect at any index (10 and more, or last in the pointer) is one', async () => {
    reply = () => ({ status: 200, body: { items: [...Array.from({ length: 12 }, (_, i) => ({ thing_id: i, name: 'n' })), 7, 8, { thing_id: 'ok', name: 3 }], next: null } });
    const ctx = context();
    await ctx.send(op('listThings'), 'page', request());
    const findings = ctx.results().find((o) => o.check === 'response.body-schema')!.findings;
    expect(findings.map((f) => [f.pointer, f.occurrences])).toEqual([['/items/0/thing_id', 12], ['/items/12', 2], ['/items/14/name', undefined]]);
  });

  test('a 429 is retried unless asked not to', async () => {
    let n = 0;
    reply = () => (n++ % 2 === 0 ? { status: 429, headers: { 'retry-after': '0' }, body: {} } : { status: 200, body: { items: [], next: null } });
    const ctx = context();
    expect((await ctx.send(op('listThings'), 's', request())).response?.status).toBe(200);
    expect((await ctx.send(op('listThings'), 's', request(), { retry429: false })).response?.status).toBe(429);
    expect(ctx.transport.sent).toBe(3);
  });

  test('one response checked; a finding counts even when nothing was judged', async () => {
    reply = () => ({ status: 400, body: { type: 'errors/bad', status: 400, title: 'Bad' } });
    const ctx = context();
    await ctx.send(op('listThings'), 's', request());
    ctx.fail('response.headers-schema', op('listThings'), 'every response', undefined, { message: 'by hand' });
    ctx.finishResponseChecks(op('listThings'));
    const notes = Object.fromEntries(ctx.results().map((o) => [o.check, [o.status, o.note]]));
    expect(notes['error.envelope-type']).toEqual(['passed', '1 response checked']);
    expect(notes['response.headers-schema']).toEqual(['failed', '0 responses checked']);
    expect(notes['response.body-schema']).toEqual(['passed', '1 response checked']);
  });

  test('records statuses and error types seen; learns secret values from bodies', async () => {
    const ctx = context();
    reply = () => ({ status: 400, body: { type: 'errors/worse', status: 400, title: 't' } });
    await ctx.send(op('listThings'), 's', request());
    reply = () => ({ status: 200, body: { items: [], next: null, type: 'not an error', secret_note: 'hidden-value' } });
    await ctx.send(op('listThings'), 's', request());
    reply = () => ({ status: 500, body: { type: 7 } });
    await ctx.send(op('listThings'), 's', request());
    reply = () => ({ status: 404, body: 'not json' });
    await ctx.send(op('listThings'), 's', request());
    expect(ctx.observed.get('listThings')).toEqual({ statuses: new Set([400, 200, 500, 404]), types: new Set(['400 errors/worse']) });
    expect(ctx.redactor.text('a hidden-value b')).toBe(`a ${REDACTED} b`);
  });

  test('a request not judged by the spec: nothing recorded, nothing learned', async () => {
    reply = () => ({ status: 200, body: { items: [{ thing_id: 'never', name: 'n' }], next: null } });
    const ctx = context();
    const exchange = await ctx.send(op('listThings'), 's', request({ method: 'patch' }), { judge: false });
    expect(exchange.response?.status).toBe(200);
    expect(ctx.observed.size).toBe(0);
    ctx.finishResponseChecks(op('listThings'));
    expect(ctx.results().every((o) => o.status === 'not-exercised')).toBe(true);
    expect(ctx.results().find((o) => o.check === 'transport.response')!.note).toBe('no response it applies to came back');
    expect(() => ctx.baseRequest(op('getThing'))).toThrow(MissingValue);
  });

  test("an operation's share of the budget, charged to whom pays", async () => {
    reply = () => ({ status: 200, body: { items: [], next: null } });
    const ctx = context({}, 10);
    expect(ctx.remainingFor(op('listThings'))).toBe(10);
    ctx.setQuota(op('listThings'), 2);
    expect(ctx.remainingFor(op('listThings'))).toBe(2);
    await ctx.send(op('getThing'), 'read', request({ path: '/things/x' }), { charge: op('listThings') });
    expect(ctx.remainingFor(op('listThings'))).toBe(1);
    await ctx.send(op('listThings'), 's', request());
    expect(ctx.remainingFor(op('listThings'))).toBe(0);
    const error = await ctx.send(op('listThings'), 's', request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExhausted);
    expect((error as Error).message).toBe('the request budget of listThings (its fair share of --max-requests 10) is spent');
    // Another operation without a share is not limited by it.
    await ctx.send(op('getThing'), 'read', request({ path: '/things/x' }));
    expect(ctx.transport.sent).toBe(3);
    expect(ctx.remainingFor(op('getThing'))).toBe(7);
    ctx.setQuota(op('getThing'), 50);
    expect(ctx.remainingFor(op('getThing'))).toBe(7);
  });
});

describe('learning values', () => {
  test('from a list page: item ids for reads, most recent first; fields named like path parameters', async () => {
    reply = () => ({ status: 200, headers: { location: '/things/not-created' }, body: { items: [{ thing_id: 't1', name: 'a', owner_id: 'o1' }, null, { thing_id: 't2', name: 'b' }], next: null } });
    const ctx = context();
    await ctx.send(op('listThings'), 's', request());
    expect(ctx.valueFor(op('getThing'), op('getThing').parameters[0]!)).toEqual({ value: 't1', source: 'learned' });
    expect(ctx.baseRequest(op('getThing')).path).toBe('/things/t1');
    // A write never uses a learned value: only what the kit created.
    expect(ctx.valueFor(op('deleteThing'), op('deleteThing').parameters[0]!)).toBeUndefined();
    // owner_id is the path parameter of another operation: learned by name.
    expect(ctx.valueFor({ ...op('listNotes'), parameters: [{ ...op('listNotes').parameters[0]!, example: undefined }] }, { ...op('listNotes').parameters[0]!, example: undefined })).toEqual({ value: 'o1', source: 'learned' });
    expect(ctx.created).toEqual([]);
  });

  test('from an array body: fields named like a path parameter, numbers as text, the newest new value first', async () => {
    const ctx = context();
    reply = () => ({ status: 200, body: [null, 7, { owner_id: 41 }, { owner_id: 'o-2' }] });
    await ctx.send(op('listNotes'), 's', request({ path: '/owners/x/notes' }));
    expect(ctx.valueFor(op('listNotes'), op('listNotes').parameters[0]!)).toEqual({ value: 'o-2', source: 'learned' });
    reply = () => ({ status: 200, body: [{ owner_id: 52 }, { owner_id: 41 }] });
    await ctx.send(op('listNotes'), 's', request({ path: '/owners/x/notes' }));
    expect(ctx.valueFor(op('listNotes'), op('listNotes').parameters[0]!)).toEqual({ value: '52', source: 'learned' });
    // A write uses no learned value for a parameter that is no resource id.
    expect(ctx.valueFor(op('addNote'), op('addNote').parameters[0]!)).toBeUndefined();
    reply = () => ({ status: 200, body: [{ owner_id: { nested: true } }, { owner_id: true }] });
    await ctx.send(op('listNotes'), 's', request({ path: '/owners/x/notes' }));
    expect(ctx.valueFor(op('listNotes'), op('listNotes').parameters[0]!)).toEqual({ value: '52', source: 'learned' });
  });

  test('a page that is not a success teaches nothing', async () => {
    const ctx = context();
    for (const status of [400, 300]) {
      reply = () => ({ status, body: { items: [{ thing_id: 't1' }], type: 'errors/bad' } });
      await ctx.send(op('listThings'), 's', request());
    }
    expect(ctx.valueFor(op('getThing'), op('getThing').parameters[0]!)).toBeUndefined();
    // Bodies that are no object teach nothing (and break nothing).
    for (const body of ['null', '"text"', '5']) {
      reply = () => ({ status: 200, body });
      await ctx.send(op('listThings'), 's', request());
    }
    reply = () => ({ status: 500, body: 'null' });
    await ctx.send(op('listThings'), 's', request());
    expect(ctx.valueFor(op('getThing'), op('getThing').parameters[0]!)).toBeUndefined();
    expect(ctx.observed.get('listThings')!.types).toEqual(new Set(['400 errors/bad']));
  });

  test('from a create: what was created (read and deleted first), its link, then the list', async () => {
    reply = () => ({ status: 201, body: { thing_id: 'new-1', name: 'n' } });
    const ctx = context();
    await ctx.send(op('createThing'), 'create', request({ method: 'post' }));
    await ctx.send(op('createThing'), 'create again', request({ method: 'post' }));
    expect(ctx.created).toEqual([{ resource: spec.model.resources[0], operationId: 'createThing', id: 'new-1', deleted: false }]);
    expect(ctx.valueFor(op('deleteThing'), op('deleteThing').parameters[0]!)).toEqual({ value: 'new-1', source: 'created' });
    expect(ctx.valueFor(op('getThing'), op('getThing').parameters[0]!)).toEqual({ value: 'new-1', source: 'created' });
    ctx.created[0]!.deleted = true;
    expect(ctx.valueFor(op('deleteThing'), op('deleteThing').parameters[0]!)).toBeUndefined();
    expect(ctx.valueFor(op('getThing'), op('getThing').parameters[0]!)).toEqual({ value: 'new-1', source: 'link' });
    expect(ctx.uncleanable).toEqual([]);
  });

  test('the newest created item is used; an id from the Location header when the body has none', async () => {
    const ctx = context();
    reply = () => ({ status: 201, body: { thing_id: 'first', name: 'n' } });
    await ctx.send(op('createThing'), 'c', request({ method: 'post' }));
    reply = () => ({ status: 201, headers: { location: '/things/sec%20ond//?x=1#y' }, body: { name: 'n' } });
    await ctx.send(op('createThing'), 'c', request({ method: 'post' }));
    reply = () => ({ status: 201, headers: { location: '/things/' }, body: 'created' });
    await ctx.send(op('createThing'), 'c', request({ method: 'post' }));
    reply = () => ({ status: 201, body: { name: 'no id anywhere' } });
    await ctx.send(op('createThing'), 'c', request({ method: 'post' }));
    expect(ctx.created.map((c) => c.id)).toEqual(['first', 'sec ond']);
    expect(ctx.valueFor(op('deleteThing'), op('deleteThing').parameters[0]!)).toEqual({ value: 'sec ond', source: 'created' });
  });

  test('a 201 of a write that no delete removes is named as not cleanable', async () => {
    const ctx = context({ parameters: { owner_id: 'o' } });
    reply = () => ({ status: 200, body: {} });
    await ctx.send(op('addNote'), 'add', request({ method: 'post', path: '/owners/o/notes' }));
    expect(ctx.uncleanable).toEqual([]);
    reply = () => ({ status: 201, body: {} });
    await ctx.send(op('addNote'), 'add', request({ method: 'post', path: '/owners/o/notes' }));
    expect(ctx.uncleanable).toEqual(['addNote created something (HTTP 201) that no delete operation of the spec removes']);
  });

  test('the resource of an item operation', () => {
    const ctx = context();
    expect(ctx.resourceOfItem(op('getThing'))?.name).toBe('things');
    expect(ctx.resourceOfItem(op('deleteThing'))?.name).toBe('things');
    expect(ctx.resourceOfItem(op('listThings'))).toBeUndefined();
    expect(ctx.resourceOfItem({ ...op('addNote'), path: '/things/{thing_id}' })).toBeUndefined();
    expect(ctx.resourceOfItem({ ...op('getThing'), path: '/elsewhere/{thing_id}' })).toBeUndefined();
  });
});

describe('outcomes', () => {
  test('skip, fail and probe; a spent budget or a missing value is not exercised, other errors propagate', async () => {
    const ctx = context({ credentials: { key: 'K-secret' } });
    ctx.skip('auth.missing-key', 'listThings', '-', 'no reason');
    ctx.skip('auth.wrong-key', 'listThings', '-', 'budget gone', 'budget');
    await ctx.probe('params.too-long', op('listThings'), 'a', async () => { throw new BudgetExhausted(5); });
    await ctx.probe('params.too-short', op('listThings'), 'b', async () => { throw new MissingValue('precondition', 'nothing created'); });
    await ctx.probe('params.not-in-enum', op('listThings'), 'c', async () => {});
    await expect(ctx.probe('params.not-a-number', op('listThings'), 'd', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    const exchange = { request: request({ headers: { 'x-api-key': 'K-secret' } }), url: `${baseUrl()}/things`, response: { status: 500, headers: {}, text: '' }, durationMs: 1 };
    ctx.fail('params.pattern-mismatch', op('listThings'), 'e', exchange, { message: 'm', expected: 400 });
    ctx.fail('params.pattern-mismatch', op('listThings'), 'e', undefined, { message: 'n' });
    const got = Object.fromEntries(ctx.results().map((o) => [o.check, o]));
    expect(got['auth.missing-key']).toMatchObject({ status: 'not-exercised', note: 'no reason', kind: 'not-applicable', subject: '-' });
    expect(got['auth.wrong-key']).toMatchObject({ status: 'not-exercised', note: 'budget gone', kind: 'budget' });
    expect(got['params.too-long']).toMatchObject({ status: 'not-exercised', note: 'the request budget (--max-requests 5) is spent', kind: 'budget' });
    expect(got['params.too-short']).toMatchObject({ status: 'not-exercised', note: 'nothing created', kind: 'precondition' });
    expect(got['params.not-in-enum']).toMatchObject({ status: 'passed', findings: [] });
    const before = performance.now();
    await ctx.probe('params.not-integer', op('listThings'), 'slow', () => new Promise((r) => setTimeout(r, 5)));
    const slow = ctx.outcome('params.not-integer', 'listThings', 'slow').durationMs;
    expect(slow).toBeGreaterThan(0);
    expect(slow).toBeLessThanOrEqual(performance.now() - before);
    expect(got['params.pattern-mismatch']!.status).toBe('failed');
    expect(got['params.pattern-mismatch']!.findings).toEqual([
      { check: 'params.pattern-mismatch', operationId: 'listThings', subject: 'e', message: 'm', expected: 400, status: 500, request: { method: 'GET', url: `${baseUrl()}/things`, curl: `curl --request GET \\\n  --url '${baseUrl()}/things' \\\n  --header "x-api-key: \${POSTPRESS_API_KEY}"` } },
      { check: 'params.pattern-mismatch', operationId: 'listThings', subject: 'e', message: 'n' },
    ]);
    expect(ctx.outcome('params.not-in-enum', 'listThings', 'c')).toBe(ctx.outcome('params.not-in-enum', 'listThings', 'c'));
  });

  test('results are ordered by operation, then the catalog order of checks, then subject', () => {
    const ctx = context();
    ctx.skip('transport.response', 'b', 'x', 'r');
    ctx.skip('auth.missing-key', 'b', 'y', 'r');
    ctx.skip('auth.missing-key', 'b', 'a', 'r');
    ctx.skip('transport.response', 'a', 'x', 'r');
    ctx.skip('response.status-documented', 'b', 'z', 'r');
    expect(ctx.results().map((o) => `${o.operationId} ${o.check} ${o.subject}`)).toEqual([
      'a transport.response x', 'b response.status-documented z', 'b auth.missing-key a', 'b auth.missing-key y', 'b transport.response x',
    ]);
  });
});
