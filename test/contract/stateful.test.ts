// The stateful checks and the cleanup against broken variants of the third-party server (proxy.ts
// rewrites one kind of answer): the check named for that defect must fail with a message that
// says what happened (the faithful server passes them all: third-party.test.ts).
import { describe, expect, test } from 'vitest';
import { kitSpecOf, loadKitSpec, runContract, type ContractReport } from '../../src/contract/index.js';
import { closing, isItem, json, runBroken, SPEC } from './proxy.js';
import { startThirdPartyServer, THIRD_PARTY_TOKEN } from './third-party-server.js';

const outcomesOf = (report: ContractReport, check: string) => report.outcomes.filter((o) => o.check === check);
const messages = (report: ContractReport, check: string) => outcomesOf(report, check).flatMap((o) => o.findings.map((f) => f.message));
const ID = /cus_[a-z0-9]+/;

describe('what was created', () => {
  test('cannot be read back', async () => {
    const { report } = await runBroken((asked, answer) => (asked.method === 'GET' && isItem(asked) && answer.status === 200 ? json(404, { type: 'about:blank', title: 'Not Found', status: 404 }) : undefined));
    const [outcome] = outcomesOf(report, 'stateful.created-readable');
    expect(outcome).toMatchObject({ operationId: 'createCustomer', status: 'failed' });
    expect(outcome!.subject).toMatch(/^customers cus_[a-z0-9]+ created by createCustomer$/);
    expect(outcome!.findings[0]).toMatchObject({ message: 'getCustomer of what was just created answered HTTP 404, not 200', expected: 200, actual: 404, status: 404 });
    expect(report.verdict).toBe('violations');
  });

  test('is read back with another id', async () => {
    const { report } = await runBroken((asked, answer) => (asked.method === 'GET' && isItem(asked) && answer.status === 200 ? json(200, { ...JSON.parse(answer.text), id: 'cus_someoneelse' }) : undefined));
    const finding = outcomesOf(report, 'stateful.created-readable')[0]!.findings[0]!;
    expect(finding.message).toMatch(/^getCustomer returned id "cus_someoneelse", not the created cus_[a-z0-9]+$/);
    expect(finding).toMatchObject({ pointer: '/id', actual: 'cus_someoneelse' });
    expect(finding.expected).toMatch(ID);
  });

  test('is not listed', async () => {
    const { report } = await runBroken((asked, answer) => (asked.method === 'GET' && asked.path === '/customers' && answer.status === 200 ? json(200, { data: [] }) : undefined));
    const [outcome] = outcomesOf(report, 'stateful.created-listed');
    expect(outcome!.status).toBe('failed');
    expect(outcome!.findings[0]!.message).toMatch(/^cus_[a-z0-9]+ is not in listCustomers \(walked up to 50 pages\)$/);
    expect(outcome!.findings[0]!.expected).toMatch(ID);
    // Reading it back still works.
    expect(outcomesOf(report, 'stateful.created-readable').map((o) => o.status)).toEqual(['passed']);
  });

  test('a list without an array to look in: not exercised, for a reason that makes the run inconclusive', async () => {
    const { report } = await runBroken((asked, answer) => (asked.method === 'GET' && asked.path === '/customers' && answer.status === 200 ? json(200, { data: 'none' }) : undefined));
    const listed = outcomesOf(report, 'stateful.created-listed').filter((o) => o.status === 'not-exercised' && o.kind === 'precondition');
    expect(listed.map((o) => o.note)).toContain('listCustomers did not return a list to look in');
  });

  test('a create that fails: nothing to read back or delete', async () => {
    // A customer id is given, so the delete can be built; the kit still deletes only what it created.
    const { report } = await runBroken((asked) => (asked.method === 'POST' ? json(500, { type: 'about:blank', title: 'Oops', status: 500 }) : undefined), SPEC, { customerId: 'cus_given' });
    const notes = report.outcomes.filter((o) => o.check.startsWith('stateful.')).map((o) => [o.check, o.operationId, o.subject, o.status, o.kind, o.note]);
    expect(notes).toContainEqual(['stateful.created-readable', 'createCustomer', 'customers', 'not-exercised', 'precondition', 'the create did not succeed (HTTP 500), so there is nothing to read back']);
    expect(notes).toContainEqual(['stateful.created-listed', 'createCustomer', 'customers', 'not-exercised', 'precondition', 'the create did not succeed (HTTP 500), so there is nothing to read back']);
    expect(notes).toContainEqual(['stateful.deleted-gone', 'deleteCustomer', 'delete', 'not-exercised', 'precondition', 'nothing the kit created is left to delete']);
    expect(report.warnings).toContainEqual('createCustomer: the base request answered HTTP 500, not 201; check --base-url, the credentials (--auth, --api-key) and the parameter values (--param, --fixtures), as most checks expect it to succeed');
  });

  test('a create that gets no answer: the transport error is named', async () => {
    const { report } = await runBroken((asked, answer) => (asked.method === 'POST' ? { ...answer, drop: true } : undefined));
    const notes = report.outcomes.filter((o) => o.check === 'stateful.created-readable').map((o) => [o.operationId, o.status, o.note]);
    expect(notes).toEqual([
      ['createCustomer', 'not-exercised', 'the create did not succeed (UND_ERR_SOCKET: other side closed), so there is nothing to read back'],
      // With --allow-unsafe on, the kit does not advise passing it.
      ['deleteCustomer', 'not-exercised', 'no value for path parameter customerId: the kit writes only to what it created (it created nothing this operation can use, or --param customerId=VALUE)'],
      ['getCustomer', 'not-exercised', 'no value for path parameter customerId (no link, list or create response gave one, the spec has no example: pass --param customerId=VALUE or --fixtures FILE)'],
    ]);
  });
});

