// The parameter probes of every location (src/contract/probes/negatives.ts) against a node:http
// server on 127.0.0.1 that checks path, query, header and cookie parameters with Ajv against their
// schemas in the spec. The faithful server passes every probe; a server that ignores one rule
// fails the probe that breaks it, with the rule named; one that refuses an edge fails the boundary.
import { createServer, type IncomingMessage } from 'node:http';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { kitSpecOf, runContract, type ContractReport } from '../../src/contract/index.js';
import { serveForFile } from './serve-for-file.js';

interface Param { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; explode?: boolean; schema: Record<string, unknown>; example?: unknown }
const PARAMS: Param[] = [
  { name: 'shelfId', in: 'path', required: true, schema: { type: 'string', pattern: '^s[0-9]+$' }, example: 's1' },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
  { name: 'ratio', in: 'query', schema: { type: 'number', minimum: 0, maximum: 1 } },
  { name: 'q', in: 'query', schema: { type: 'string', minLength: 2, maxLength: 5 }, example: 'abc' },
  { name: 'sort', in: 'query', schema: { type: 'string', enum: ['asc', 'desc'] } },
  { name: 'code', in: 'query', schema: { const: 'A' } },
  { name: 'tags', in: 'query', explode: false, schema: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2 }, example: ['a'] },
  { name: 'day', in: 'query', schema: { type: 'string', format: 'date' } },
  { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string', pattern: '^t-[a-z]+$' }, example: 't-abc' },
  { name: 'session', in: 'cookie', required: true, schema: { type: 'string', minLength: 3 }, example: 'abc' },
  { name: 'step', in: 'query', schema: { type: 'integer', format: 'int32', multipleOf: 5, description: 'Any multiple of 5.' } },
];
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Shelves', version: '1.0.0' },
  paths: {
    '/shelves/{shelfId}/books': {
      get: {
        operationId: 'listBooks',
        parameters: PARAMS,
        responses: {
          '200': { description: 'Books.', content: { 'application/json': { schema: { type: 'object' } } } },
          '400': { description: 'Invalid.', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      },
    },
  },
};

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const checks = new Map(PARAMS.map((p) => [p.name, ajv.compile(p.schema)]));
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** The raw text of a parameter in a request, or null. */
function textOf(param: Param, req: IncomingMessage, url: URL): string | null {
  if (param.in === 'path') return decodeURIComponent(url.pathname.split('/')[2] ?? '');
  if (param.in === 'query') return url.searchParams.get(param.name);
  if (param.in === 'header') return (req.headers[param.name.toLowerCase()] as string | undefined) ?? null;
  const cookie = (req.headers.cookie ?? '').split('; ').find((c) => c.startsWith(`${param.name}=`));
  return cookie === undefined ? null : decodeURIComponent(cookie.slice(param.name.length + 1));
}

function read(param: Param, text: string): unknown {
  const type = param.schema.type;
  if (type === 'integer' || type === 'number') return NUMBER.test(text) ? Number(text) : text;
  if (type === 'array') return text.split(',');
  return text;
}

/** The names of the parameters a request breaks, and the keywords each breaks. */
function broken(req: IncomingMessage, url: URL): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const param of PARAMS) {
    const text = textOf(param, req, url);
    if (text === null) {
      if (param.required) out.set(param.name, ['required']);
      continue;
    }
    const check = checks.get(param.name)!;
    if (!check(read(param, text))) out.set(param.name, [...new Set((check.errors ?? []).map((e) => e.keyword))]);
  }
  return out;
}

/** A different server: which of the broken parameters it refuses (all, for the faithful one). */
let refuses: (bad: Map<string, string[]>, url: URL) => boolean = (bad) => bad.size > 0;
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (!/^\/shelves\/[^/]+\/books$/.test(url.pathname)) return void res.writeHead(404).end();
  if (refuses(broken(req, url), url)) return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"type":"invalid"}');
  res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
});
const baseUrl = serveForFile(server);

async function run(refusing: typeof refuses = (bad) => bad.size > 0): Promise<ContractReport> {
  refuses = refusing;
  return runContract({ spec: kitSpecOf(structuredClone(SPEC), 'shelves.json'), baseUrl: baseUrl(), seed: 7, rate: 0, propertyRuns: 0 });
}
const probes = (report: ContractReport, prefix: string) =>
  report.outcomes.filter((o) => o.check.startsWith(prefix)).map((o) => [o.check, o.subject, o.status, o.note ?? o.findings.map((f) => f.message).join(' | ')]);

const PARAMETER_PROBES = [
  ['params.required-missing', 'cookie no session'],
  ['params.required-missing', 'header no X-Trace'],
  ['params.below-minimum', 'limit=0'],
  ['params.below-minimum', 'ratio=-0.5'],
  ['params.above-maximum', 'limit=51'],
  ['params.above-maximum', 'ratio=1.5'],
  ['params.not-integer', 'limit=2.5'],
  ['params.not-integer', 'step=1.5'],
  ['params.not-a-number', 'limit=abc'],
  ['params.not-a-number', 'ratio=abc'],
  ['params.not-a-number', 'step=abc'],
  ['params.too-short', 'cookie session=xx'],
  ['params.too-short', 'q=x'],
  ['params.too-long', 'q=abcxxx'],
  ['params.too-long', 'tags=a,a,a'],
  ['params.not-in-enum', 'code=A-not-const'],
  ['params.not-in-enum', 'sort=asc-not-in-enum'],
  ['params.pattern-mismatch', 'day=2026-13-45'],
  ['params.pattern-mismatch', 'header X-Trace=t-abc!'],
  ['params.pattern-mismatch', 'path shelfId=s1!'],
];

