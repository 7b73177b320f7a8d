// The reference renderer without a browser, on the grown fixture (every operation shape: path
// parameters, JSON request bodies, bodiless responses, several tags), and the console's
// as-you-type schema checks. Derived from the fixture's model, not from named operations.
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReference, errorTypes, operationAnchor, type ReferenceData } from '../../src/site/reference.js';
import { packReferenceData } from '../../src/site/site.js';
import { SchemaRenderer, highlightJson } from '../../src/site/schema-html.js';
import { checkValue } from '../../src/site/client/schema-check.js';
import { buildUrl, typedValue } from '../../src/site/client/console.js';
import { normalizeHash, search } from '../../src/site/client/reference.js';
import type { SpecModel } from '../../src/spec/model.js';
import { loadGrown } from '../spec/grown.js';

let document: Record<string, any>;
let model: SpecModel;
let body: string;
let data: ReferenceData;

beforeAll(async () => {
  ({ document, model } = await loadGrown());
  ({ body, data } = renderReference(document));
});

const expand = (html: string) => html.replace(/<!--frag:(.+?)-->/g, (m, key: string) => data.frags[key] ?? m);

describe('reference page of the grown fixture', () => {
  it('has one placeholder, one sidebar link and one body per operation, in spec order', () => {
    expect(model.operations.length).toBeGreaterThan(3);
    expect([...data.ops.map((o) => o.id)].sort()).toEqual(model.operations.map((o) => o.operationId).sort());
    // Grouped by first tag (sidebar order); within a tag, in the order of the spec.
    for (const tag of new Set(data.ops.map((o) => o.tag))) {
      expect(data.ops.filter((o) => o.tag === tag).map((o) => o.id)).toEqual(model.operations.filter((o) => (o.tags[0] ?? 'Operations') === tag).map((o) => o.operationId));
    }
    for (const op of model.operations) {
      expect(data.sections.split(`id="${operationAnchor(op.operationId)}"`).length - 1, op.operationId).toBe(1);
      expect(data.toc, op.operationId).toContain(`href="#${operationAnchor(op.operationId)}"`);
    }
    expect(new Set(data.ops.map((o) => o.id)).size).toBe(model.operations.length);
  });

  it('renders every parameter, request body and status of every operation (shared responses once)', () => {
    for (const op of model.operations) {
      const html = expand(data.ops.find((o) => o.id === op.operationId)!.html);
      for (const p of op.parameters) expect(html, `${op.operationId} ${p.name}`).toContain(`data-field="${p.name}"`);
      for (const r of op.responses) expect(html, `${op.operationId} ${r.status}`).toContain(`data-status="${r.status}"`);
      if (op.requestBody) expect(html, op.operationId).toContain('Request body');
      for (const r of op.responses.filter((x) => x.content.length === 0)) expect(html).toMatch(new RegExp(`data-status="${r.status}"[^]*?No body\\.`));
    }
    const sharedKeys = Object.keys(data.frags);
    expect(sharedKeys.length).toBeGreaterThan(0);
    const raw = data.ops.map((o) => o.html).join('');
    for (const key of sharedKeys.filter((k) => k.startsWith('r:'))) expect(raw.split(`<!--frag:${key}-->`).length - 1).toBeGreaterThan(0);
  });

  it('lists every error type once in the catalog, with an anchor, and in the search data', () => {
    const types = errorTypes(model);
    expect(types.length).toBe(new Set(Object.values(model.errorSets).flatMap((s) => Object.keys(s.types))).size);
    for (const t of types) {
      expect(body.split(`id="error/${t.type}"`).length - 1, t.type).toBe(1);
      expect(data.errors.some((e) => e.type === t.type)).toBe(true);
    }
  });

  it('gives the console each operation\'s parameters, body and how its key travels', () => {
    for (const op of model.operations) {
      const entry = data.ops.find((o) => o.id === op.operationId)!.console!;
      expect(entry.params.map((p) => `${p.in}:${p.name}`)).toEqual(op.parameters.map((p) => `${p.in}:${p.name}`));
      for (const p of entry.params.filter((x) => x.required)) expect(p.value, `${op.operationId} ${p.name} pre-filled`).toBeDefined();
      expect(entry.body === null).toBe(op.requestBody === null);
      if (entry.body) {
        expect(() => JSON.parse(entry.body!.example)).not.toThrow();
        expect(checkValue(JSON.parse(entry.body.example), entry.body.schema), `${op.operationId} example body passes its schema`).toEqual([]);
      }
      for (const p of entry.params.filter((x) => x.value !== undefined)) expect(checkValue(typedValue(p.value!, p.schema), p.schema), `${op.operationId} ${p.name}`).toEqual([]);
    }
  });

  it('packs the data as gzip+base64 that inflates to the same data', () => {
    const packed = packReferenceData(data);
    expect(JSON.parse(zlib.gunzipSync(Buffer.from(packed, 'base64')).toString('utf8'))).toEqual(data);
    expect(packed.length).toBeLessThan(JSON.stringify(data).length / 3);
  });
});

