// Probe messages against broken variants of the third-party server (proxy.ts): undocumented
// methods (405 and its Allow header), what is sent without --allow-unsafe, and requests that get
// no answer.
import { describe, expect, test } from 'vitest';
import type { ContractReport } from '../../src/contract/index.js';
import { isItem, json, runBroken, type Answer, type Asked } from './proxy.js';

const DOCUMENTED: Record<string, string[]> = { '/health': ['GET'], '/customers': ['GET', 'POST'] };
const methodOutcomes = (report: ContractReport) => report.outcomes.filter((o) => o.check === 'method.not-allowed' && o.subject !== '-').map((o) => [o.operationId, o.subject, o.status, o.findings.map((f) => [f.message, f.pointer, f.expected, f.actual])]);
const answer405 = (allow: (asked: Asked) => string | undefined) => (asked: Asked, answer: Answer): Answer | undefined => {
  const documented = DOCUMENTED[asked.path] ?? (/^\/customers\/[^/]+$/.test(asked.path) ? ['GET', 'DELETE'] : []);
  if (documented.includes(asked.method)) return undefined;
  const header = allow(asked);
  return { ...answer, status: 405, text: '', contentType: null, ...(header === undefined ? {} : { headers: { allow: header } }) };
};

describe('method.not-allowed', () => {
  test('a 404 for an undocumented method is named; without --allow-unsafe only GET is sent', async () => {
    const { report } = await runBroken(() => undefined, undefined, {}, { allowUnsafe: false });
    expect(methodOutcomes(report)).toEqual([
      ['getHealth', '/health', 'not-exercised', []],
      ['listCustomers', '/customers', 'not-exercised', []],
    ]);
    const notes = report.outcomes.filter((o) => o.check === 'method.not-allowed' && o.subject !== '-').map((o) => [o.note, o.kind]);
    expect(notes).toEqual([
      ['only write methods are undocumented on /health (PATCH, PUT, POST, DELETE): pass --allow-unsafe to send one', 'unsafe'],
      ['only write methods are undocumented on /customers (PATCH, PUT, DELETE): pass --allow-unsafe to send one', 'unsafe'],
    ]);
  });

  test('with --allow-unsafe the first undocumented method is sent, and anything but 405 is a finding', async () => {
    const { report } = await runBroken(() => undefined);
    expect(methodOutcomes(report)).toEqual([
      ['getCustomer', 'PATCH /customers/{customerId}', 'failed', [['PATCH is not documented on /customers/{customerId}; expected HTTP 405, got HTTP 404', undefined, 405, 404]]],
      ['getHealth', 'PATCH /health', 'failed', [['PATCH is not documented on /health; expected HTTP 405, got HTTP 401', undefined, 405, 401]]],
      ['listCustomers', 'PATCH /customers', 'failed', [['PATCH is not documented on /customers; expected HTTP 405, got HTTP 404', undefined, 405, 404]]],
    ]);
  });

  test('a 405 must name every documented method in its Allow header (any case, any spacing)', async () => {
    const { report } = await runBroken(answer405((asked) => (asked.path === '/health' ? undefined : asked.path === '/customers' ? 'get' : ' Delete ,get,')));
    expect(methodOutcomes(report)).toEqual([
      ['getCustomer', 'PATCH /customers/{customerId}', 'passed', []],
      ['getHealth', 'PATCH /health', 'failed', [['the 405 has no Allow header', '/headers/allow', 'GET', undefined]]],
      ['listCustomers', 'PATCH /customers', 'failed', [['the Allow header does not name POST', '/headers/allow', 'GET, POST', 'get']]],
    ]);
  });

  test('an Allow header missing several methods names them all', async () => {
    const { report } = await runBroken(answer405(() => 'PUT'));
    expect(methodOutcomes(report).find(([id]) => id === 'listCustomers')).toEqual(['listCustomers', 'PATCH /customers', 'failed', [['the Allow header does not name GET, POST', '/headers/allow', 'GET, POST', 'PUT']]]);
  });
});

describe('a request that gets no answer', () => {
  test('is a finding of the probe that sent it, naming the transport error', async () => {
    const dropped = (asked: Asked, answer: Answer): Answer | undefined => {
      const drop = asked.method === 'PATCH' || (asked.method === 'GET' && ((asked.path === '/customers' && answer.status === 401) || isItem(asked)));
      return drop ? { ...answer, drop: true } : undefined;
    };
    const { report } = await runBroken(dropped);
    const closed = 'no response: UND_ERR_SOCKET: other side closed';
    const found = report.findings.filter((f) => f.message.startsWith('no response: ')).map((f) => [f.check, f.operationId, f.subject, f.message, f.expected]);
    const auth = (operationId: string) => [
      ['auth.malformed-key', operationId, 'bearer (bearerAuth): <token without Bearer>', closed, 401],
      ['auth.missing-key', operationId, 'no credentials', closed, 401],
      ['auth.wrong-key', operationId, 'bearer (bearerAuth): <a well-formed wrong credential>', closed, 401],
    ];
    // Only the run's first request getting no answer ends the run (the target is unreachable);
    // getCustomer's base request gets none, and the run goes on.
    expect(found.sort()).toEqual([
      ...auth('getCustomer'),
      ...auth('listCustomers'),
      ['method.not-allowed', 'getCustomer', 'PATCH /customers/{customerId}', closed, undefined],
      ['method.not-allowed', 'getHealth', 'PATCH /health', closed, undefined],
      ['method.not-allowed', 'listCustomers', 'PATCH /customers', closed, undefined],
      ['params.pattern-mismatch', 'getCustomer', 'path customerId=cus_4x!', closed, 400],
      ['stateful.created-readable', 'createCustomer', 'customers cus_1x created by createCustomer', closed, undefined],
      // The transport check names the first request that got no answer.
      ['transport.response', 'getCustomer', 'every response', `${closed} (request: read back customers cus_1x created by createCustomer)`, undefined],
      ['transport.response', 'listCustomers', 'every response', `${closed} (request: no credentials)`, undefined],
    ].sort());
    expect(report.verdict).toBe('violations');
  });
});

