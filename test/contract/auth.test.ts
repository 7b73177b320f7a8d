// The authentication probes (src/contract/probes/negatives.ts) against a node:http server on
// 127.0.0.1 that checks an API key in a header, a query parameter and a cookie, a bearer token and
// a basic credential: what each probe sends, and which server habit each catches.
import { createServer, type IncomingMessage } from 'node:http';
import { describe, expect, test } from 'vitest';
import { kitSpecOf, runContract, type ContractReport } from '../../src/contract/index.js';
import { serveForFile } from './serve-for-file.js';

const CREDENTIALS = { headerKey: 'key_abc123', queryKey: 'qk_789', cookieKey: 'ck_456', bearer: 'tok_1', basic: 'user:pw' };
const SCHEMES = {
  headerKey: { type: 'apiKey', in: 'header', name: 'X-Key' },
  queryKey: { type: 'apiKey', in: 'query', name: 'key' },
  cookieKey: { type: 'apiKey', in: 'cookie', name: 'sid' },
  bearer: { type: 'http', scheme: 'bearer' },
  basic: { type: 'http', scheme: 'basic' },
};
type Scheme = keyof typeof SCHEMES;
const problem = { description: 'Refused.', content: { 'application/json': { schema: { type: 'object' } } } };
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Locks', version: '1.0.0' },
  components: { securitySchemes: SCHEMES },
  paths: Object.fromEntries(Object.keys(SCHEMES).map((scheme) => [`/${scheme}`, {
    get: { operationId: `get_${scheme}`, security: [{ [scheme]: [] }], responses: { '200': { description: 'OK.', content: { 'application/json': { schema: { type: 'object' } } } }, '401': problem } },
  }])),
};

/** The credential a request presents for a scheme, as the server reads it. */
function presented(scheme: Scheme, req: IncomingMessage, url: URL): string | undefined {
  const authorization = req.headers.authorization;
  switch (scheme) {
    case 'headerKey': return req.headers['x-key'] as string | undefined;
    case 'queryKey': return url.searchParams.get('key') ?? undefined;
    case 'cookieKey': return (req.headers.cookie ?? '').split('; ').find((c) => c.startsWith('sid='))?.slice(4);
    case 'bearer': return authorization;
    case 'basic': return authorization;
  }
}
const EXPECTED: Record<Scheme, string> = { ...CREDENTIALS, bearer: `Bearer ${CREDENTIALS.bearer}`, basic: `Basic ${Buffer.from(CREDENTIALS.basic).toString('base64')}` };

/** A different server: accepts a request whose credential it would refuse, given what it presents. */
let lenient: (scheme: Scheme, credential: string | undefined) => boolean = () => false;
const received: Array<[Scheme, string | undefined]> = [];
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const scheme = url.pathname.slice(1) as Scheme;
  const credential = presented(scheme, req, url);
  received.push([scheme, credential]);
  const ok = credential === EXPECTED[scheme] || lenient(scheme, credential);
  res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? '{}' : '{"type":"unauthorized"}');
});
const baseUrl = serveForFile(server);

async function run(accepting: typeof lenient = () => false): Promise<ContractReport> {
  lenient = accepting;
  received.length = 0;
  return runContract({ spec: kitSpecOf(structuredClone(SPEC), 'locks.json'), baseUrl: baseUrl(), auth: CREDENTIALS, seed: 7, rate: 0, propertyRuns: 0 });
}
const auth = (report: ContractReport) => report.outcomes.filter((o) => o.check.startsWith('auth.')).map((o) => [o.operationId, o.check, o.subject, o.status]);

describe('auth probes', () => {
  test('each scheme: no credentials, a malformed one and a well-formed wrong one, all refused by a faithful server', async () => {
    const report = await run();
    expect(auth(report)).toEqual([
      ['get_basic', 'auth.missing-key', 'no credentials', 'passed'],
      ['get_basic', 'auth.malformed-key', 'basic (basic): Basic <not base64>', 'passed'],
      ['get_basic', 'auth.wrong-key', 'basic (basic): <a well-formed wrong credential>', 'passed'],
      ['get_bearer', 'auth.missing-key', 'no credentials', 'passed'],
      ['get_bearer', 'auth.malformed-key', 'bearer (bearer): <token without Bearer>', 'passed'],
      ['get_bearer', 'auth.wrong-key', 'bearer (bearer): <a well-formed wrong credential>', 'passed'],
      ['get_cookieKey', 'auth.missing-key', 'no credentials', 'passed'],
      ['get_cookieKey', 'auth.malformed-key', 'sid (cookieKey): Bearer <key>', 'passed'],
      ['get_cookieKey', 'auth.wrong-key', 'sid (cookieKey): <a well-formed wrong key>', 'passed'],
      ['get_headerKey', 'auth.missing-key', 'no credentials', 'passed'],
      ['get_headerKey', 'auth.malformed-key', 'X-Key (headerKey): Bearer <key>', 'passed'],
      ['get_headerKey', 'auth.wrong-key', 'X-Key (headerKey): <a well-formed wrong key>', 'passed'],
      ['get_queryKey', 'auth.missing-key', 'no credentials', 'passed'],
      ['get_queryKey', 'auth.malformed-key', 'key (queryKey): Bearer <key>', 'passed'],
      ['get_queryKey', 'auth.wrong-key', 'key (queryKey): <a well-formed wrong key>', 'passed'],
    ]);
    expect(report.findings).toEqual([]);
    // What the server was shown, beyond the right credential.
    const shown = (scheme: Scheme) => [...new Set(received.filter(([s, c]) => s === scheme && c !== EXPECTED[scheme]).map(([, c]) => c))].sort();
    expect(shown('headerKey')).toEqual(['Bearer key_abc123', 'key_000000', undefined]);
    expect(shown('queryKey')).toEqual(['Bearer qk_789', 'qk_000', undefined]);
    expect(shown('cookieKey')).toEqual([encodeURIComponent('Bearer ck_456'), 'ck_000', undefined]);
    expect(shown('bearer')).toEqual(['Bearer tok_0', 'tok_1', undefined]);
    expect(shown('basic')).toEqual([`Basic ${Buffer.from('user:00').toString('base64')}`, 'Basic not-base64!', undefined]);
  });

  const habits: Array<[string, typeof lenient, string]> = [
    ['accepts no credentials', (_s, c) => c === undefined, 'auth.missing-key'],
    ['accepts a key with a Bearer prefix', (s, c) => s !== 'bearer' && s !== 'basic' && /^Bearer(%20| )/.test(c ?? ''), 'auth.malformed-key'],
    ['accepts any well-formed key', (s, c) => s !== 'bearer' && s !== 'basic' && /^[a-z]+_0+$/.test(c ?? ''), 'auth.wrong-key'],
  ];
  test.each(habits)('a server that %s fails that probe, for each scheme concerned', async (_name, accepting, check) => {
    const report = await run(accepting);
    const failed = report.outcomes.filter((o) => o.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const outcome of failed) {
      expect(outcome.check).toBe(check);
      expect(outcome.findings[0]!.message).toBe('expected HTTP 401 with a documented type, got HTTP 200');
    }
  });
});