describe('schema rendering', () => {
  const doc = {
    components: {
      schemas: {
        Node: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 9 }, next: { $ref: '#/components/schemas/Node' } } },
        Pick: { oneOf: [{ type: 'integer', minimum: 1, maximum: 5 }, { type: 'string', enum: ['a', 'b'] }] },
      },
    },
  };
  const r = new SchemaRenderer(doc);

  it('labels types, limits and defaults as the reader expects', () => {
    expect(r.typeLabel({ type: ['string', 'null'], format: 'date-time' })).toBe('string <date-time> or null');
    expect(r.typeLabel({ type: 'array', items: { $ref: '#/components/schemas/Node' } })).toBe('Array of Node');
    expect(r.typeLabel({ $ref: '#/components/schemas/Node' })).toBe('object (Node)');
    expect(r.limits({ type: 'integer', minimum: 1, maximum: 250, default: 100 })).toEqual(['[ 1 .. 250 ]', 'Default: 100']);
    expect(r.limits({ type: 'string', minLength: 1 })).toEqual(['>= 1 characters']);
    expect(r.limits({ type: 'array', maxItems: 3 })).toEqual(['<= 3 items']);
  });

  it('stops at recursion and shows every variant of oneOf', () => {
    const html = r.fieldsHtml({ $ref: '#/components/schemas/Node' });
    expect(html).toContain('recursive');
    expect(r.fieldsHtml({ $ref: '#/components/schemas/Pick' })).toMatch(/One of:[^]*integer[^]*string/);
    expect(r.sample({ $ref: '#/components/schemas/Node' })).toEqual({ id: 'string', next: {} });
  });

  it('escapes JSON samples and marks keys, strings, numbers and literals', () => {
    expect(highlightJson({ a: '<b>', n: 1, t: null })).toBe('{\n  <span class="j-key">&quot;a&quot;</span>: <span class="j-str">&quot;&lt;b&gt;&quot;</span>,\n  <span class="j-key">&quot;n&quot;</span>: <span class="j-num">1</span>,\n  <span class="j-key">&quot;t&quot;</span>: <span class="j-lit">null</span>\n}');
  });
});

describe('console and page helpers', () => {
  it('checks values against their schema as the console does while you type', () => {
    const limit = { type: 'integer', minimum: 1, maximum: 250 };
    expect(checkValue(typedValue('0', limit), limit)).toEqual(['value: at least 1.']);
    expect(checkValue(typedValue('251', limit), limit)).toEqual(['value: at most 250.']);
    expect(checkValue(typedValue('2.5', limit), limit)).toEqual(['value: expected integer, got number.']);
    expect(checkValue(typedValue('abc', limit), limit)).toEqual(['value: expected integer, got string.']);
    expect(checkValue(typedValue('100', limit), limit)).toEqual([]);
    const body = { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, pattern: '^\\S' } } };
    expect(checkValue({}, body)).toEqual(['value: name is required.']);
    expect(checkValue({ name: ' x', extra: 1 }, body)).toEqual(['name: must match ^\\S.', 'value: extra is not a known field.']);
    expect(checkValue({ name: 'x' }, body)).toEqual([]);
    expect(checkValue('c', { oneOf: [{ const: 'a' }, { const: 'b' }] })).toEqual(['value: matches none of the 2 allowed shapes.']);
    expect(checkValue([1, 2, 3], { type: 'array', maxItems: 2, items: { type: 'string' } })).toEqual(['value: at most 2 items.', 'value[0]: expected string, got integer.', 'value[1]: expected string, got integer.', 'value[2]: expected string, got integer.']);
  });

  it('builds the request URL from path and query parameters, encoded, without empty ones', () => {
    const field = (name: string, where: 'path' | 'query', value: string) => ({ param: { name, in: where, required: false, schema: {} }, input: { value } as HTMLInputElement, problem: {} as HTMLElement });
    expect(buildUrl('http://h/api/', '/a/{id}/b', [field('id', 'path', 'x y'), field('q', 'query', 'a&b'), field('empty', 'query', '')])).toBe('http://h/api/a/x%20y/b?q=a%26b');
  });

  it('maps Redoc-style deep links to operation anchors and searches every word', () => {
    expect(normalizeHash('#tag/Invitations/operation/listSentInvitations')).toBe('operation/listSentInvitations');
    expect(normalizeHash('#error/errors%2Fx')).toBe('error/errors/x');
    const entries = [
      { href: '#a', label: 'List things', detail: '', kind: 'operation' as const, text: 'list things get /things' },
      { href: '#b', label: 'errors/rate_limited', detail: '', kind: 'error' as const, text: 'errors/rate_limited 429 slow down' },
    ];
    expect(search(entries, 'rate 429').map((e) => e.href)).toEqual(['#b']);
    expect(search(entries, 'THINGS').map((e) => e.href)).toEqual(['#a']);
    expect(search(entries, '  ')).toEqual([]);
  });
});
