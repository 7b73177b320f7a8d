// The client against a real HTTP server on 127.0.0.1 with injected faults.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createPostpressClient, DEFAULT_BASE_URL, operations, PostpressError, type ClientEvent, type PostpressClientOptions,
} from '../../src/client/index.js';
import { REMEMBERED_CURSORS } from '../../src/client/paginate.js';
import { API_KEY, envelope, json, page, pagedResponder, startServer, type TestServer } from './server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => server.respond((_req, res) => json(res, 200, page(0, 2, null))));

const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };
function makeClient(options: Partial<PostpressClientOptions> = {}) {
  const events: ClientEvent[] = [];
  const client = createPostpressClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY, onEvent: (e) => events.push(e), ...options });
  return { client, events };
}
const q = { account_id: 'acc_1' };

describe('requests and success', () => {
  it('sends the key header and serialised query, and returns ok/200/data', async () => {
    const { client } = makeClient();
    const r = await client.listSentInvitations({ account_id: 'acc 1/é', limit: 250, cursor: 'abc' });
    expect(r.ok && r.status === 200 && r.data.items.map((i) => i.id)).toEqual(['inv_0', 'inv_1']);
    expect(server.requests).toHaveLength(1);
    const seen = server.requests[0]!;
    expect(seen.url.pathname).toBe('/api/v1/users/invite/sent');
    expect(Object.fromEntries(seen.url.searchParams)).toEqual({ account_id: 'acc 1/é', limit: '250', cursor: 'abc' });
    expect(seen.headers['x-api-key']).toBe(API_KEY);
    expect(seen.headers.accept).toBe('application/json');
  });

  it('has one method per operation of the generated table, and the spec server as default base URL', () => {
    const client = createPostpressClient({ apiKey: API_KEY });
    for (const id of Object.keys(operations)) expect(typeof (client as unknown as Record<string, unknown>)[id]).toBe('function');
    const spec = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8'));
    expect(DEFAULT_BASE_URL).toBe(spec.servers[0].url);
  });

  it('exposes the openapi-fetch client as raw, with the same base URL and key', async () => {
    const { client } = makeClient();
    const { data } = await client.raw.GET('/users/invite/sent', { params: { query: q } });
    expect(data?.items).toHaveLength(2);
    expect(server.requests[0]!.headers['x-api-key']).toBe(API_KEY);
  });

  it('rejects a bad configuration at construction', () => {
    expect(() => createPostpressClient({ apiKey: '' })).toThrow(TypeError);
    expect(() => createPostpressClient({ apiKey: 'a\nb' })).toThrow(/visible ASCII/);
    expect(() => createPostpressClient({ apiKey: 'k', timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createPostpressClient({ apiKey: 'k', retry: { maxRetries: -1 } })).toThrow(/maxRetries/);
  });
});

describe('input checks from the parameter schemas, before sending', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['limit 0', { ...q, limit: 0 }, /"limit" must be >= 1/],
    ['limit 251', { ...q, limit: 251 }, /"limit" must be <= 250/],
    ['limit 1.5', { ...q, limit: 1.5 }, /"limit" must be of type integer/],
    ['limit as string', { ...q, limit: '10' }, /"limit" must be of type integer/],
    ['empty account_id', { account_id: '' }, /"account_id" must have at least 1/],
    ['missing account_id', {}, /"account_id" is required/],
    ['empty cursor', { ...q, cursor: '' }, /"cursor" must have at least 1/],
    ['cursor too long', { ...q, cursor: 'x'.repeat(4097) }, /"cursor" must have at most 4096/],
    ['unknown parameter', { ...q, accountId: 'x' }, /unknown parameter "accountId"/],
    ['no parameters', undefined, /"account_id" is required/],
  ];
  it.each(cases)('%s gives client/invalid_input and sends nothing', async (_name, params, detail) => {
    const { client, events } = makeClient();
    const r = await client.listSentInvitations(params as never);
    expect(r.ok).toBe(false);
    if (r.ok || r.status !== 0) throw new Error('expected a client problem');
    expect(r.error).toMatchObject({ type: 'client/invalid_input', title: 'Invalid input', status: 0, attempts: 0 });
    expect(r.error.detail).toMatch(detail);
    expect(server.requests).toHaveLength(0);
    expect(events.map((e) => e.type)).toEqual(['error']);
  });

  it('a bad per-call timeoutMs is client/invalid_input too', async () => {
    const r = await makeClient().client.listSentInvitations(q, { timeoutMs: -1 });
    expect(r).toMatchObject({ status: 0, error: { type: 'client/invalid_input', detail: expect.stringMatching(/timeoutMs/) } });
    expect(server.requests).toHaveLength(0);
  });

  it('accepts the bounds 1 and 250 and a 4096-character cursor', async () => {
    const { client } = makeClient();
    for (const params of [{ ...q, limit: 1 }, { ...q, limit: 250 }, { ...q, cursor: 'x'.repeat(4096) }]) {
      expect((await client.listSentInvitations(params)).ok).toBe(true);
    }
  });
});

