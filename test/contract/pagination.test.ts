// The pagination probes, each finding word for word, against a paginated node:http server
// (127.0.0.1) whose pages a test rewrites: pages that are no pages, pages over their limit, ids seen
// twice, cursors that loop or never end, two walks in different orders. Also which walks run, and
// where an item's id is read from.
import { createServer } from 'node:http';
import { describe, expect, test } from 'vitest';
import { kitSpecOf, runContract, type ContractReport } from '../../src/contract/index.js';
import { serveForFile } from './serve-for-file.js';

const ITEMS = Array.from({ length: 12 }, (_, i) => ({ id: `i${i}`, key: `k${i}`, name: `n${i}` }));

interface Page { status: number; body: unknown }
/** What the server knows about a request when a test rewrites its page. */
interface Asked { path: string; start: number; limit: number | null; count: number; page: { data: unknown[]; next: string | null } }
let rewrite: (asked: Asked) => Page | undefined = () => undefined;
const seen = new Map<string, number>();

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const key = `${url.pathname}${url.search}`;
  const count = (seen.get(key) ?? 0) + 1;
  seen.set(key, count);
  const limitText = url.searchParams.get('limit');
  const after = url.searchParams.get('after');
  if ((limitText !== null && !/^\d+$/.test(limitText)) || (after !== null && !/^\d+$/.test(after))) return void res.writeHead(400).end();
  const start = Number(after ?? 0);
  const limit = limitText === null ? null : Number(limitText);
  const size = limit ?? 5;
  const page = { data: ITEMS.slice(start, start + size), next: start + size < ITEMS.length ? String(start + size) : null };
  const answer = rewrite({ path: url.pathname, start, limit, count, page }) ?? { status: 200, body: page };
  res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
});
const baseUrl = serveForFile(server);

const pageOf = (items: object) => ({
  type: 'object',
  required: ['data', 'next'],
  properties: { data: { type: 'array', items }, next: { type: ['string', 'null'] } },
});
interface ListOptions { item?: object; limit?: object | null; extra?: object }
function list(path: string, { item = { type: 'object', properties: { id: { type: 'string' } } }, limit = { type: 'integer', minimum: 1, maximum: 10, default: 5 }, extra = {} }: ListOptions = {}) {
  const operationId = `list${path.slice(1)}`;
  return {
    [path]: {
      get: {
        operationId,
        'x-pagination': { cursorParam: 'after', cursorField: 'next', itemsField: 'data', ...(limit ? { limitParam: 'limit' } : {}) },
        parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }, ...(limit ? [{ name: 'limit', in: 'query', schema: limit }] : [])],
        responses: { '200': { description: 'A page.', content: { 'application/json': { schema: pageOf(item) } } }, '400': { description: 'Invalid.' } },
        ...extra,
      },
    },
  };
}

async function run(paths: object, options: { rewrite?: typeof rewrite; maxPages?: number; components?: object; propertyRuns?: number } = {}): Promise<ContractReport> {
  rewrite = options.rewrite ?? (() => undefined);
  seen.clear();
  const spec = { openapi: '3.1.0', info: { title: 'Pages', version: '1.0.0' }, paths, ...(options.components ? { components: options.components } : {}) };
  return runContract({ spec: kitSpecOf(structuredClone(spec), 'pages.json'), baseUrl: baseUrl(), seed: 7, rate: 0, propertyRuns: options.propertyRuns ?? 0, ...(options.maxPages ? { maxPages: options.maxPages } : {}) });
}
/** The pagination outcomes of one operation: check, subject, status, and the note or the messages. */
const outcomes = (report: ContractReport, operationId: string) =>
  report.outcomes
    .filter((o) => o.operationId === operationId && o.check.startsWith('pagination.'))
    .map((o) => [o.check, o.subject, o.status, o.note ?? o.findings.map((f) => f.message).join(' | ')]);
const findings = (report: ContractReport, check: string) =>
  report.outcomes.filter((o) => o.check === check).flatMap((o) => o.findings.map((f) => ({ subject: f.subject, message: f.message, pointer: f.pointer, schemaPointer: f.schemaPointer, expected: f.expected, actual: f.actual })));

