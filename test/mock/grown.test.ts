// The mock on the grown fixture spec (test/fixtures/grown/openapi): every operation answered,
// resources with state (the scripted create, list, read, delete, read-again sequence), state per
// API key, reset, the memory bound, concurrency, idempotency keys, validation of every parameter
// location and of bodies, filters, Location. Requests derive from the spec model; every reply is
// judged by the spec check (spec-conformance.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESET_PATH, startMock, type RunningMock } from '../../src/mock/index.js';
import type { OperationModel } from '../../src/spec/model.js';
import type { ResourceModel } from '../../src/spec/resources.js';
import { call, GROWN_SPEC, operation, validBody, type Request } from './grown-helpers.js';

let mock: RunningMock;
const PARTITION = 'account_id';

beforeAll(async () => {
  mock = await startMock({ spec: GROWN_SPEC, apiKey: ['pp_test_mock_key', 'pp_test_other_key'] });
});
afterAll(async () => {
  await mock?.close();
});

/** The required query and header values of an operation (examples; the partition: the small account). */
function requiredValues(op: OperationModel): Pick<Request, 'query' | 'headers'> {
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const p of op.parameters) {
    if (!p.required || p.in === 'path') continue;
    const value = p.name === PARTITION ? mock.labels['small']! : String(p.example);
    if (p.in === 'query') query[p.name] = value;
    if (p.in === 'header') headers[p.name] = value;
  }
  return { query, headers };
}

function resources(): readonly ResourceModel[] {
  return mock.spec.model.resources;
}

async function listIds(resource: ResourceModel, key?: string): Promise<string[]> {
  const list = operation(mock, resource.list!);
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const { query } = requiredValues(list);
    if (cursor) query![list.pagination!.cursorParam] = cursor;
    const reply = await call(mock, list.operationId, { query }, key);
    expect(reply.status).toBe(200);
    ids.push(...reply.json[list.pagination!.itemsField].map((item: any) => String(item[resource.idField])));
    cursor = reply.json[list.pagination!.cursorField] ?? null;
  } while (cursor);
  return ids;
}

async function create(resource: ResourceModel, seed = 1, key?: string, headers: Record<string, string> = {}) {
  const op = operation(mock, resource.create!);
  const body = validBody(mock, op, seed) as Record<string, unknown>;
  if (PARTITION in body) body[PARTITION] = mock.labels['small'];
  return call(mock, op.operationId, { body, headers }, key);
}

function itemRequest(resource: ResourceModel, operationId: string, id: string): Request {
  return { ...requiredValues(operation(mock, operationId)), path: { [resource.idParam]: id } };
}

describe('every operation of the grown spec', () => {
  it('starts with no warning and no operation left unserved', () => {
    expect(mock.notServed).toEqual([]);
    expect(mock.warnings).toEqual([]);
    expect(mock.spec.model.operations.length).toBe(10);
  });

  it('answers each operation its documented success to a valid request', async () => {
    const ops = [...mock.spec.model.operations].sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    for (const op of ops) {
      const request: Request = requiredValues(op);
      const resource = resources().find((r) => r.itemPath === op.path);
      if (resource) request.path = { [resource.idParam]: (await listIds(resource))[0]! };
      const body = validBody(mock, op);
      if (body !== undefined) {
        if (typeof body === 'object' && body && PARTITION in body) (body as any)[PARTITION] = mock.labels['small'];
        request.body = body;
      }
      const reply = await call(mock, op.operationId, request);
      expect(reply.status, `${op.operationId}: ${reply.body}`).toBe(op.successStatus);
    }
    await fetch(new URL(RESET_PATH, mock.url), { method: 'POST' });
  });
});

