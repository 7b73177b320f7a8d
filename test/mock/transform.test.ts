// The `transform` hook: what the contract kit's mutants and client tests build broken servers with.
import { afterEach, describe, expect, it } from 'vitest';
import { MOCK_ACCOUNTS, MOCK_API_KEY, startMockServer, type MockExchange, type RunningMock } from '../../src/mock/index.js';
import { specViolations, wireReply } from './spec-conformance.js';

let running: RunningMock | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const query = `account_id=${MOCK_ACCOUNTS.small}&limit=3`;

async function get(server: RunningMock, headers: Record<string, string> = { 'X-API-KEY': MOCK_API_KEY }) {
  return wireReply(await fetch(`${server.url}/users/invite/sent?${query}`, { headers }));
}

describe('transform', () => {
  it('sees the request and the faithful reply, and an identity transform changes nothing', async () => {
    const seen: MockExchange[] = [];
    running = await startMockServer({ transform: (exchange) => (seen.push(exchange), exchange.reply) });
    const plain = await startMockServer();
    try {
      const reply = await get(running);
      const faithful = await get(plain);
      expect(reply.body).toBe(faithful.body);
      expect(reply.status).toBe(200);
      expect(seen[0]?.method).toBe('GET');
      expect(seen[0]?.url.pathname).toBe('/api/v1/users/invite/sent');
      expect(seen[0]?.url.searchParams.get('limit')).toBe('3');
      expect(seen[0]?.headers['x-api-key']).toBe(MOCK_API_KEY);
    } finally {
      await plain.close();
    }
  });

  it('respondAs re-runs the faithful mock with headers or parameters changed', async () => {
    const answers: Array<[number, string]> = [];
    running = await startMockServer({
      async transform(exchange) {
        const withoutKey = await exchange.respondAs({ headers: { 'X-API-KEY': undefined } });
        const limitZero = await exchange.respondAs({ query: { limit: '0' } });
        const noLimit = await exchange.respondAs({ query: { limit: undefined } });
        const preferred = await exchange.respondAs({ headers: { prefer: 'code=503' } });
        for (const r of [withoutKey, limitZero, noLimit, preferred]) answers.push([r.status, JSON.parse(r.body).type ?? JSON.parse(r.body).items.length]);
        return exchange.reply;
      },
    });
    expect((await get(running)).status).toBe(200);
    expect(answers).toEqual([
      [401, 'errors/missing_credentials'],
      [400, 'errors/invalid_parameters'],
      [200, 7],
      [503, 'errors/no_client_session'],
    ]);
  });

  it('lets a transform break auth: a keyless request answered as if it had the key', async () => {
    running = await startMockServer({ transform: (exchange) => exchange.respondAs({ headers: { 'x-api-key': MOCK_API_KEY } }) });
    expect((await get(running, {})).status).toBe(200);
  });

  it('sends a rewritten body with a correct Content-Length, whatever the transform claims', async () => {
    running = await startMockServer({
      transform: (exchange) => ({ status: 200, headers: { 'content-type': 'text/plain', 'Content-Length': '1' }, body: 'héllo wörld' }),
    });
    const response = await fetch(`${running.url}/users/invite/sent?${query}`, { headers: { 'X-API-KEY': MOCK_API_KEY } });
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('héllo wörld')));
    expect(await response.text()).toBe('héllo wörld');
  });

  it('a broken reply made by a transform is caught by the spec check (the check can fail)', async () => {
    running = await startMockServer({
      transform: (exchange) => {
        const body = JSON.parse(exchange.reply.body);
        body.items[0].parsed_datetime = 'yesterday';
        return { ...exchange.reply, body: JSON.stringify(body) };
      },
    });
    expect(specViolations(await get(running))).toEqual(['response.body-schema: /items/0/parsed_datetime must match format "date-time"']);
  });

  it('a transform that throws gets a documented 500 errors/unexpected_error naming the failure', async () => {
    running = await startMockServer({
      transform: () => {
        throw new Error('boom');
      },
    });
    const reply = await get(running);
    expect(specViolations(reply)).toEqual([]);
    expect(JSON.parse(reply.body)).toMatchObject({ status: 500, type: 'errors/unexpected_error' });
    expect(JSON.parse(reply.body).detail).toContain('boom');
  });
});

describe('close', () => {
  it('lets a reply in flight finish, then stops accepting connections', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => {};
    const hasArrived = new Promise<void>((resolve) => (arrived = resolve));
    const server = await startMockServer({ transform: async (exchange) => (arrived(), await held, exchange.reply) });
    const pending = get(server);
    await hasArrived;
    const closed = server.close();
    release();
    const reply = await pending;
    await closed;
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).items).toHaveLength(3);
    await expect(fetch(`${server.url}/users/invite/sent?${query}`)).rejects.toThrow();
  });
});