describe('pagination findings', () => {
  test('a page over its limit: the default limit without a rule to point at, a sent limit with its parameter schema', async () => {
    const report = await run(list('/items'), {
      rewrite: ({ start, limit, page }) => (start === 0 && limit !== 10 ? { status: 200, body: { ...page, data: ITEMS.slice(0, (limit ?? 5) + 1) } } : undefined),
    });
    expect(findings(report, 'pagination.page-size')).toEqual([
      { subject: '3 pages at limit=7', message: 'page 1 holds 8 items, more than the limit 7', pointer: '/data', schemaPointer: '#/paths/~1items/get/parameters/1/schema', expected: 'at most 7 items', actual: 8 },
      { subject: 'first page without limit', message: 'page 1 holds 6 items, more than the default limit 5', pointer: '/data', schemaPointer: undefined, expected: 'at most 5 items', actual: 6 },
    ]);
  });

  test('ids seen twice: the first five are reported, each pointing at the id; items without an id are skipped', async () => {
    const report = await run(list('/items'), {
      rewrite: ({ start, limit, page }) => {
        if (limit !== 10) return undefined;
        if (start === 0) return { status: 200, body: { ...page, data: [...ITEMS.slice(0, 8), null, { name: 'no id' }] } };
        // Page 2 repeats page 1's first six ids, and holds two more items without an id.
        return { status: 200, body: { ...page, data: [...ITEMS.slice(0, 6), { id: null }, { name: 'no id' }] } };
      },
    });
    const unique = findings(report, 'pagination.unique-ids');
    expect(unique.map((f) => f.subject).sort()).toEqual([...Array(5).fill('two walks limit=10'), ...Array(5).fill('walk limit=10')]);
    expect(unique.filter((f) => f.subject === 'walk limit=10')).toEqual(
      [0, 1, 2, 3, 4].map((i) => ({ subject: 'walk limit=10', message: `id i${i} on page 2 item ${i} was already on page 1 item ${i}`, pointer: `/data/${i}/id`, schemaPointer: undefined, expected: undefined, actual: `i${i}` })),
    );
    expect(outcomes(report, 'listitems').filter(([check]) => check !== 'pagination.unique-ids').sort()).toEqual([
      ['pagination.page-size', '3 pages at limit=7', 'passed', ''],
      ['pagination.page-size', 'first page without limit', 'passed', ''],
      ['pagination.page-size', 'walk limit=10', 'passed', ''],
      ['pagination.stable-order', 'two walks limit=10', 'passed', ''],
      ['pagination.terminates', 'walk limit=10', 'passed', ''],
    ]);
  });

  test('a cursor that is not a string ends the walk without a finding of its own, and the order is not compared', async () => {
    const report = await run(list('/items'), { rewrite: ({ limit, page }) => (limit === 10 ? { status: 200, body: { ...page, next: 10 } } : undefined) });
    expect(outcomes(report, 'listitems')).toContainEqual(['pagination.terminates', 'walk limit=10', 'passed', '']);
    expect(outcomes(report, 'listitems')).toContainEqual(['pagination.stable-order', 'two walks limit=10', 'not-exercised', 'the first walk did not complete']);
    // The walk stopped on page 1: no page 2 was asked for at that limit.
    expect(seen.has('/items?limit=10&after=10')).toBe(false);
  });

  test('a cursor returned twice is a loop', async () => {
    const report = await run(list('/items'), { rewrite: ({ limit, start, page }) => (limit === 10 && start === 10 ? { status: 200, body: { ...page, next: '10' } } : undefined) });
    expect(findings(report, 'pagination.terminates')).toEqual([
      { subject: 'walk limit=10', message: 'page 2 returns a cursor already returned earlier in the walk: it loops', pointer: '/next', schemaPointer: undefined, expected: undefined, actual: '10' },
    ]);
    expect(outcomes(report, 'listitems')).toContainEqual(['pagination.stable-order', 'two walks limit=10', 'not-exercised', 'the first walk did not complete']);
  });

  test('a cursor still not null at the page cap', async () => {
    const report = await run(list('/items'), { maxPages: 1 });
    expect(findings(report, 'pagination.terminates')).toEqual([
      { subject: 'walk limit=10', message: 'the cursor is still not null after 1 pages (the page cap, --max-pages)', pointer: '/next', schemaPointer: undefined, expected: null, actual: '10' },
    ]);
  });

  test('two walks in different orders, or of different lengths, differ at the first position they disagree', async () => {
    // A parameter probe asks for limit=10 first: the walks' first pages are the second and third requests.
    const swapped = await run(list('/items'), {
      rewrite: ({ limit, start, count, page }) => (limit === 10 && start === 0 && count === 3 ? { status: 200, body: { ...page, data: [...ITEMS.slice(0, 3), ITEMS[4], ITEMS[3], ...ITEMS.slice(5, 10)] } } : undefined),
    });
    expect(findings(swapped, 'pagination.stable-order')).toEqual([
      { subject: 'two walks limit=10', message: 'the walks differ at position 3: i3 then i4 (12 and 12 items)', pointer: undefined, schemaPointer: undefined, expected: 'i3', actual: 'i4' },
    ]);
    const shorter = await run(list('/items'), {
      rewrite: ({ limit, start, count, page }) => (limit === 10 && start === 10 && count === 2 ? { status: 200, body: { ...page, data: ITEMS.slice(10, 11) } } : undefined),
    });
    expect(findings(shorter, 'pagination.stable-order')).toEqual([
      { subject: 'two walks limit=10', message: 'the walks differ at position 11: i11 then (end) (12 and 11 items)', pointer: undefined, schemaPointer: undefined, expected: 'i11', actual: null },
    ]);
    const longer = await run(list('/items'), {
      rewrite: ({ limit, start, count, page }) => (limit === 10 && start === 10 && count === 2 ? { status: 200, body: { ...page, data: [...ITEMS.slice(10), { id: 'extra' }] } } : undefined),
    });
    expect(findings(longer, 'pagination.stable-order')).toEqual([
      { subject: 'two walks limit=10', message: 'the walks differ at position 12: (end) then extra (12 and 13 items)', pointer: undefined, schemaPointer: undefined, expected: null, actual: 'extra' },
    ]);
  });

  test('an error status whose body looks like a page is no page', async () => {
    const report = await run(list('/items'), { rewrite: ({ limit, page }) => (limit === null ? { status: 503, body: page } : undefined) });
    expect(outcomes(report, 'listitems')).toContainEqual(['pagination.terminates', 'first page without limit', 'failed', 'page 1 has no data page (HTTP 503); the walk cannot go on']);
  });

  test('which walks run: the short walk only when the limit can exceed it, labels without a limit parameter', async () => {
    const report = await run({
      ...list('/seven', { limit: { type: 'integer', minimum: 1, maximum: 7 } }),
      ...list('/eight', { limit: { type: 'integer', minimum: 1, maximum: 8 } }),
      ...list('/defaulted', { limit: { type: 'integer', minimum: 1, default: 10 } }),
      ...list('/unlimited', { limit: null }),
    });
    const subjects = (operationId: string) => [...new Set(outcomes(report, operationId).map(([, subject]) => subject))].sort();
    expect(subjects('listseven')).toEqual(['first page without limit', 'two walks limit=7', 'walk limit=7']);
    expect(subjects('listeight')).toEqual(['3 pages at limit=7', 'first page without limit', 'two walks limit=8', 'walk limit=8']);
    expect(subjects('listdefaulted')).toEqual(['3 pages at limit=7', 'first page without limit', 'two walks limit=10', 'walk limit=10']);
    expect(subjects('listunlimited')).toEqual(['first page', 'two walks with the default limit', 'walk with the default limit']);
    expect(report.outcomes.filter((o) => o.check.startsWith('pagination.') && o.status !== 'passed').map((o) => [o.operationId, o.subject])).toEqual([]);
  });

  test('an item id is the resource id field, else `id` of the item or of every oneOf/anyOf branch', async () => {
    const withId = { type: 'object', properties: { id: { type: 'string' } } };
    const withoutId = { type: 'object', properties: { name: { type: 'string' } } };
    const read = { get: { operationId: 'readKey', parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'One.', content: { 'application/json': { schema: { type: 'object', properties: { key: { type: 'string' } } } } } } } } };
    const paths = {
      ...list('/keys', { item: { type: 'object', properties: { key: { type: 'string' } } } }),
      '/keys/{key}': read,
      ...list('/refs', { item: { $ref: '#/components/schemas/Thing' } }),
      ...list('/shapes', { item: { oneOf: [withId, { $ref: '#/components/schemas/Thing' }] } }),
      ...list('/either', { item: { anyOf: [withId, withId] } }),
      ...list('/mixed', { item: { oneOf: [withId, withoutId] } }),
      ...list('/flags', { item: { oneOf: [withId, true] } }),
      ...list('/plain', { item: withoutId }),
    };
    // The last page of each walk repeats the first item, so each id that is read is reported, once per walk.
    const report = await run(paths, {
      components: { schemas: { Thing: withId } },
      rewrite: ({ start, page }) => (start === 10 ? { status: 200, body: { ...page, data: [...page.data, ITEMS[0]] } } : undefined),
    });
    const duplicateOf = (operationId: string) =>
      report.outcomes.filter((o) => o.operationId === operationId && o.check === 'pagination.unique-ids').map((o) => o.note ?? o.findings[0]?.pointer);
    expect(duplicateOf('listkeys')).toEqual(['/data/2/key', '/data/2/key']);
    expect(duplicateOf('listrefs')).toEqual(['/data/2/id', '/data/2/id']);
    expect(duplicateOf('listshapes')).toEqual(['/data/2/id', '/data/2/id']);
    expect(duplicateOf('listeither')).toEqual(['/data/2/id', '/data/2/id']);
    for (const operationId of ['listmixed', 'listflags', 'listplain']) expect(duplicateOf(operationId)).toEqual(['the items have no `id` property']);
  });
});

