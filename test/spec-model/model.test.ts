// The one spec model, on the grown fixture (multi-file, bundled by Redocly), on loose third-party
// shapes, and the loader's errors.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleWithRedocly } from '../../src/pipeline/redocly.js';
import { buildSpecModel, errorSetFor, isJsonMediaType, responseFor, SpecShapeError, type SpecModel } from '../../src/spec/model.js';
import { escapePointer, getPointer, inlineRefs, resolve, unescapePointer, withPointerMemo } from '../../src/spec/pointer.js';
import { loadSpec, SpecLoadError } from '../../src/spec/load.js';

const GROWN_ROOT = path.resolve(import.meta.dirname, '../fixtures/grown/openapi/openapi.yaml');
let grown: SpecModel;

beforeAll(async () => {
  const bundle = await bundleWithRedocly(GROWN_ROOT);
  expect(bundle.problems).toEqual([]);
  grown = buildSpecModel(bundle.document, { strict: true });
});

const op = (id: string) => {
  const found = grown.operationsById.get(id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};

describe('the grown fixture', () => {
  it('has every operation of its paths, each with a 2xx and no unsupported shape', () => {
    const expected = Object.entries<any>(grown.document.paths).flatMap(([p, item]) => Object.keys(item).filter((k) => k !== 'parameters').map((m) => `${m} ${p}`));
    expect(grown.operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(expected.sort());
    expect(grown.unsupported).toEqual([]);
    for (const o of grown.operations) expect(o.successStatus).toBeGreaterThanOrEqual(200);
  });

  it('reads parameters of every location with their serialisation', () => {
    const all = grown.operations.flatMap((o) => o.parameters);
    expect(new Set(all.map((p) => p.in))).toEqual(new Set(['path', 'query', 'header']));
    for (const p of all) {
      expect(p.required || p.in !== 'path').toBe(true);
      expect(p.style).toBe(p.in === 'query' ? 'form' : 'simple');
    }
    const arrays = all.filter((p) => p.schema.type === 'array');
    expect(arrays.length).toBeGreaterThan(0);
    for (const p of arrays) expect(p.explode).toBe(true);
    // A path-level parameter is inherited by each operation of the path item.
    const templated = grown.operations.filter((o) => o.path.includes('{'));
    for (const o of templated) expect(o.parameters.filter((p) => p.in === 'path').map((p) => `{${p.name}}`)).toEqual(o.path.match(/\{[^}]+\}/g));
  });

  it('reads request bodies, bodiless responses, safety and idempotency', () => {
    const withBody = grown.operations.filter((o) => o.requestBody);
    expect(withBody.map((o) => o.method).sort()).toEqual(['patch', 'post', 'post']);
    for (const o of withBody) {
      expect(o.requestBody!.required).toBe(true);
      expect(isJsonMediaType(o.requestBody!.content[0]!.mediaType)).toBe(true);
      expect(resolve(grown.document, { $ref: o.requestBody!.content[0]!.schemaPointer }).node?.type).toBe('object');
    }
    const bodiless = grown.operations.filter((o) => responseFor(o, o.successStatus)!.content.length === 0);
    expect(bodiless.map((o) => [o.method, o.successStatus])).toEqual([['delete', 204], ['delete', 204]]);
    for (const o of grown.operations) {
      expect(o.safe).toBe(o.method === 'get');
      expect(o.idempotent).toBe(['get', 'delete'].includes(o.method));
    }
    const keyed = grown.operations.filter((o) => o.idempotencyKeyHeader);
    expect(keyed.map((o) => o.method)).toEqual(['post', 'post']);
    for (const o of keyed) expect(o.parameters.find((p) => p.name === o.idempotencyKeyHeader)?.in).toBe('header');
  });

  it('keeps shared error responses shared and an operation’s own error types its own', () => {
    const notFound = grown.operations.filter((o) => o.errors['404']).map((o) => errorSetFor(grown, o, 404)!);
    expect(new Set(notFound.map((s) => s.id)).size).toBe(2);
    const [a, b] = [...new Map(notFound.map((s) => [s.id, s])).values()];
    expect(Object.keys(a!.types)).not.toEqual(Object.keys(b!.types));
    const shared401 = new Set(grown.operations.map((o) => o.errors['401']));
    expect(shared401.size).toBe(1);
    expect(Object.keys(grown.errorSets[[...shared401][0]!]!.types).length).toBe(13);
    for (const set of Object.values(grown.errorSets)) for (const t of Object.values(set.types)) expect(typeof t.retryable).toBe('boolean');
  });

  it('takes examples written as $refs to named examples (as a bundle has them)', () => {
    const send = grown.operations.find((o) => o.requestBody?.content[0]?.example !== undefined);
    const media = send!.requestBody!.content[0]!;
    const raw = resolve(grown.document, { $ref: send!.requestBody!.pointer }).node!.content[media.mediaType];
    const named = resolve(grown.document, Object.values<any>(raw.examples)[0]).node!;
    expect(media.example).toEqual(named.value);
    const list = grown.operations.find((o) => o.pagination && o.responses.some((r) => r.content[0]?.example !== undefined));
    expect(list).toBeDefined();
  });

  it('finds both resources: one by x-resource, one by its paths', () => {
    expect(grown.resources.map((r) => r.source).sort()).toEqual(['paths', 'x-resource']);
    for (const r of grown.resources) {
      for (const role of ['list', 'create', 'read', 'delete'] as const) expect(grown.operationsById.has(r[role]!)).toBe(true);
      expect(op(r.read!).path).toBe(r.itemPath);
      expect(r.itemPath.endsWith(`{${r.idParam}}`)).toBe(true);
    }
  });

  it('reads security from the document and pagination from x-pagination', () => {
    for (const o of grown.operations) expect(o.security).toEqual(grown.document.security);
    expect(Object.values(grown.securitySchemes).map((s) => [s.type, s.in])).toEqual([['apiKey', 'header']]);
    const paged = grown.operations.filter((o) => o.pagination);
    expect(paged.length).toBe(3);
    for (const o of paged) expect(o.parameters.some((p) => p.name === o.pagination!.cursorParam)).toBe(true);
  });
});

describe('any valid document', () => {
  const loose = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'Bearer' } },
      schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } },
    },
    webhooks: { ping: { post: { responses: { '200': { description: 'ok' } } } } },
    paths: {
      '/things/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', schema: { $ref: '#/components/schemas/Node' } }, { name: 'q', in: 'query', content: { 'application/json': {} } }],
          security: [],
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } },
            '404': { description: 'nf', content: { 'application/problem+json': { schema: { allOf: [{ properties: { type: { type: 'string' } } }] } } } },
            default: { description: 'any' },
          },
        },
        post: { requestBody: { content: { 'multipart/form-data': { schema: { type: 'object' } } } }, responses: { '201': { description: 'made' } } },
      },
    },
  };

  it('models what it can, lists what it cannot, and never throws unless strict', () => {
    const model = buildSpecModel(loose);
    const [get, post] = model.operations;
    expect(get!.operationId).toBe('GET /things/{id}');
    expect(get!.security).toEqual([]);
    expect(get!.parameters.map((p) => p.name)).toEqual(['id']);
    expect(model.errorSets[get!.errors['404']!]).toMatchObject({ status: 404, mediaType: 'application/problem+json', types: {} });
    expect(responseFor(get!, 418)?.status).toBe('default');
    expect(responseFor(get!, 404)?.status).toBe('404');
    expect(post!.successStatus).toBe(201);
    expect(model.unsupported.map((u) => u.reason)).toEqual([
      expect.stringContaining('`q` is described by `content`'),
      'path template variable {id} has no path parameter',
      expect.stringContaining('multipart/form-data'),
    ]);
    expect(model.unsupported[2]!.pointer).toBe('#/paths/~1things~1{id}/post/requestBody/content');
    expect(model.webhooks).toEqual(['ping']);
    expect(model.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(() => buildSpecModel(loose, { strict: true })).toThrow(SpecShapeError);
  });

  it('inlines recursive $refs finitely', () => {
    const inlined = inlineRefs(loose, { $ref: '#/components/schemas/Node' }) as any;
    expect(inlined.properties.next).toEqual({ $ref: '#/components/schemas/Node' });
  });
});

