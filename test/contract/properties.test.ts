// Generated requests (fast-check) against a server that checks every query parameter with Ajv
// against its schema in the spec (node:http on 127.0.0.1). The faithful server passes both
// property checks; a server that accepts one kind of invalid value, or refuses one kind of valid
// value, fails the matching check with the smallest counterexample.
import { createServer } from 'node:http';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { kitSpecOf, runContract, type ContractReport } from '../../src/contract/index.js';
import { serveForFile } from './serve-for-file.js';

interface Param { name: string; in: 'query'; required?: boolean; explode?: boolean; schema: Record<string, unknown>; example?: unknown }
const PARAMS: Param[] = [
  { name: 'after', in: 'query', schema: { type: 'string' } },
  { name: 'limit', in: 'query', schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 20, default: 5 } },
  { name: 'region', in: 'query', required: true, schema: { type: 'string', minLength: 1 }, example: 'eu' },
  { name: 'q', in: 'query', schema: { type: 'string', minLength: 2, maxLength: 8 } },
  { name: 'sort', in: 'query', schema: { type: 'string', enum: ['asc', 'desc'] } },
  { name: 'tags', in: 'query', explode: false, schema: { type: 'array', items: { type: 'string', enum: ['a', 'b', 'c'] }, maxItems: 2 } },
  { name: 'flag', in: 'query', schema: { type: 'boolean' } },
  { name: 'ratio', in: 'query', schema: { type: 'number', minimum: 0, maximum: 1 } },
  { name: 'code', in: 'query', schema: { type: 'string', pattern: '^[A-Z]{3}$' } },
  { name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
  { name: 'country', in: 'query', schema: { type: 'string', format: 'iso-country-code', minLength: 2, maxLength: 2 } },
  { name: 'note', in: 'query', schema: { type: 'string', minLength: 0, maxLength: 4 } },
  { name: 'score', in: 'query', schema: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 } },
  { name: 'label', in: 'query', schema: { type: 'string', maxLength: 6, title: 'Label', description: 'A label.', default: 'a', example: 'b', examples: ['c'], deprecated: false, $comment: 'annotations only' } },
  { name: 'filter', in: 'query', schema: { type: 'object', properties: { a: { type: 'integer' } } } },
];
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Records', version: '1.0.0' },
  paths: {
    '/records': {
      get: {
        operationId: 'listRecords',
        'x-pagination': { cursorParam: 'after', cursorField: 'next', itemsField: 'data', limitParam: 'limit' },
        parameters: PARAMS,
        responses: {
          '200': { description: 'A page.', content: { 'application/json': { schema: { type: 'object', required: ['data', 'next'], properties: { data: { type: 'array', items: { type: 'object' } }, next: { type: ['string', 'null'] } } } } } },
          '400': { description: 'Invalid.' },
        },
      },
    },
  },
};

// Formats are annotations here (int32, iso-country-code): the server checks types and bounds.
const ajv = new Ajv2020({ allErrors: true, strict: false, logger: false });
const checks = new Map(PARAMS.map((p) => [p.name, ajv.compile(p.schema)]));
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** The value of a query parameter as its schema reads it, or undefined when the text cannot be one. */
function read(param: Param, text: string): unknown {
  const type = param.schema.type;
  if (type === 'integer' || type === 'number') return NUMBER.test(text) ? Number(text) : undefined;
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  if (type === 'array') return text === '' ? [] : text.split(',');
  return text;
}

/** The names of the parameters a query breaks: missing, unreadable, or against its schema. */
function broken(query: URLSearchParams): string[] {
  return PARAMS.filter((param) => {
    const text = query.get(param.name);
    if (text === null) return param.required === true;
    if (param.name === 'after') return !/^\d+$/.test(text);
    const value = read(param, text);
    return value === undefined || !checks.get(param.name)!(value);
  }).map((p) => p.name);
}

/** A different server: returns the parameters it judges broken, from the faithful judgement. */
let judge: (query: URLSearchParams, faithful: string[]) => string[] = (_query, faithful) => faithful;
/** Items served beyond the default limit when the request names none. */
let overfill = 0;
/** Another body for a request that passed the judge; undefined keeps the page. */
let reply: (query: URLSearchParams) => unknown = () => undefined;
const server = createServer((req, res) => {
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  const bad = judge(query, broken(query));
  if (bad.length > 0) return void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ broken: bad }));
  // (At most 100: a server that accepts any limit still answers small pages.)
  const limit = query.has('limit') ? Math.min(Number(query.get('limit')), 100) : 5 + overfill;
  const data = Array.from({ length: limit }, (_, i) => ({ n: i }));
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply(query) ?? { data, next: null }));
});
const baseUrl = serveForFile(server);