describe('what was deleted', () => {
  test('a delete that fails is a finding, and what could not be deleted is listed', async () => {
    // (The proxy forwards the delete, then answers 500 in its place.)
    const { report } = await runBroken((asked) => (asked.method === 'DELETE' && isItem(asked) ? json(500, { type: 'about:blank', title: 'Oops', status: 500 }) : undefined));
    const finding = outcomesOf(report, 'stateful.deleted-gone').find((o) => o.subject === 'delete')!.findings[0]!;
    expect(finding.message).toMatch(/^deleting cus_[a-z0-9]+, created by the kit, answered 500, not 204$/);
    expect(finding).toMatchObject({ expected: 204, actual: 500 });
    expect(report.leftovers.length).toBeGreaterThan(1);
    for (const line of report.leftovers) expect(line).toMatch(/^customers cus_[a-z0-9]+ \(created by createCustomer\): deleteCustomer answered 500$/);
    expect(report.warnings).toContain(`${report.leftovers.length} thing(s) the kit created could not be deleted: see "Not cleaned up"`);
  });

  test('can still be read', async () => {
    const { report } = await runBroken((asked, answer) => {
      if (asked.method === 'GET' && isItem(asked) && answer.status === 404 && /cus_/.test(asked.path)) return json(200, { id: asked.path.split('/')[2], name: 'ghost', country: 'FR', created: '2026-01-01T00:00:00Z' });
      return undefined;
    });
    const outcome = outcomesOf(report, 'stateful.deleted-gone').find((o) => / deleted$/.test(o.subject))!;
    expect(outcome.subject).toMatch(/^customers cus_[a-z0-9]+ deleted$/);
    expect(outcome.findings[0]).toMatchObject({ message: 'getCustomer of what was deleted answered HTTP 200, not the documented 404', expected: 404, actual: 200 });
  });

  test('is still listed', async () => {
    const seen = new Map<string, unknown>();
    const { report } = await runBroken((asked, answer) => {
      if (asked.method === 'POST' && answer.status === 201) { const c = JSON.parse(answer.text); seen.set(c.id, c); }
      if (asked.method === 'GET' && asked.path === '/customers' && answer.status === 200) return json(200, { data: [...seen.values()] });
      return undefined;
    });
    const outcome = outcomesOf(report, 'stateful.deleted-gone').find((o) => / deleted$/.test(o.subject))!;
    expect(outcome.findings.map((f) => f.message)).toEqual([expect.stringMatching(/^cus_[a-z0-9]+ is still in listCustomers after it was deleted$/)]);
    expect(outcome.findings[0]!.actual).toMatch(ID);
  });

  test('a read that documents no 404 cannot show what was deleted is gone', async () => {
    const document = structuredClone((await loadKitSpec(SPEC)).document);
    delete document.paths['/customers/{customerId}'].get.responses['404'];
    const { report } = await runBroken(() => undefined, kitSpecOf(document, 'no-404.yaml'));
    expect(messages(report, 'stateful.deleted-gone')).toContain('getCustomer documents no 404, and answered HTTP 404 for what was deleted');
  });
});

