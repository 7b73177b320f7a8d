// The stateful checks' list walk and the cleanup, against a small store of things (node:http on
// 127.0.0.1, two a page, oldest first) whose answers a test rewrites: the walk's page cap and end,
// lists that are no lists, reads of nothing, and every way a cleanup delete can end.
import { createServer } from 'node:http';
import { describe, expect, test } from 'vitest';
import { kitSpecOf, runContract, type ContractOptions, type ContractReport } from '../../src/contract/index.js';
import { serveForFile } from './serve-for-file.js';

interface Asked { method: string; path: string; after: string | null }
interface Answer { status: number; body?: unknown; drop?: true }
/** Rewrites an answer (the store has already acted); undefined keeps it. */
let rewrite: (asked: Asked, answer: Answer) => Answer | undefined = () => undefined;
let things = new Map<string, { id: string; name: string }>();
let created = 0;
const requests: string[] = [];
const SEEDED = 5;

function reset(): void {
  things = new Map(Array.from({ length: SEEDED }, (_, i) => [`t${i}`, { id: `t${i}`, name: `n${i}` }]));
  created = SEEDED;
  requests.length = 0;
}

function answer(method: string, path: string, url: URL, body: string): Answer {
  if (path === '/things' && method === 'GET') {
    const after = url.searchParams.get('after') ?? '0';
    const limit = url.searchParams.get('limit') ?? '2';
    if (!/^\d+$/.test(after) || !/^[12]$/.test(limit)) return { status: 400 };
    const all = [...things.values()];
    const start = Number(after);
    const end = start + Number(limit);
    return { status: 200, body: { data: all.slice(start, end), next: end < all.length ? String(end) : null } };
  }
  if (path === '/things' && method === 'POST') {
    let name: unknown;
    try { name = JSON.parse(body).name; } catch { return { status: 400 }; }
    if (typeof name !== 'string') return { status: 400 };
    const thing = { id: `t${created++}`, name };
    things.set(thing.id, thing);
    return { status: 201, body: thing };
  }
  if (path === '/notes' && method === 'POST') return { status: 201, body: { text: 'kept' } };
  const id = /^\/things\/([^/]+)$/.exec(path)?.[1];
  if (id === undefined) return { status: 404 };
  const thing = things.get(id);
  if (method === 'GET') return thing ? { status: 200, body: thing } : { status: 404 };
  if (method === 'DELETE') return things.delete(id) ? { status: 204 } : { status: 404 };
  return { status: 405 };
}

const server = createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  const url = new URL(req.url ?? '/', 'http://x');
  requests.push(`${req.method} ${url.pathname}${url.search}`);
  const asked = { method: req.method!, path: url.pathname, after: url.searchParams.get('after') };
  const original = answer(req.method!, url.pathname, url, body);
  const out = rewrite(asked, original) ?? original;
  if (out.drop) return void req.socket.destroy();
  if (out.body === undefined) return void res.writeHead(out.status).end();
  res.writeHead(out.status, { 'content-type': 'application/json' }).end(JSON.stringify(out.body));
});
const baseUrl = serveForFile(server);

const Thing = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Things', version: '1.0.0' },
  paths: {
    '/things': {
      get: {
        operationId: 'listThings',
        'x-pagination': { cursorParam: 'after', cursorField: 'next', itemsField: 'data', limitParam: 'limit' },
        parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 2, default: 2 } }],
        responses: { '200': { description: 'A page.', ...json({ type: 'object', required: ['data', 'next'], properties: { data: { type: 'array', items: Thing }, next: { type: ['string', 'null'] } } }) }, '400': { description: 'Invalid.' } },
      },
      post: {
        operationId: 'createThing',
        requestBody: { required: true, ...json({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }) },
        responses: { '201': { description: 'Created.', ...json(Thing) }, '400': { description: 'Invalid.' } },
      },
    },
    '/things/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'getThing', responses: { '200': { description: 'One.', ...json(Thing) }, '404': { description: 'None.' } } },
      delete: { operationId: 'deleteThing', responses: { '204': { description: 'Gone.' }, '404': { description: 'None.' } } },
    },
  },
};

