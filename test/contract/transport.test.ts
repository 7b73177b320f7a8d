// The transport on its own, against a node:http server on 127.0.0.1: the URL and request it sends,
// the response it records, the budget, 429 retries, the concurrency cap, timeouts and errors.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { serveForFile } from './serve-for-file.js';
import type { Exchange, ProbeRequest } from '../../src/contract/model.js';
import { BudgetExhausted, describeError, Transport, type TransportOptions } from '../../src/contract/transport.js';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }
const seen: Seen[] = [];
let handler: (req: IncomingMessage, res: ServerResponse, body: string) => void = (_req, res) => res.end();
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    handler(req, res, body);
  });
});
const baseUrl = serveForFile(server);

const request = (over: Partial<ProbeRequest> = {}): ProbeRequest => ({ method: 'get', path: '/things', query: [], headers: {}, ...over });
const transport = (over: Partial<TransportOptions> = {}) => new Transport({ baseUrl: `${baseUrl()}/api`, fetch: globalThis.fetch, maxRequests: 100, rate: 0, concurrency: 4, timeoutMs: 5000, ...over });
const reset = (next: typeof handler) => { seen.length = 0; handler = next; };

describe('the request', () => {
  test('URL: trailing slashes of the base dropped, the query encoded, none without parameters', () => {
    const t = new Transport({ baseUrl: 'http://h:1/api//', fetch: globalThis.fetch, maxRequests: 1, rate: 0, concurrency: 1, timeoutMs: 1 });
    expect(t.url(request({ query: [['a', 'x y&z'], ['a', '2'], ['b', 'é']] }))).toBe('http://h:1/api/things?a=x+y%26z&a=2&b=%C3%A9');
    expect(t.url(request())).toBe('http://h:1/api/things');
  });

  test('method in capitals, headers and body as given; the response recorded with lower-case header names', async () => {
    reset((_req, res) => { res.writeHead(201, { 'X-Thing': 'A', 'Content-Type': 'application/json' }).end('{"ok":true}'); });
    const exchanges: Exchange[] = [];
    const t = transport({ onExchange: (x) => exchanges.push(x) });
    const req = request({ method: 'post', query: [['q', '1']], headers: { 'content-type': 'application/json', 'x-api-key': 'k' }, body: '{"a":1}' });
    const before = performance.now();
    const exchange = await t.send(req);
    expect(seen).toEqual([{ method: 'POST', url: '/api/things?q=1', headers: expect.objectContaining({ 'content-type': 'application/json', 'x-api-key': 'k' }), body: '{"a":1}' }]);
    expect(exchange.request).toBe(req);
    expect(exchange.url).toBe(`${baseUrl()}/api/things?q=1`);
    expect(exchange.response).toEqual({ status: 201, headers: expect.objectContaining({ 'x-thing': 'A', 'content-type': 'application/json' }), text: '{"ok":true}' });
    expect(exchange.error).toBeUndefined();
    expect(exchange.durationMs).toBeGreaterThanOrEqual(0);
    expect(exchange.durationMs).toBeLessThanOrEqual(performance.now() - before);
    expect(exchanges).toEqual([exchange]);
    // Without a body none is sent.
    await t.send(request());
    expect(seen[1]).toMatchObject({ method: 'GET', body: '' });
    expect(seen[1]!.headers['content-length']).toBeUndefined();
  });

  test('a redirect is recorded, not followed', async () => {
    reset((_req, res) => { res.writeHead(302, { location: '/elsewhere' }).end(); });
    const exchange = await transport().send(request());
    expect(exchange.response).toMatchObject({ status: 302, headers: expect.objectContaining({ location: '/elsewhere' }) });
    expect(seen.map((s) => s.url)).toEqual(['/api/things']);
  });
});

describe('the budget', () => {
  test('counts every request; past the budget send throws BudgetExhausted', async () => {
    reset((_req, res) => res.end('x'));
    const t = transport({ maxRequests: 2 });
    expect([t.maxRequests, t.sent, t.remaining]).toEqual([2, 0, 2]);
    await t.send(request());
    expect([t.sent, t.remaining]).toEqual([1, 1]);
    await t.send(request());
    expect([t.sent, t.remaining]).toEqual([2, 0]);
    const error = await t.send(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExhausted);
    expect((error as Error).name).toBe('BudgetExhausted');
    expect((error as Error).message).toBe('the request budget (--max-requests 2) is spent');
    expect(seen).toHaveLength(2);
    expect(t.remaining).toBe(0);
    expect(new BudgetExhausted(3, 'own words').message).toBe('own words');
  });
});