async function run(options: { judge?: typeof judge; propertyRuns?: number; maxRequests?: number; overfill?: number; reply?: typeof reply } = {}): Promise<ContractReport> {
  judge = options.judge ?? ((_query, faithful) => faithful);
  overfill = options.overfill ?? 0;
  reply = options.reply ?? (() => undefined);
  return runContract({ spec: kitSpecOf(structuredClone(SPEC), 'records.json'), baseUrl: baseUrl(), seed: 7, rate: 0, propertyRuns: options.propertyRuns ?? 60, ...(options.maxRequests ? { maxRequests: options.maxRequests } : {}) });
}
const property = (report: ContractReport, check: 'property.valid-requests' | 'property.invalid-requests') => {
  const [outcome] = report.outcomes.filter((o) => o.check === check);
  return outcome!;
};
const queryOf = (url: string | undefined) => Object.fromEntries(new URL(url!).searchParams);

describe('generated requests', () => {
  test('a server faithful to every parameter schema passes both checks, each run counted in the note', async () => {
    const report = await run();
    for (const check of ['property.valid-requests', 'property.invalid-requests'] as const) {
      expect([property(report, check).status, property(report, check).note]).toEqual(['passed', '30 generated requests (fast-check seed 7; replay with --seed 7)']);
    }
  });

  // Each server accepts one kind of invalid value; fast-check finds it and shrinks it to the smallest.
  const accepting: Array<[string, (query: URLSearchParams) => boolean, Record<string, string>]> = [
    ['a missing required parameter', (q) => q.get('region') === null, {}],
    ['an integer under its minimum', (q) => q.has('limit') && Number(q.get('limit')) < 1, { region: 'eu', limit: '0' }],
    ['an integer over its maximum', (q) => Number(q.get('limit')) > 20, { region: 'eu', limit: '21' }],
    ['an integer with a fraction', (q) => /^\d+\.\d+$/.test(q.get('limit') ?? ''), { region: 'eu', limit: '1.5' }],
    ['a number that is no number', (q) => q.get('ratio') !== null && !NUMBER.test(q.get('ratio')!), { region: 'eu', ratio: 'x' }],
    ['a number at its exclusive minimum', (q) => q.has('score') && Number(q.get('score')) <= 0, { region: 'eu', score: '0' }],
    ['a number at its exclusive maximum', (q) => q.has('score') && Number(q.get('score')) >= 10, { region: 'eu', score: '10' }],
    ['a number over its maximum', (q) => q.has('ratio') && Number(q.get('ratio')) > 1, { region: 'eu', ratio: '2' }],
    ['a string under its minLength', (q) => q.get('q') !== null && q.get('q')!.length < 2, { region: 'eu', q: '' }],
    ['a string over its maxLength', (q) => (q.get('q')?.length ?? 0) > 8, { region: 'eu', q: ' '.repeat(9) }],
    ['a cursor it never gave', (q) => q.get('after')?.startsWith('pp-') === true, { region: 'eu', after: 'pp- ' }],
  ];
  test.each(accepting)('a server that accepts %s fails property.invalid-requests, shrunk to the smallest request', async (_name, accepts, smallest) => {
    const report = await run({ judge: (query, faithful) => (accepts(query) ? [] : faithful), propertyRuns: 400 });
    const outcome = property(report, 'property.invalid-requests');
    expect(outcome.status).toBe('failed');
    expect(outcome.findings).toHaveLength(1);
    const finding = outcome.findings[0]!;
    expect(finding.message).toMatch(/^expected HTTP 400 with a documented type, got HTTP 200 \[counterexample after \d+ shrinks; fast-check seed 7, path [\d:]+; replay with --seed 7\]$/);
    expect([finding.expected, finding.actual, finding.schemaPointer]).toEqual([400, 200, '#/paths/~1records/get/responses/400']);
    const query = queryOf(finding.request?.url);
    expect(accepts(new URLSearchParams(query))).toBe(true);
    expect(query).toEqual(smallest);
    // Exactly one parameter is broken on purpose.
    expect(broken(new URLSearchParams(query))).toHaveLength(1);
    expect(property(report, 'property.valid-requests').status).toBe('passed');
  });

  // Each server refuses one kind of valid value.
  const refusing: Array<[string, (query: URLSearchParams) => boolean]> = [
    ['the largest limit', (q) => q.get('limit') === '20'],
    ['the smallest limit', (q) => q.get('limit') === '1'],
    ['the longest q', (q) => q.get('q')?.length === 8],
    ['the shortest q', (q) => q.get('q')?.length === 2],
    ['a sort of desc', (q) => q.get('sort') === 'desc'],
    ['two tags', (q) => (q.get('tags') ?? '').split(',').length === 2],
    ['a flag of false', (q) => q.get('flag') === 'false'],
  ];
  test.each(refusing)('a server that refuses %s fails property.valid-requests', async (_name, refuses) => {
    const report = await run({ judge: (query, faithful) => (refuses(query) ? ['refused'] : faithful) });
    const outcome = property(report, 'property.valid-requests');
    expect(outcome.status).toBe('failed');
    const finding = outcome.findings[0]!;
    expect(finding.message).toMatch(/^expected HTTP 200, got HTTP 400 \[counterexample after \d+ shrinks; fast-check seed 7, path [\d:]+; replay with --seed 7\]$/);
    const query = new URLSearchParams(queryOf(finding.request?.url));
    expect(refuses(query)).toBe(true);
    expect(broken(query)).toEqual([]);
  });

  test('the valid requests draw every kind of value but the cursor, an exploded array and an unknown string format', async () => {
    const sent: URLSearchParams[] = [];
    await run({ judge: (query, faithful) => { sent.push(query); return faithful; } });
    const valid = sent.filter((q) => broken(q).length === 0);
    expect(valid.length).toBeGreaterThan(30);
    // Generated values are many and varied; the other probes send one or two of each.
    for (const name of ['q', 'tags', 'ratio', 'limit', 'code', 'note', 'score', 'label']) expect(new Set(valid.map((q) => q.get(name))).size, name).toBeGreaterThan(5);
    for (const name of ['sort', 'flag']) expect(new Set(valid.map((q) => q.get(name))).size, name).toBe(3);
    // Strings bounded by length only (annotations aside) take any printable character, not just tame ones.
    for (const name of ['q', 'note', 'label']) expect(valid.some((q) => /[^A-Za-z0-9 _.-]/.test(q.get(name) ?? '')), name).toBe(true);
    for (const name of ['ids', 'country', 'filter']) expect(valid.filter((q) => q.has(name)), name).toEqual([]);
  });

  test('the runs are half each of the property runs, or of what the budget leaves', async () => {
    const report = await run({ propertyRuns: 11 });
    expect(property(report, 'property.valid-requests').note).toBe('5 generated requests (fast-check seed 7; replay with --seed 7)');
    // Ten more requests in the budget buy five more runs of each check, and the budget is kept.
    const notes = async (maxRequests: number) => {
      const spent = await run({ maxRequests });
      expect(spent.requests).toBeLessThanOrEqual(maxRequests);
      return (['property.valid-requests', 'property.invalid-requests'] as const).map((check) => Number(/^(\d+) generated requests/.exec(property(spent, check).note ?? '')?.[1]));
    };
    const [valid40, invalid40] = await notes(40);
    expect(valid40).toBeGreaterThan(0);
    expect(invalid40).toBe(valid40);
    expect(await notes(50)).toEqual([valid40! + 5, valid40! + 5]);
  });
});