describe('resources keep state', () => {
  it.each(['Invitation', 'webhooks'])('%s: create, list, read, delete, read again; every reply conforms', async (name) => {
    const resource = resources().find((r) => r.name === name)!;
    const created = await create(resource, 7);
    expect(created.status).toBe(201);
    const id = String(created.json[resource.idField]);
    expect(await listIds(resource)).toContain(id);
    const read = await call(mock, resource.read!, itemRequest(resource, resource.read!, id));
    expect([read.status, read.json]).toEqual([200, created.json]);
    const deleted = await call(mock, resource.delete!, itemRequest(resource, resource.delete!, id));
    expect([deleted.status, deleted.body]).toEqual([204, '']);
    const again = await call(mock, resource.read!, itemRequest(resource, resource.read!, id));
    expect(again.status).toBe(404);
    expect(again.json.type).toBe(Object.keys(mock.spec.model.errorSets[operation(mock, resource.read!).errors['404']!]!.types)[0]);
    expect(await listIds(resource)).not.toContain(id);
    const twice = await call(mock, resource.delete!, itemRequest(resource, resource.delete!, id));
    expect(twice.status).toBe(404);
  });

  it('the Location of a created resource reads it back', async () => {
    for (const resource of resources()) {
      const created = await create(resource, 3);
      const location = created.headers['location']!;
      expect(location.startsWith('/')).toBe(true);
      const read = await fetch(new URL(location, mock.url), { headers: { 'x-api-key': 'pp_test_mock_key' } });
      expect([read.status, await read.json()]).toEqual([200, created.json]);
    }
  });

  it('an update changes what is read and listed, and keeps the id', async () => {
    const resource = resources().find((r) => r.update.length > 0)!;
    const created = await create(resource, 11);
    const id = String(created.json[resource.idField]);
    const update = resource.update[0]!;
    const body = { ...(validBody(mock, operation(mock, update), 5) as object) };
    const updated = await call(mock, update, { ...itemRequest(resource, update, id), body });
    expect(updated.status).toBe(200);
    expect(updated.json).toEqual({ ...created.json, ...body, [resource.idField]: id });
    const read = await call(mock, resource.read!, itemRequest(resource, resource.read!, id));
    expect(read.json).toEqual(updated.json);
    const refused = await call(mock, update, { ...itemRequest(resource, update, id), body: { unknown_field: 1 } });
    expect(refused.status).toBe(400);
  });

  it('keeps state per API key: one key does not see what another created', async () => {
    const resource = resources().find((r) => r.name === 'webhooks')!;
    const mine = await create(resource, 21, 'pp_test_other_key');
    const id = String(mine.json[resource.idField]);
    expect(await listIds(resource, 'pp_test_other_key')).toContain(id);
    expect(await listIds(resource)).not.toContain(id);
    expect((await call(mock, resource.read!, itemRequest(resource, resource.read!, id))).status).toBe(404);
  });

  it('resets without a restart: POST /__mock/reset, or reset() on the running mock', async () => {
    const resource = resources().find((r) => r.name === 'webhooks')!;
    mock.reset();
    const seeded = await listIds(resource);
    const created = await create(resource, 31);
    expect(await listIds(resource)).toContain(String(created.json.id));
    const response = await fetch(new URL(RESET_PATH, mock.url), { method: 'POST' });
    expect(response.status).toBe(204);
    expect(await listIds(resource)).toEqual(seeded);
    await create(resource, 32);
    mock.reset();
    expect(await listIds(resource)).toHaveLength(2);
  });

  it('is safe under concurrent writes: 40 parallel creates give 40 distinct, listed records', async () => {
    const resource = resources().find((r) => r.name === 'Invitation')!;
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => create(resource, 100 + i)));
    const ids = replies.map((r) => String(r.json.id));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect(new Set(ids).size).toBe(40);
    const listed = await listIds(resource);
    for (const id of ids) expect(listed).toContain(id);
    mock.reset();
  });

  it('replays a request with the same idempotency key instead of creating twice', async () => {
    const resource = resources().find((r) => r.name === 'webhooks')!;
    const header = operation(mock, resource.create!).idempotencyKeyHeader!;
    const first = await create(resource, 41, undefined, { [header]: 'key-1' });
    const again = await create(resource, 41, undefined, { [header]: 'key-1' });
    expect(again.json).toEqual(first.json);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await listIds(resource)).filter((id) => id === String(first.json.id))).toHaveLength(1);
    const reused = await create(resource, 42, undefined, { [header]: 'key-1' });
    expect([reused.status, reused.json.detail]).toEqual([400, expect.stringContaining('different request')]);
    mock.reset();
  });
});

describe('the memory bound', () => {
  it('past the bound, writes get a documented error and reads go on; deleting frees room', async () => {
    // The document already bundled, with the grown fixtures: no second bundling.
    const bounded = await startMock({ document: mock.spec.model.document, fixtures: mock.fixturesFile!, maxRecords: 3 });
    try {
      const resource = bounded.spec.model.resources.find((r) => r.name === 'webhooks')!;
      const op = operation(bounded, resource.create!);
      const body = validBody(bounded, op, 1);
      const first = await call(bounded, op.operationId, { body });
      expect(first.status).toBe(201); // the 2 seeded + 1
      const refused = await call(bounded, op.operationId, { body });
      expect(op.statuses).toContain(refused.status);
      expect(refused.status).toBe(429);
      expect(refused.json.detail).toMatch(/at most 3 written records/);
      expect((await call(bounded, resource.list!)).status).toBe(200);
      const gone = await call(bounded, resource.delete!, { path: { [resource.idParam]: String(first.json.id) } });
      expect(gone.status).toBe(204);
      expect((await call(bounded, op.operationId, { body })).status).toBe(201);
    } finally {
      await bounded.close();
    }
  });
});

