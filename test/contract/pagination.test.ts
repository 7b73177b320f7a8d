// The pagination probes against a small paginated server (node:http on 127.0.0.1) that breaks one
// page on demand: a walk that cannot go on, a second walk that does not complete, and items
// without ids. The messages are the ones the report shows.
import { createServer } from 'node:http';
import { describe, expect, test } from 'vitest';
import { kitSpecOf, runContract, type ContractReport } from '../../src/contract/index.js';
import { serveForFile } from './serve-for-file.js';

const ITEMS = Array.from({ length: 12 }, (_, i) => ({ id: `i${i}`, name: `n${i}` }));
const page = (schema: object) => ({ type: 'object', required: ['data', 'next'], properties: { data: { type: 'array', items: schema }, next: { type: ['string', 'null'] } } });
const list = (operationId: string, item: object) => ({
  get: {
    operationId,
    'x-pagination': { cursorParam: 'after', cursorField: 'next', itemsField: 'data', limitParam: 'limit' },
    parameters: [
      { name: 'after', in: 'query', schema: { type: 'string' } },
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10, default: 5 } },
    ],
    responses: { '200': { description: 'A page.', content: { 'application/json': { schema: page(item) } } }, '400': { description: 'Invalid.' } },
  },
});
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Pages', version: '1.0.0' },
  paths: {
    '/items': list('listItems', { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' } } }),
    '/names': list('listNames', { type: 'object', properties: { name: { type: 'string' } } }),
  },
};

/** Answers a request with a 500 when it returns true; `seen` counts the requests of each URL so far. */
let breaks: (url: URL, seen: number) => boolean = () => false;
/** Items served beyond `limit` when the request names one. */
let overfill = 0;
const seen = new Map<string, number>();
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const key = `${url.pathname}${url.search}`;
  const count = (seen.get(key) ?? 0) + 1;
  seen.set(key, count);
  const limit = url.searchParams.get('limit');
  const after = url.searchParams.get('after');
  const bad = (limit !== null && !/^([1-9]|10)$/.test(limit)) || (after !== null && !/^\d+$/.test(after));
  if (bad) return void res.writeHead(400).end();
  if (breaks(url, count)) return void res.writeHead(500).end();
  const start = Number(after ?? 0);
  const size = Number(limit ?? 5);
  const data = ITEMS.slice(start, start + size + (limit === null ? 0 : overfill)).map((item) => (url.pathname === '/names' ? { name: item.name } : item));
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data, next: start + size < ITEMS.length ? String(start + size) : null }));
});
const baseUrl = serveForFile(server);

async function run(breaking: typeof breaks, options: { overfill?: number; propertyRuns?: number } = {}): Promise<ContractReport> {
  breaks = breaking;
  overfill = options.overfill ?? 0;
  seen.clear();
  return runContract({ spec: kitSpecOf(structuredClone(SPEC), 'pages.json'), baseUrl: baseUrl(), seed: 7, rate: 0, propertyRuns: options.propertyRuns ?? 0 });
}
const pagination = (report: ContractReport, operationId: string) =>
  report.outcomes
    .filter((o) => o.operationId === operationId && o.check.startsWith('pagination.'))
    .map((o) => [o.check, o.subject, o.status, o.note ?? o.findings.map((f) => f.message).join(' | ')]);

describe('pagination probes', () => {
  test('a page that is no page ends the walk with a finding, and the order is not compared', async () => {
    const report = await run((url) => url.pathname === '/items' && url.searchParams.get('after') === '10');
    expect(pagination(report, 'listItems')).toEqual([
      ['pagination.terminates', 'walk limit=10', 'failed', 'page 2 has no data page (HTTP 500); the walk cannot go on'],
      ['pagination.unique-ids', 'walk limit=10', 'passed', ''],
      ['pagination.page-size', '3 pages at limit=7', 'passed', ''],
      ['pagination.page-size', 'first page without limit', 'passed', ''],
      ['pagination.page-size', 'walk limit=10', 'passed', ''],
      ['pagination.stable-order', 'two walks limit=10', 'not-exercised', 'the first walk did not complete'],
    ]);
  });

  test('a second walk that does not complete is named; items without ids are not checked for uniqueness', async () => {
    const report = await run((url, count) => url.searchParams.get('after') === '10' && url.searchParams.get('limit') === '10' && count === 2);
    expect(pagination(report, 'listItems')).toEqual([
      ['pagination.terminates', 'two walks limit=10', 'failed', 'page 2 has no data page (HTTP 500); the walk cannot go on'],
      ['pagination.terminates', 'walk limit=10', 'passed', ''],
      ['pagination.unique-ids', 'walk limit=10', 'passed', ''],
      ['pagination.page-size', '3 pages at limit=7', 'passed', ''],
      ['pagination.page-size', 'first page without limit', 'passed', ''],
      ['pagination.page-size', 'walk limit=10', 'passed', ''],
      ['pagination.stable-order', 'two walks limit=10', 'not-exercised', 'the second walk did not complete'],
    ]);
    expect(pagination(report, 'listNames').filter(([check]) => check === 'pagination.unique-ids')).toEqual([
      ['pagination.unique-ids', '-', 'not-exercised', 'the items have no `id` property'],
    ]);
  });

  test('a generated request whose page holds more than its limit: the smallest counterexample, replayable', async () => {
    const report = await run(() => false, { overfill: 1, propertyRuns: 20 });
    const [outcome] = report.outcomes.filter((o) => o.operationId === 'listItems' && o.check === 'property.valid-requests');
    expect(outcome!.status).toBe('failed');
    expect(outcome!.findings).toHaveLength(1);
    const finding = outcome!.findings[0]!;
    expect(finding.message).toMatch(/^the page holds 2 items, more than limit 1 \[counterexample after \d+ shrinks; fast-check seed 7, path [\d:]+; replay with --seed 7\]$/);
    expect([finding.pointer, finding.expected, finding.actual]).toEqual(['/data', 'at most 1 items', 2]);
  });
});