describe('a paginated list', () => {
  test('is walked page by page to find what was created', async () => {
    const Thing = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } };
    const things = Array.from({ length: 5 }, (_, i) => ({ id: `t${i}`, name: `n${i}` }));
    const ok = (schema: object, status = '200', example?: unknown) => ({ [status]: { description: 'OK.', content: { 'application/json': { schema, ...(example ? { example } : {}) } } } });
    const document = {
      openapi: '3.1.0',
      info: { title: 'Pages of things', version: '1.0.0' },
      paths: {
        '/things': {
          get: {
            operationId: 'listThings',
            'x-pagination': { cursorParam: 'after', cursorField: 'next', itemsField: 'data', limitParam: 'limit' },
            parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 2, default: 2 } }],
            responses: ok({ type: 'object', required: ['data', 'next'], properties: { data: { type: 'array', items: Thing }, next: { type: ['string', 'null'] } } }, '200', { data: things, next: null }),
          },
          post: { operationId: 'createThing', requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } }, responses: ok(Thing, '201') },
        },
        '/things/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          get: { operationId: 'getThing', responses: { ...ok(Thing), '404': { description: 'None.' } } },
          delete: { operationId: 'deleteThing', responses: { '204': { description: 'Gone.' }, '404': { description: 'None.' } } },
        },
      },
    };
    // Oldest first, two a page: what is created comes after the five seeded things, on page 3.
    const report = await runContract({ spec: kitSpecOf(document, 'pages.json'), seed: 7, propertyRuns: 0, allowUnsafe: true });
    const listedOutcomes = outcomesOf(report, 'stateful.created-listed');
    expect(listedOutcomes.length).toBeGreaterThan(0);
    expect(listedOutcomes.map((o) => [o.status, o.findings])).toEqual(listedOutcomes.map(() => ['passed', []]));
    const gone = outcomesOf(report, 'stateful.deleted-gone').map((o) => o.status);
    expect(gone.length).toBeGreaterThan(0);
    expect(gone).toEqual(gone.map(() => 'passed'));
    expect(report.leftovers).toEqual([]);
  });
});

describe('a resource without some operations', () => {
  test('without a read or a list, what was created is not looked for, and the run says why', async () => {
    const document = structuredClone((await loadKitSpec(SPEC)).document);
    delete document.paths['/customers/{customerId}'].get;
    delete document.paths['/customers'].get;
    const { report } = await runBroken(() => undefined, kitSpecOf(document, 'create-delete.yaml'));
    const notes = report.outcomes.filter((o) => o.check.startsWith('stateful.created')).map((o) => [o.check, o.operationId, o.subject, o.status, o.note]);
    expect(notes).toEqual([
      ['stateful.created-readable', 'createCustomer', 'customers', 'not-exercised', 'resource customers has no read operation'],
      ['stateful.created-listed', 'createCustomer', 'customers', 'not-exercised', 'resource customers has no list operation'],
    ]);
    expect(report.leftovers).toEqual([]);
  });

  test('without a delete, what the kit created is left behind and named', async () => {
    const document = structuredClone((await loadKitSpec(SPEC)).document);
    delete document.paths['/customers/{customerId}'].delete;
    const { report, customers } = await runBroken(() => undefined, kitSpecOf(document, 'no-delete.yaml'));
    // One per create (the stateful one and the valid bodies), each still on the server.
    expect(report.leftovers.length).toBeGreaterThan(1);
    for (const leftover of report.leftovers) {
      const [, id] = /^customers (cus_[a-z0-9]+) \(created by createCustomer\): the spec has no delete operation for customers$/.exec(leftover) ?? [];
      expect(customers.has(id!), leftover).toBe(true);
    }
  });
});

describe('without --allow-unsafe', () => {
  test('the stateful checks say how to run them', async () => {
    const upstream = await startThirdPartyServer();
    closing.push(() => upstream.close());
    const report = await runContract({ spec: SPEC, baseUrl: upstream.url, auth: { bearerAuth: THIRD_PARTY_TOKEN }, seed: 7, rate: 0, propertyRuns: 0 });
    const stateful = report.outcomes.filter((o) => o.check.startsWith('stateful.'));
    expect(stateful.length).toBeGreaterThan(0);
    expect(stateful.every((o) => o.status === 'not-exercised' && (o.kind === 'unsafe' || o.kind === 'missing-value'))).toBe(true);
    expect(upstream.customers.size).toBe(0);
  });
});