describe('JSON pointers', () => {
  const doc = { a: { 'x/y': { '~z': [10, 20] } }, n: null };

  it('read escaped tokens, array indexes, and give undefined past a leaf or a missing key', () => {
    const pointer = `#/a/${escapePointer('x/y')}/${escapePointer('~z')}/1`;
    expect(pointer).toBe('#/a/x~1y/~0z/1');
    expect(getPointer(doc, pointer)).toBe(20);
    expect(getPointer(doc, pointer.slice(1))).toBe(20); // without the leading #
    expect(getPointer(doc, '#')).toBe(doc);
    expect(getPointer(doc, '')).toBe(doc);
    expect(getPointer(doc, '#/n/deeper')).toBeUndefined();
    expect(getPointer(doc, '#/a/missing/deeper')).toBeUndefined();
    expect(unescapePointer('~01~1')).toBe('~1/');
    expect(escapePointer('plain')).toBe('plain');
  });

  it('remember lookups only during a memo pass and only for its document', () => {
    const other = { a: 1 };
    const live = { a: { b: 1 } };
    withPointerMemo(live, () => {
      expect(getPointer(live, '#/a/b')).toBe(1);
      live.a.b = 2;
      expect(getPointer(live, '#/a/b')).toBe(1); // remembered within the pass
      expect(getPointer(other, '#/a')).toBe(1); // another document is not served from the memo
      expect(getPointer(live, '#/a/c')).toBeUndefined();
      (live.a as Record<string, number>).c = 3;
      expect(getPointer(live, '#/a/c')).toBeUndefined(); // a remembered miss stays a miss
    });
    expect(getPointer(live, '#/a/b')).toBe(2); // after the pass, lookups read the document again
    expect(buildSpecModel(grown.document)).toEqual(grown); // built with the memo, the same model again
  });
});

