// What the mock keeps between requests: replies cached for safe requests (accounted, per
// credential, never stale, never for a request whose headers matter) and idempotency keys (at most
// 10,000 per credential). Driven through the engine in-process: no socket, just the bookkeeping.
import { describe, expect, it } from 'vitest';
import { createMock } from '../../src/mock/index.js';
import type { EngineReply, MockEngine } from '../../src/mock/engine.js';

const Thing = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } };
const ok = (schema: unknown, status = '200') => ({ [status]: { description: 'OK.', content: { 'application/json': { schema } } } });
const missing = { '404': { description: 'None.', content: { 'application/problem+json': { schema: { type: 'object' } } } } };

const THINGS = {
  openapi: '3.1.0',
  info: { title: 'Things', version: '1.0.0' },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearer: [] }],
  paths: {
    '/things': {
      get: { operationId: 'listThings', parameters: [{ name: 'name', in: 'query', schema: { type: 'string' } }], responses: ok({ type: 'array', items: Thing }) },
      post: {
        operationId: 'createThing',
        parameters: [{ name: 'Idempotency-Key', in: 'header', 'x-idempotency-key': true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } },
        responses: ok(Thing, '201'),
      },
    },
    '/things/{id}': { get: { operationId: 'getThing', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { ...ok(Thing), ...missing } } },
    // Its answer depends on a header and a cookie, not only on the target.
    '/traced': {
      get: {
        operationId: 'traced',
        security: [],
        parameters: [
          { name: 'X-Trace', in: 'header', required: true, schema: { type: 'integer' } },
          { name: 'theme', in: 'cookie', schema: { type: 'string', enum: ['light', 'dark'] } },
        ],
        responses: { ...ok({ type: 'object' }), '400': { description: 'Bad.', content: { 'application/problem+json': { schema: { type: 'object' } } } } },
      },
    },
  },
};

const as = (token: string, headers: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...headers });
const get = (engine: MockEngine, target: string, headers: Record<string, string>) => engine.respond({ method: 'GET', target, headers });
const post = (engine: MockEngine, body: unknown, headers: Record<string, string>) =>
  engine.respond({ method: 'POST', target: '/things', headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(body)) });
/** What a cached reply costs: its body and its target, two bytes a character. */
const cost = (target: string, reply: EngineReply) => 2 * (Buffer.byteLength(reply.body) + target.length);

describe('the reply cache', () => {
  it('charges each cached success once, keeps it per credential, and frees it on the next write', async () => {
    const { engine } = await createMock({ document: THINGS, fixtures: false });
    expect(engine.store.cachedBytes).toBe(0);
    const list = get(engine, '/things', as('a'));
    expect(list.status).toBe(200);
    const listCost = cost('/things', list);
    expect(engine.store.cachedBytes).toBe(listCost);
    // The same request again is answered from the cache: the same bytes, charged once.
    expect(get(engine, '/things', as('a'))).toEqual(list);
    expect(engine.store.cachedBytes).toBe(listCost);
    // Query and path parameters are part of the target.
    const id = (JSON.parse(list.body) as Array<{ id: string }>)[0]!.id;
    const one = get(engine, `/things/${id}`, as('a'));
    const filtered = get(engine, '/things?name=x', as('a'));
    expect([one.status, filtered.status]).toEqual([200, 200]);
    const aCost = listCost + cost(`/things/${id}`, one) + cost('/things?name=x', filtered);
    expect(engine.store.cachedBytes).toBe(aCost);
    // Errors are not cached; nor is a request with Prefer.
    expect(get(engine, '/things/nope', as('a')).status).toBe(404);
    expect(get(engine, '/things', as('a', { prefer: 'delay=0' })).headers['preference-applied']).toBe('delay=0');
    expect(engine.store.cachedBytes).toBe(aCost);
    // Another credential has its own cache.
    expect(get(engine, '/things', as('b'))).toEqual(list);
    expect(engine.store.cachedBytes).toBe(aCost + listCost);
    // A write empties the writer's cache only, and what it lists next shows the write.
    expect(post(engine, { name: 'new' }, as('a')).status).toBe(201);
    expect(engine.store.cachedBytes).toBe(listCost);
    const after = get(engine, '/things', as('a'));
    expect(JSON.parse(after.body)).toHaveLength(JSON.parse(list.body).length + 1);
    expect(engine.store.cachedBytes).toBe(listCost + cost('/things', after));
  });

  it('a cached reply is still delayed by the delay option', async () => {
    const { engine } = await createMock({ document: THINGS, fixtures: false, delayMs: 40 });
    const first = get(engine, '/things', as('a'));
    const again = get(engine, '/things', as('a'));
    expect([first.delayMs, again.delayMs]).toEqual([40, 40]);
    expect(again.body).toBe(first.body);
    expect(engine.store.cachedBytes).toBe(cost('/things', first));
  });

  it('is not used for an operation with header or cookie parameters: the same target can answer differently', async () => {
    const { engine } = await createMock({ document: THINGS, fixtures: false });
    expect(get(engine, '/traced', { 'x-trace': '1', cookie: 'theme=dark' }).status).toBe(200);
    expect(get(engine, '/traced', { 'x-trace': 'abc', cookie: 'theme=dark' }).status).toBe(400);
    expect(get(engine, '/traced', { 'x-trace': '1', cookie: 'theme=blue' }).status).toBe(400);
    expect(engine.store.cachedBytes).toBe(0);
  });
});

describe('idempotency keys', () => {
  it('keeps the last 10,000 keys of a credential: the oldest is forgotten first', async () => {
    const { engine } = await createMock({ document: THINGS, fixtures: false, maxRecords: 100_000 });
    const create = (key: string, token = 'a') => post(engine, { name: 'n' }, as(token, { 'idempotency-key': key }));
    const first = create('k0');
    const second = create('k1');
    expect(create('k0')).toEqual({ ...first, headers: { ...first.headers, 'idempotent-replayed': 'true' } });
    for (let i = 2; i <= 10_000; i++) expect(create(`k${i}`).status).toBe(201);
    // 10,001 keys: k0 is forgotten, k1 (the oldest kept) and the newest are replayed.
    expect(create('k1').headers['idempotent-replayed']).toBe('true');
    expect(create('k1').body).toBe(second.body);
    expect(create('k10000').headers['idempotent-replayed']).toBe('true');
    const again = create('k0');
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, undefined]);
    expect(again.body).not.toBe(first.body);
    // Another credential's keys are its own.
    expect(create('k1', 'b').headers['idempotent-replayed']).toBeUndefined();
  });
});