describe('what the generated requests judge', () => {
  test('a page over the default limit, when the request names none', async () => {
    const outcome = property(await run({ overfill: 1 }), 'property.valid-requests');
    expect(outcome.status).toBe('failed');
    expect(outcome.findings.map((f) => [f.message.replace(/ \[.*$/, ''), f.pointer, f.expected, f.actual])).toEqual([['the page holds 6 items, more than limit 5', '/data', 'at most 5 items', 6]]);
    expect(new URL(outcome.findings[0]!.request!.url).searchParams.has('limit')).toBe(false);
  });

  test('a body that is null, or whose items are no list, is left to the response checks', async () => {
    for (const body of [null, { data: 'x'.repeat(50), next: null }]) {
      const report = await run({ reply: (query) => (query.has('flag') ? body : undefined) });
      expect([property(report, 'property.valid-requests').status, property(report, 'property.valid-requests').findings], JSON.stringify(body)).toEqual(['passed', []]);
    }
  });

  test('each generated request is named by what it sends, in the response findings it causes', async () => {
    // Only generated requests send flag: their answers lack `next`, which the response schema requires.
    const report = await run({ reply: (query) => (query.has('flag') ? { data: [] } : undefined) });
    const [finding] = report.outcomes.filter((o) => o.check === 'response.body-schema').flatMap((o) => o.findings);
    const query = [...new URL(finding!.request!.url).searchParams].filter(([name]) => name !== 'region');
    const named = query.map(([name, value]) => `${name}=${value.length > 24 ? `${value.slice(0, 12)}…(${value.length} chars)` : value}`).join('&');
    expect(finding!.message).toMatch(/\(request: [^)]+\)$/);
    expect(finding!.message.endsWith(`(request: ${named})`), `${finding!.message}\n${named}`).toBe(true);
  });

  test('the outcomes are named and timed once, found or not', async () => {
    // Every invalid request is accepted: the first run fails and is shrunk.
    const report = await run({ propertyRuns: 10, judge: () => [] });
    const outcome = property(report, 'property.invalid-requests');
    expect(outcome.status).toBe('failed');
    for (const check of ['property.valid-requests', 'property.invalid-requests'] as const) {
      expect(property(report, check).subject).toBe('generated requests');
      expect(property(report, check).durationMs).toBeGreaterThan(0);
      expect(property(report, check).durationMs).toBeLessThan(report.durationMs);
    }
  });
});