describe('parameter probes of every location', () => {
  test('one probe per parameter and rule, each refused by a faithful server', async () => {
    const report = await run();
    expect(probes(report, 'params.')).toEqual([
      ...PARAMETER_PROBES.map(([check, subject]) => [check, subject, 'passed', '']),
      ['params.cursor-tampered', '-', 'not-exercised', 'the operation is not paginated'],
    ]);
    expect(probes(report, 'boundary.')).toEqual([
      ['boundary.minimum', 'limit=1', 'passed', ''],
      ['boundary.minimum', 'ratio=0', 'passed', ''],
      ['boundary.maximum', 'limit=50', 'passed', ''],
      ['boundary.maximum', 'ratio=1', 'passed', ''],
    ]);
    // No negative breaks multipleOf; int32 only bounds what the integer probes cover.
    expect(report.notTested).toEqual(['listBooks parameter step (query): multipleOf: no negative breaks this keyword (not probed)']);
    expect(report.findings).toEqual([]);
  });

  // Each server ignores one parameter: the probes of that parameter fail, naming the rule broken.
  test.each(PARAMS.map((p) => [p.name, p.in] as const))('a server that ignores %s (%s) fails its probes, and only those', async (name) => {
    const report = await run((bad) => [...bad.keys()].some((k) => k !== name));
    const failed = report.outcomes.filter((o) => o.status === 'failed');
    const mine = PARAMETER_PROBES.filter(([, subject]) => new RegExp(`(^| |no )${name}(=|$)`).test(subject!));
    expect(failed.map((o) => [o.check, o.subject])).toEqual(mine);
    for (const outcome of failed) {
      const finding = outcome.findings[0]!;
      expect(finding.message).toMatch(/^the request breaks .+: expected HTTP 400 with a documented type, got HTTP 200$/);
      expect([finding.expected, finding.actual]).toEqual([400, 200]);
      const index = PARAMS.findIndex((p) => p.name === name);
      expect(finding.schemaPointer!.startsWith(`#/paths/~1shelves~1{shelfId}~1books/get/parameters/${index}/`), finding.schemaPointer).toBe(true);
    }
  });

  test('the rule each probe breaks, word for word', async () => {
    const report = await run(() => false);
    const rules = Object.fromEntries(report.outcomes.filter((o) => o.status === 'failed').map((o) => [o.subject, [o.findings[0]!.message.replace(/: expected HTTP 400.*$/, ''), o.findings[0]!.schemaPointer]]));
    const at = (index: number, rest: string) => `#/paths/~1shelves~1{shelfId}~1books/get/parameters/${index}${rest}`;
    expect(rules).toEqual({
      'cookie no session': ['the request breaks required true', at(9, '/required')],
      'header no X-Trace': ['the request breaks required true', at(8, '/required')],
      'limit=0': ['the request breaks minimum 1', at(1, '/schema/minimum')],
      'ratio=-0.5': ['the request breaks minimum 0', at(2, '/schema/minimum')],
      'limit=51': ['the request breaks maximum 50', at(1, '/schema/maximum')],
      'ratio=1.5': ['the request breaks maximum 1', at(2, '/schema/maximum')],
      'limit=2.5': ['the request breaks type "integer"', at(1, '/schema/type')],
      'limit=abc': ['the request breaks type "integer"', at(1, '/schema/type')],
      'ratio=abc': ['the request breaks type "number"', at(2, '/schema/type')],
      'cookie session=xx': ['the request breaks minLength 3', at(9, '/schema/minLength')],
      'q=x': ['the request breaks minLength 2', at(3, '/schema/minLength')],
      'q=abcxxx': ['the request breaks maxLength 5', at(3, '/schema/maxLength')],
      'tags=a,a,a': ['the request breaks maxItems 2', at(6, '/schema/maxItems')],
      'code=A-not-const': ['the request breaks const "A"', at(5, '/schema/const')],
      'sort=asc-not-in-enum': ['the request breaks enum ["asc","desc"]', at(4, '/schema/enum')],
      'day=2026-13-45': ['the request breaks format "date"', at(7, '/schema/format')],
      'header X-Trace=t-abc!': ['the request breaks pattern "^t-[a-z]+$"', at(8, '/schema/pattern')],
      'path shelfId=s1!': ['the request breaks pattern "^s[0-9]+$"', at(0, '/schema/pattern')],
      'step=1.5': ['the request breaks type "integer"', at(10, '/schema/type')],
      'step=abc': ['the request breaks type "integer"', at(10, '/schema/type')],
    });
  });

  test('a server that refuses an edge value fails the boundary probe', async () => {
    const report = await run((bad, url) => bad.size > 0 || url.searchParams.get('limit') === '50' || url.searchParams.get('ratio') === '0');
    expect(probes(report, 'boundary.')).toEqual([
      ['boundary.minimum', 'limit=1', 'passed', ''],
      ['boundary.minimum', 'ratio=0', 'failed', 'expected HTTP 200, got HTTP 400 invalid'],
      ['boundary.maximum', 'limit=50', 'failed', 'expected HTTP 200, got HTTP 400 invalid'],
      ['boundary.maximum', 'ratio=1', 'passed', ''],
    ]);
  });
});
