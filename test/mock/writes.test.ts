// Writes in any spec: what a create keeps of the request, and the headers it documents; PUT
// replaces, PATCH changes, a merge patch's null removes; a change that would break the item is
// refused; a non-JSON example is sent as written.
import { describe, expect, it } from 'vitest';
import { kitSpecOf, runContract } from '../../src/contract/index.js';
import { startMock } from '../../src/mock/index.js';

const Doc = { type: 'object', required: ['id', 'title'], properties: { id: { type: 'string' }, title: { type: 'string', maxLength: 5 }, note: { type: 'string' }, size: { type: 'integer' } } };
const NewDoc = { type: 'object', required: ['title'], properties: { title: { type: 'string', maxLength: 100 }, note: { type: 'string' }, size: { type: 'integer' } } };
const item = (status = '200', headers?: any) => ({ [status]: { description: 'A doc.', ...(headers ? { headers } : {}), content: { 'application/json': { schema: { $ref: '#/components/schemas/Doc' } } } } });
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const body = (media: string[], schema = 'NewDoc') => ({ required: true, content: Object.fromEntries(media.map((m) => [m, { schema: { $ref: `#/components/schemas/${schema}` } }])) });
export const DOCS = {
  openapi: '3.1.0', info: { title: 'Docs', version: '1.0.0' },
  components: { schemas: { Doc, NewDoc, DocPatch: { type: 'object', properties: { title: { type: 'string' }, note: { type: ['string', 'null'] } } } } },
  paths: {
    '/docs': {
      get: { operationId: 'listDocs', responses: { '200': { description: 'Docs.', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Doc' } } } } } } },
      post: { operationId: 'createDoc', requestBody: body(['application/json']), responses: item('201', {
        Location: { required: true, schema: { type: 'string' } },
        'X-Rate': { schema: { type: 'integer', default: 100 } },
        'X-Mode': { schema: { type: 'string', enum: ['a', 'b'] } },
        'X-Tags': { schema: { type: 'array', items: { type: 'string' }, examples: [['x', 'y']] } },
        'X-Count': { required: true, schema: { type: 'integer', minimum: 1 } },
        'X-Optional': { schema: { type: 'string' } },
      }) },
    },
    '/docs/{id}': {
      get: { operationId: 'getDoc', parameters: idParam, responses: item() },
      put: { operationId: 'replaceDoc', parameters: idParam, requestBody: body(['application/json']), responses: item() },
      patch: { operationId: 'updateDoc', parameters: idParam, requestBody: body(['application/merge-patch+json', 'application/json'], 'DocPatch'), responses: item() },
      delete: { operationId: 'deleteDoc', parameters: idParam, responses: { '204': { description: 'Gone.' } } },
    },
    '/readme': { get: { operationId: 'readme', responses: { '200': { description: 'Text.', content: { 'text/plain': { schema: { type: 'string' }, example: 'Hello.' } } } } } },
  },
};

describe('writes', () => {
  it('create, replace, change, merge-patch, delete: each answer as the spec documents it', async () => {
    const mock = await startMock({ document: DOCS });
    try {
      expect([mock.notServed, mock.warnings]).toEqual([[], []]);
      const send = async (method: string, target: string, body?: unknown, type = 'application/json') => {
        const response = await fetch(`${mock.url}${target}`, { method, headers: { 'content-type': type }, body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await response.text();
        return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
      };

      // The request's fields the item declares are kept, its id is not; documented headers carry their example,
      // default or first enum value (an array as `x,y`: style simple), a required one without them a
      // valid generated value.
      const created = await send('POST', '/docs', { title: 'Hi', note: 'n', size: 3, id: 'mine', extra: 1 });
      expect(created.status).toBe(201);
      const { id } = created.json;
      expect(created.json).toEqual({ id, title: 'Hi', note: 'n', size: 3 });
      expect(id).not.toBe('mine');
      expect(created.headers.get('location')).toBe(`/docs/${id}`);
      expect([created.headers.get('x-rate'), created.headers.get('x-mode'), created.headers.get('x-tags'), created.headers.get('x-optional')]).toEqual(['100', 'a', 'x,y', null]);
      expect(Number(created.headers.get('x-count'))).toBeGreaterThanOrEqual(1);

      // A field valid for the request but not for the item (title: maxLength 100 vs 5) is generated.
      const generated = await send('POST', '/docs', { title: 'Far too long a title', note: 'kept' });
      expect(generated.status).toBe(201);
      expect(generated.json.note).toBe('kept');
      expect(generated.json.title.length).toBeLessThanOrEqual(5);

      // PUT replaces: the fields it leaves out are gone.
      expect((await send('PUT', `/docs/${id}`, { title: 'New' })).json).toEqual({ id, title: 'New' });
      // PATCH changes the fields given; the id and unknown fields are ignored.
      expect((await send('PATCH', `/docs/${id}`, { note: 'back', id: 'other', unknown: 1 })).json).toEqual({ id, title: 'New', note: 'back' });
      // A merge patch's null removes the field; in plain JSON it sets null, which the item refuses.
      expect((await send('PATCH', `/docs/${id}`, { title: 'Mid', note: null }, 'application/merge-patch+json')).json).toEqual({ id, title: 'Mid' });
      expect((await send('PATCH', `/docs/${id}`, { title: 'New' }, 'application/merge-patch+json')).json).toEqual({ id, title: 'New' });
      const nulled = await send('PATCH', `/docs/${id}`, { note: null });
      expect([nulled.status, nulled.json.detail]).toEqual([400, 'The change would make the docs invalid: item/note must be string.']);
      const long = await send('PATCH', `/docs/${id}`, { title: 'Much too long' });
      expect([long.status, long.json.detail]).toEqual([400, 'The change would make the docs invalid: item/title must NOT have more than 5 characters.']);
      expect((await send('GET', `/docs/${id}`)).json).toEqual({ id, title: 'New' });

      expect((await send('DELETE', `/docs/${id}`)).status).toBe(204);
      const gone = await send('GET', `/docs/${id}`);
      expect([gone.status, gone.json.detail]).toEqual([404, `No docs has the id "${id}".`]);

      const readme = await fetch(`${mock.url}/readme`);
      expect([readme.headers.get('content-type'), await readme.text()]).toEqual(['text/plain', 'Hello.']);
    } finally {
      await mock.close();
    }
  });
});

const text = (example?: unknown) => ({ '200': { description: 'Text.', content: { 'text/plain': example === undefined ? {} : { example } } } });
const ANSWERS = {
  openapi: '3.1.0', info: { title: 'Answers', version: '1.0.0' },
  paths: {
    '/count': { get: { operationId: 'count', responses: text(5) } },
    '/blank': { get: { operationId: 'blank', responses: text() } },
    // A Content-Type documented among the headers is not sent: the body decides it.
    '/ping': { post: { operationId: 'ping', responses: { '204': { description: 'Done.', headers: { 'Content-Type': { schema: { type: 'string', example: 'text/x' } }, 'X-Done': { schema: { type: 'string', example: 'yes' } } } } } } },
    '/greeting': {
      get: {
        operationId: 'greeting',
        responses: { '200': { description: 'A greeting.', content: { 'application/json': { examples: { hello: { value: { text: 'hello' } }, bye: { value: { text: 'bye' } } } } } } },
      },
    },
    '/charset': { post: { operationId: 'charset', requestBody: { required: true, content: { 'application/json; charset=utf-8': { schema: { type: 'object' } } } }, responses: text('ok') } },
    '/anything': { post: { operationId: 'anything', requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } }, '*/*': {} } }, responses: text('ok') } },
  },
};

describe('answers of operations without a resource', () => {
  it('send a non-JSON example as text, an empty body when nothing is documented, and each named example', async () => {
    const mock = await startMock({ document: ANSWERS, fixtures: false });
    try {
      const get = async (target: string, init: RequestInit = {}) => {
        const response = await fetch(`${mock.url}${target}`, init);
        return [response.status, response.headers.get('content-type'), await response.text()];
      };
      expect(await get('/count')).toEqual([200, 'text/plain', '5']);
      expect(await get('/blank')).toEqual([200, 'text/plain', '']);
      expect(await get('/ping', { method: 'POST' })).toEqual([204, null, '']);
      expect((await fetch(`${mock.url}/ping`, { method: 'POST' })).headers.get('x-done')).toBe('yes');
      expect(await get('/greeting', { headers: { prefer: 'example=bye' } })).toEqual([200, 'application/json', '{"text":"bye"}']);
      expect(await get('/greeting', { headers: { prefer: 'example=hello' } })).toEqual([200, 'application/json', '{"text":"hello"}']);
      expect(await get('/greeting')).toEqual([200, 'application/json', '{"text":"hello"}']);
      const unknown = async (target: string) => {
        const response = await fetch(`${mock.url}${target}`, { headers: { prefer: 'example=nope' } });
        return [response.status, (await response.json()).detail, response.headers.get('preference-applied')];
      };
      expect(await unknown('/greeting')).toEqual([400, 'Prefer example=nope is not an example of greeting 200 (examples: hello, bye).', null]);
      expect(await unknown('/count')).toEqual([400, 'Prefer example=nope is not an example of count 200 (examples: none).', null]);
      const honoured = await fetch(`${mock.url}/greeting`, { headers: { prefer: 'example=bye' } });
      expect(honoured.headers.get('preference-applied')).toBe('example=bye');
      // A documented media type's parameters and wildcards match the request's Content-Type.
      expect(await get('/charset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).toEqual([200, 'text/plain', 'ok']);
      expect(await get('/anything', { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'x' })).toEqual([200, 'text/plain', 'ok']);
    } finally {
      await mock.close();
    }
  });
});

const Order = { type: 'object', required: ['id', 'item'], properties: { id: { type: 'string' }, item: { type: 'string', minLength: 1 } } };
const ORDERS = {
  openapi: '3.1.0', info: { title: 'Orders', version: '1.0.0' },
  components: { schemas: { Order } },
  paths: {
    '/orders': {
      get: { operationId: 'listOrders', responses: { '200': { description: 'Orders.', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Order' } } } } } } },
      post: {
        operationId: 'createOrder',
        parameters: [
          { name: 'Idempotency-Key', in: 'header', 'x-idempotency-key': true, schema: { type: 'string' } },
          { name: 'note', in: 'query', schema: { type: 'string' } },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['item'], properties: { item: { type: 'string', minLength: 1 } } } } } },
        responses: { '201': { description: 'Made.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } } },
      },
    },
    '/orders/{id}': { get: { operationId: 'getOrder', parameters: idParam, responses: { '200': { description: 'An order.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } } } } },
  },
};

describe('idempotency keys (x-idempotency-key)', () => {
  it('replay the answer to the same request and refuse the key for another; a refused request keeps no answer', async () => {
    const mock = await startMock({ document: ORDERS, fixtures: false });
    try {
      const order = async (key: string, body: unknown, query = '') => {
        const response = await fetch(`${mock.url}/orders${query}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
        return { status: response.status, replayed: response.headers.get('idempotent-replayed'), json: await response.json() };
      };
      const before = ((await (await fetch(`${mock.url}/orders`)).json()) as unknown[]).length;
      const first = await order('k1', { item: 'tea' });
      expect([first.status, first.replayed, first.json.item]).toEqual([201, null, 'tea']);
      expect(await order('k1', { item: 'tea' })).toEqual({ status: 201, replayed: 'true', json: first.json });
      expect(((await (await fetch(`${mock.url}/orders`)).json()) as unknown[]).length).toBe(before + 1);
      const reused = 'The Idempotency-Key "k1" was used for a different request; use a new key.';
      expect(await order('k1', { item: 'coffee' })).toMatchObject({ status: 400, json: { detail: reused } });
      expect(await order('k1', { item: 'tea' }, '?note=x')).toMatchObject({ status: 400, json: { detail: reused } });
      // Another key is another request. A request refused before it ran (an invalid body) keeps
      // no answer, as Stripe does: its key stays free for a corrected request.
      expect((await order('k2', { item: 'tea' })).json.id).not.toBe(first.json.id);
      const refused = await order('k3', { item: '' });
      expect([refused.status, refused.replayed]).toEqual([400, null]);
      expect(await order('k3', { item: '' })).toMatchObject({ status: 400, replayed: null, json: { detail: refused.json.detail } });
      expect(await order('k3', { item: 'milk' })).toMatchObject({ status: 201, replayed: null, json: { item: 'milk' } });
    } finally {
      await mock.close();
    }
  });
});

describe('the kit against the mock on this spec', () => {
  it('finds the documented response headers as the schema types them (no false alarm)', async () => {
    const report = await runContract({ spec: kitSpecOf(DOCS, '(docs)'), allowUnsafe: true });
    const headerOutcomes = report.outcomes.filter((o) => o.check === 'response.headers-schema');
    expect(headerOutcomes.some((o) => o.status === 'passed' && o.operationId === 'createDoc')).toBe(true);
    expect(headerOutcomes.flatMap((o) => o.findings)).toEqual([]);
  });
});
