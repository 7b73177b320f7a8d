// The client runtime on another spec: the grown fixture (test/fixtures/grown) is generated into a
// temp folder by the pipeline's own functions, its operation table is loaded from there, and every
// operation of that table is called through `createClientFor` against a real node:http server on
// 127.0.0.1 that records each request. The cases come from the table: nothing here names an
// operation, a path or a parameter of the fixture.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClientFor, type ClientEvent } from '../../src/client/index.js';
import type { ErrorSetEntry, OperationEntry, OperationParameterEntry } from '../../generated/operations.js';
import { inlineRefs } from '../../src/spec/pointer.js';
import { CLIENT_FILES, GROWN_COPY_DIR, generateGrown, writeGenerated } from './grown.js';
import { isValid, sampleOf } from './schema-values.js';
import { API_KEY, json, startServer, type SeenRequest, type TestServer } from './server.js';

const { document, files } = await generateGrown();
const dir = await mkdtemp(path.join(tmpdir(), 'postpress-grown-'));
await writeGenerated(files, dir);
const generated = (await import(pathToFileURL(path.join(dir, 'operations.ts')).href)) as {
  operations: Record<string, OperationEntry>;
  errorSets: Record<string, ErrorSetEntry>;
};
const table = generated.operations;
const errorSets = generated.errorSets;
const ops = Object.values(table);
const KEY_HEADER = 'X-API-KEY';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => server.respond((_req, res) => json(res, 599, {})));

function clientOf(options: { retry?: false | { baseDelayMs: number; maxDelayMs: number }; events?: ClientEvent[] } = {}) {
  return createClientFor<any, any>(
    { operations: table, errorSets, apiKeyHeader: KEY_HEADER },
    { apiKey: API_KEY, baseUrl: server.baseUrl, retry: options.retry ?? { baseDelayMs: 1, maxDelayMs: 2 }, onEvent: (e) => options.events?.push(e) },
  ) as Record<string, (input?: unknown, options?: unknown) => Promise<any>> & { paginate(op: string, input: unknown): AsyncIterable<unknown> };
}

/** A value of a path parameter that would change the path if it were not encoded, when the schema allows one. */
const HOSTILE_PATH_VALUES = ['a/../b?c=d#e%25 é', 'x/y', '%2e%2e', 'a?b', 'a#b'];
function pathValueFor(p: OperationParameterEntry): unknown {
  return HOSTILE_PATH_VALUES.find((v) => isValid(p.schema, v)) ?? sampleOf(p.schema);
}

/** Input with every parameter (required or not) and the body, all valid. */
function validInput(op: OperationEntry, seed = 1): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const p of op.parameters) {
    if (p.name === op.idempotencyKeyHeader) continue; // the client fills it
    input[p.name] = p.in === 'path' ? pathValueFor(p) : sampleOf(p.schema, seed);
  }
  if (op.requestBody) input.body = sampleOf(op.requestBody.schema, seed);
  return input;
}

/** The schema of a documented response body, from the bundled document. */
function responseSchema(op: OperationEntry, status: number): Record<string, unknown> {
  const operation = (document.paths as any)[op.path][op.method];
  const response = inlineRefs(document, operation.responses[String(status)]) as any;
  const media = op.responses[status]!.mediaTypes[0]!;
  return response.content[media].schema;
}

function expectedPath(op: OperationEntry, input: Record<string, unknown>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const p = op.parameters.find((q) => q.in === 'path' && q.name === name)!;
    expect(p.style, 'this check knows style simple').toBe('simple');
    return encodeURIComponent(String(input[name]));
  });
}

function expectRequest(op: OperationEntry, input: Record<string, unknown>, seen: SeenRequest): void {
  expect(seen.method).toBe(op.method.toUpperCase());
  expect(seen.url.pathname).toBe(new URL(server.baseUrl).pathname + expectedPath(op, input));
  const query = op.parameters.filter((p) => p.in === 'query');
  expect(new Set(seen.url.searchParams.keys())).toEqual(new Set(query.filter((p) => input[p.name] !== undefined).map((p) => p.name)));
  for (const p of query) {
    const value = input[p.name];
    if (Array.isArray(value)) {
      if (p.explode) expect(seen.url.searchParams.getAll(p.name)).toEqual(value.map(String));
      else expect(seen.url.searchParams.get(p.name)).toBe(value.map(String).join(','));
    } else if (value !== undefined) {
      expect(seen.url.searchParams.get(p.name)).toBe(String(value));
    }
  }
  for (const p of op.parameters.filter((q) => q.in === 'header')) {
    const sent = seen.headers[p.name.toLowerCase()];
    if (p.name === op.idempotencyKeyHeader && input[p.name] === undefined) expect(sent).toMatch(UUID);
    else expect(sent).toBe(input[p.name] === undefined ? undefined : String(input[p.name]));
  }
  expect(seen.headers[KEY_HEADER.toLowerCase()]).toBe(API_KEY);
  if (op.requestBody && input.body !== undefined) {
    expect(seen.headers['content-type']).toBe(op.requestBody.mediaType);
    expect(JSON.parse(seen.body)).toEqual(input.body);
  } else {
    expect(seen.body).toBe('');
    expect(seen.headers['content-type']).toBeUndefined();
  }
}

