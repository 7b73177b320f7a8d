// Cursor pages in any spec (x-pagination): the default page size, a limit of 0, filters kept
// across pages and bound into the cursor, an optional cursor field left out of the last page, and
// a newest-first walk that neither repeats nor skips a record when one is deleted between pages.
import { describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { fixturesFile } from './fixtures-file.js';

const Post = { type: 'object', required: ['id', 'kind'], properties: { id: { type: 'string' }, kind: { type: 'string', enum: ['a', 'b'] } } };
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Posts', version: '1.0.0' },
  components: { schemas: { Post } },
  paths: {
    '/posts': {
      get: {
        operationId: 'listPosts',
        'x-pagination': { cursorParam: 'after', cursorField: 'next', itemsField: 'data', limitParam: 'limit' },
        parameters: [
          { name: 'after', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 0 } },
          { name: 'kind', in: 'query', schema: { type: 'string', enum: ['a', 'b'] } },
          // A plural name filters by its singular field, with any of the values given.
          { name: 'kinds', in: 'query', explode: true, schema: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } } },
          // Named like no item field: not a filter.
          { name: 'sort', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'A page.',
            // `next` is optional and not nullable: the last page leaves it out.
            content: { 'application/vnd.posts+json': { schema: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Post' } }, next: { type: 'string' } } } } },
          },
        },
      },
      // Documents no Location: the mock sends none.
      post: { operationId: 'createPost', requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { kind: { type: 'string' } } } } } }, responses: { '201': { description: 'Made.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Post' } } } } } },
    },
    '/posts/{id}': { delete: { operationId: 'deletePost', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'Gone.' } } } },
  },
};
// 105 posts, newest first: p0 (kind a), p1 (kind b), p2 (a)…
const POSTS = Array.from({ length: 105 }, (_, i) => ({ id: `p${i}`, kind: i % 2 === 0 ? 'a' : 'b' }));

/** Runs `use` against a mock of its own, seeded with POSTS (a test's deletes touch no other test). */
async function withPosts(use: (mock: RunningMock) => Promise<void>): Promise<void> {
  const fixtures = await fixturesFile(JSON.stringify({ collections: { posts: { order: 'newest-first', data: [{ records: POSTS }] } } }));
  const mock = await startMock({ document: SPEC, fixtures });
  try {
    expect([mock.notServed, mock.warnings]).toEqual([[], []]);
    await use(mock);
  } finally {
    await mock.close();
  }
}

async function page(mock: RunningMock, query: string) {
  const response = await fetch(`${mock.url}/posts?${query}`);
  const json = await response.json();
  return { status: response.status, type: response.headers.get('content-type'), json, ids: (json.data ?? []).map((p: { id: string }) => p.id) as string[] };
}