describe('body.valid and body.invalid', () => {
  type Found = [string, string | undefined, unknown, unknown];
  const bodyOutcomes = (report: ContractReport, check: string): Array<[string, string, Found[]]> =>
    report.outcomes.filter((o) => o.check === check && o.operationId === 'createCustomer').map((o) => [o.subject, o.status, o.findings.map((f): Found => [f.message, f.schemaPointer, f.expected, f.actual])]);
  const schema = '#/components/schemas/NewCustomer';
  const isCreate = (asked: Asked) => asked.method === 'POST' && asked.path === '/customers';

  test('a valid body refused with 400 or 422 is a finding that quotes the detail; a missing required body must be refused', async () => {
    const { report } = await runBroken((asked, answer) => {
      if (!isCreate(asked)) return undefined;
      if (asked.body === undefined || asked.body === '') return json(201, { id: 'cus_none' });
      // Every body the server accepts is refused: with an even length as a 400 problem with a detail, else as a bare 422.
      if (answer.status === 201) return asked.body.length % 2 === 0 ? json(400, { type: 'about:blank', detail: 'nope' }) : { status: 422, contentType: 'text/plain', text: 'no', headers: {} };
      return undefined;
    });
    const valid = bodyOutcomes(report, 'body.valid');
    expect(valid.map(([subject]) => subject)).toEqual(['generated valid body #1', 'generated valid body #2', 'generated valid body #3']);
    for (const [, status, findings] of valid) {
      expect(status).toBe('failed');
      expect(findings).toHaveLength(1);
      const [message, pointer, expected, actual] = findings[0]!;
      expect([pointer, expected]).toEqual([schema, 'not 400 or 422']);
      expect(message).toBe(actual === 400 ? `a body valid against ${schema} was rejected with HTTP 400: nope` : `a body valid against ${schema} was rejected with HTTP 422`);
    }
    // Both answers were met (the bodies' lengths are fixed by the seed).
    expect(new Set(valid.map(([, , findings]) => findings[0]![3]))).toEqual(new Set([400, 422]));
    expect(bodyOutcomes(report, 'body.invalid').find(([subject]) => subject === 'no body (the request body is required)')).toEqual([
      'no body (the request body is required)',
      'failed',
      [['the request breaks required true: expected HTTP 400 with a documented type, got HTTP 201', '#/paths/~1customers/post/requestBody/required', 400, 201]],
    ]);
  });

  test('each body with one violation that is accepted is a finding naming the rule it breaks and where', async () => {
    const { report } = await runBroken((asked, answer) => (isCreate(asked) && answer.status === 400 ? json(201, { id: 'cus_accepted' }) : undefined));
    const breaks = (rule: string) => `the request breaks ${rule}: expected HTTP 400 with a documented type, got HTTP 201`;
    const at = (where: string) => `#/components/schemas/NewCustomer/allOf/${where}`;
    expect(bodyOutcomes(report, 'body.invalid')).toEqual([
      ['(body): "not an object" (type "object")', breaks('type "object"'), at('1/type')],
      ['/country: 1 characters (minLength 2)', breaks('minLength 2'), at('0/properties/country/minLength')],
      ['/country: 12345 (type "string")', breaks('type "string"'), at('0/properties/country/type')],
      ['/country: 3 characters (maxLength 2)', breaks('maxLength 2'), at('0/properties/country/maxLength')],
      // email is optional: added to the body, then broken.
      ['/email: "not-an-email" (format email)', breaks('format "email"'), at('0/properties/email/format')],
      ['/email: 12345 (type "string")', breaks('type "string"'), at('0/properties/email/type')],
      ['/name: 0 characters (minLength 1)', breaks('minLength 1'), at('0/properties/name/minLength')],
      ['/name: 101 characters (maxLength 100)', breaks('maxLength 100'), at('0/properties/name/maxLength')],
      ['/name: 12345 (type "string")', breaks('type "string"'), at('0/properties/name/type')],
      ['no body (the request body is required)', breaks('required true'), '#/paths/~1customers/post/requestBody/required'],
      ['no country (required)', breaks('required ["name","country"]'), at('0/required')],
      ['no name (required)', breaks('required ["name","country"]'), at('0/required')],
    ].map(([subject, message, pointer]) => [subject, 'failed', [[message, pointer, 400, 201]]]));
  });
});
