// Safe against someone else's server: request budget, concurrency and rate limits, honouring 429,
// read-only operations only unless allowed; and property runs replayable from their seed.
import { afterAll, describe, expect, test } from 'vitest';
import { MOCK_ACCOUNTS, MOCK_API_KEY, startMockServer, type MockOptions } from '../../src/mock/index.js';
import { defaultSpec, kitSpecOf, runContract, type ContractOptions } from '../../src/contract/index.js';

const running: Array<{ close(): Promise<void> }> = [];
afterAll(() => Promise.all(running.map((m) => m.close())));

async function target(options: MockOptions = {}) {
  const mock = await startMockServer(options);
  running.push(mock);
  return mock;
}
const base = (url: string): ContractOptions => ({ baseUrl: url, apiKey: MOCK_API_KEY, parameters: { account_id: MOCK_ACCOUNTS.small! }, seed: 9, rate: 0 });

describe('limits', () => {
  test('the request budget caps what the server receives; what it left unexercised makes the verdict inconclusive, never a crash', async () => {
    let received = 0;
    const mock = await target({ transform: (x) => { received++; return x.reply; } });
    for (const maxRequests of [1, 15]) {
      received = 0;
      const report = await runContract({ ...base(mock.url), maxRequests });
      expect(received).toBeLessThanOrEqual(maxRequests);
      expect(report.requests).toBe(received);
      expect(report.outcomes.some((o) => o.status === 'not-exercised' && o.kind === 'budget' && /request budget/.test(o.note ?? ''))).toBe(true);
      expect(report.findings).toEqual([]);
      expect(report.verdict).toBe('inconclusive');
      expect(report.conforming).toBe(false);
    }
  });

  test('no more requests in flight than --concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const mock = await target({ transform: async (x) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return x.reply;
    } });
    const report = await runContract({ ...base(mock.url), concurrency: 2, maxRequests: 40 });
    expect(report.requests).toBeLessThanOrEqual(40);
    expect(peak).toBe(2);
  });

  test('requests are spaced by --rate', async () => {
    const times: number[] = [];
    const mock = await target({ transform: (x) => { times.push(performance.now()); return x.reply; } });
    await runContract({ ...base(mock.url), rate: 50, maxRequests: 11 });
    expect(times.length).toBe(11);
    // 11 requests at 50/s: the last leaves 10 intervals of 20 ms after the first (unpaced: a few ms).
    // Arrival times at the server, so allow for the first request's connection set-up.
    expect(times[10]! - times[0]!).toBeGreaterThanOrEqual(150);
  });

  test('a 429 with a short Retry-After is waited out and retried, not reported', async () => {
    let served = 0;
    const throttled = new Set<string>();
    const mock = await target({ transform: (x) => {
      served++;
      // Each distinct request is refused once with a 429.
      if (throttled.has(x.url.href)) return x.reply;
      throttled.add(x.url.href);
      return { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '0' }, body: JSON.stringify({ title: 'Too Many Requests', type: 'errors/too_many_requests', status: 429 }) };
    } });
    const report = await runContract({ ...base(mock.url), maxRequests: 120, propertyRuns: 20 });
    expect(report.findings).toEqual([]);
    expect(served).toBe(report.requests);
    expect(served).toBeGreaterThanOrEqual(2 * throttled.size);
  });
});

describe('read-only by default', () => {
  const unsafe = () => {
    const document = structuredClone(defaultSpec().document);
    const item = document.paths['/users/invite/sent'];
    item.post = { ...item.get, operationId: 'writeSomething' };
    delete item.get;
    return kitSpecOf(document, 'unsafe.json');
  };

  test('an operation that is not read-only is not exercised, with the reason, and gets no request; the verdict is inconclusive', async () => {
    let requests = 0;
    const spy: typeof fetch = async () => { requests++; throw new Error('no request expected'); };
    const report = await runContract({ baseUrl: 'http://127.0.0.1:9/api/v1', apiKey: 'k', spec: unsafe(), fetch: spy });
    expect(requests).toBe(0);
    expect(report.outcomes.every((o) => o.status === 'not-exercised' && /not read-only; pass --allow-unsafe/.test(o.note ?? ''))).toBe(true);
    expect(report.verdict).toBe('inconclusive');
    expect(report.coverage.operations).toMatchObject([{ operationId: 'writeSomething', tested: false }]);
  });
});

describe('parameter constraints the kit derives no negative from', () => {
  test('are named as not probed, not passed over in silence', async () => {
    const document = structuredClone(defaultSpec().document);
    document.components.parameters.AccountId.schema.not = { const: 'x' };
    const mock = await target();
    const report = await runContract({ ...base(mock.url), spec: kitSpecOf(document, 'edited.json'), propertyRuns: 0 });
    expect(report.notTested).toContain('listSentInvitations parameter account_id (query): not: no negative breaks this keyword (not probed)');
    const plain = await runContract({ ...base(mock.url), propertyRuns: 0 });
    expect(plain.notTested).toEqual([]);
  });
});

describe('property-based requests', () => {
  const mutant: MockOptions['transform'] = (x) => (Number(x.url.searchParams.get('limit')) > 1000 ? x.respondAs({ query: { limit: undefined } }) : x.reply);

  test('replay from the printed seed: same seed, same counterexample', async () => {
    const mock = await target({ transform: mutant });
    const first = await runContract({ ...base(mock.url), seed: 4242, propertyRuns: 60 });
    const again = await runContract({ ...base(mock.url), seed: 4242, propertyRuns: 60 });
    const counterexample = (r: typeof first) => r.findings.filter((f) => f.check === 'property.invalid-requests').map((f) => [f.request?.url, f.message]);
    expect(counterexample(first).length).toBe(1);
    expect(counterexample(again)).toEqual(counterexample(first));
    expect(counterexample(first)[0]![1]).toMatch(/fast-check seed 4242, path [\d:]+; replay with --seed 4242/);
    expect(first.replay).toContain('--seed 4242');
  });

  test('shrinking finds a small counterexample: the smallest limit above 1000', async () => {
    const mock = await target({ transform: mutant });
    const report = await runContract({ ...base(mock.url), seed: 4242, propertyRuns: 60 });
    const finding = report.findings.find((f) => f.check === 'property.invalid-requests')!;
    expect(new URL(finding.request!.url).searchParams.get('limit')).toBe('1001');
  });

  test('stay within --max-requests, shrinking included', async () => {
    let received = 0;
    const mock = await target({ transform: (x) => { received++; return mutant(x); } });
    const report = await runContract({ ...base(mock.url), maxRequests: 45, propertyRuns: 100 });
    expect(received).toBeLessThanOrEqual(45);
    expect(report.requests).toBeLessThanOrEqual(45);
  });
});