function successBody(op: OperationEntry): unknown {
  const response = op.responses[op.successStatus]!;
  return response.bodiless ? undefined : sampleOf(responseSchema(op, op.successStatus));
}

function answerSuccess(op: OperationEntry, body: unknown) {
  return (_req: unknown, res: import('node:http').ServerResponse) => {
    if (body === undefined) res.writeHead(op.successStatus).end();
    else json(res, op.successStatus, body);
  };
}

describe('the grown fixture exercises every shape', () => {
  it('its table has bodies, bodiless and 201 successes, path, header and array query parameters, an idempotency key, per-operation error sets', () => {
    expect(ops.length).toBeGreaterThanOrEqual(10);
    expect(ops.some((op) => op.requestBody?.required)).toBe(true);
    expect(ops.some((op) => op.responses[op.successStatus]!.bodiless)).toBe(true);
    expect(ops.some((op) => op.successStatus === 201)).toBe(true);
    expect(ops.some((op) => op.method === 'patch' && op.requestBody)).toBe(true);
    expect(ops.some((op) => op.parameters.some((p) => p.in === 'path' && isValid(p.schema, HOSTILE_PATH_VALUES[0])))).toBe(true);
    expect(ops.some((op) => op.parameters.some((p) => p.in === 'header' && p.name !== op.idempotencyKeyHeader))).toBe(true);
    expect(ops.some((op) => op.parameters.some((p) => p.in === 'query' && p.schema.type === 'array'))).toBe(true);
    expect(ops.some((op) => op.idempotencyKeyHeader !== null && !op.idempotent)).toBe(true);
    const byStatus = Object.values(errorSets).map((s) => s.status);
    expect(byStatus.length).toBeGreaterThan(new Set(byStatus).size); // some status has two sets
  });

  // Not in Stryker's sandbox (MUTATION_RUN): its generated bytes differ there, and mutants are in src/client.
  it.skipIf(process.env.MUTATION_RUN)(`the committed copy in ${path.basename(GROWN_COPY_DIR)}/ (read by the type tests) is what the pipeline generates`, async () => {
    for (const name of CLIENT_FILES) {
      expect(await readFile(path.join(GROWN_COPY_DIR, name), 'utf8'), `${name}: run npx tsx test/client/grown.ts`).toBe(files.get(name));
    }
  });
});

