// Partitioned data (fixtures' `partition.by`): a read names its partition or finds the record in
// any; a partition without records lists nothing and finds nothing; a create lands in the
// partition the request names, and its Location names it too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { fixturesFile } from './fixtures-file.js';

const Doc = { type: 'object', required: ['id', 'owner', 'title'], properties: { id: { type: 'string' }, owner: { type: 'string', enum: ['ann', 'bob', 'cy'] }, title: { type: 'string' } } };
const owner = (required: boolean) => ({ name: 'owner', in: 'query', required, schema: { type: 'string' } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const one = { '200': { description: 'A doc.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Doc' } } } } };
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Owned docs', version: '1.0.0' },
  components: { schemas: { Doc } },
  paths: {
    '/docs': {
      get: { operationId: 'listDocs', parameters: [owner(true)], responses: { '200': { description: 'Docs.', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Doc' } } } } } } },
      post: {
        operationId: 'createDoc',
        parameters: [owner(false)],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['title'], properties: { title: { type: 'string' } } } } } },
        responses: { '201': { ...one['200'], headers: { Location: { required: true, schema: { type: 'string' } } } } },
      },
    },
    '/docs/{id}': {
      get: { operationId: 'getDoc', parameters: [idParam, owner(false)], responses: one },
      delete: { operationId: 'deleteDoc', parameters: [idParam, owner(false)], responses: { '204': { description: 'Gone.' } } },
    },
  },
};
const FIXTURES = [
  'partition: { by: owner }',
  'collections:',
  '  docs:',
  '    order: newest-first',
  '    data:',
  '      - { partition: ann, records: [{ id: d1, owner: ann, title: One }, { id: d2, owner: ann, title: Two }] }',
  '      - { partition: bob, records: [{ id: d3, owner: bob, title: Three }] }',
].join('\n');

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ document: SPEC, fixtures: await fixturesFile(FIXTURES) });
});
afterAll(() => mock?.close());

