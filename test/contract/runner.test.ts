// runContract's own decisions, on the third-party fixture spec and its hand-written server (each run
// takes a fraction of a second): the replay command and limits it reports, the order operations
// are probed in, what makes a run inconclusive and why, warnings, the budget's fair shares, and
// what it names as not tested.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kitSpecOf, loadKitSpec, runContract, TargetUnreachableError, type ContractOptions } from '../../src/contract/index.js';
import { startThirdPartyServer, THIRD_PARTY_TOKEN } from './third-party-server.js';

const SPEC = 'test/fixtures/third-party/openapi.yaml';
const NOT_READ_ONLY = 'is not read-only; pass --allow-unsafe to test it (the kit then deletes what it creates)';
const NO_CUSTOMER_ID = 'no value for path parameter customerId (no link, list or create response gave one, the spec has no example: pass --param customerId=VALUE or --fixtures FILE)';
let server: Awaited<ReturnType<typeof startThirdPartyServer>>;
beforeAll(async () => { server = await startThirdPartyServer(); });
afterAll(() => server.close());

const options = (over: Partial<ContractOptions> = {}): ContractOptions => ({ spec: SPEC, baseUrl: server.url, auth: { bearerAuth: THIRD_PARTY_TOKEN }, seed: 7, rate: 0, propertyRuns: 4, ...over });
function phasesOf(over: Partial<ContractOptions>) {
  const phases: string[] = [];
  const counts: number[] = [];
  return {
    phases,
    counts,
    options: options({ ...over, onProgress: (p) => { counts.push(p.requests); expect(p.maxRequests).toBe(over.maxRequests ?? 1000); if (phases.at(-1) !== p.phase) phases.push(p.phase); } }),
  };
}

