// The engine's answers at its edges: unknown paths and methods, several invalid parameters, a
// documented 415, new ids shaped like the seed's or the schema's, and seed records it refuses.
import { describe, expect, it } from 'vitest';
import { startMock, type MockOptions, type RunningMock } from '../../src/mock/index.js';
import { fixturesFile } from './fixtures-file.js';
import { PETS } from './pets-spec.js';
import { REQUESTS } from './requests-spec.js';

async function withMock(options: MockOptions, use: (mock: RunningMock) => Promise<void>): Promise<void> {
  const mock = await startMock(options);
  try {
    await use(mock);
  } finally {
    await mock.close();
  }
}

async function answer(response: Response): Promise<[number, string | null, unknown]> {
  const text = await response.text();
  return [response.status, response.headers.get('allow'), text ? JSON.parse(text).detail ?? JSON.parse(text) : undefined];
}

const bearer = { authorization: 'Bearer t' };
const json = (schema: unknown, status = '200') => ({ [status]: { description: 'OK.', content: { 'application/json': { schema } } } });

describe('outside the operations', () => {
  it('an unknown path lists what is served; a known path with another method answers 405 with Allow', async () => {
    await withMock({ document: PETS }, async (mock) => {
      expect(await answer(await fetch(`${mock.url}/nope`, { headers: bearer }))).toEqual([
        404,
        null,
        'No operation at /nope. This mock serves GET /pets, POST /pets, GET /pets/{petId}, DELETE /pets/{petId}, POST /upload, GET /status.',
      ]);
      expect(await answer(await fetch(`${mock.url}/pets`, { method: 'PUT', headers: bearer }))).toEqual([405, 'GET, POST', '/pets accepts GET, POST only.']);
    });
  });

  it('lists 20 operations and counts the rest, under the base path', async () => {
    const paths = Object.fromEntries(Array.from({ length: 22 }, (_, i) => [`/p${i}`, { get: { operationId: `p${i}`, responses: { '204': { description: 'Done.' } } } }]));
    const many = { openapi: '3.1.0', info: { title: 'Many', version: '1.0.0' }, servers: [{ url: 'https://api.example/api' }], paths };
    await withMock({ document: many }, async (mock) => {
      const listed = Array.from({ length: 20 }, (_, i) => `GET /api/p${i}`).join(', ');
      expect(await answer(await fetch(`${mock.url}/nope`))).toEqual([404, null, `No operation at /api/nope. This mock serves ${listed} and 2 more.`]);
      expect((await fetch(`${mock.url}/p21`)).status).toBe(204);
    });
  });
});

describe('requests refused', () => {
  it('names every invalid parameter at once', async () => {
    await withMock({ document: REQUESTS }, async (mock) => {
      expect(await answer(await fetch(`${mock.url}/params`, { headers: { 'x-trace': 'abc', cookie: 'theme=blue' } }))).toEqual([
        400,
        null,
        'Invalid parameters: `X-Trace` (header) must be integer, got "abc"; `theme` (cookie) must be equal to one of the allowed values, got "blue".',
      ]);
    });
  });

  it("reads a cookie's name and value without the spaces around them", async () => {
    await withMock({ document: REQUESTS }, async (mock) => {
      const status = async (cookie: string) => (await fetch(`${mock.url}/params`, { headers: { 'x-trace': '1', cookie } })).status;
      expect([await status('other=1;  theme =  dark ;x=2'), await status('theme=dusk')]).toEqual([200, 400]);
    });
  });
});

describe('answers built from the documented examples', () => {
  it("a page keeps the example's other fields; a response header's object example is sent in the simple style", async () => {
    const Item = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
    const Page = { type: 'object', required: ['items'], properties: { items: { type: 'array', items: Item }, next: { type: ['string', 'null'] }, kind: { type: 'string' }, total: { type: 'integer' } } };
    const DOCUMENTED = {
      openapi: '3.1.0',
      info: { title: 'Documented', version: '1.0.0' },
      paths: {
        '/items': {
          get: {
            operationId: 'listItems',
            'x-pagination': { cursorParam: 'after', cursorField: 'next', itemsField: 'items' },
            parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }],
            responses: {
              '200': {
                description: 'A page.',
                headers: { 'X-Quota': { schema: { type: 'object', examples: [{ used: 5, left: 10 }] } } },
                content: { 'application/json': { schema: Page, example: { items: [{ id: 'i1' }, { id: 'i2' }], next: null, kind: 'page', total: 2 } } },
              },
            },
          },
        },
      },
    };
    await withMock({ document: DOCUMENTED, fixtures: false }, async (mock) => {
      const response = await fetch(`${mock.url}/items`);
      expect(response.headers.get('x-quota')).toBe('used,5,left,10');
      expect(await response.json()).toEqual({ items: [{ id: 'i1' }, { id: 'i2' }], next: null, kind: 'page', total: 2 });
    });
  });
});