describe('cursor pages', () => {
  it('hold 100 items when no limit (or a limit of 0) is given; the last page has no cursor field', () =>
    withPosts(async (mock) => {
      for (const query of ['', 'limit=0']) {
        const first = await page(mock, query);
        expect([first.status, first.type]).toEqual([200, 'application/vnd.posts+json']);
        expect(first.ids).toEqual(POSTS.slice(0, 100).map((p) => p.id));
        expect(typeof first.json.next).toBe('string');
        const last = await page(mock, `after=${encodeURIComponent(first.json.next)}`);
        expect(last.ids).toEqual(['p100', 'p101', 'p102', 'p103', 'p104']);
        expect(Object.keys(last.json)).toEqual(['data']);
      }
    }));

  it('keep a filter across pages, and refuse a cursor used with another filter', () =>
    withPosts(async (mock) => {
      const first = await page(mock, 'kind=a&limit=2');
      expect(first.ids).toEqual(['p0', 'p2']);
      const second = await page(mock, `kind=a&limit=2&after=${encodeURIComponent(first.json.next)}`);
      expect(second.ids).toEqual(['p4', 'p6']);
      const other = await page(mock, `kind=b&limit=2&after=${encodeURIComponent(first.json.next)}`);
      expect([other.status, other.json.detail]).toEqual([400, 'This `after` was not issued for this list, or it was altered. Restart from the first page.']);
      expect((await page(mock, 'kinds=b&limit=2')).ids).toEqual(['p1', 'p3']);
      expect((await page(mock, 'kinds=b&limit=2&sort=new')).ids).toEqual(['p1', 'p3']);
      expect((await page(mock, 'kinds=a&kinds=b&limit=3')).ids).toEqual(['p0', 'p1', 'p2']);
    }));

  it('walk newest first without repeating or skipping when the next record is deleted between pages', () =>
    withPosts(async (mock) => {
      const first = await page(mock, 'limit=2');
      expect(first.ids).toEqual(['p0', 'p1']);
      expect((await fetch(`${mock.url}/posts/p2`, { method: 'DELETE' })).status).toBe(204);
      const second = await page(mock, `limit=2&after=${encodeURIComponent(first.json.next)}`);
      expect(second.ids).toEqual(['p3', 'p4']);
      // A record older than the cursor's, deleted: the walk goes on from the cursor.
      expect((await fetch(`${mock.url}/posts/p5`, { method: 'DELETE' })).status).toBe(204);
      const third = await page(mock, `limit=2&after=${encodeURIComponent(second.json.next)}`);
      expect(third.ids).toEqual(['p6', 'p7']);
      // A record created meanwhile is newer than any cursor: the walk does not show it.
      const created = await fetch(`${mock.url}/posts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"b"}' });
      expect(created.status).toBe(201);
      expect([...created.headers.keys()].sort()).toEqual(['connection', 'content-length', 'content-type', 'date', 'keep-alive']);
      const { id } = await created.json();
      expect((await page(mock, `limit=2&after=${encodeURIComponent(third.json.next)}`)).ids).toEqual(['p8', 'p9']);
      expect((await page(mock, 'limit=1')).ids).toEqual([id]);
    }));

  it('filter only by query parameters that are neither the cursor nor the limit, even when an item field shares their name', async () => {
    const Quota = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, limit: { type: 'integer' }, after: { type: 'string' }, region: { type: 'string' } } };
    const QUOTAS = {
      openapi: '3.1.0',
      info: { title: 'Quotas', version: '1.0.0' },
      paths: {
        '/quotas': {
          get: {
            operationId: 'listQuotas',
            'x-pagination': { cursorParam: 'after', cursorField: 'next', itemsField: 'data', limitParam: 'limit' },
            parameters: [
              { name: 'after', in: 'query', schema: { type: 'string' } },
              { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 0 } },
              { name: 'region', in: 'header', schema: { type: 'string' } },
            ],
            responses: { '200': { description: 'A page.', content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: Quota }, next: { type: ['string', 'null'] } } } } } } },
          },
        },
      },
    };
    const records = [
      { id: 'q1', limit: 2, after: 'x', region: 'eu' },
      { id: 'q2', limit: 1, after: 'y', region: 'us' },
      { id: 'q3', limit: 2, after: 'z', region: 'eu' },
    ];
    const fixtures = await fixturesFile(JSON.stringify({ collections: { listQuotas: { data: [{ records }] } } }));
    const mock = await startMock({ document: QUOTAS, fixtures });
    try {
      expect([mock.notServed, mock.warnings]).toEqual([[], []]);
      const get = async (query: string, headers: Record<string, string> = {}) => (await fetch(`${mock.url}/quotas${query}`, { headers })).json();
      const first = await get('?limit=2');
      expect(first.data.map((q: { id: string }) => q.id)).toEqual(['q1', 'q2']);
      expect((await get(`?limit=2&after=${encodeURIComponent(first.next)}`)).data).toEqual([records[2]]);
      expect((await get('', { region: 'us' })).data).toEqual(records);
    } finally {
      await mock.close();
    }
  });
});