describe('error statuses', () => {
  it('401: returns the envelope narrowed by status, no retry', async () => {
    server.respond((_req, res) => json(res, 401, envelope(401, 'errors/expired_credentials', { detail: 'reconnect' })));
    const { client, events } = makeClient();
    const r = await client.listSentInvitations(q);
    expect(r).toEqual({ ok: false, status: 401, error: envelope(401, 'errors/expired_credentials', { detail: 'reconnect' }) });
    expect(server.requests).toHaveLength(1);
    expect(events.map((e) => e.type)).toEqual(['request', 'response', 'error']);
  });

  it.each([
    [403, 'errors/account_restricted'],
    [501, 'errors/feature_not_implemented'],
    [500, 'errors/unexpected_error'],
    [400, 'errors/invalid_cursor'],
  ])('%i %s is not retried', async (status, type) => {
    server.respond((_req, res) => json(res, status, envelope(status, type), { 'retry-after': '0' }));
    const { client } = makeClient();
    const r = await client.listSentInvitations(q);
    expect(r.ok === false && r.status === status && r.error.type).toBe(type);
    expect(server.requests).toHaveLength(1);
  });

  it('500 errors/provider_error (retryable in the catalog) is retried', async () => {
    server.respond((_req, res, n) => (n === 0 ? json(res, 500, envelope(500, 'errors/provider_error')) : json(res, 200, page(0, 1, null))));
    const { client, events } = makeClient();
    expect((await client.listSentInvitations(q)).ok).toBe(true);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: 'status 500 errors/provider_error', attempt: 1 });
  });

  it('an HTML 502 from a proxy is client/invalid_response with httpStatus, not undefined', async () => {
    server.respond((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const { client } = makeClient();
    const r = await client.listSentInvitations(q);
    expect(r).toMatchObject({ ok: false, status: 0, error: { type: 'client/invalid_response', httpStatus: 502, attempts: 1 } });
    expect(server.requests).toHaveLength(1);
  });

  it('an empty error body is client/invalid_response', async () => {
    server.respond((_req, res) => res.writeHead(500).end());
    const r = await makeClient().client.listSentInvitations(q);
    expect(r).toMatchObject({ ok: false, status: 0, error: { type: 'client/invalid_response', httpStatus: 500 } });
  });

  it('an error body with an undocumented type or wrong status is client/invalid_response', async () => {
    const { client } = makeClient();
    server.respond((_req, res) => json(res, 401, envelope(401, 'errors/made_up')));
    expect(await client.listSentInvitations(q)).toMatchObject({ status: 0, error: { type: 'client/invalid_response', httpStatus: 401 } });
    server.respond((_req, res) => json(res, 401, envelope(403, 'errors/account_restricted')));
    expect(await client.listSentInvitations(q)).toMatchObject({ status: 0, error: { type: 'client/invalid_response', httpStatus: 401 } });
  });

  it('truncated JSON in a 200 is client/invalid_response, not retried', async () => {
    server.respond((_req, res) => {
      const text = JSON.stringify(page(0, 3, null)).slice(0, 120);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
    const r = await makeClient().client.listSentInvitations(q);
    expect(r).toMatchObject({ ok: false, status: 0, error: { type: 'client/invalid_response', httpStatus: 200 } });
    expect(server.requests).toHaveLength(1);
  });

  it('a 200 without the items array is client/invalid_response', async () => {
    server.respond((_req, res) => json(res, 200, { object: 'InvitationList', cursor: null }));
    expect(await makeClient().client.listSentInvitations(q)).toMatchObject({ status: 0, error: { type: 'client/invalid_response' } });
  });

  it('a status the operation does not document is client/invalid_response, not retried', async () => {
    server.respond((_req, res) => json(res, 404, envelope(404, 'errors/not_found'), { 'retry-after': '0' }));
    const r = await makeClient().client.listSentInvitations(q);
    expect(r).toMatchObject({ ok: false, status: 0, error: { type: 'client/invalid_response', httpStatus: 404, detail: expect.stringMatching(/status 404 is not documented/) } });
    expect(server.requests).toHaveLength(1);
  });
});

describe('retries', () => {
  it('429 with Retry-After: 1 waits one second, then succeeds', async () => {
    server.respond((_req, res, n) => (n === 0 ? json(res, 429, envelope(429, 'errors/too_many_requests'), { 'retry-after': '1' }) : json(res, 200, page(0, 1, null))));
    const { client, events } = makeClient();
    const started = performance.now();
    const r = await client.listSentInvitations(q);
    expect(r.ok).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ delayMs: 1000, reason: 'status 429 errors/too_many_requests' });
  });

  it('429 with Retry-After as an HTTP-date waits until that date', async () => {
    // An HTTP-date has whole seconds: two seconds past the current whole one is 1-2 s away. The
    // bounds come from the times the test saw, not from how fast the machine is.
    let sentAt = 0;
    let date = 0;
    server.respond((_req, res, n) => {
      if (n > 0) return json(res, 200, page(0, 1, null));
      sentAt = Date.now();
      date = (Math.floor(sentAt / 1000) + 2) * 1000;
      json(res, 429, envelope(429, 'errors/too_many_requests'), { 'retry-after': new Date(date).toUTCString() });
    });
    let announcedAt = 0;
    const events: ClientEvent[] = [];
    const { client } = makeClient({
      onEvent: (e) => {
        if (e.type === 'retry') announcedAt = Date.now();
        events.push(e);
      },
    });
    const r = await client.listSentInvitations(q);
    expect(r.ok).toBe(true);
    const retry = events.find((e) => e.type === 'retry');
    const delayMs = retry?.type === 'retry' ? retry.delayMs : Number.NaN;
    // The client read the date after the server sent it and before it announced the retry.
    expect(date - sentAt).toBeGreaterThan(1000);
    expect(delayMs).toBeLessThanOrEqual(date - sentAt);
    expect(delayMs).toBeGreaterThanOrEqual(date - announcedAt);
  });

  it('a Retry-After beyond maxRetryAfterMs or the deadline is not waited for', async () => {
    server.respond((_req, res) => json(res, 503, envelope(503, 'errors/no_channel'), { 'retry-after': '3' }));
    const started = performance.now();
    const capped = await makeClient({ retry: { maxRetryAfterMs: 2000 } }).client.listSentInvitations(q);
    const tight = await makeClient({ timeoutMs: 1000 }).client.listSentInvitations(q);
    expect(capped.status).toBe(503);
    expect(tight.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(2000); // waiting would take 3 s each
  });

  it('503 then 200 succeeds with a retry event', async () => {
    server.respond((_req, res, n) => (n === 0 ? json(res, 503, envelope(503, 'errors/service_unavailable')) : json(res, 200, page(0, 1, null))));
    const { client, events } = makeClient();
    expect((await client.listSentInvitations(q)).ok).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['request', 'response', 'retry', 'request', 'response']);
  });

  it('504 three times then 200: succeeds with the default 3 retries, fails with 2', async () => {
    server.respond((_req, res, n) => (n < 3 ? json(res, 504, envelope(504, 'errors/request_timeout')) : json(res, 200, page(0, 1, null))));
    expect((await makeClient().client.listSentInvitations(q)).ok).toBe(true);
    expect(server.requests).toHaveLength(4);
    server.respond((_req, res, n) => (n < 3 ? json(res, 504, envelope(504, 'errors/request_timeout')) : json(res, 200, page(0, 1, null))));
    const r = await makeClient({ retry: { ...FAST_RETRY, maxRetries: 2 } }).client.listSentInvitations(q);
    expect(r.ok === false && r.status === 504 && r.error.type).toBe('errors/request_timeout');
    expect(server.requests).toHaveLength(3);
  });

  it('a 503 with an HTML body is still retried (by status)', async () => {
    server.respond((_req, res, n) => (n === 0 ? res.writeHead(503, { 'content-type': 'text/html' }).end('<p>down</p>') : json(res, 200, page(0, 1, null))));
    expect((await makeClient().client.listSentInvitations(q)).ok).toBe(true);
  });

  it('a connection reset mid-body is retried; without retries it is client/network_error', async () => {
    const resetOnce = (n: number) => (_req: unknown, res: import('node:http').ServerResponse, i: number) => {
      if (i >= n) return json(res, 200, page(0, 1, null));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 5000 });
      res.write('{"object":"InvitationList","items":[');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    server.respond(resetOnce(1));
    const { client, events } = makeClient();
    expect((await client.listSentInvitations(q)).ok).toBe(true);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: 'network_error' });
    server.respond(resetOnce(1));
    const r = await makeClient({ retry: false }).client.listSentInvitations(q);
    expect(r).toMatchObject({ ok: false, status: 0, error: { type: 'client/network_error', attempts: 1 } });
  });

  it('a refused connection is client/network_error after the retries', async () => {
    const closed = await startServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const { client, events } = makeClient({ baseUrl });
    const r = await client.listSentInvitations(q);
    expect(r).toMatchObject({ ok: false, status: 0, error: { type: 'client/network_error', attempts: 4 } });
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(3);
  });

  it('backoff waits stay within [0, min(cap, base * 2^n))', async () => {
    server.respond((_req, res) => json(res, 503, envelope(503, 'errors/no_handler')));
    const { client, events } = makeClient({ retry: { baseDelayMs: 10, maxDelayMs: 25, maxRetries: 4 } });
    await client.listSentInvitations(q);
    const delays = events.flatMap((e) => (e.type === 'retry' ? [e.delayMs] : []));
    expect(delays).toHaveLength(4);
    delays.forEach((d, n) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(Math.min(25, 10 * 2 ** n));
    });
  });
});

