// Valid specs in shapes the product spec does not use: what the mock serves, what it warns about
// at start-up, and what it refuses to serve, with the reason.
import { describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.js';

const ok = (schema: unknown) => ({ '200': { description: 'OK.', content: { 'application/json': { schema } } } });
const Event = { type: 'object', required: ['id', 'kind'], properties: { id: { type: 'string' }, kind: { type: 'string' } } };
const Note = { type: 'object', required: ['id', 'author'], properties: { id: { type: 'string' }, author: { type: 'string' }, tag: { type: 'string' } } };
const NewNote = { type: 'object', required: ['author'], properties: { author: { type: 'string' }, tag: { type: 'string' } } };
const cursorPage = { cursorParam: 'after', cursorField: 'next', itemsField: 'data' };
const after = { name: 'after', in: 'query', schema: { type: 'string' } };

const SHAPES = {
  openapi: '3.1.0',
  info: { title: 'Shapes', version: '1.0.0' },
  components: {
    schemas: {
      Event,
      // The cursor is required, and cannot be null, through an allOf member.
      PageBase: { type: 'object', required: ['data', 'next'], properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Event' } }, next: { type: 'string' } } },
    },
  },
  paths: {
    '/events': {
      get: {
        operationId: 'listEvents',
        'x-pagination': cursorPage,
        parameters: [after],
        responses: ok({ allOf: [{ $ref: '#/components/schemas/PageBase' }, { type: 'object', properties: { total: { type: 'integer' } } }] }),
      },
    },
    '/crowded': {
      get: {
        operationId: 'listCrowded',
        'x-pagination': cursorPage,
        parameters: [after],
        responses: ok({ type: 'object', required: ['data'], properties: { data: { type: 'array', minItems: 1, items: Event }, next: { type: ['string', 'null'] } } }),
      },
    },
    // A list example whose meta lacks four required fields: the warning names the first three.
    '/packed': {
      get: {
        operationId: 'listPacked',
        'x-pagination': cursorPage,
        parameters: [after],
        responses: {
          '200': {
            description: 'OK.',
            content: {
              'application/json': {
                schema: { type: 'object', required: ['data', 'meta'], properties: { data: { type: 'array', items: Event }, next: { type: ['string', 'null'] }, meta: { type: 'object', required: ['a', 'b', 'c', 'd'] } } },
                example: { data: [], next: null, meta: {} },
              },
            },
          },
        },
      },
    },
    '/search': {
      get: {
        operationId: 'search',
        parameters: [{ name: 'filter', in: 'query', style: 'deepObject', schema: { type: 'object', properties: { kind: { type: 'string' } } } }],
        responses: ok({ type: 'object' }),
      },
    },
    '/broken': { get: { operationId: 'broken', responses: { '404': { description: 'Never found.' } } } },
    '/widgets': {
      get: { operationId: 'listWidgets', responses: ok({ type: 'object', properties: { count: { type: 'integer' } } }) },
      post: { operationId: 'createWidget', requestBody: { content: { 'application/json': { schema: Event } } }, responses: { '201': { description: 'Made.', content: { 'application/json': { schema: Event } } } } },
    },
    '/widgets/{id}': { get: { operationId: 'getWidget', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok(Event) } },
    '/notes': {
      get: {
        operationId: 'listNotes',
        parameters: [
          { name: 'author', in: 'query', schema: { type: 'string' } },
          { name: 'tags', in: 'query', explode: true, schema: { type: 'array', items: { type: 'string' } } },
        ],
        responses: ok({ type: 'array', items: Note }),
      },
      post: { operationId: 'createNote', requestBody: { required: true, content: { 'application/json': { schema: NewNote } } }, responses: { '201': { description: 'Made.', content: { 'application/json': { schema: Note } } } } },
    },
    '/notes/{id}': { get: { operationId: 'getNote', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok(Note) } },
  },
};

async function withShapes(use: (mock: RunningMock) => Promise<void>): Promise<void> {
  const mock = await startMock({ document: SHAPES });
  try {
    await use(mock);
  } finally {
    await mock.close();
  }
}

describe('start-up on unusual specs', () => {
  it('names each operation it cannot serve once, with one reason each', async () => {
    await withShapes(async (mock) => {
      expect(mock.notServed).toEqual([
        { operationId: 'broken', method: 'GET', path: '/broken', reason: 'documents no 2xx response' },
        { operationId: 'listWidgets', method: 'GET', path: '/widgets', reason: 'its list response is neither an array nor a paginated object' },
      ]);
      const broken = await fetch(`${mock.url}/broken`);
      expect([broken.status, (await broken.json()).detail]).toEqual([501, 'The mock cannot serve broken: documents no 2xx response.']);
    });
  });

  it('warns about the last page its schema cannot describe and about parameters it does not validate', async () => {
    await withShapes(async (mock) => {
      expect(mock.warnings.filter((w) => !/is not served/.test(w))).toEqual([
        // A required, non-nullable cursor (here through allOf): the last page carries null.
        'listEvents: a page built from the schema does not validate (/next must be string); pages are served anyway',
        'listCrowded: a page built from the schema does not validate (/data must NOT have fewer than 1 items); pages are served anyway',
        "listPacked: a page built from the example does not validate (/meta/a must have required property 'a'; /meta/b must have required property 'b'; /meta/c must have required property 'c'); pages are served anyway",
        'search: parameter filter (query) is an object; the mock does not validate it',
      ]);
      expect(await (await fetch(`${mock.url}/events`)).json()).toMatchObject({ data: [], next: null });
      expect((await fetch(`${mock.url}/crowded`)).status).toBe(200);
      expect((await fetch(`${mock.url}/search?filter[kind]=anything&filter[other]=1`)).status).toBe(200);
      expect((await fetch(`${mock.url}/search?filter=kind,a`)).status).toBe(200);
    });
  });

  it('filters a list by the query parameters named after item fields, a plural name by the singular field', async () => {
    await withShapes(async (mock) => {
      const post = (note: object) => fetch(`${mock.url}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(note) });
      for (const note of [{ author: 'ada', tag: 'x' }, { author: 'ada', tag: 'y' }, { author: 'bob', tag: 'x' }, { author: 'cy', tag: 'z' }]) expect((await post(note)).status).toBe(201);
      // The notes written here; the list also holds records generated from the schema at start.
      const ours = new Set(['ada', 'bob', 'cy']);
      const list = async (query: string) =>
        ((await (await fetch(`${mock.url}/notes?${query}`)).json()) as Array<{ author: string; tag: string }>).filter((n) => ours.has(n.author)).map((n) => `${n.author}:${n.tag}`);
      expect(await list('')).toEqual(['ada:x', 'ada:y', 'bob:x', 'cy:z']);
      expect(await list('author=ada')).toEqual(['ada:x', 'ada:y']);
      expect(await list('tags=x')).toEqual(['ada:x', 'bob:x']);
      expect(await list('tags=y&tags=z')).toEqual(['ada:y', 'cy:z']);
      expect(await list('author=ada&tags=x')).toEqual(['ada:x']);
    });
  });
});