describe('loadSpec', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'spec-load-'));
  });
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  };

  it('without a file, models our bundled spec', async () => {
    const loaded = await loadSpec();
    expect(loaded.model.operations.length).toBe(Object.keys(loaded.document.paths).length);
    expect(loaded.model.unsupported).toEqual([]);
  });

  it('bundles a multi-file spec', async () => {
    const loaded = await loadSpec(GROWN_ROOT);
    expect(loaded.model.operations.map((o) => o.operationId).sort()).toEqual(grown.operations.map((o) => o.operationId).sort());
  });

  it.each([
    ['missing.yaml', undefined, /missing\.yaml: no such file/],
    ['bad.yaml', 'openapi: 3.1.0\ninfo: [\n', /bad\.yaml:\d+: not valid YAML or JSON/],
    ['swagger.json', '{"swagger": "2.0"}', /Swagger 2\.0/],
    ['old.yaml', 'openapi: 3.0.3\npaths: {}\n', /OpenAPI 3\.0\.3 is not supported/],
    ['list.yaml', '- a\n', /list\.yaml:1: not an OpenAPI document/],
    ['ext.yaml', 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    $ref: ./nowhere.yaml\n', /nowhere\.yaml|ext\.yaml:\d+/],
  ])('refuses %s with the file, the line when known, and the reason', async (name, text, message) => {
    const file = text === undefined ? path.join(dir, name) : await write(name, text);
    const error = await loadSpec(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecLoadError);
    expect(String((error as Error).message)).toMatch(message);
  });
});
