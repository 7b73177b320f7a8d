// Runs the kit against the mock serving the grown fixture spec (closed after the file's tests).
import { afterAll } from 'vitest';
import { startMock, type ReplyTransform } from '../../src/mock/index.js';
import { runContract, type ContractOptions } from '../../src/contract/index.js';

export const GROWN_SPEC = 'test/fixtures/grown/openapi/openapi.yaml';
const running: Array<{ close(): Promise<void> }> = [];
afterAll(() => Promise.all(running.map((m) => m.close())));

export async function runGrown(transform?: ReplyTransform, options: Partial<ContractOptions> = {}) {
  const mock = await startMock({ spec: GROWN_SPEC, ...(transform ? { transform } : {}) });
  running.push(mock);
  return runContract({ spec: GROWN_SPEC, baseUrl: mock.url, apiKey: 'pp_test_mock_key', seed: 20261202, rate: 0, allowUnsafe: true, propertyRuns: 6, maxPages: 4, maxRequests: 1500, ...options });
}