describe('deadlines and abort', () => {
  it('the built-in 30 s deadline returns client/timeout on time, sends no signal, and drains the late response', async () => {
    let late: import('node:http').ServerResponse | undefined;
    let socket: import('node:net').Socket | undefined;
    server.respond((req, res) => {
      late = res;
      socket = req.socket;
    });
    // Larger than the socket buffers: unread, the server could not finish writing it.
    const release = () => json(late!, 200, { ...page(0, 1, null), padding: 'x'.repeat(8 * 2 ** 20) });
    const inits: Array<RequestInit | undefined> = [];
    const spyFetch: typeof fetch = (input, init) => {
      inits.push(init);
      return fetch(input, init);
    };
    const { client } = makeClient({ fetch: spyFetch });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let result: Awaited<ReturnType<typeof client.listSentInvitations>> | undefined;
    try {
      const pending = client.listSentInvitations(q).then((r) => (result = r));
      while (server.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(29_000);
      expect(result).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1_000);
      await pending;
    } finally {
      vi.useRealTimers();
    }
    expect(result).toMatchObject({ ok: false, status: 0, error: { type: 'client/timeout', attempts: 1 } });
    expect(inits[0]?.signal).toBeUndefined();
    // This request's own socket, not the server-wide count (an earlier test's abandoned request
    // may still be counted when the order is shuffled).
    expect(socket!.destroyed).toBe(false);
    release();
    await new Promise((resolve) => {
      late!.once('finish', resolve);
      setTimeout(resolve, 2000);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(late!.writableFinished).toBe(true); // read to the end...
    expect(socket!.destroyed).toBe(false); // ...not cut off: the connection stays usable
  });

  it('a response slower than timeoutMs gives client/timeout and abandons the request', async () => {
    server.respond((_req, res) => setTimeout(() => json(res, 200, page(0, 1, null)), 2000).unref());
    const { client } = makeClient({ timeoutMs: 150 });
    const started = performance.now();
    const r = await client.listSentInvitations(q);
    expect(r).toMatchObject({ ok: false, status: 0, error: { type: 'client/timeout', attempts: 1 } });
    expect(performance.now() - started).toBeLessThan(2000); // the response would take 2 s
    for (let i = 0; i < 100 && server.abandoned < server.requests.length; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.abandoned).toBe(server.requests.length); // every request the server saw was cut off
  });

  it('the per-call timeoutMs overrides the client one', async () => {
    server.respond((_req, res) => setTimeout(() => json(res, 200, page(0, 1, null)), 300).unref());
    const { client } = makeClient({ timeoutMs: 50 });
    expect((await client.listSentInvitations(q, { timeoutMs: 2000 })).ok).toBe(true);
  });

  it('timeoutMs bounds the whole call including retries', async () => {
    server.respond((_req, res) => json(res, 503, envelope(503, 'errors/no_channel')));
    const { client } = makeClient({ timeoutMs: 300, retry: { baseDelayMs: 40, maxDelayMs: 40, maxRetries: 1000 } });
    const started = performance.now();
    const r = await client.listSentInvitations(q);
    expect(performance.now() - started).toBeLessThan(10_000); // without the deadline: 1000 retries of 20 ms on average
    expect(r.ok === false && (r.status === 503 || r.error.type === 'client/timeout')).toBe(true);
    // However many attempts fitted in 300 ms on this machine, the call stopped well before 1000.
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('aborting during a retry wait returns at once with client/aborted', async () => {
    server.respond((_req, res) => json(res, 503, envelope(503, 'errors/no_client_session'), { 'retry-after': '5' }));
    const { client } = makeClient();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const r = await client.listSentInvitations(q, { signal: controller.signal });
    expect(performance.now() - started).toBeLessThan(2000); // the wait was 5 s
    expect(r).toMatchObject({ ok: false, status: 0, error: { type: 'client/aborted', attempts: 1 } });
  });

  it('an already aborted signal sends nothing', async () => {
    const r = await makeClient().client.listSentInvitations(q, { signal: AbortSignal.abort() });
    expect(r).toMatchObject({ status: 0, error: { type: 'client/aborted', attempts: 0 } });
    expect(server.requests).toHaveLength(0);
  });

  it('timeoutMs: Infinity sends no signal, yet a caller signal still aborts', async () => {
    const seenSignals: Array<AbortSignal | null | undefined> = [];
    const spyFetch = ((url: string, init: RequestInit) => {
      seenSignals.push(init.signal);
      return fetch(url, init);
    }) as typeof fetch;
    const { client } = makeClient({ fetch: spyFetch, timeoutMs: Infinity });
    expect((await client.listSentInvitations(q)).ok).toBe(true);
    expect(seenSignals).toEqual([undefined]);
    server.respond((_req, res) => setTimeout(() => json(res, 200, page(0, 1, null)), 2000).unref());
    const r = await client.listSentInvitations(q, { signal: AbortSignal.timeout(100) });
    expect(r).toMatchObject({ status: 0, error: { type: 'client/aborted' } });
    expect(seenSignals[1]).toBeInstanceOf(AbortSignal);
  });

  it('a fetch that ignores its signal still cannot make the call hang', async () => {
    const deafFetch = (() => new Promise<Response>(() => {})) as typeof fetch;
    const r = await makeClient({ fetch: deafFetch, timeoutMs: 100 }).client.listSentInvitations(q);
    expect(r).toMatchObject({ status: 0, error: { type: 'client/timeout' } });
  });
});

describe('pagination', () => {
  it('iterates the items of 10 pages, then stops at cursor null', async () => {
    server.respond(pagedResponder(10, 7));
    const { client } = makeClient();
    const ids: string[] = [];
    for await (const inv of client.paginate('listSentInvitations', { ...q, limit: 7 })) ids.push(inv.id);
    expect(ids).toEqual(Array.from({ length: 70 }, (_, i) => `inv_${i}`));
    expect(server.requests.map((r) => r.url.searchParams.get('cursor'))).toEqual([null, 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    expect(server.requests.every((r) => r.url.searchParams.get('limit') === '7')).toBe(true);
  });

  it('pages() yields each page body', async () => {
    server.respond(pagedResponder(10, 3));
    const cursors: Array<string | null> = [];
    for await (const p of await makeClient().client.paginate('listSentInvitations', q).pages()) cursors.push(p.cursor);
    expect(cursors).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', null]);
  });

  it('makes no request after the caller breaks out', async () => {
    server.respond(pagedResponder(10, 3));
    for await (const inv of makeClient().client.paginate('listSentInvitations', q)) {
      expect(inv.id).toBe('inv_0');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests).toHaveLength(1);
  });

  it('stops with client/repeated_cursor when a cursor comes back', async () => {
    server.respond((req, res) => {
      const cursor = new URL(req.url ?? '/', 'http://x').searchParams.get('cursor');
      json(res, 200, page(0, 1, cursor === 'b' ? 'a' : cursor === 'a' ? 'b' : 'a'));
    });
    const error = await (async () => {
      for await (const _ of makeClient().client.paginate('listSentInvitations', q)) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostpressError);
    expect(error).toMatchObject({ status: 0, type: 'client/repeated_cursor' });
    expect(server.requests).toHaveLength(3);
  });

  it('throws a PostpressError carrying the failed result', async () => {
    server.respond((req, res) => (req.url?.includes('cursor') ? json(res, 401, envelope(401, 'errors/invalid_credentials')) : json(res, 200, page(0, 1, 'c1'))));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const inv of makeClient().client.paginate('listSentInvitations', q)) seen.push(inv.id);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['inv_0']);
    expect(error).toMatchObject({ name: 'PostpressError', status: 401, type: 'errors/invalid_credentials', error: { status: 401 } });
  });

  it('the signal cancels pagination', async () => {
    server.respond(pagedResponder(1000, 2));
    const controller = new AbortController();
    let count = 0;
    const error = await (async () => {
      for await (const _ of makeClient().client.paginate('listSentInvitations', q, { signal: controller.signal })) {
        if (++count === 5) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'client/aborted' });
    expect(count).toBe(5); // the 6th item, already in memory, is not yielded
    expect(server.requests).toHaveLength(3);
  });

  it(`remembers the last ${REMEMBERED_CURSORS} cursors: a cycle that long is still caught`, async () => {
    let requests = 0;
    const cycleFetch = (async (url: string) => {
      requests++;
      const k = Number(new URL(url).searchParams.get('cursor')?.slice(1) ?? 0);
      return new Response(JSON.stringify(page(0, 0, `c${(k % REMEMBERED_CURSORS) + 1}`)), { status: 200 });
    }) as typeof fetch;
    const error = await (async () => {
      for await (const _ of makeClient({ fetch: cycleFetch }).client.paginate('listSentInvitations', q).pages()) void _;
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'client/repeated_cursor' });
    expect(requests).toBe(REMEMBERED_CURSORS + 1); // c1 .. c1000, then c1000 points back at c1
  });

  it('timeoutMs bounds each page request, not the whole walk', async () => {
    const slowPages = (ms: (k: number) => number) => server.respond((req, res) => {
      const k = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('cursor')?.slice(1) ?? 0);
      setTimeout(() => json(res, 200, page(k, 1, k < 2 ? `c${k + 1}` : null)), ms(k)).unref();
    });
    slowPages(() => 100);
    const ids: string[] = [];
    const started = performance.now();
    for await (const inv of makeClient().client.paginate('listSentInvitations', q, { timeoutMs: 250 })) ids.push(inv.id);
    expect(ids).toEqual(['inv_0', 'inv_1', 'inv_2']);
    expect(performance.now() - started).toBeGreaterThan(250); // the walk outlasted timeoutMs
    slowPages((k) => (k === 1 ? 2000 : 0));
    const error = await (async () => {
      for await (const _ of makeClient().client.paginate('listSentInvitations', q, { timeoutMs: 250 })) void _;
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PostpressError', status: 0, type: 'client/timeout' });
  });

  it('rejects an operation without pagination', () => {
    const client = makeClient().client as unknown as { paginate(op: string, p: object): unknown };
    expect(() => client.paginate('nope', q)).toThrow(TypeError);
  });
});

describe('events', () => {
  it('a failing onEvent does not fail the call', async () => {
    const client = createPostpressClient({ apiKey: API_KEY, baseUrl: server.baseUrl, onEvent: () => { throw new Error('logger down'); } });
    expect((await client.listSentInvitations(q)).ok).toBe(true);
  });

  it('reports request and response with attempt, status and duration', async () => {
    const { client, events } = makeClient();
    await client.listSentInvitations(q);
    expect(events).toEqual([
      { type: 'request', operationId: 'listSentInvitations', method: 'GET', url: `${server.baseUrl}/users/invite/sent?account_id=acc_1`, attempt: 1 },
      expect.objectContaining({ type: 'response', status: 200, attempt: 1, durationMs: expect.any(Number) }),
    ]);
  });
});
