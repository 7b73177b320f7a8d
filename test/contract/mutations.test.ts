// The self-test: every broken variant of the mock is caught by the check named for it, and the
// faithful mock passes with zero findings.
import { afterAll, describe, expect, test } from 'vitest';
import { MOCK_ACCOUNTS, MOCK_API_KEY, startMockServer, type ReplyTransform } from '../../src/mock/index.js';
import { CHECK_IDS, formatHuman, runContract, type ContractOptions } from '../../src/contract/index.js';
import { MUTANT_MESSAGES } from './mutant-messages.js';
import { MUTANTS } from './mutants.js';

const SEED = 20261127;
const running: Array<{ close(): Promise<void> }> = [];
afterAll(() => Promise.all(running.map((m) => m.close())));

async function runAgainst(transform: ReplyTransform | undefined, options: Partial<ContractOptions> = {}) {
  const mock = await startMockServer(transform ? { transform } : {});
  running.push(mock);
  // The 7-invitation account keeps the suite fast; mutants that need many pages ask for the large one.
  return runContract({ baseUrl: mock.url, apiKey: MOCK_API_KEY, seed: SEED, rate: 0, maxPages: 12, propertyRuns: 20, preferErrors: true, ...options, parameters: { account_id: MOCK_ACCOUNTS.small, ...options.parameters } });
}

describe('the faithful mock', () => {
  test.concurrent.each(['small', 'empty'] as const)('passes with zero findings on the %s account', async (account) => {
    const report = await runAgainst(undefined, { parameters: { account_id: MOCK_ACCOUNTS[account]! } });
    expect(report.findings, formatHuman(report)).toEqual([]);
  });

  test('passes with zero findings on the large account, every check that applies to a read-only spec exercised', async () => {
    const report = await runAgainst(undefined, { parameters: { account_id: MOCK_ACCOUNTS.large } });
    expect(report.findings, formatHuman(report)).toEqual([]);
    expect(report.verdict).toBe('conforming');
    const exercised = new Set(report.outcomes.filter((o) => o.status === 'passed').map((o) => o.check));
    // The bundled spec has one GET: no body, no resource, no enum or pattern parameter, no undocumented read method.
    const notApplicable = ['body.valid', 'body.invalid', 'stateful.created-readable', 'stateful.created-listed', 'stateful.deleted-gone', 'method.not-allowed', 'params.not-in-enum', 'params.pattern-mismatch'];
    expect(CHECK_IDS.filter((id) => !exercised.has(id)).sort()).toEqual(notApplicable.sort());
    expect(report.outcomes.filter((o) => o.status === 'not-exercised' && o.kind !== 'not-applicable' && o.kind !== 'unsafe')).toEqual([]);
    expect(report.requests).toBeLessThanOrEqual(report.maxRequests);
  });
});

describe('mutants', () => {
  test('there are at least 20, and every check that applies to the bundled spec has one', () => {
    expect(Object.keys(MUTANT_MESSAGES).filter((name) => !MUTANTS.some((m) => m.name === name))).toEqual([]);
    expect(MUTANTS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(MUTANTS.map((m) => m.name)).size).toBe(MUTANTS.length);
    const grownOnly = ['body.valid', 'body.invalid', 'stateful.created-readable', 'stateful.created-listed', 'stateful.deleted-gone', 'method.not-allowed', 'params.not-in-enum', 'params.pattern-mismatch'];
    expect(CHECK_IDS.filter((id) => !grownOnly.includes(id) && !MUTANTS.some((m) => m.caughtBy === id))).toEqual([]);
  });

  test.concurrent.each(MUTANTS.map((m) => [m.name, m] as const))('%s is caught', async (_name, mutant) => {
    const report = await runAgainst(mutant.transform, mutant.options);
    const caught = report.outcomes.filter((o) => o.check === mutant.caughtBy && o.status === 'failed');
    expect(caught.length, `${mutant.caughtBy} did not fail:\n${formatHuman(report)}`).toBeGreaterThan(0);
    expect(report.verdict).toBe('violations');
    for (const finding of caught.flatMap((o) => o.findings)) {
      expect(finding.message.length).toBeGreaterThan(0);
      if (finding.request) expect(finding.request.curl).toMatch(/^curl --request GET/);
    }
    const expected = MUTANT_MESSAGES[mutant.name];
    const messages = caught.flatMap((o) => o.findings.map((f) => f.message.replace(/ \(request: .*\)$/, '')));
    const matches = (m: string) => (expected instanceof RegExp ? expected.test(m) : expected!.endsWith(' after ') ? m.startsWith(expected!) : m === expected);
    if (expected !== undefined) expect(messages.some(matches), `${expected}\n in ${messages.join('\n')}`).toBe(true);
  });
});

describe('a parameter finding', () => {
  test('names the rule the request breaks, the status expected and the status got', async () => {
    const mutant = MUTANTS.find((m) => m.name === 'a 500 on limit=0')!;
    const report = await runAgainst(mutant.transform, { propertyRuns: 0 });
    const [finding] = report.outcomes.find((o) => o.check === 'params.below-minimum')!.findings;
    expect(finding).toMatchObject({
      subject: 'limit=0',
      message: 'the request breaks minimum 1: expected HTTP 400 with a documented type, got HTTP 500 errors/unexpected_error',
      schemaPointer: '#/components/parameters/Limit/schema/minimum',
      schemaFragment: { minimum: 1 },
      expected: 400,
      actual: 500,
      status: 500,
    });
    expect(new URL(finding!.request!.url).searchParams.get('limit')).toBe('0');
  });
});

describe('a defect repeated on every item of every page', () => {
  test('is one finding with its count, not one per item', async () => {
    const mutant = MUTANTS.find((m) => m.name === 'a required item field missing')!;
    const report = await runAgainst(mutant.transform, { parameters: { account_id: MOCK_ACCOUNTS.large! }, propertyRuns: 0 });
    const findings = report.findings.filter((f) => f.check === 'response.body-schema');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ pointer: '/items/0/invited_user', keyword: 'required', schemaPointer: '#/components/schemas/InvitationSent/required' });
    // 2 walks of 1,000 items at least, plus the other pages.
    expect(findings[0]!.occurrences).toBeGreaterThan(2000);
  });
});