describe('a read-only run', () => {
  test('echoes its options in the replay and the limits; write operations and missing values make it inconclusive', async () => {
    const progress = phasesOf({ maxPages: 7, maxRequests: 400, parameters: { b: '2', a: "it's" }, minCoverage: 99.5 });
    const report = await runContract(progress.options);
    expect(report.replay).toBe(`npx postpress-contract --spec ${SPEC} --base-url ${server.url} --param b=2 --param 'a=it'\\''s' --seed 7 --max-requests 400 --max-pages 7 --min-coverage 99.5`);
    expect(report.limits).toEqual({ rate: 0, concurrency: 4, timeoutMs: 10000, maxPages: 7 });
    expect([report.target, report.spec, report.seed, report.maxRequests]).toEqual([server.url, SPEC, 7, 400]);
    expect(report.requests).toBe(progress.counts.at(-1));
    expect(progress.counts).toEqual([...progress.counts].sort((a, b) => a - b));
    expect(progress.phases).toEqual(['getHealth', 'listCustomers']);
    expect(report.inconclusiveBecause).toEqual([
      `createCustomer not tested: POST ${NOT_READ_ONLY}`,
      `getCustomer not tested: ${NO_CUSTOMER_ID}`,
      `deleteCustomer not tested: DELETE ${NOT_READ_ONLY}`,
    ]);
    expect(report.verdict).toBe('inconclusive');
    expect(report.conforming).toBe(false);
    const skipped = report.outcomes.filter((o) => o.operationId === 'createCustomer');
    expect(skipped.length).toBeGreaterThan(30);
    expect(skipped.every((o) => o.subject === '-' && o.status === 'not-exercised' && o.kind === 'unsafe' && o.note === `POST ${NOT_READ_ONLY}`)).toBe(true);
    expect(report.outcomes.filter((o) => o.operationId === 'getCustomer').every((o) => o.kind === 'missing-value')).toBe(true);
    expect(report.coverage.minimum).toBe(99.5);
    expect(report.coverage.belowMinimum).toBe(true);
    expect(report.coverage.percent).toBeLessThan(99.5);
    expect(report.coverage.operations.map((o) => [o.operationId, o.tested])).toEqual([['getHealth', true], ['listCustomers', true], ['createCustomer', false], ['getCustomer', false], ['deleteCustomer', false]]);
    expect(report.notTested).toEqual([
      'webhook customerCreated: not tested (webhooks are requests the API sends, not requests it answers)',
      'format iso-country-code at #/components/schemas/Customer/properties/country/format: not validated (no validator for it: an annotation)',
      'format iso-country-code at #/paths/~1customers/get/parameters/0/schema/format: not validated (no validator for it: an annotation)',
      'format iso-country-code at #/components/schemas/NewCustomer/allOf/0/properties/country/format: not validated (no validator for it: an annotation)',
      'listCustomers parameter country (query): format: no negative breaks this keyword (not probed)',
    ]);
    expect(report.warnings).toEqual([]);
    expect(report.leftovers).toEqual([]);
    expect(Date.parse(report.startedAt)).not.toBeNaN();
    // Each check that did not apply says why, in words a reader of the report can act on.
    const notPaginated = 'the operation is not paginated';
    const noBody = 'the operation takes no request body';
    expect(report.outcomes.filter((o) => o.operationId === 'listCustomers' && o.status === 'not-exercised').map((o) => [o.check, o.subject, o.kind, o.note])).toEqual([
      ['response.headers-schema', 'every response', 'not-applicable', 'no response came back with a status that documents headers'],
      ['error.envelope-type', 'every response', 'not-applicable', 'no error response came back whose status enumerates its error types'],
      ['params.required-missing', '-', 'not-applicable', 'no query, header or cookie parameter is required'],
      ['params.not-in-enum', '-', 'not-applicable', 'no parameter has an enum'],
      ['params.pattern-mismatch', '-', 'not-applicable', 'no parameter has a pattern or a checked format'],
      ['params.cursor-tampered', '-', 'not-applicable', notPaginated],
      ['body.valid', '-', 'not-applicable', noBody],
      ['body.invalid', '-', 'not-applicable', noBody],
      ['method.not-allowed', '/customers', 'unsafe', 'only write methods are undocumented on /customers (PATCH, PUT, DELETE): pass --allow-unsafe to send one'],
      ['pagination.terminates', '-', 'not-applicable', notPaginated],
      ['pagination.unique-ids', '-', 'not-applicable', notPaginated],
      ['pagination.page-size', '-', 'not-applicable', notPaginated],
      ['pagination.stable-order', '-', 'not-applicable', notPaginated],
      ['errors.preferred', '-', 'not-applicable', 'the target is not known to honour Prefer: code=N, type=T (pass --prefer-errors; on for the in-process mock)'],
    ]);
  });

  test('a minimum met is not below it; without one the report has none', async () => {
    const met = await runContract(options({ minCoverage: 0 }));
    expect(met.coverage.minimum).toBe(0);
    expect(met.coverage.belowMinimum).toBe(false);
    expect(met.replay).toContain(' --min-coverage 0');
    const none = await runContract(options());
    expect('minimum' in none.coverage).toBe(false);
    expect(none.coverage.belowMinimum).toBe(false);
    expect(none.replay).toBe(`npx postpress-contract --spec ${SPEC} --base-url ${server.url} --seed 7`);
  });
});