describe('pagination walks that cannot go on', () => {
  const failing = (when: (asked: Asked) => boolean) => (asked: Asked) => (when(asked) ? { status: 500, body: null } : undefined);

  test('a page that is no page ends the walk with a finding, and the order is not compared', async () => {
    const report = await run(list('/items'), { rewrite: failing(({ start }) => start === 10) });
    expect(outcomes(report, 'listitems')).toEqual([
      ['pagination.terminates', 'walk limit=10', 'failed', 'page 2 has no data page (HTTP 500); the walk cannot go on'],
      ['pagination.unique-ids', 'walk limit=10', 'passed', ''],
      ['pagination.page-size', '3 pages at limit=7', 'passed', ''],
      ['pagination.page-size', 'first page without limit', 'passed', ''],
      ['pagination.page-size', 'walk limit=10', 'passed', ''],
      ['pagination.stable-order', 'two walks limit=10', 'not-exercised', 'the first walk did not complete'],
    ]);
  });

  test('a second walk that does not complete is named', async () => {
    const report = await run(list('/items'), { rewrite: failing(({ start, limit, count }) => start === 10 && limit === 10 && count === 2) });
    expect(outcomes(report, 'listitems')).toEqual([
      ['pagination.terminates', 'two walks limit=10', 'failed', 'page 2 has no data page (HTTP 500); the walk cannot go on'],
      ['pagination.terminates', 'walk limit=10', 'passed', ''],
      ['pagination.unique-ids', 'walk limit=10', 'passed', ''],
      ['pagination.page-size', '3 pages at limit=7', 'passed', ''],
      ['pagination.page-size', 'first page without limit', 'passed', ''],
      ['pagination.page-size', 'walk limit=10', 'passed', ''],
      ['pagination.stable-order', 'two walks limit=10', 'not-exercised', 'the second walk did not complete'],
    ]);
  });

  test('a generated request whose page holds more than its limit: the smallest counterexample, replayable', async () => {
    const overfill = ({ start, limit, page }: Asked) => (limit === null ? undefined : { status: 200, body: { ...page, data: ITEMS.slice(start, start + limit + 1) } });
    const report = await run(list('/items'), { rewrite: overfill, propertyRuns: 20 });
    const [outcome] = report.outcomes.filter((o) => o.operationId === 'listitems' && o.check === 'property.valid-requests');
    expect(outcome!.status).toBe('failed');
    expect(outcome!.findings).toHaveLength(1);
    const finding = outcome!.findings[0]!;
    expect(finding.message).toMatch(/^the page holds 2 items, more than limit 1 \[counterexample after \d+ shrinks; fast-check seed 7, path [\d:]+; replay with --seed 7\]$/);
    expect([finding.pointer, finding.expected, finding.actual]).toEqual(['/data', 'at most 1 items', 2]);
  });
});

describe('cursor probes', () => {
  const cursorOutcomes = (report: ContractReport) => report.outcomes.filter((o) => o.check === 'params.cursor-tampered').map((o) => [o.subject, o.status, o.findings.map((f) => f.message).join(' | ')]);

  test('a cursor that is a plain offset is caught when one character of it is changed', async () => {
    const tampered = "after=<first page's cursor, one character changed>";
    // The first page without limit ends at item 5: its cursor is "5", changed to "6", which the offsets accept.
    expect(cursorOutcomes(await run(list('/items')))).toEqual([
      [tampered, 'failed', 'expected HTTP 400 with a documented type, got HTTP 200'],
      ['after=pp-contract-unknown-cursor', 'passed', ''],
    ]);
    // A server that refuses offsets its pages (5, 7 or 10 items) never end at refuses both.
    const strict = await run(list('/items'), { rewrite: ({ start }) => (start % 5 !== 0 && start % 7 !== 0 ? { status: 400, body: { type: 'invalid' } } : undefined) });
    expect(cursorOutcomes(strict)).toEqual([
      [tampered, 'passed', ''],
      ['after=pp-contract-unknown-cursor', 'passed', ''],
    ]);
  });
});
