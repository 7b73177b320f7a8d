// The kit on a third-party OpenAPI 3.1 spec (test/fixtures/third-party/openapi.yaml: bearer auth,
// application/problem+json errors without enumerated types, a webhook, format: iso-country-code,
// an allOf member with properties but no type) against a hand-written server for it. It starts,
// tests every operation, names what it cannot test or validate, and finds exactly the server's two
// habits (docs/contract.md, "A third-party API").
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatHuman, runContract, type ContractReport } from '../../src/contract/index.js';
import { main, type CliIo } from '../../src/contract/cli.js';
import { startThirdPartyServer, THIRD_PARTY_TOKEN } from './third-party-server.js';

const SPEC = 'test/fixtures/third-party/openapi.yaml';
let server: Awaited<ReturnType<typeof startThirdPartyServer>>;
let report: ContractReport;

beforeAll(async () => {
  server = await startThirdPartyServer();
  report = await runContract({ spec: SPEC, baseUrl: server.url, auth: { bearerAuth: THIRD_PARTY_TOKEN }, seed: 7, rate: 0, allowUnsafe: true, propertyRuns: 10 });
});
afterAll(() => server.close());

describe('a third-party spec and server', () => {
  test('every operation is tested, and what the kit created is deleted', () => {
    expect(report.coverage.operations.map((o) => [o.operationId, o.tested])).toEqual([
      ['getHealth', true], ['listCustomers', true], ['createCustomer', true], ['getCustomer', true], ['deleteCustomer', true],
    ]);
    expect(report.leftovers).toEqual([]);
    expect(server.customers.size).toBe(0);
  });

  test('the webhook and the unknown format are named, not refused', () => {
    expect(report.notTested).toContain('webhook customerCreated: not tested (webhooks are requests the API sends, not requests it answers)');
    expect(report.notTested).toContain('format iso-country-code at #/components/schemas/NewCustomer/allOf/0/properties/country/format: not validated (no validator for it: an annotation)');
  });

  test('finds exactly the server\'s two habits: no 405 for undocumented methods, malformed ids looked up instead of refused', () => {
    const failed = [...new Set(report.outcomes.filter((o) => o.status === 'failed').map((o) => `${o.check} · ${o.operationId}`))].sort();
    expect(failed, formatHuman(report)).toEqual([
      'method.not-allowed · getCustomer',
      'method.not-allowed · getHealth',
      'method.not-allowed · listCustomers',
      'params.pattern-mismatch · deleteCustomer',
      'params.pattern-mismatch · getCustomer',
    ]);
    expect(report.verdict).toBe('violations');
  });

  test('bearer authentication is probed: missing, without its scheme, wrong', () => {
    const auth = report.outcomes.filter((o) => o.check.startsWith('auth.') && o.operationId === 'listCustomers');
    expect(auth.map((o) => [o.check, o.subject, o.status]).sort()).toEqual([
      ['auth.malformed-key', 'bearer (bearerAuth): <token without Bearer>', 'passed'],
      ['auth.missing-key', 'no credentials', 'passed'],
      ['auth.wrong-key', 'bearer (bearerAuth): <a well-formed wrong credential>', 'passed'],
    ]);
    expect(report.outcomes.filter((o) => o.check === 'auth.missing-key' && o.operationId === 'getHealth').map((o) => o.note)).toEqual(['the operation requires no credentials']);
  });

  test('the CLI takes the spec and the credential from the environment, and exits 1 on these findings', async () => {
    const out = { stdout: '', stderr: '' };
    const io: CliIo = { stdout: (t) => { out.stdout += t; }, stderr: (t) => { out.stderr += t; }, env: { POSTPRESS_AUTH_BEARERAUTH: THIRD_PARTY_TOKEN }, progressTty: false };
    const code = await main(['--spec', SPEC, '--base-url', server.url, '--auth', 'bearerAuth', '--seed', '7', '--rate', '0', '--allow-unsafe'], io);
    expect(code, out.stderr).toBe(1);
    expect(out.stdout).not.toContain(THIRD_PARTY_TOKEN);
    expect(out.stdout).toContain('Verdict: VIOLATIONS FOUND (exit 1)');
  });
});