async function run(change: typeof rewrite, options: Partial<ContractOptions> = {}, document: object = SPEC): Promise<ContractReport> {
  reset();
  rewrite = change;
  return runContract({ spec: kitSpecOf(structuredClone(document), 'things.json'), baseUrl: baseUrl(), seed: 7, rate: 0, propertyRuns: 0, allowUnsafe: true, ...options });
}
const outcome = (report: ContractReport, check: string) => {
  const found = report.outcomes.filter((o) => o.check === check && o.operationId !== '-' && !o.subject.startsWith('-'));
  expect(found).toHaveLength(1);
  return found[0]!;
};
const isCreated = (id: string) => Number(id.slice(1)) >= SEEDED;

describe('the list walk that looks for what was created', () => {
  test('stops at the page cap: what is on the page after it is not found', async () => {
    const report = await run(() => undefined, { maxPages: 2 });
    const listed = outcome(report, 'stateful.created-listed');
    expect(listed.subject).toBe('things t5 created by createThing');
    expect(listed.findings.map((f) => [f.message, f.expected, f.status])).toEqual([['t5 is not in listThings (walked up to 2 pages)', 't5', 200]]);
    // No request of the run went past the second page (after=2).
    expect(requests.filter((r) => r.startsWith('GET /things?after=4'))).toEqual([]);
  });

  test('ends at the page whose cursor is null', async () => {
    // The list leaves out what was created: the walk reaches the end without finding it.
    const report = await run((asked, answer) => {
      if (asked.method !== 'GET' || asked.path !== '/things' || answer.status !== 200) return undefined;
      const page = answer.body as { data: Array<{ id: string }>; next: string | null };
      return { status: 200, body: { ...page, data: page.data.filter((t) => !isCreated(t.id)) } };
    });
    const listed = outcome(report, 'stateful.created-listed');
    expect(listed.findings.map((f) => [f.message, f.status, f.request?.url])).toEqual([['t5 is not in listThings (walked up to 50 pages)', 200, `${baseUrl()}/things?after=4`]]);
    // The walk asks for no page after it (with a cursor of null).
    expect(requests.filter((r) => /after=(null|undefined)?($|&)/.test(r))).toEqual([]);
  });

  test('a list that answers an error, or null, is no list to look in', async () => {
    for (const broken of [{ status: 500, body: { data: [{ id: 't5', name: 'n' }], next: null } }, { status: 200, body: null }]) {
      let creates = 0;
      const report = await run((asked) => {
        if (asked.method === 'POST') creates++;
        return asked.method === 'GET' && asked.path === '/things' && creates > 0 ? broken : undefined;
      });
      const listed = outcome(report, 'stateful.created-listed');
      expect([listed.status, listed.kind, listed.note], JSON.stringify(broken)).toEqual(['not-exercised', 'precondition', 'listThings did not return a list to look in']);
    }
  });

  test('a created thing read back as null has no id', async () => {
    const report = await run((asked) => (asked.method === 'GET' && /^\/things\/t\d+$/.test(asked.path) && isCreated(asked.path.slice(8)) ? { status: 200, body: null } : undefined));
    expect(outcome(report, 'stateful.created-readable').findings.map((f) => [f.message, f.pointer, f.expected, f.actual])).toEqual([
      ['getThing returned id undefined, not the created t5', '/id', 't5', undefined],
    ]);
  });

  test('the requests of the checks are named in the response findings they cause', async () => {
    // What was created comes back with a number for a name, on a read and in a list.
    const report = await run((asked, answer) => {
      if (asked.method !== 'GET' || answer.status !== 200) return undefined;
      const breakThing = (t: { id: string }) => (isCreated(t.id) ? { ...t, name: 5 } : t);
      const body = answer.body as { data?: Array<{ id: string }>; id?: string };
      return { status: 200, body: body.data ? { ...body, data: body.data.map(breakThing) } : breakThing(body as { id: string }) };
    });
    const schemaMessages = report.outcomes.filter((o) => o.check === 'response.body-schema').flatMap((o) => o.findings.map((f) => [o.operationId, f.message.replace(/^.*\(request: /, '(request: ')]));
    expect(schemaMessages).toContainEqual(['getThing', '(request: read back things t5 created by createThing)']);
    expect(schemaMessages).toContainEqual(['listThings', '(request: look for things t5 created by createThing)']);
  });
});

describe('the cleanup', () => {
  const leftoversOf = (report: ContractReport) => report.leftovers.map((l) => l.replace(/t\d+/, 'tN'));
  const deletes = () => requests.filter((r) => r.startsWith('DELETE '));

  test('deletes each thing the kit created once, and leaves the others', async () => {
    const report = await run(() => undefined);
    expect(report.leftovers).toEqual([]);
    const deleted = deletes();
    expect(deleted.length).toBeGreaterThan(1);
    expect(new Set(deleted).size).toBe(deleted.length);
    expect(deleted.every((r) => isCreated(r.split('/')[2]!))).toBe(true);
    expect([...things.keys()]).toEqual(['t0', 't1', 't2', 't3', 't4']);
  });

  test('a delete that answers 200 or 404 counts as done; 300 or no answer leaves the thing behind', async () => {
    // The first delete is the delete check's own; the cleanup's come after it.
    const cleanupAnswers = (answer: Answer) => {
      let seen = 0;
      return (asked: Asked) => (asked.method === 'DELETE' && ++seen > 1 ? answer : undefined);
    };
    expect((await run(cleanupAnswers({ status: 200 }))).leftovers).toEqual([]);
    expect((await run(cleanupAnswers({ status: 404 }))).leftovers).toEqual([]);
    const redirected = await run(cleanupAnswers({ status: 300 }));
    expect(redirected.leftovers.length).toBeGreaterThan(0);
    expect(new Set(leftoversOf(redirected))).toEqual(new Set(['things tN (created by createThing): deleteThing answered 300']));
    const dropped = await run(cleanupAnswers({ status: 204, drop: true }));
    expect(dropped.leftovers.length).toBeGreaterThan(0);
    expect(new Set(leftoversOf(dropped))).toEqual(new Set(['things tN (created by createThing): deleteThing answered UND_ERR_SOCKET: other side closed']));
    // Its requests are named in the findings they cause: 200 is not documented for the delete.
    const ok = await run(cleanupAnswers({ status: 200 }));
    const undocumented = ok.outcomes.filter((o) => o.operationId === 'deleteThing' && o.check.startsWith('response.')).flatMap((o) => o.findings.map((f) => f.message));
    expect(undocumented.some((m) => /\(request: cleanup of things t\d+ \(created by createThing\)\)$/.test(m)), undocumented.join('\n')).toBe(true);
  });

  test('what a create outside any resource made is named, since nothing deletes it', async () => {
    const document = structuredClone(SPEC) as { paths: Record<string, unknown> };
    document.paths['/notes'] = { post: { operationId: 'addNote', responses: { '201': { description: 'Added.', ...json({ type: 'object' }) } } } };
    const report = await run(() => undefined, {}, document);
    expect(report.leftovers).toContain('addNote created something (HTTP 201) that no delete operation of the spec removes');
  });

  test('a delete that cannot be built: each thing left is named with the reason', async () => {
    // x-resource groups a delete whose path needs a value nothing gives.
    const document = structuredClone(SPEC) as unknown as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const resource = (role: string) => ({ 'x-resource': { name: 'things', role } });
    Object.assign(document.paths['/things']!.get!, resource('list'));
    Object.assign(document.paths['/things']!.post!, resource('create'));
    Object.assign(document.paths['/things/{id}']!.get!, resource('read'));
    const remove = document.paths['/things/{id}']!.delete!;
    delete document.paths['/things/{id}']!.delete;
    document.paths['/shelves/{shelf}/things/{id}'] = {
      parameters: [{ name: 'shelf', in: 'path', required: true, schema: { type: 'string' } }, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      delete: { ...remove, ...resource('delete') },
    } as never;
    const report = await run(() => undefined, {}, document);
    expect(report.leftovers.length).toBeGreaterThan(0);
    expect(new Set(leftoversOf(report))).toEqual(new Set(['things tN (created by createThing): no value for path parameter shelf: the kit writes only to what it created (it created nothing this operation can use, or --param shelf=VALUE)']));
    expect(deletes()).toEqual([]);
  });
});