describe('with --allow-unsafe', () => {
  test('lists first, then creates, reads and deletes last; everything created is deleted', async () => {
    const progress = phasesOf({ baseUrl: `${server.url}/`, allowUnsafe: true, preferErrors: true });
    const report = await runContract(progress.options);
    expect(progress.phases).toEqual(['getHealth', 'listCustomers', 'createCustomer', 'getCustomer', 'deleteCustomer', 'cleanup']);
    expect(report.replay).toBe(`npx postpress-contract --spec ${SPEC} --base-url ${server.url}/ --seed 7 --allow-unsafe --prefer-errors`);
    expect(report.limits.maxPages).toBe(50);
    expect(report.leftovers).toEqual([]);
    expect(server.customers.size).toBe(0);
    expect(report.inconclusiveBecause).toEqual([]);
    const stateful = report.outcomes.filter((o) => o.check.startsWith('stateful.')).map((o) => [o.check, o.operationId, o.status]);
    expect(stateful).toContainEqual(['stateful.deleted-gone', 'deleteCustomer', 'passed']);
    // (The server is shared by this file's tests, so the id depends on their order.)
    expect(report.outcomes.filter((o) => o.check === 'stateful.deleted-gone').map((o) => [o.operationId, o.subject.replace(/cus_[a-z0-9]+/, 'cus_…'), o.status])).toEqual([['deleteCustomer', 'customers cus_… deleted', 'passed'], ['deleteCustomer', 'delete', 'passed']]);
    expect(stateful).toContainEqual(['stateful.created-readable', 'createCustomer', 'passed']);
  });

  test('a budget too small for any fair share: nothing is sent, and each operation says why', async () => {
    const report = await runContract(options({ allowUnsafe: true, maxRequests: 3 }));
    expect(report.requests).toBe(0);
    expect(report.inconclusiveBecause).toEqual([
      'getHealth not tested: the request budget of getHealth (its fair share of --max-requests 3) is spent',
      'listCustomers not tested: the request budget of listCustomers (its fair share of --max-requests 3) is spent',
      'createCustomer not tested: the request budget of createCustomer (its fair share of --max-requests 3) is spent',
      `getCustomer not tested: ${NO_CUSTOMER_ID}`,
      'deleteCustomer not tested: no value for path parameter customerId: the kit writes only to what it created (it created nothing this operation can use, or --param customerId=VALUE)',
    ]);
    expect(report.outcomes.filter((o) => o.operationId === 'getHealth').every((o) => o.kind === 'budget')).toBe(true);
    expect(report.outcomes.filter((o) => o.operationId === 'deleteCustomer').every((o) => o.kind === 'precondition')).toBe(true);
    expect(report.verdict).toBe('inconclusive');
  });

  test('the budget is kept, with a reserve for the cleanup', async () => {
    let received = 0;
    const report = await runContract(options({ allowUnsafe: true, maxRequests: 60, onProgress: () => { received++; } }));
    expect(report.requests).toBe(received);
    // 10% (6) is held back for the cleanup; the rest is shared, and mostly spent (46 with seed 7).
    expect(report.requests).toBeLessThanOrEqual(60 - 6);
    expect(report.requests).toBeGreaterThanOrEqual(40);
    expect(server.customers.size).toBe(0);
  });
});

describe('what a run names', () => {
  test('an operation the kit cannot handle, a scheme no operation uses, and one it can only leave out', async () => {
    const document = structuredClone((await loadKitSpec(SPEC)).document);
    document.components.securitySchemes.unused = { type: 'http', scheme: 'basic' };
    document.components.securitySchemes.oauth = { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://example.com/t', scopes: {} } } };
    document.paths['/health'].get.security = [{ oauth: [] }];
    const byContent = (name: string) => ({ name, in: 'query', content: { 'application/json': { schema: { type: 'object' } } } });
    document.paths['/odd'] = { get: { operationId: 'getOdd', parameters: [byContent('filter'), byContent('sort')], responses: { '200': { description: 'ok' } } } };
    const report = await runContract(options({ spec: kitSpecOf(document, 'edited.yaml') }));
    expect(report.replay).toBe(`npx postpress-contract --spec edited.yaml --base-url ${server.url} --seed 7`);
    expect(report.spec).toBe('edited.yaml');
    expect(report.notTested).toContain('security scheme unused: not probed (no operation requires it)');
    expect(report.notTested).toContain('security scheme oauth (oauth2): only its absence is probed');
    expect(report.notTested.filter((l) => l.startsWith('security scheme'))).toHaveLength(2);
    const odd = 'the kit cannot handle this operation: parameter `filter` is described by `content`, not `schema` (at #/paths/~1odd/get/parameters/0); parameter `sort` is described by `content`, not `schema` (at #/paths/~1odd/get/parameters/1)';
    expect(report.inconclusiveBecause[0]).toBe(`getOdd not tested: ${odd}`);
    expect(report.outcomes.filter((o) => o.operationId === 'getOdd').every((o) => o.kind === 'precondition' && o.note === odd && o.subject === '-')).toBe(true);
  });

  test('generated requests the budget leaves no room for make the run inconclusive, saying so', async () => {
    const report = await runContract(options({ maxRequests: 20, propertyRuns: 100 }));
    const spent = 'the request budget is spent';
    expect(report.outcomes.filter((o) => o.operationId === 'listCustomers' && o.check.startsWith('property.')).map((o) => [o.check, o.kind, o.note])).toEqual([
      ['property.valid-requests', 'budget', spent],
      ['property.invalid-requests', 'budget', spent],
    ]);
    expect(report.inconclusiveBecause).toContain(`property.valid-requests · listCustomers · generated requests: ${spent}`);
  });

  test('against a --base-url, 50 requests a second unless --rate says otherwise', async () => {
    const { rate: _rate, ...unlimited } = options({ maxRequests: 3 });
    expect((await runContract(unlimited)).limits.rate).toBe(50);
  });

  test('a base request that does not succeed is a warning at the top', async () => {
    const report = await runContract(options({ auth: { bearerAuth: 'wrong-token' } }));
    expect(report.warnings).toEqual([
      'listCustomers: the base request answered HTTP 401, not 200; check --base-url, the credentials (--auth, --api-key) and the parameter values (--param, --fixtures), as most checks expect it to succeed',
    ]);
  });

  test('an unreachable target ends the run with TargetUnreachableError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/v2`;
    await new Promise((resolve) => closed.close(resolve));
    const error = await runContract(options({ baseUrl: url })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetUnreachableError);
    expect((error as TargetUnreachableError).name).toBe('TargetUnreachableError');
    expect((error as TargetUnreachableError).target).toBe(url);
    expect((error as Error).message).toMatch(new RegExp(`^The target ${url.replace(/\./g, '\\.')} is unreachable: ECONNREFUSED`));
  });
});