describe('429', () => {
  test('with a short Retry-After is retried, and the retry answered', async () => {
    let n = 0;
    reset((_req, res) => { if (n++ === 0) res.writeHead(429, { 'retry-after': '0' }).end(); else res.end('ok'); });
    const t = transport();
    const exchange = await t.send(request());
    expect(exchange.response?.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(t.sent).toBe(2);
  });

  test('is retried twice at most', async () => {
    reset((_req, res) => { res.writeHead(429, { 'retry-after': '0' }).end(); });
    const exchange = await transport().send(request());
    expect(exchange.response?.status).toBe(429);
    expect(seen).toHaveLength(3);
  });

  test('is not retried when asked not to, without Retry-After, with a long one, or with no budget left', async () => {
    for (const [headers, options, retry429] of [
      [{ 'retry-after': '0' }, {}, false],
      [{}, {}, true],
      [{ 'retry-after': '6' }, {}, true],
      [{ 'retry-after': '0' }, { maxRequests: 1 }, true],
    ] as const) {
      reset((_req, res) => { res.writeHead(429, headers).end(); });
      const exchange = await transport(options).send(request(), retry429);
      expect(exchange.response?.status).toBe(429);
      expect(seen, JSON.stringify([headers, options, retry429])).toHaveLength(1);
    }
  });
});

describe('limits', () => {
  test('no more requests in flight than the concurrency; the rest wait and are sent when one ends', async () => {
    const held: ServerResponse[] = [];
    reset((_req, res) => { held.push(res); });
    const t = transport({ concurrency: 2 });
    const all = Promise.all([1, 2, 3, 4, 5].map((i) => t.send(request({ path: `/${i}` }))));
    const until = async (count: number) => { while (held.length < count) await new Promise((r) => setTimeout(r, 5)); };
    await until(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(held).toHaveLength(2);
    held[0]!.end();
    await until(3);
    await new Promise((r) => setTimeout(r, 50));
    expect(held).toHaveLength(3);
    held[1]!.end();
    held[2]!.end();
    await until(5);
    for (const res of held.slice(3)) res.end();
    const exchanges = await all;
    expect(exchanges.map((x) => x.response?.status)).toEqual([200, 200, 200, 200, 200]);
    expect(seen.map((s) => s.url).sort()).toEqual(['/api/1', '/api/2', '/api/3', '/api/4', '/api/5']);
  });

  test('a request sent after a waiting one was let through still waits for a free slot', async () => {
    const held: ServerResponse[] = [];
    reset((_req, res) => { held.push(res); });
    const t = transport({ concurrency: 2 });
    const until = async (count: number) => { while (held.length < count) await new Promise((r) => setTimeout(r, 5)); };
    const first = [1, 2, 3].map((i) => t.send(request({ path: `/${i}` })));
    await until(2);
    held[0]!.end();
    await until(3);
    const late = t.send(request({ path: '/4' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(held).toHaveLength(3);
    held[1]!.end();
    await until(4);
    for (const res of held.slice(2)) res.end();
    expect((await Promise.all([...first, late])).map((x) => x.response?.status)).toEqual([200, 200, 200, 200]);
  });

  test('requests are spaced by the rate', async () => {
    reset((_req, res) => res.end());
    const t = transport({ rate: 20 });
    const started = performance.now();
    await Promise.all([1, 2, 3].map(() => t.send(request())));
    // Slots at 0, 50 and 100 ms: the third cannot start before 100 ms (less a timer's rounding).
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  test('a server that does not answer in time: no response within the timeout', async () => {
    reset(() => { /* never answers */ });
    const exchanges: Exchange[] = [];
    const before = performance.now();
    const exchange = await transport({ timeoutMs: 100, onExchange: (x) => exchanges.push(x) }).send(request());
    expect(exchange.durationMs).toBeGreaterThanOrEqual(0);
    expect(exchange.durationMs).toBeLessThanOrEqual(performance.now() - before);
    expect(exchange.response).toBeUndefined();
    expect(exchange.error).toBe('no response within 100 ms');
    expect(exchanges).toEqual([exchange]);
  });

  test('a refused connection names its code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const t = new Transport({ baseUrl: `http://127.0.0.1:${port}`, fetch: globalThis.fetch, maxRequests: 3, rate: 0, concurrency: 1, timeoutMs: 5000 });
    const exchange = await t.send(request());
    expect(exchange.error).toMatch(/^ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
    // The slot is given back: a second request is sent too.
    expect((await t.send(request())).error).toMatch(/^ECONNREFUSED/);
  });
});

describe('describeError', () => {
  test('timeouts, causes with and without a message, errors and other values', () => {
    const named = (name: string) => Object.assign(new Error('x'), { name });
    expect(describeError(named('TimeoutError'), 10)).toBe('no response within 10 ms');
    expect(describeError(named('AbortError'), 20)).toBe('no response within 20 ms');
    expect(describeError(new TypeError('fetch failed', { cause: { code: 'ECONNRESET', message: 'socket hang up' } }), 1)).toBe('ECONNRESET: socket hang up');
    expect(describeError(new TypeError('fetch failed', { cause: { code: 'EPIPE' } }), 1)).toBe('EPIPE');
    expect(describeError(new TypeError('fetch failed', { cause: { message: 'no code' } }), 1)).toBe('fetch failed');
    expect(describeError({ name: 'TimeoutError', cause: { code: 'E1', message: 'm' } }, 1)).toBe('E1: m');
    expect(describeError('plain', 1)).toBe('plain');
    expect(describeError(undefined, 1)).toBe('undefined');
  });
});