describe('generated requests on unusual numeric schemas', () => {
  test('exclusive bounds, multipleOf, fractional bounds, bounds past a million, a single allowed value: no false alarm, no crash', async () => {
    for (const schema of [
      { type: 'integer', exclusiveMinimum: 0, multipleOf: 5 },
      { type: 'number', minimum: 0.5, maximum: 1.5 },
      { type: 'integer', minimum: 3000000 },
      { type: 'integer', maximum: -3000000 },
      { type: 'integer', minimum: 4, maximum: 4 },
      { type: 'number', exclusiveMaximum: 0 },
      { type: 'number', maximum: 1e300 },
      { type: 'integer', minimum: 4, maximum: 5 },
    ]) {
      const spec = structuredClone(SPEC);
      const param = { name: 'n', in: 'query', schema };
      spec.paths['/records'].get.parameters = [...PARAMS, param] as never;
      const check = ajv.compile(schema);
      overfill = 0;
      reply = () => undefined;
      let validN = 0;
      const halves: number[] = [];
      judge = (query, faithful) => {
        const text = query.get('n');
        const bad = text !== null && !(NUMBER.test(text) && check(Number(text)));
        if (text !== null && !bad) validN++;
        if (text !== null && /^-?\d+\.5$/.test(text)) halves.push(Number(text));
        return bad ? [...faithful, 'n'] : faithful;
      };
      const report = await runContract({ spec: kitSpecOf(spec, 'records.json'), baseUrl: baseUrl(), seed: 7, rate: 0, propertyRuns: 200 });
      const outcomes = report.outcomes.filter((o) => o.check.startsWith('property.')).map((o) => [o.check, o.status, o.findings.map((f) => f.request?.url)]);
      expect(outcomes.sort(), JSON.stringify(schema)).toEqual([['property.invalid-requests', 'passed', []], ['property.valid-requests', 'passed', []]]);
      // Most of the hundred valid requests carry a value of n (the other probes send a handful).
      expect(validN, JSON.stringify(schema)).toBeGreaterThan(20);
      // An integer's fraction (generated, or the not-integer probe's) breaks only its type: it lies within the bounds.
      const { minimum = -Infinity, maximum = Infinity } = schema as { minimum?: number; maximum?: number };
      if (schema.type !== 'integer' || minimum === maximum) continue; // no fraction lies within 4 and 4
      expect(halves.length, JSON.stringify(schema)).toBeGreaterThan(0);
      for (const half of halves) expect(half >= minimum && half <= maximum, `${half} ${JSON.stringify(schema)}`).toBe(true);
    }
  });
});