async function send(method: string, target: string, body?: unknown) {
  const response = await fetch(`${mock.url}${target}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, location: response.headers.get('location'), text, json: text ? JSON.parse(text) : undefined };
}

describe('partitioned data', () => {
  it('serves every operation of the spec; data sets without a label give no label', () => {
    expect([mock.notServed, mock.warnings, mock.labels]).toEqual([[], [], {}]);
  });

  it('a read that names no partition finds the record in any; one that names a partition looks only there', async () => {
    expect((await send('GET', '/docs/d3')).json).toEqual({ id: 'd3', owner: 'bob', title: 'Three' });
    expect((await send('GET', '/docs/d1')).json).toEqual({ id: 'd1', owner: 'ann', title: 'One' });
    expect((await send('GET', '/docs/d3?owner=bob')).json).toEqual({ id: 'd3', owner: 'bob', title: 'Three' });
    const elsewhere = await send('GET', '/docs/d3?owner=ann');
    expect([elsewhere.status, elsewhere.json.detail]).toEqual([404, 'No docs has the id "d3" for ann.']);
    const nowhere = await send('GET', '/docs/d9');
    expect([nowhere.status, nowhere.json.detail]).toEqual([404, 'No docs has the id "d9".']);
  });

  it('a partition without records lists nothing and finds nothing', async () => {
    expect(await send('GET', '/docs?owner=cy')).toMatchObject({ status: 200, text: '[]' });
    const missing = await send('GET', '/docs/d1?owner=cy');
    expect([missing.status, missing.json.detail]).toEqual([404, 'No docs has the id "d1" for cy.']);
    expect((await send('GET', '/docs?owner=ann')).json.map((d: { id: string }) => d.id)).toEqual(['d1', 'd2']);
  });

  it('a create lands in the named partition, with the partition in its record and its Location', async () => {
    const created = await send('POST', '/docs?owner=cy', { title: 'New' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ owner: 'cy', title: 'New' });
    expect(created.location).toBe(`/docs/${encodeURIComponent(created.json.id)}?owner=cy`);
    expect((await send('GET', '/docs?owner=cy')).json).toEqual([created.json]);
    // Found without naming its partition, and deleted from it: a 204 with no body.
    const deleted = await send('DELETE', `/docs/${created.json.id}`);
    expect([deleted.status, deleted.text]).toEqual([204, '']);
    expect(await send('GET', '/docs?owner=cy')).toMatchObject({ status: 200, text: '[]' });
    expect((await send('GET', '/docs?owner=bob')).json).toHaveLength(1);
  });

  it('lists newest first: a new record before the seed, which keeps its order', async () => {
    const created = await send('POST', '/docs?owner=ann', { title: 'Newest' });
    try {
      expect((await send('GET', '/docs?owner=ann')).json.map((d: { id: string }) => d.id)).toEqual([created.json.id, 'd1', 'd2']);
    } finally {
      expect((await send('DELETE', `/docs/${created.json.id}?owner=ann`)).status).toBe(204);
    }
  });

  it('a create that names no partition gets a valid generated partition field and is found by id', async () => {
    const created = await send('POST', '/docs', { title: 'Anywhere' });
    expect(created.status).toBe(201);
    expect(['ann', 'bob', 'cy']).toContain(created.json.owner);
    expect(created.location).toBe(`/docs/${encodeURIComponent(created.json.id)}`);
    expect((await send('GET', `/docs/${created.json.id}`)).json).toEqual(created.json);
    expect((await send('DELETE', `/docs/${created.json.id}`)).status).toBe(204);
  });

  it('refuses a create whose partition the item schema does not allow, and says why', async () => {
    const refused = await send('POST', '/docs?owner=dan', { title: 'Nope' });
    expect([refused.status, refused.json.detail]).toEqual([400, 'The mock cannot make a valid docs from this request: item/owner must be equal to one of the allowed values.']);
    expect(await send('GET', '/docs?owner=dan')).toMatchObject({ status: 200, text: '[]' });
  });
});

describe('known partitions only (partition.known-only)', () => {
  it('refuses a partition no data set lists, and seeds a collection without data for each known partition', async () => {
    const Tag = { type: 'object', required: ['id', 'label'], properties: { id: { type: 'string' }, label: { type: 'string' } } };
    const spec = {
      ...SPEC,
      components: { schemas: { ...SPEC.components.schemas, Tag } },
      paths: {
        ...SPEC.paths,
        '/tags': { get: { operationId: 'listTags', parameters: [owner(true)], responses: { '200': { description: 'Tags.', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Tag' } }, example: [{ id: 't1', label: 'red' }] } } } } } },
        '/tags/{id}': { get: { operationId: 'getTag', parameters: [idParam, owner(true)], responses: { '200': { description: 'A tag.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Tag' } } } } } } },
      },
    };
    const known = await startMock({ document: spec, fixtures: await fixturesFile(FIXTURES.replace('partition: { by: owner }', 'partition: { by: owner, known-only: true }')) });
    try {
      const get = async (target: string) => {
        const response = await fetch(`${known.url}${target}`);
        return [response.status, await response.json()];
      };
      expect(await get('/tags?owner=ann')).toEqual([200, [{ id: 't1', label: 'red' }]]);
      expect(await get('/tags?owner=bob')).toEqual([200, [{ id: 't1', label: 'red' }]]);
      expect(await get('/docs?owner=bob')).toEqual([200, [{ id: 'd3', owner: 'bob', title: 'Three' }]]);
      const refused = await get('/tags?owner=zed');
      expect([refused[0], (refused[1] as { detail: string }).detail]).toEqual([403, 'No owner "zed" for these credentials. The mock knows ann, bob.']);
    } finally {
      await known.close();
    }
  });
});

describe('collections without data for a partition', () => {
  // docs have data for ann and bob, tags for cy: the three are known. labels take the partition
  // parameter and have no data; colors take no partition parameter.
  const Named = { type: 'object', required: ['id', 'label'], properties: { id: { type: 'string' }, label: { type: 'string' } } };
  const list = (operationId: string, parameters: unknown[], example?: unknown) => ({
    get: { operationId, parameters, responses: { '200': { description: 'All.', content: { 'application/json': { schema: { type: 'array', items: Named }, ...(example ? { example } : {}) } } } } },
  });
  const read = (operationId: string) => ({ get: { operationId, parameters: [idParam], responses: { '200': { description: 'One.', content: { 'application/json': { schema: Named } } } } } });
  const spec = {
    ...SPEC,
    paths: {
      ...SPEC.paths,
      '/tags': list('listTags', [owner(true)]),
      '/tags/{id}': read('getTag'),
      '/labels': list('listLabels', [owner(true)], [{ id: 'l1', label: 'first' }]),
      '/labels/{id}': read('getLabel'),
      '/colors': list('listColors', [], [{ id: 'c1', label: 'red' }]),
      '/colors/{id}': read('getColor'),
    },
  };
  const fixtures = (knownOnly: boolean) =>
    fixturesFile(`${FIXTURES.replace('{ by: owner }', `{ by: owner, known-only: ${knownOnly} }`)}\n  tags:\n    data:\n      - { partition: cy, records: [{ id: t9, label: blue }] }\n`);
  const ids = async (mock: RunningMock, target: string) => ((await (await fetch(`${mock.url}${target}`)).json()) as Array<{ id: string }>).map((r) => r.id);

  it('by default: a collection with data lists nothing in its other partitions; one without data has its example in each known partition, or once without a partition parameter', async () => {
    const mock = await startMock({ document: spec, fixtures: await fixtures(false) });
    try {
      expect([mock.notServed, mock.warnings]).toEqual([[], []]);
      expect(await ids(mock, '/docs?owner=cy')).toEqual([]);
      expect([await ids(mock, '/tags?owner=cy'), await ids(mock, '/tags?owner=ann')]).toEqual([['t9'], []]);
      expect([await ids(mock, '/labels?owner=ann'), await ids(mock, '/labels?owner=cy'), await ids(mock, '/labels?owner=zed')]).toEqual([['l1'], ['l1'], []]);
      expect(await ids(mock, '/colors')).toEqual(['c1']);
    } finally {
      await mock.close();
    }
  });

  it('with known-only: every known partition without data of a collection gets its example, else generated records', async () => {
    const mock = await startMock({ document: spec, fixtures: await fixtures(true) });
    try {
      expect(await ids(mock, '/docs?owner=ann')).toEqual(['d1', 'd2']);
      expect(await ids(mock, '/docs?owner=cy')).toHaveLength(5);
      expect(await ids(mock, '/tags?owner=ann')).toHaveLength(5);
      expect([await ids(mock, '/tags?owner=cy'), await ids(mock, '/labels?owner=bob'), await ids(mock, '/colors')]).toEqual([['t9'], ['l1'], ['c1']]);
    } finally {
      await mock.close();
    }
  });
});
