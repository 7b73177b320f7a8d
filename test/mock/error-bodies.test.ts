// Error answers in any spec: the documented body starts from its example (named examples and
// `$ref`s followed; an invalid example replaced by a generated body), the mock's title, status,
// detail and instance are laid over the fields the schema declares (through `allOf`) and dropped
// where the schema refuses them; a bodiless or non-JSON error is answered as documented or as an
// RFC 9457 problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.js';

const json = (media: Record<string, unknown>, description = 'An error.') => ({ description, content: { 'application/json': media } });
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Errors', version: '1.0.0' },
  security: [{ key: [] }],
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
    schemas: {
      // `status` as text and a short `detail`: the mock's number and long detail are refused.
      Strict: { type: 'object', required: ['title', 'status'], properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'string' }, detail: { type: 'string', maxLength: 3 }, instance: { type: 'string' } } },
      Base: { type: 'object', properties: { title: { type: 'string' }, status: { type: 'integer' } } },
      Coded: { allOf: [{ $ref: '#/components/schemas/Base' }, { properties: { code: { type: 'string' } } }] },
      Limited: { type: 'object', required: ['title', 'retry'], properties: { title: { type: 'string' }, retry: { type: 'integer', minimum: 1 } } },
    },
    examples: { NotFound: { value: { title: 'Missing', status: 404, code: 'gone' } } },
  },
  paths: {
    '/things': {
      get: {
        operationId: 'listThings',
        parameters: [{ name: 'n', in: 'query', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': json({ schema: { type: 'object', properties: { ok: { type: 'boolean' } } }, example: { ok: true } }, 'Things.'),
          '400': json({ schema: { $ref: '#/components/schemas/Strict' }, example: { type: 'https://errors.example/bad', title: 'Bad', status: '400' } }),
          '401': { description: 'No key.', content: { 'text/plain': { schema: { type: 'string' } } } },
          '404': json({ schema: { $ref: '#/components/schemas/Coded' }, examples: { first: { $ref: '#/components/examples/NotFound' } } }),
          '429': json({ schema: { $ref: '#/components/schemas/Limited' }, example: { title: 5 } }),
          '500': json({ example: { oops: true } }),
          '502': json({}),
          '503': { description: 'Later.', headers: { 'Retry-After': { schema: { type: 'integer', examples: [5] } } } },
        },
      },
    },
  },
};

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ document: SPEC, apiKey: 'k', fixtures: false });
});
afterAll(() => mock?.close());

async function call(query: string, headers: Record<string, string> = { 'x-key': 'k' }) {
  const response = await fetch(`${mock.url}/things${query}`, { headers });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

describe('error answers', () => {
  it('are served for every operation', () => {
    expect(mock.notServed).toEqual([]);
  });

  it('keep the example where the schema refuses the mock fields: a text status stays, a too-long detail is left out', async () => {
    const reply = await call('');
    expect([reply.status, reply.type]).toEqual([400, 'application/json']);
    const { instance, ...rest } = reply.json;
    expect(rest).toEqual({ type: 'https://errors.example/bad', title: 'Bad Request', status: '400' });
    expect(instance).toMatch(/^req_mock_\d+$/);
  });

  it('follow a named example given by $ref, and the fields an allOf declares', async () => {
    const reply = await call('?n=1', { 'x-key': 'k', prefer: 'code=404' });
    expect([reply.status, reply.json]).toEqual([404, { title: 'Not Found', status: 404, code: 'gone' }]);
  });

  it('replace an example the schema refuses with a generated body', async () => {
    const reply = await call('?n=1', { 'x-key': 'k', prefer: 'code=429' });
    expect(reply.status).toBe(429);
    expect(reply.json.title).toBe('Too Many Requests');
    expect(Number.isInteger(reply.json.retry) && reply.json.retry >= 1).toBe(true);
  });

  it('without a schema: the example as written, else a title and status', async () => {
    expect((await call('?n=1', { 'x-key': 'k', prefer: 'code=500' })).json).toEqual({ oops: true });
    expect((await call('?n=1', { 'x-key': 'k', prefer: 'code=502' })).json).toEqual({ title: 'Bad Gateway', status: 502 });
  });

  it('a documented error without a body is sent empty, with its documented headers', async () => {
    const reply = await call('?n=1', { 'x-key': 'k', prefer: 'code=503' });
    expect([reply.status, reply.text, reply.headers.get('retry-after')]).toEqual([503, '', '5']);
  });

  it('a documented error with a non-JSON body is answered as an RFC 9457 problem', async () => {
    const reply = await call('?n=1', {});
    expect([reply.status, reply.type]).toEqual([401, 'application/problem+json']);
    expect(reply.json).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Send your API key in the header X-Key.' });
  });
});