describe.each(ops.map((op) => [op.operationId, op] as const))('%s', (_id, op) => {
  it('sends the method, the encoded path, query, headers and JSON body, and narrows the success', async () => {
    const input = validInput(op);
    const body = successBody(op);
    server.respond(answerSuccess(op, body));
    const r = await clientOf()[op.operationId]!(input);
    expect(r).toEqual({ ok: true, status: op.successStatus, data: body });
    expect(server.requests).toHaveLength(1);
    expectRequest(op, input, server.requests[0]!);
  });

  it('leaves optional parameters out when not given', async () => {
    const input = Object.fromEntries(Object.entries(validInput(op, 2)).filter(([name]) => name === 'body' || op.parameters.find((p) => p.name === name)?.required));
    if (op.requestBody && !op.requestBody.required) delete input.body;
    const body = successBody(op);
    server.respond(answerSuccess(op, body));
    expect((await clientOf()[op.operationId]!(input)).ok).toBe(true);
    expectRequest(op, input, server.requests[0]!);
  });

  it('recognises each documented error by the operation\'s own error set, and no other set\'s types', async () => {
    const client = clientOf({ retry: false });
    for (const [status, id] of Object.entries(op.errors)) {
      const own = errorSets[id]!;
      for (const type of Object.keys(own.types)) {
        server.respond((_req, res) => json(res, Number(status), { title: 't', type, status: Number(status), detail: 'd' }));
        expect(await client[op.operationId]!(validInput(op))).toEqual({ ok: false, status: Number(status), error: { title: 't', type, status: Number(status), detail: 'd' } });
      }
      const others = Object.values(errorSets).filter((s) => s.status === Number(status)).flatMap((s) => Object.keys(s.types)).filter((t) => !Object.hasOwn(own.types, t));
      for (const type of others) {
        server.respond((_req, res) => json(res, Number(status), { title: 't', type, status: Number(status) }));
        const r = await client[op.operationId]!(validInput(op));
        expect(r).toMatchObject({ ok: false, status: 0, error: { type: 'client/invalid_response', httpStatus: Number(status) } });
      }
    }
    const undocumented = [404, 409].find((s) => op.errors[s] === undefined);
    expect(undocumented).toBeDefined();
    if (undocumented !== undefined) {
      const type = Object.values(errorSets).find((s) => s.status === undocumented)?.types;
      server.respond((_req, res) => json(res, undocumented, { title: 't', type: Object.keys(type ?? {})[0] ?? 'x', status: undocumented }));
      expect(await client[op.operationId]!(validInput(op))).toMatchObject({ status: 0, error: { detail: `status ${undocumented} is not documented for ${op.operationId}` } });
    }
  });

  const retried = op.idempotent || op.idempotencyKeyHeader !== null;
  it(retried ? 'a 503 is retried, with one idempotency key per call when the operation declares one' : 'a 503 or a reset connection is never retried (not idempotent, no idempotency key)', async () => {
    const body = successBody(op);
    const flaky = (failures: number) => server.respond((req, res, n) => (n < failures ? json(res, 503, { title: 't', type: Object.keys(errorSets[op.errors[503]!]!.types)[0], status: 503 }) : answerSuccess(op, body)(req, res)));
    flaky(1);
    const client = clientOf();
    const r = await client[op.operationId]!(validInput(op));
    const keys = server.requests.map((s) => (op.idempotencyKeyHeader ? s.headers[op.idempotencyKeyHeader.toLowerCase()] : undefined));
    if (!retried) {
      expect(r).toMatchObject({ ok: false, status: 503 });
      expect(server.requests).toHaveLength(1);
      server.respond((_req, res) => res.socket?.destroy());
      expect(await client[op.operationId]!(validInput(op))).toMatchObject({ status: 0, error: { type: 'client/network_error', attempts: 1 } });
      expect(server.requests).toHaveLength(1);
      return;
    }
    expect(r).toMatchObject({ ok: true, status: op.successStatus });
    expect(server.requests).toHaveLength(2);
    if (!op.idempotencyKeyHeader) return;
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]); // the same key on the retry
    flaky(1);
    await client[op.operationId]!(validInput(op));
    const next = server.requests.map((s) => s.headers[op.idempotencyKeyHeader!.toLowerCase()]);
    expect(next[0]).toBe(next[1]);
    expect(next[0]).not.toBe(keys[0]); // a new key per call
    flaky(1);
    await client[op.operationId]!({ ...validInput(op), [op.idempotencyKeyHeader]: 'caller-key-1' });
    expect(server.requests.map((s) => s.headers[op.idempotencyKeyHeader!.toLowerCase()])).toEqual(['caller-key-1', 'caller-key-1']);
  });

  const pathParams = op.parameters.filter((p) => p.in === 'path');
  if (pathParams.length > 0) {
    it('refuses a path value that would change the path, and sends nothing', async () => {
      const client = clientOf();
      for (const p of pathParams) {
        for (const value of ['..', '.', '']) {
          const r = await client[op.operationId]!({ ...validInput(op), [p.name]: value });
          expect(r, `${p.name} = ${JSON.stringify(value)}`).toMatchObject({ ok: false, status: 0, error: { type: 'client/invalid_input', attempts: 0 } });
          expect(r.error.detail).toContain(`"${p.name}"`);
        }
      }
      expect(server.requests).toHaveLength(0);
    });
  }

  if (op.requestBody) {
    it('checks the body before sending: a missing required field or an unknown one sends nothing', async () => {
      const client = clientOf();
      const input = validInput(op);
      const schema = op.requestBody!.schema;
      if (op.requestBody!.required) {
        const { body: _omitted, ...withoutBody } = input;
        expect(await client[op.operationId]!(withoutBody)).toMatchObject({ status: 0, error: { type: 'client/invalid_input', detail: `${op.operationId}: body is required` } });
      }
      const wrong = [...(schema.required ?? []).map((name: string) => {
        const copy = { ...(input.body as object) } as Record<string, unknown>;
        delete copy[name];
        return copy;
      }), ...(schema.additionalProperties === false ? [{ ...(input.body as object), 'not-in-the-schema': 1 }] : [])];
      expect(wrong.length).toBeGreaterThan(0);
      for (const body of wrong) {
        expect(isValid(schema, body)).toBe(false);
        const r = await client[op.operationId]!({ ...input, body });
        expect(r).toMatchObject({ status: 0, error: { type: 'client/invalid_input' } });
        expect(r.error.detail).toMatch(/body/);
      }
      expect(server.requests).toHaveLength(0);
    });
  }

  if (op.pagination) {
    it('paginates: follows its cursor over three pages', async () => {
      const { cursorParam, cursorField, itemsField } = op.pagination!;
      const pageOf = (k: number) => ({ ...(sampleOf(responseSchema(op, op.successStatus), k + 1) as object), [itemsField]: [sampleOf((responseSchema(op, op.successStatus) as any).properties[itemsField].items, k)], [cursorField]: k < 2 ? `c${k + 1}` : null });
      const pages = [0, 1, 2].map(pageOf);
      server.respond((req, res) => {
        const cursor = new URL(req.url ?? '/', 'http://x').searchParams.get(cursorParam);
        json(res, 200, pages[cursor === null ? 0 : Number(cursor.slice(1))]);
      });
      const input = Object.fromEntries(Object.entries(validInput(op)).filter(([name]) => name !== cursorParam));
      const items: unknown[] = [];
      for await (const item of clientOf().paginate(op.operationId, input)) items.push(item);
      expect(items).toEqual(pages.flatMap((p) => p[itemsField]));
      expect(server.requests.map((s) => s.url.searchParams.get(cursorParam))).toEqual([null, 'c1', 'c2']);
    });
  }
});