describe('ids of created records, and the seed', () => {
  const Note = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 12 }, text: { type: 'string' } } };
  const Tag = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^tg-[A-Z0-9]+$' } } };
  const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
  const unsupported = { '415': { description: 'Unsupported.', content: { 'application/problem+json': { schema: { type: 'object' } } } } };
  const IDS = {
    openapi: '3.1.0',
    info: { title: 'Ids', version: '1.0.0' },
    paths: {
      '/notes': {
        get: { operationId: 'listNotes', responses: json({ type: 'array', items: Note }) },
        post: { operationId: 'createNote', requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: { ...json(Note, '201'), ...unsupported } },
      },
      '/notes/{id}': { get: { operationId: 'getNote', parameters: idParam, responses: json(Note) } },
      '/tags': { get: { operationId: 'listTags', responses: json({ type: 'array', items: Tag }) }, post: { operationId: 'createTag', responses: json(Tag, '201') } },
      '/tags/{id}': { get: { operationId: 'getTag', parameters: idParam, responses: json(Tag) } },
    },
  };
  const create = async (mock: RunningMock, collection: string) =>
    (await (await fetch(`${mock.url}/${collection}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()).id as string;

  it("takes the seed ids' prefix within maxLength, or the pattern's, and each new id is readable", async () => {
    const fixtures = await fixturesFile('collections:\n  notes:\n    data:\n      - records:\n          - { id: note_a, text: hi }\n');
    await withMock({ document: IDS, fixtures }, async (mock) => {
      const notes = [await create(mock, 'notes'), await create(mock, 'notes')];
      for (const id of notes) {
        expect(id).toMatch(/^note_[0-9A-Z]{7}$/);
        expect((await fetch(`${mock.url}/notes/${id}`)).status).toBe(200);
      }
      expect(new Set(notes).size).toBe(2);
      expect(await create(mock, 'tags')).toMatch(/^tg-[0-9A-Z]{26}$/);
      const tags = (await (await fetch(`${mock.url}/tags`)).json()) as Array<{ id: string }>;
      expect(tags.length).toBeGreaterThan(1);
      for (const tag of tags) expect(tag.id).toMatch(/^tg-[0-9A-Z]+$/);
    });
  });

  it('makes integer ids, long ids, and ids a pattern shapes when the hashed ones do not fit', async () => {
    const item = (id: unknown) => ({ type: 'object', required: ['id'], properties: { id } });
    const resource = (name: string, id: unknown, idSchema: unknown = { type: 'string' }) => ({
      [`/${name}`]: { get: { operationId: `list_${name}`, responses: json({ type: 'array', items: item(id) }) }, post: { operationId: `create_${name}`, responses: json(item(id), '201') } },
      [`/${name}/{id}`]: { get: { operationId: `get_${name}`, parameters: [{ name: 'id', in: 'path', required: true, schema: idSchema }], responses: json(item(id)) } },
    });
    const SHAPED = {
      openapi: '3.1.0',
      info: { title: 'Shaped ids', version: '1.0.0' },
      paths: {
        ...resource('counters', { type: 'integer', minimum: 1 }, { type: 'integer' }),
        ...resource('amounts', { type: 'number' }, { type: 'number' }),
        ...resource('longs', { type: 'string', minLength: 30, maxLength: 40 }),
        ...resource('words', { type: 'string', pattern: '^[a-z]{4}$' }),
      },
    };
    await withMock({ document: SHAPED, fixtures: false }, async (mock) => {
      expect([mock.notServed, mock.warnings]).toEqual([[], []]);
      const made = async (name: string) => {
        const response = await fetch(`${mock.url}/${name}`, { method: 'POST' });
        expect(response.status).toBe(201);
        const { id } = await response.json();
        expect((await fetch(`${mock.url}/${name}/${id}`)).status).toBe(200);
        return id as unknown;
      };
      for (const name of ['counters', 'amounts']) {
        const ids = [await made(name), await made(name)];
        for (const id of ids) expect(Number.isInteger(id) && (id as number) >= 1 && (id as number) <= 2_000_000_000).toBe(true);
        expect(ids[0]).not.toBe(ids[1]);
      }
      const long = (await made('longs')) as string;
      expect(long).toMatch(/^[0-9A-Z]{30,40}$/);
      const words = [await made('words'), await made('words')];
      for (const word of words) expect(word).toMatch(/^[a-z]{4}$/);
      expect(words[0]).not.toBe(words[1]);
    });
  });

  it('an id schema with few values: each new id is one not taken, and when none is left the create answers 500 naming the schema', async () => {
    const Code = { type: 'object', required: ['id'], properties: { id: { type: 'string', enum: ['a', 'b', 'c'] } } };
    const CODES = {
      openapi: '3.1.0',
      info: { title: 'Codes', version: '1.0.0' },
      components: { schemas: { Code } },
      paths: {
        '/codes': {
          get: { operationId: 'listCodes', responses: { '200': { description: 'OK.', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Code' } }, example: [{ id: 'a' }] } } } } },
          post: { operationId: 'createCode', responses: { '201': { description: 'Made.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Code' } } } } } },
        },
        '/codes/{id}': { get: { operationId: 'getCode', parameters: idParam, responses: json({ $ref: '#/components/schemas/Code' }) } },
      },
    };
    await withMock({ document: CODES, fixtures: false }, async (mock) => {
      const made = [await create(mock, 'codes'), await create(mock, 'codes')];
      expect([...made].sort()).toEqual(['b', 'c']);
      expect(await (await fetch(`${mock.url}/codes`)).json()).toEqual([{ id: 'a' }, { id: made[0] }, { id: made[1] }]);
      const full = await fetch(`${mock.url}/codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(full.status).toBe(500);
      expect((await full.json()).detail).toBe('The mock failed: cannot make an id valid for #/components/schemas/Code/properties/id');
    });
  });

  it('a prefix and minLength that leave no room under maxLength: the id is cut to maxLength', async () => {
    const Slot = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 6, maxLength: 8 } } };
    const SLOTS = {
      openapi: '3.1.0',
      info: { title: 'Slots', version: '1.0.0' },
      paths: {
        '/slots': { get: { operationId: 'listSlots', responses: json({ type: 'array', items: Slot }) }, post: { operationId: 'createSlot', responses: json(Slot, '201') } },
        '/slots/{id}': { get: { operationId: 'getSlot', parameters: idParam, responses: json(Slot) } },
      },
    };
    const fixtures = await fixturesFile('collections:\n  slots:\n    data:\n      - records:\n          - { id: slt_aaaa }\n');
    await withMock({ document: SLOTS, fixtures }, async (mock) => {
      expect(await create(mock, 'slots')).toMatch(/^slt_[0-9A-Z]{4}$/);
    });
  });

  it('without fixtures, seeds each collection from its list example (repeated ids and invalid items left out), else with 5 generated items', async () => {
    const Pet = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } };
    const read = (name: string) => ({ [`/${name}/{id}`]: { get: { operationId: `get_${name}`, parameters: idParam, responses: json(Pet) } } });
    const list = (schema: unknown, example?: unknown) => ({ '200': { description: 'OK.', content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } } } });
    const SEEDED = {
      openapi: '3.1.0',
      info: { title: 'Seeded', version: '1.0.0' },
      paths: {
        '/cats': { get: { operationId: 'listCats', responses: list({ type: 'array', items: Pet }, [{ id: 'c1', name: 'Tom' }, { id: 'c1', name: 'Again' }, { id: 'c2', name: 5 }, { id: 'c3', name: 'Kit' }, 'stray']) } },
        ...read('cats'),
        '/dogs': {
          get: {
            operationId: 'listDogs',
            'x-pagination': { cursorParam: 'after', cursorField: 'next', itemsField: 'items' },
            parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }],
            responses: list({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: Pet }, next: { type: ['string', 'null'] } } }, { items: [{ id: 'd1', name: 'Rex' }], next: null }),
          },
        },
        ...read('dogs'),
        '/birds': { get: { operationId: 'listBirds', responses: list({ type: 'array', items: Pet }) } },
        ...read('birds'),
        // A JSON media type after another, with named examples only: the first is the seed.
        '/mice': {
          get: {
            operationId: 'listMice',
            responses: { '200': { description: 'OK.', content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array', items: Pet }, examples: { two: { value: [{ id: 'm1', name: 'Jerry' }, { id: 'm2', name: 'Tuffy' }] }, none: { value: [] } } } } } },
          },
        },
        ...read('mice'),
      },
    };
    await withMock({ document: SEEDED, fixtures: false }, async (mock) => {
      const get = async (target: string) => (await fetch(`${mock.url}${target}`)).json();
      expect(await get('/cats')).toEqual([{ id: 'c1', name: 'Tom' }, { id: 'c3', name: 'Kit' }]);
      expect(await get('/cats/c3')).toEqual({ id: 'c3', name: 'Kit' });
      expect(await get('/dogs')).toEqual({ items: [{ id: 'd1', name: 'Rex' }], next: null });
      expect(await get('/mice')).toEqual([{ id: 'm1', name: 'Jerry' }, { id: 'm2', name: 'Tuffy' }]);
      const birds = (await get('/birds')) as Array<{ id: string; name: string }>;
      expect(birds).toHaveLength(5);
      expect(new Set(birds.map((b) => b.id)).size).toBe(5);
      for (const bird of birds) {
        expect(typeof bird.name).toBe('string');
        expect(await get(`/birds/${bird.id}`)).toEqual(bird);
      }
    });
  });

  it('seeds a paginated list whose page and items are reached through $refs with generated items', async () => {
    const REFS = {
      openapi: '3.1.0',
      info: { title: 'Refs', version: '1.0.0' },
      components: {
        schemas: {
          Item: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string', minLength: 1 } } },
          Items: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
          Page: { type: 'object', required: ['data'], properties: { data: { $ref: '#/components/schemas/Items' }, next: { type: ['string', 'null'] } } },
        },
      },
      paths: {
        '/items': {
          get: {
            operationId: 'listItems',
            'x-pagination': { cursorParam: 'after', cursorField: 'next', itemsField: 'data' },
            parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }],
            responses: { '200': { description: 'A page.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } } } },
          },
        },
      },
    };
    await withMock({ document: REFS, fixtures: false }, async (mock) => {
      const page = (await (await fetch(`${mock.url}/items`)).json()) as { data: Array<{ id: string; name: string }> };
      expect(page.data).toHaveLength(5);
      for (const item of page.data) expect([typeof item.id, typeof item.name, item.name.length > 0]).toEqual(['string', 'string', true]);
    });
  });

  it('a body in an undocumented media type gets the documented 415', async () => {
    await withMock({ document: IDS }, async (mock) => {
      const response = await fetch(`${mock.url}/notes`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b' });
      expect([response.status, response.headers.get('content-type')]).toEqual([415, 'application/problem+json']);
      // A JSON body that does not parse is a bad request, not an unsupported one.
      const broken = await fetch(`${mock.url}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
      expect(broken.status).toBe(400);
    });
  });

  it('reads fixtures keyed by any operationId of the resource, and names a seed record without its id', async () => {
    const byOperation = await fixturesFile('collections:\n  getNote:\n    data:\n      - records:\n          - { id: n1, text: hi }\n');
    await withMock({ document: IDS, fixtures: byOperation }, async (mock) => {
      expect(mock.warnings).toEqual([]);
      expect(await (await fetch(`${mock.url}/notes`)).json()).toEqual([{ id: 'n1', text: 'hi' }]);
    });
    // The same spec with ids optional in the item schema.
    const loose = JSON.parse(JSON.stringify(IDS).replaceAll('"required":["id"]', '"required":[]'));
    const noId = await fixturesFile('collections:\n  notes:\n    data:\n      - records:\n          - { text: hi }\n');
    await expect(startMock({ document: loose, fixtures: noId })).rejects.toThrow(`${noId}: collections.notes.data[0].records[0]: field /id (the id) is missing`);
  });

  it.each([
    ['a record that is not an object', 'records:\n          - 5', 'records[0]: a record must be an object'],
    ['a null record', 'records:\n          - null', 'records[0]: a record must be an object'],
    ['a record that is a list', 'records:\n          - [1]', 'records[0]: a record must be an object'],
    ['a record missing a required field', 'records:\n          - { name: Rex }', "records[0]: field /id must have required property 'id', against #/components/schemas/Pet/required"],
    ['a repeated id', 'records:\n          - { id: 1, name: a }\n          - { id: 1, name: b }', 'records[1]: field /id repeats the id 1 of an earlier record'],
    ['a generated record of the wrong type', 'generate: { count: 2, template: t }\ntemplates:\n  t:\n    record: { id: "{n}", name: Rex }', 'generate (record 0): field /id must be integer (got "1"), against #/components/schemas/Pet/properties/id/type'],
  ])('refuses %s, naming it', async (_name, data, message) => {
    const fixtures = await fixturesFile(`collections:\n  pets:\n    data:\n      - ${data}\n`);
    await expect(startMock({ document: PETS, fixtures })).rejects.toThrow(`${fixtures}: collections.pets.data[0].${message}`);
  });
});
