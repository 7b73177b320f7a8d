// The client reads its methods from the generated operation table: an operation added to the
// table (as `npm run generate` would) becomes a method at once, and an unsafe (POST) operation
// is never retried.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { envelope, json, startServer, type TestServer } from './server.js';

vi.mock('../../generated/operations.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../generated/operations.js')>();
  const withdraw = {
    operationId: 'withdrawInvitation', method: 'post', path: '/users/invite/{invitation_id}/withdraw', safe: false, summary: 'Withdraw',
    parameters: [
      { name: 'invitation_id', in: 'path', required: true, schema: { type: 'string', minLength: 1 } },
      { name: 'account_id', in: 'query', required: true, schema: { type: 'string', minLength: 1 } },
      { name: 'X-Request-Id', in: 'header', required: false, schema: { type: 'string', minLength: 1 } },
    ],
    successStatus: 200, statuses: [200, 401, 503], pagination: null,
  };
  return { ...original, operations: { ...original.operations, withdrawInvitation: withdraw } };
});

const { createPostpressClient } = await import('../../src/client/index.js');

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

type Withdraw = (params: Record<string, unknown>) => Promise<{ ok: boolean; status: number }>;

describe('a regenerated operation table', () => {
  it('gives a method per new operation, with path and header parameters and input checks', async () => {
    server.respond((_req, res) => json(res, 200, { object: 'Withdrawn' }));
    const client = createPostpressClient({ apiKey: 'k-123', baseUrl: server.baseUrl }) as unknown as { withdrawInvitation: Withdraw };
    expect((await client.withdrawInvitation({ invitation_id: 'inv 1', account_id: 'a' })).ok).toBe(true);
    expect(server.requests[0]!.url.pathname).toBe('/api/v1/users/invite/inv%201/withdraw');
    expect(server.requests[0]!.url.searchParams.get('account_id')).toBe('a');
    expect(server.requests[0]!.headers['x-request-id']).toBeUndefined();
    expect((await client.withdrawInvitation({ invitation_id: 'i', account_id: 'a', 'X-Request-Id': 'req-7' })).ok).toBe(true);
    expect(server.requests[1]!.headers['x-request-id']).toBe('req-7');
    expect(server.requests[1]!.headers['x-api-key']).toBe('k-123');
    expect([...server.requests[1]!.url.searchParams.keys()]).toEqual(['account_id']);
    expect(await client.withdrawInvitation({ account_id: 'a' })).toMatchObject({ status: 0 });
    expect(server.requests).toHaveLength(2);
  });

  it('never retries an unsafe method, even on 503 or a connection reset', async () => {
    const client = createPostpressClient({ apiKey: 'k-123', baseUrl: server.baseUrl, retry: { baseDelayMs: 1 } }) as unknown as { withdrawInvitation: Withdraw };
    server.respond((_req, res) => json(res, 503, envelope(503, 'errors/service_unavailable'), { 'retry-after': '0' }));
    expect(await client.withdrawInvitation({ invitation_id: 'i', account_id: 'a' })).toMatchObject({ ok: false, status: 503 });
    expect(server.requests).toHaveLength(1);
    server.respond((_req, res) => res.socket?.destroy());
    expect(await client.withdrawInvitation({ invitation_id: 'i', account_id: 'a' })).toMatchObject({ status: 0, error: { type: 'client/network_error' } });
    expect(server.requests).toHaveLength(1);
  });
});
