// The client against the project's mock server (src/mock), started for real on 127.0.0.1: the
// two read the same spec, so they must agree on pagination, errors and parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostpressClient } from '../../src/client/index.js';
import { MOCK_ACCOUNTS, MOCK_ACCOUNT_SIZES, startMockServer, type RunningMock } from '../../src/mock/index.js';

const API_KEY = 'pp_test_client_vs_mock';
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMockServer({ apiKey: API_KEY, seed: 7 });
});
afterAll(() => mock.close());

describe('client against the mock', () => {
  it('paginates the large account: every item once, in pages of at most 250', async () => {
    const client = createPostpressClient({ apiKey: API_KEY, baseUrl: mock.url });
    const ids = new Set<string>();
    let pages = 0;
    for await (const page of client.paginate('listSentInvitations', { account_id: MOCK_ACCOUNTS.large, limit: 250 }).pages()) {
      pages++;
      expect(page.items.length).toBeLessThanOrEqual(250);
      for (const inv of page.items) ids.add(inv.id);
    }
    expect(ids.size).toBe(MOCK_ACCOUNT_SIZES[MOCK_ACCOUNTS.large]);
    expect(pages).toBe(Math.ceil(ids.size / 250));
  });

  it('gets typed errors: wrong key 401, tampered cursor 400, forced 503 retried then returned', async () => {
    const wrongKey = createPostpressClient({ apiKey: 'pp_wrong', baseUrl: mock.url });
    const r401 = await wrongKey.listSentInvitations({ account_id: MOCK_ACCOUNTS.small });
    expect(r401.status === 401 && r401.error.type).toBe('errors/invalid_credentials');

    const client = createPostpressClient({ apiKey: API_KEY, baseUrl: mock.url });
    const r400 = await client.listSentInvitations({ account_id: MOCK_ACCOUNTS.small, cursor: 'not-a-cursor' });
    expect(r400.status === 400 && r400.error.type).toBe('errors/invalid_cursor');

    let requests = 0;
    const preferring = createPostpressClient({
      apiKey: API_KEY, baseUrl: mock.url, retry: { maxRetries: 1 },
      fetch: (url, init) => {
        requests++;
        return fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), Prefer: 'code=503, type=errors/no_channel' } });
      },
    });
    const r503 = await preferring.listSentInvitations({ account_id: MOCK_ACCOUNTS.small });
    expect(r503.status === 503 && r503.error.type).toBe('errors/no_channel');
    expect(requests).toBe(2); // one retry after the mock's Retry-After: 1
  });
});