describe('a parameter no value satisfies', () => {
  test('leaves its operation untested, saying why, instead of stopping the run', async () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 'Unsatisfiable', version: '1.0.0' },
      paths: {
        '/x': {
          get: {
            operationId: 'x',
            parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 5, maxLength: 2 } }],
            responses: { '200': { description: 'OK.', content: { 'application/json': { schema: { type: 'object' } } } } },
          },
        },
      },
    };
    const report = await runContract({ spec: kitSpecOf(document, '(unsatisfiable)') });
    expect(report.verdict).toBe('inconclusive');
    // Without --seed, a random one is chosen and printed in the replay.
    const again = await runContract({ spec: kitSpecOf(document, '(unsatisfiable)') });
    for (const seed of [report.seed, again.seed]) expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31).toBe(true);
    expect(report.seed).not.toBe(again.seed);
    expect(report.replay).toBe(`npx postpress-contract --spec '(unsatisfiable)' --seed ${report.seed}`);
    expect(report.inconclusiveBecause).toEqual([expect.stringMatching(/^x not tested: no value for query parameter q /)]);
  });
});

describe('without --base-url', () => {
  const ok = (schema: object) => ({ '200': { description: 'OK.', content: { 'application/json': { schema } } }, '401': { description: 'No credentials.' } });
  const document = {
    openapi: '3.1.0',
    info: { title: 'Schemes', version: '1.0.0' },
    components: { securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' }, keyAuth: { type: 'apiKey', in: 'header', name: 'X-Key' }, tokenAuth: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/things': { get: { operationId: 'listThings', security: [{ basicAuth: [] }], responses: ok({ type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } }) } },
      '/pages': {
        get: {
          operationId: 'listPages',
          security: [],
          'x-pagination': { cursorParam: 'after', cursorField: 'next', itemsField: 'data' },
          parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }],
          responses: ok({ type: 'object', required: ['data', 'next'], properties: { data: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } }, next: { type: ['string', 'null'] } } }),
        },
      },
      '/flags': {
        get: {
          operationId: 'getFlags',
          security: [],
          parameters: [{ name: 'on', in: 'query', schema: { type: 'boolean' } }],
          responses: { '200': { description: 'OK.', content: { 'application/json': { schema: { type: 'object' } } } }, '400': { description: 'Invalid.' } },
        },
      },
      '/mine': { get: { operationId: 'getMine', security: [{ tokenAuth: [] }], responses: ok({ type: 'object' }) } },
      '/other': { get: { operationId: 'getOther', security: [{ keyAuth: [] }], parameters: [{ name: 'filter', in: 'query', style: 'deepObject', schema: { type: 'object' } }], responses: ok({ type: 'object' }) } },
    },
  };

  // The mock accepts only the credential the kit sends: any well-formed one would make the kit's
  // wrong credential a false finding.
  test('tests the mock in-process, with a credential every scheme accepts (basic as user:key), and passes its start-up warnings on', async () => {
    const report = await runContract({ spec: kitSpecOf(document, 'schemes.yaml'), seed: 7, propertyRuns: 2 });
    expect(report.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+\S* \(in-process mock\)$/);
    // The mock it started is closed when the run ends.
    await expect(fetch(report.target.split(' ')[0]!)).rejects.toThrow('fetch failed');
    expect(report.replay).toBe('npx postpress-contract --spec schemes.yaml --seed 7');
    expect(report.limits.rate).toBe(0);
    expect(report.warnings).toEqual(['mock: getOther: parameter filter (query) is an object; the mock does not validate it']);
    expect(report.findings, JSON.stringify(report.findings, null, 1)).toEqual([]);
    const auth = report.outcomes.filter((o) => o.check.startsWith('auth.') && o.status === 'passed').map((o) => o.operationId);
    expect(new Set(auth)).toEqual(new Set(['listThings', 'getMine', 'getOther']));
    expect(report.outcomes.filter((o) => o.check === 'auth.wrong-key' && o.status !== 'not-exercised').map((o) => [o.operationId, o.status])).toEqual([['getMine', 'passed'], ['getOther', 'passed'], ['listThings', 'passed']]);
    expect(report.coverage.operations.map((o) => [o.operationId, o.observed])).toEqual([['listThings', ['200', '401']], ['listPages', ['200', '401']], ['getFlags', ['200', '400']], ['getMine', ['200', '401']], ['getOther', ['200', '401']]]);
    // Per scheme: no credentials, a malformed one and a wrong one, each refused.
    const authSubjects = report.outcomes.filter((o) => o.check.startsWith('auth.') && o.status === 'passed').map((o) => `${o.operationId} ${o.check} ${o.subject}`);
    expect(authSubjects.sort()).toEqual([
      'getMine auth.malformed-key bearer (tokenAuth): <token without Bearer>',
      'getMine auth.missing-key no credentials',
      'getMine auth.wrong-key bearer (tokenAuth): <a well-formed wrong credential>',
      'getOther auth.malformed-key X-Key (keyAuth): Bearer <key>',
      'getOther auth.missing-key no credentials',
      'getOther auth.wrong-key X-Key (keyAuth): <a well-formed wrong key>',
      'listThings auth.malformed-key basic (basicAuth): Basic <not base64>',
      'listThings auth.missing-key no credentials',
      'listThings auth.wrong-key basic (basicAuth): <a well-formed wrong credential>',
    ]);
    // Generated requests: one valid request (half of --property-runs 2), and no constraint to break.
    const property = report.outcomes.filter((o) => o.operationId === 'getFlags' && o.check.startsWith('property.')).map((o) => [o.check, o.status, o.note]);
    expect(property).toEqual([
      ['property.valid-requests', 'passed', '1 generated requests (fast-check seed 7; replay with --seed 7)'],
      ['property.invalid-requests', 'not-exercised', 'no parameter constraint to violate'],
    ]);
    // A paginated list without a limit parameter: its first page, and two walks at the server's default.
    expect(report.outcomes.filter((o) => o.operationId === 'listPages' && o.check.startsWith('pagination.')).map((o) => [o.check, o.subject, o.status])).toEqual([
      ['pagination.terminates', 'walk with the default limit', 'passed'],
      ['pagination.unique-ids', 'walk with the default limit', 'passed'],
      ['pagination.page-size', 'first page', 'passed'],
      ['pagination.page-size', 'walk with the default limit', 'passed'],
      ['pagination.stable-order', 'two walks with the default limit', 'passed'],
    ]);
    // A documented error without types is asked for by its code alone.
    const preferred = report.outcomes.filter((o) => o.check === 'errors.preferred').map((o) => `${o.operationId} ${o.subject} ${o.status}`);
    expect(preferred.sort()).toEqual(['getFlags Prefer: code=400 passed', 'getMine Prefer: code=401 passed', 'getOther Prefer: code=401 passed', 'listPages Prefer: code=401 passed', 'listThings Prefer: code=401 passed']);
    // An operation with no parameters, no body and no 400: each check that does not apply says why.
    const notes = report.outcomes.filter((o) => o.operationId === 'getMine' && o.status === 'not-exercised').map((o) => [o.check, o.note]);
    expect(notes).toEqual([
      ['response.headers-schema', 'no response came back with a status that documents headers'],
      ['error.envelope-status', 'no error response came back with a JSON body'],
      ['error.envelope-type', 'no error response came back whose status enumerates its error types'],
      ['error.envelope-title', 'no error response came back whose schema has a title'],
      ['params.required-missing', 'no query, header or cookie parameter is required'],
      ['params.below-minimum', 'no numeric parameter has a minimum'],
      ['params.above-maximum', 'no numeric parameter has a maximum'],
      ['params.not-integer', 'no parameter is an integer'],
      ['params.not-a-number', 'no parameter is numeric'],
      ['params.too-short', 'no parameter has a minLength above 0 or a minItems'],
      ['params.too-long', 'no parameter has a maxLength or maxItems'],
      ['params.not-in-enum', 'no parameter has an enum'],
      ['params.pattern-mismatch', 'no parameter has a pattern or a checked format'],
      ['params.cursor-tampered', 'the operation is not paginated'],
      ['boundary.minimum', 'no numeric parameter has a minimum'],
      ['boundary.maximum', 'no numeric parameter has a maximum'],
      ['body.valid', 'the operation takes no request body'],
      ['body.invalid', 'the operation takes no request body'],
      ['method.not-allowed', 'only write methods are undocumented on /mine (PATCH, PUT, POST, DELETE): pass --allow-unsafe to send one'],
      ['pagination.terminates', 'the operation is not paginated'],
      ['pagination.unique-ids', 'the operation is not paginated'],
      ['pagination.page-size', 'the operation is not paginated'],
      ['pagination.stable-order', 'the operation is not paginated'],
      ['property.invalid-requests', 'the operation documents no 400 response'],
    ]);
    // Coverage per operation: statuses documented and observed, and which checks passed, failed or did not apply.
    expect(report.coverage.operations.find((o) => o.operationId === 'getMine')).toEqual({
      operationId: 'getMine',
      method: 'GET',
      path: '/mine',
      tested: true,
      documented: ['200', '401'],
      observed: ['200', '401'],
      errorTypes: [],
      observedErrorTypes: [],
      passed: ['response.status-documented', 'response.content-type', 'response.body-schema', 'auth.missing-key', 'auth.malformed-key', 'auth.wrong-key', 'property.valid-requests', 'errors.preferred', 'transport.response'],
      failed: [],
      notExercised: notes.map(([check]) => check),
    });
  });

  test('without --allow-unsafe still sends an undocumented GET to a path that documents only HEAD', async () => {
    const jobs = { openapi: '3.1.0', info: { title: 'Jobs', version: '1.0.0' }, paths: { '/jobs': { head: { operationId: 'checkJobs', responses: { '204': { description: 'There.' } } } } } };
    const report = await runContract({ spec: kitSpecOf(jobs, 'jobs.yaml'), seed: 7, propertyRuns: 0 });
    expect(report.outcomes.filter((o) => o.check === 'method.not-allowed').map((o) => [o.operationId, o.subject, o.status, o.findings])).toEqual([['checkJobs', 'GET /jobs', 'passed', []]]);
  });

  test('names a request-body keyword no negative breaks, and why body, error, auth and method checks did not apply', async () => {
    // Keywords that describe rather than constrain are not named; a $ref is followed, and x- extensions skipped.
    const described = { title: 'T', description: 'D', examples: [{ name: 'a' }], example: { name: 'a' }, default: { name: 'a' }, deprecated: false, $comment: 'c', 'x-note': 1 };
    const body = {
      type: 'object',
      ...described,
      allOf: [{ type: 'object' }],
      properties: {
        name: { type: 'string', readOnly: false, writeOnly: false },
        tags: { type: 'array', items: { type: 'string', not: { const: 'x' } } },
        kind: { type: 'object', discriminator: { propertyName: 'k', mapping: { a: '#/components/schemas/Extra' } } },
        extra: { $ref: '#/components/schemas/Extra' },
        choice: { oneOf: [{ type: 'string', example: { nested: 1 }, dependentSchemas: {} }, { type: 'integer' }] },
      },
      propertyNames: { maxLength: 10 },
      patternProperties: { '^p': { type: 'string', if: { type: 'string' } } },
    };
    const withCreate = structuredClone(document) as any;
    withCreate.components.schemas = { Extra: { type: 'object', dependentRequired: { a: ['b'] } } };
    withCreate.paths['/things'].post = {
      operationId: 'createThing',
      security: [{ basicAuth: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: body } } },
      responses: { '201': { description: 'Created.', content: { 'application/json': { schema: { type: 'object' } } } }, '400': { description: 'Invalid.' }, '401': { description: 'No credentials.' } },
    };
    const created = { '201': { description: 'Created.' } };
    const post = (operationId: string, content: object, responses: object = created) => ({ post: { operationId, security: [], requestBody: { content }, responses } });
    withCreate.paths['/notes'] = post('createNote', { 'text/plain': { schema: { type: 'string' } } });
    withCreate.paths['/blobs'] = post('createBlob', { 'application/json': {} });
    withCreate.paths['/marks'] = post('createMark', { 'application/json': { schema: { type: 'object', properties: { n: { type: 'integer' } } } } });
    const done = (operationId: string) => ({ operationId, security: [], responses: { '204': { description: 'Done.' } } });
    withCreate.paths['/all'] = Object.fromEntries(['get', 'put', 'post', 'delete', 'patch'].map((m) => [m, done(`${m}All`)]));
    const report = await runContract({ spec: kitSpecOf(withCreate, 'schemes.yaml'), seed: 7, propertyRuns: 0, allowUnsafe: true });
    // Only what the kit could not do makes the run inconclusive; generated requests turned off do not.
    expect(report.inconclusiveBecause).toEqual(['createNote not tested: the kit cannot handle this operation: request body media type text/plain is not supported (only JSON bodies are) (at #/paths/~1notes/post/requestBody/content)']);
    const noteOf = (id: string, check: string) => report.outcomes.filter((o) => o.operationId === id && o.check === check).map((o) => [o.status, o.note]);
    expect(noteOf('createNote', 'body.valid')).toEqual([['not-exercised', 'the kit cannot handle this operation: request body media type text/plain is not supported (only JSON bodies are) (at #/paths/~1notes/post/requestBody/content)']]);
    expect(noteOf('createBlob', 'body.valid')).toEqual([['not-exercised', 'the request body has no schema']]);
    expect(noteOf('createBlob', 'body.invalid')).toEqual([['not-exercised', 'the request body has no schema']]);
    expect(noteOf('createMark', 'body.invalid')).toEqual([['not-exercised', 'the operation documents no 400 (or 422) response']]);
    expect(noteOf('createMark', 'errors.preferred')).toEqual([['not-exercised', 'the operation documents no error response']]);
    expect(noteOf('createMark', 'auth.missing-key')).toEqual([['not-exercised', 'the operation requires no credentials']]);
    expect(noteOf('listThings', 'property.valid-requests')).toEqual([['not-exercised', 'generated requests are off (0 property runs asked for)']]);
    expect(noteOf('listThings', 'property.invalid-requests')).toEqual([['not-exercised', 'generated requests are off (0 property runs asked for)']]);
    expect(noteOf('getAll', 'method.not-allowed')).toEqual([['not-exercised', 'every method is documented on this path']]);
    // Not applicable (nothing to send), not left out for safety; each named under its operation's path or '-'.
    const where = (id: string, check: string) => report.outcomes.filter((o) => o.operationId === id && o.check === check).map((o) => [o.subject, o.kind]);
    expect([where('getAll', 'method.not-allowed'), where('createMark', 'errors.preferred')]).toEqual([[['/all', 'not-applicable']], [['-', 'not-applicable']]]);
    expect(report.notTested).toEqual([
      // Each reached another way: items, a $ref, a oneOf member, the top, patternProperties.
      ...['not', 'dependentRequired', 'oneOf', 'dependentSchemas', 'propertyNames', 'patternProperties', 'if'].map((k) => `createThing request body: ${k}: no negative breaks this keyword (not probed)`),
    ]);
    expect(report.outcomes.filter((o) => o.operationId === 'createThing' && o.check === 'body.invalid' && o.status === 'passed').length).toBeGreaterThan(0);
  });
});
