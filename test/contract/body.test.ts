// The request-body probes' edges (src/contract/probes/body.ts), against a node:http server on
// 127.0.0.1 that answers every request with one status: why a body probe does not apply, how many
// valid bodies are sent, a refusal without a detail, and the keyword walk on a recursive schema.
import { createServer } from 'node:http';
import { describe, expect, test } from 'vitest';
import { kitSpecOf, runContract, type ContractReport } from '../../src/contract/index.js';
import { serveForFile } from './serve-for-file.js';

let answer: { status: number; contentType?: string; text?: string } = { status: 200 };
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {}).end(answer.text));
});
const baseUrl = serveForFile(server);

const ok = { '200': { description: 'Done.' } };
const invalid = { '400': { description: 'Invalid.' } };
const jsonBody = (schema?: object) => ({ required: true, content: { 'application/json': schema ? { schema } : {} } });
const post = (operationId: string, extra: object) => ({ post: { operationId, responses: { ...ok, ...invalid }, ...extra } });

async function run(paths: object, reply: typeof answer = { status: 200 }, components: object = {}): Promise<ContractReport> {
  answer = reply;
  const spec = { openapi: '3.1.0', info: { title: 'Bodies', version: '1.0.0' }, paths, components };
  return runContract({ spec: kitSpecOf(spec, 'bodies.json'), baseUrl: baseUrl(), seed: 7, rate: 0, propertyRuns: 0, allowUnsafe: true });
}
const bodyOutcomes = (report: ContractReport, operationId: string) =>
  report.outcomes.filter((o) => o.operationId === operationId && o.check.startsWith('body.')).map((o) => [o.check, o.subject, o.status, o.note ?? '']);

describe('body probes that do not apply say why', () => {
  test('no body, a JSON body without a schema, no 400 or 422 documented', async () => {
    const report = await run({
      '/none': post('noBody', {}),
      '/loose': post('looseBody', { requestBody: jsonBody() }),
      '/lenient': { post: { operationId: 'lenient', requestBody: jsonBody({ type: 'object', properties: { n: { type: 'integer' } } }), responses: ok } },
    });
    const both = (note: string) => [['body.invalid', '-', 'not-exercised', note], ['body.valid', '-', 'not-exercised', note]];
    expect(bodyOutcomes(report, 'noBody').sort()).toEqual(both('the operation takes no request body'));
    expect(bodyOutcomes(report, 'looseBody').sort()).toEqual(both('the request body has no schema'));
    expect(bodyOutcomes(report, 'lenient')).toEqual([
      ['body.valid', 'generated valid body #1', 'passed', ''],
      ['body.valid', 'generated valid body #2', 'passed', ''],
      ['body.valid', 'generated valid body #3', 'passed', ''],
      ['body.invalid', '-', 'not-exercised', 'the operation documents no 400 (or 422) response'],
    ]);
  });
});

describe('valid bodies', () => {
  test('refused with a problem that has no detail: the message ends at the status', async () => {
    for (const reply of [{ status: 422, contentType: 'application/json', text: '{"title":"Unprocessable"}' }, { status: 400, contentType: 'application/json', text: 'null' }]) {
      const report = await run({ '/things': post('createThing', { requestBody: jsonBody({ type: 'object', properties: { n: { type: 'integer' } } }) }) }, reply);
      const messages = report.outcomes.filter((o) => o.check === 'body.valid').flatMap((o) => o.findings.map((f) => f.message));
      expect(messages).toEqual([1, 2, 3].map(() => `a body valid against #/paths/~1things/post/requestBody/content/application~1json/schema was rejected with HTTP ${reply.status}`));
    }
  });
});

describe('the keywords no negative breaks', () => {
  test('are named through a recursive $ref, which is walked once', async () => {
    const report = await run(
      { '/trees': post('plantTree', { requestBody: jsonBody({ $ref: '#/components/schemas/Tree' }) }) },
      { status: 400 },
      { schemas: { Tree: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Tree' }, contains: { type: 'object' } } } } } },
    );
    expect(report.notTested.filter((line) => line.startsWith('plantTree'))).toEqual(['plantTree request body: contains: no negative breaks this keyword (not probed)']);
  });

  test('end on schemas that refer to themselves through a property, items or anyOf', async () => {
    const report = await run(
      {
        '/linked': post('linked', { requestBody: jsonBody({ $ref: '#/components/schemas/Linked' }) }),
        '/nested': post('nested', { requestBody: jsonBody({ type: 'object', properties: { list: { $ref: '#/components/schemas/Nested' } } }) }),
        '/either': post('either', { requestBody: jsonBody({ type: 'object', properties: { value: { $ref: '#/components/schemas/Either' } } }) }),
      },
      { status: 400 },
      {
        schemas: {
          Linked: { type: 'object', properties: { next: { $ref: '#/components/schemas/Linked' } }, propertyNames: { maxLength: 4 } },
          Nested: { type: 'array', items: { $ref: '#/components/schemas/Nested' }, contains: true },
          Either: { anyOf: [{ type: 'string' }, { type: 'array', items: { $ref: '#/components/schemas/Either' } }], not: { type: 'number' } },
        },
      },
    );
    expect(report.notTested.filter((line) => / request body: /.test(line)).sort()).toEqual([
      'either request body: anyOf: no negative breaks this keyword (not probed)',
      'either request body: not: no negative breaks this keyword (not probed)',
      'linked request body: propertyNames: no negative breaks this keyword (not probed)',
      'nested request body: contains: no negative breaks this keyword (not probed)',
    ]);
  });

  test('are looked for twelve levels deep, not further', async () => {
    // A keyword no negative breaks (propertyNames) at depth n: under n nested `properties`.
    const nested = (depth: number): object => (depth === 0 ? { type: 'object', propertyNames: { maxLength: 3 } } : { type: 'object', properties: { a: nested(depth - 1) } });
    const report = await run({
      '/twelve': post('twelve', { requestBody: jsonBody(nested(12)) }),
      '/thirteen': post('thirteen', { requestBody: jsonBody(nested(13)) }),
    }, { status: 400 });
    expect(report.notTested.filter((line) => /^(twelve|thirteen) /.test(line))).toEqual(['twelve request body: propertyNames: no negative breaks this keyword (not probed)']);
  });
});