describe('validation, every location', () => {
  const received = () => mock.spec.model.operations.find((op) => op.pagination && !resources().some((r) => r.list === op.operationId))!;

  it.each([
    ['an enum query value', { status: 'nope' }, {}, '`status`'],
    ['an array item outside its enum', { sender_types: 'robot' }, {}, '`sender_types`'],
    ['an array longer than maxItems', { sender_types: ['member', 'company', 'member'] }, {}, '`sender_types`'],
    ['a header breaking its pattern', {}, { 'X-Request-Id': 'not valid!' }, '`X-Request-Id`'],
    ['a limit above its maximum', { limit: '251' }, {}, '`limit`'],
  ])('%s gets the documented 400 naming the parameter', async (_name, query, headers, named) => {
    const op = received();
    const reply = await call(mock, op.operationId, { query: { ...requiredValues(op).query, ...query }, headers });
    expect([reply.status, reply.json.type]).toEqual([400, 'errors/invalid_parameters']);
    expect(reply.json.detail).toContain(named);
  });

  it('a repeated array parameter (form, explode) is read as an array and filters the list', async () => {
    const op = received();
    const both = await call(mock, op.operationId, { query: { ...requiredValues(op).query, sender_types: ['member', 'company'] } });
    expect(both.status).toBe(200);
    const members = await call(mock, op.operationId, { query: { ...requiredValues(op).query, sender_types: 'member' } });
    for (const item of members.json.items) expect(item.sender_type).toBe('member');
    const accepted = await call(mock, op.operationId, { query: { ...requiredValues(op).query, status: 'accepted' } });
    for (const item of accepted.json.items) expect(item.status).toBe('accepted');
    expect(members.json.items.length + (both.json.items.length - members.json.items.length)).toBe(both.json.items.length);
  });

  it('a path value breaking its pattern gets 400; a well-formed unknown id gets the documented 404', async () => {
    const resource = resources().find((r) => r.name === 'webhooks')!;
    const bad = await call(mock, resource.read!, { path: { [resource.idParam]: 'not-an-id' } });
    expect([bad.status, bad.json.detail]).toEqual([400, expect.stringContaining(`\`${resource.idParam}\` (path)`)]);
    const unknown = await call(mock, resource.read!, { path: { [resource.idParam]: 'wh_unknown' } });
    expect(unknown.status).toBe(404);
  });

  it.each([
    ['no body', undefined, undefined, /body is required/],
    ['a body that is not JSON', undefined, '{"request_url":', /not JSON/],
    ['a missing required property', { events: ['message.received'] }, undefined, /request_url/],
    ['a property the schema closes out', { request_url: 'https://x.example', events: ['message.received'], extra: 1 }, undefined, /extra/],
    ['a pattern broken', { request_url: 'http://plain.example', events: ['message.received'] }, undefined, /request_url/],
    ['an enum broken', { request_url: 'https://x.example', events: ['nope'] }, undefined, /events/],
    ['an empty array under minItems', { request_url: 'https://x.example', events: [] }, undefined, /events/],
  ])('a body with %s gets the documented 400', async (_name, body, rawBody, detail) => {
    const resource = resources().find((r) => r.name === 'webhooks')!;
    const reply = await call(mock, resource.create!, { ...(body !== undefined ? { body } : {}), ...(rawBody !== undefined ? { rawBody, headers: { 'content-type': 'application/json' } } : {}) });
    expect([reply.status, reply.json.type]).toEqual([400, 'errors/invalid_parameters']);
    expect(reply.json.detail).toMatch(detail);
  });

  it('a body in an undocumented media type is refused with the documented 400 (415 is not documented)', async () => {
    const resource = resources().find((r) => r.name === 'webhooks')!;
    const reply = await call(mock, resource.create!, { rawBody: 'request_url=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(reply.status).toBe(400);
    expect(reply.json.detail).toMatch(/application\/x-www-form-urlencoded is not accepted; send application\/json/);
  });

  it('an account the fixtures do not list gets the documented 403, on reads and on creates', async () => {
    const resource = resources().find((r) => r.name === 'Invitation')!;
    const list = await call(mock, resource.list!, { query: { [PARTITION]: 'acc_unknown' } });
    expect([list.status, list.json.type]).toEqual([403, 'errors/resource_access_restricted']);
    const body = { ...(validBody(mock, operation(mock, resource.create!)) as object), [PARTITION]: 'acc_unknown' };
    expect((await call(mock, resource.create!, { body })).status).toBe(403);
  });
});
