// How the client reads each answer and each option, on a small hand-built operation table and a
// scripted `fetch` passed in: JSON media types, empty and non-JSON bodies, error bodies that are
// not the documented envelope, error sets without types (RFC 9457 `about:blank`), network
// failures as callers see them, and construction options that are refused.
import { describe, expect, it } from 'vitest';
import type { ErrorSetEntry, OperationEntry } from '../../generated/operations.js';
import { createClientFor, PostpressError, type ClientOptions } from '../../src/client/index.js';
import { clientProblem } from '../../src/client/problems.js';

const op = (over: Partial<OperationEntry> = {}): OperationEntry => ({
  operationId: 'op', method: 'get', path: '/things', safe: true, idempotent: true, idempotencyKeyHeader: null, summary: '',
  parameters: [], requestBody: null,
  responses: { 200: { bodiless: false, mediaTypes: ['application/json'], headers: [] } },
  successStatus: 200, statuses: [200], errors: {}, security: [], pagination: null,
  ...over,
});

const typed: ErrorSetEntry = {
  status: 409, schema: 'Conflict', description: '',
  types: { 'errors/conflict': { description: '', retryable: false }, 'errors/busy': { description: '', retryable: true } },
};
const untyped: ErrorSetEntry = { status: 422, schema: 'Problem', description: '', types: {} };

type Answer = Response | (() => Response | Promise<Response>);
/** A client of one operation whose fetch gives the answers in turn, and the requests it saw. */
function clientOf(operation: OperationEntry, answers: Answer[], options: Partial<ClientOptions> = {}) {
  const seen: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    const answer = answers[Math.min(seen.length, answers.length) - 1]!;
    return typeof answer === 'function' ? answer() : answer.clone();
  }) as typeof globalThis.fetch;
  const client = createClientFor<any, any>(
    { operations: { op: operation }, errorSets: { typed, untyped }, apiKeyHeader: 'Api-Key' },
    { apiKey: 'secret-key', baseUrl: 'http://h', fetch, retry: { baseDelayMs: 1, maxDelayMs: 1 }, ...options },
  );
  return { call: (input?: unknown) => client.op!(input ?? {}) as Promise<any>, seen };
}

const withErrors = op({
  statuses: [200, 409, 422],
  responses: {
    200: { bodiless: false, mediaTypes: ['application/json'], headers: [] },
    409: { bodiless: false, mediaTypes: ['application/problem+json'], headers: [] },
    422: { bodiless: false, mediaTypes: ['application/problem+json'], headers: [] },
  },
  errors: { 409: 'typed', 422: 'untyped' },
});

describe('success bodies by media type', () => {
  it('parses JSON for application/json, any +json type, with parameters or in capitals; keeps other types as text', async () => {
    for (const mediaType of ['application/json', 'Application/JSON ; charset=utf-8', 'application/vnd.things+json']) {
      const { call } = clientOf(op({ responses: { 200: { bodiless: false, mediaTypes: [mediaType], headers: [] } } }), [new Response('{"a":1}')]);
      expect(await call(), mediaType).toEqual({ ok: true, status: 200, data: { a: 1 } });
    }
    for (const mediaType of ['text/plain', 'application/json-seq', 'application/x+json+xml']) {
      const { call } = clientOf(op({ responses: { 200: { bodiless: false, mediaTypes: [mediaType], headers: [] } } }), [new Response('{"a":1}')]);
      expect(await call(), mediaType).toEqual({ ok: true, status: 200, data: '{"a":1}' });
    }
  });

  it('asks for every media type the operation documents, and JSON when it documents none', async () => {
    const many = clientOf(withErrors, [new Response('{}')]);
    await many.call();
    expect((many.seen[0]!.init.headers as Record<string, string>).accept).toBe('application/json, application/problem+json');
    const none = clientOf(op({ responses: { 204: { bodiless: true, mediaTypes: [], headers: [] } }, statuses: [204], successStatus: 204 }), [new Response(null, { status: 204 })]);
    expect(await none.call()).toEqual({ ok: true, status: 204, data: undefined });
    expect((none.seen[0]!.init.headers as Record<string, string>).accept).toBe('application/json');
  });

  it('an empty or broken JSON body is an invalid response that says how long it was, never the body', async () => {
    for (const [body, length] of [['', 0], ['{"a":', 5], ['secret-key', 10]] as const) {
      const { call } = clientOf(op(), [new Response(body)]);
      const result = await call();
      expect(result).toEqual({
        ok: false, status: 0,
        error: clientProblem('client/invalid_response', `the 200 response body is not valid JSON (${length} characters)`, 1, 200),
      });
    }
  });

  it('a page must hold its items array and a string or null cursor', async () => {
    const paged = op({ pagination: { cursorParam: 'cursor', cursorField: 'next', itemsField: 'items' } });
    const detail = 'the 200 response body has no "items" array or no "next" string or null';
    for (const body of [[], null, 'x', { items: {}, next: null }, { items: [], next: 5 }, { items: [] }]) {
      const result = await clientOf(paged, [new Response(JSON.stringify(body))]).call();
      expect(result, JSON.stringify(body)).toMatchObject({ ok: false, error: { type: 'client/invalid_response', detail, httpStatus: 200 } });
    }
    for (const body of [{ items: [], next: null }, { items: [1], next: 'c2' }]) {
      expect(await clientOf(paged, [new Response(JSON.stringify(body))]).call()).toEqual({ ok: true, status: 200, data: body });
    }
  });
});

describe('error bodies', () => {
  const conflict = { type: 'errors/conflict', title: 'Conflict', status: 409 };

  it('keeps only the envelope fields of a documented error, with the API key redacted', async () => {
    const body = { ...conflict, title: 'Conflict for secret-key', detail: 'key secret-key', instance: '/x/secret-key', extra: 'secret-key' };
    const result = await clientOf(withErrors, [new Response(JSON.stringify(body), { status: 409 })]).call();
    expect(result).toEqual({
      ok: false, status: 409,
      error: { type: 'errors/conflict', title: 'Conflict for [redacted]', status: 409, detail: 'key [redacted]', instance: '/x/[redacted]' },
    });
    const bare = await clientOf(withErrors, [new Response(JSON.stringify({ ...conflict, detail: 1, instance: null }), { status: 409 })]).call();
    expect(bare.error).toEqual(conflict);
  });

  it('refuses a body of a typed set that lacks a field, names another status, or has an unknown type', async () => {
    const wrong = [
      [], null, 'text', { ...conflict, status: 400 }, { ...conflict, status: '409' }, { ...conflict, title: 1 }, { ...conflict, type: 1 },
      { ...conflict, type: 'errors/unknown' }, { ...conflict, type: 'toString' }, { title: 'Conflict', status: 409 },
    ];
    for (const body of wrong) {
      const result = await clientOf(withErrors, [new Response(JSON.stringify(body), { status: 409 })]).call();
      expect(result, JSON.stringify(body)).toEqual({
        ok: false, status: 0,
        error: clientProblem('client/invalid_response', 'the 409 response body is not a documented error body of that status for op (unknown shape or type)', 1, 409),
      });
    }
    const notJson = await clientOf(withErrors, [new Response('<html>', { status: 409 })]).call();
    expect(notJson.error.detail).toBe('the 409 response body is not a documented error body of that status for op (not JSON)');
  });

  it('a set without types takes any JSON object; its type defaults to about:blank and its title to empty', async () => {
    const anyObject = await clientOf(withErrors, [new Response(JSON.stringify({ status: 'odd', extra: 1 }), { status: 422 })]).call();
    expect(anyObject).toEqual({ ok: false, status: 422, error: { type: 'about:blank', title: '', status: 422 } });
    const own = await clientOf(withErrors, [new Response(JSON.stringify({ type: 'https://e/x', title: 'T' }), { status: 422 })]).call();
    expect(own.error).toEqual({ type: 'https://e/x', title: 'T', status: 422 });
    const array = await clientOf(withErrors, [new Response('[]', { status: 422 })]).call();
    expect(array.error.type).toBe('client/invalid_response');
  });

  it('an undocumented status is an invalid response naming it', async () => {
    const result = await clientOf(withErrors, [new Response('{}', { status: 418 })]).call();
    expect(result).toEqual({ ok: false, status: 0, error: clientProblem('client/invalid_response', 'status 418 is not documented for op', 1, 418) });
  });

  it('retries what the error set advises and names the type in the retry event; a 400-range status without advice is final', async () => {
    const events: any[] = [];
    const busy = () => new Response(JSON.stringify({ type: 'errors/busy', title: 'Busy', status: 409 }), { status: 409 });
    const { call, seen } = clientOf(withErrors, [busy, new Response('{"a":1}')], { onEvent: (e) => events.push(e) });
    expect(await call()).toEqual({ ok: true, status: 200, data: { a: 1 } });
    expect(seen).toHaveLength(2);
    expect(events.filter((e) => e.type === 'retry').map((e) => e.reason)).toEqual(['status 409 errors/busy']);
    const final = clientOf(withErrors, [new Response(JSON.stringify(conflict), { status: 409 }), new Response('{}')]);
    expect(await final.call()).toMatchObject({ ok: false, status: 409 });
    expect(final.seen).toHaveLength(1);
    const unknown = clientOf(withErrors, [new Response('nope', { status: 503 }), new Response('{}')], { onEvent: (e) => events.push(e) });
    expect(await unknown.call()).toMatchObject({ ok: true });
    expect(events.filter((e) => e.type === 'retry').map((e) => e.reason)).toEqual(['status 409 errors/busy', 'status 503']);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs: the error is returned at once', async () => {
    const busy = () => new Response(JSON.stringify({ type: 'errors/busy', title: 'Busy', status: 409 }), { status: 409, headers: { 'retry-after': '3' } });
    const over = clientOf(withErrors, [busy, new Response('{}')], { retry: { maxRetryAfterMs: 2999 } });
    expect(await over.call()).toMatchObject({ ok: false, status: 409, error: { type: 'errors/busy' } });
    expect(over.seen).toHaveLength(1);
  });
});

describe('network failures as the caller reads them', () => {
  const failing = (error: unknown) => () => Promise.reject(error);
  const detailOf = async (error: unknown) => (await clientOf(op(), [failing(error)], { retry: false }).call()).error;

  it('gives the message and the cause\'s code, or its message when it has no code, with the API key redacted', async () => {
    expect(await detailOf(new TypeError('fetch failed', { cause: Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }) })))
      .toEqual(clientProblem('client/network_error', 'fetch failed (ECONNREFUSED)', 1));
    expect((await detailOf(new TypeError('fetch failed', { cause: new Error('socket hang up for secret-key') }))).detail).toBe('fetch failed (socket hang up for [redacted])');
    expect((await detailOf(new TypeError('fetch failed', { cause: { code: 42, message: 'm' } }))).detail).toBe('fetch failed (m)');
    expect((await detailOf(new TypeError('fetch failed', { cause: {} }))).detail).toBe('fetch failed');
    expect((await detailOf(new TypeError('plain'))).detail).toBe('plain');
  });

  it('reads a thrown non-error as text, and cuts a long message at 300 characters', async () => {
    expect((await detailOf('just a string')).detail).toBe('just a string');
    expect((await detailOf({ message: 7 })).detail).toBe('[object Object]');
    expect((await detailOf(null)).detail).toBe('null');
    expect((await detailOf(new Error('x'.repeat(400)))).detail).toBe('x'.repeat(300));
  });
});

describe('options refused at construction, with the option named', () => {
  const make = (options: Record<string, unknown>) => () => createClientFor({ operations: {}, errorSets: {}, apiKeyHeader: 'k', defaultBaseUrl: 'http://h' }, { apiKey: 'k', ...options } as ClientOptions);

  it('timeoutMs must be a number above 0 or Infinity', () => {
    for (const timeoutMs of [0, -1, Number.NaN, '5']) expect(make({ timeoutMs }), String(timeoutMs)).toThrow(new TypeError('timeoutMs must be a number > 0 (or Infinity)'));
    for (const timeoutMs of [1, 0.5, Infinity]) expect(make({ timeoutMs })).not.toThrow();
  });

  it('baseUrl must be a string, and fetch a function', () => {
    expect(make({ baseUrl: 5 })).toThrow(new TypeError('baseUrl must be a string'));
    expect(make({ fetch: 'no' })).toThrow(new TypeError('fetch must be a function (no global fetch found)'));
  });

  it('a base URL keeps its path and loses every trailing slash', async () => {
    const { call, seen } = clientOf(op(), [new Response('{}')], { baseUrl: 'http://h/api/v1///' });
    await call();
    expect(seen[0]!.url).toBe('http://h/api/v1/things');
  });

  it('a per-call timeoutMs that is not a number above 0 is invalid input, and nothing is sent', async () => {
    const seen: string[] = [];
    const fetch = (async (url: string) => {
      seen.push(url);
      return new Response('{}');
    }) as typeof globalThis.fetch;
    const client = createClientFor<any, any>({ operations: { op: op() }, errorSets: {}, apiKeyHeader: 'k' }, { apiKey: 'k', baseUrl: 'http://h', fetch });
    for (const timeoutMs of [0, -5, 'soon'] as unknown as number[]) {
      expect(await client.op!({}, { timeoutMs })).toEqual({ ok: false, status: 0, error: clientProblem('client/invalid_input', 'op: timeoutMs must be a number > 0 (or Infinity)', 0) });
    }
    expect(seen).toHaveLength(0);
    expect(await client.op!({}, { timeoutMs: 1000 })).toMatchObject({ ok: true });
    expect(seen).toEqual(['http://h/things']);
  });
});

describe('client problems and the error pagination throws', () => {
  it('each problem has its title, status 0 and the attempts; httpStatus only when a response came', () => {
    const titles = {
      'client/invalid_input': 'Invalid input', 'client/network_error': 'Network error', 'client/timeout': 'Timed out',
      'client/aborted': 'Aborted', 'client/invalid_response': 'Invalid response', 'client/repeated_cursor': 'Repeated cursor',
    } as const;
    for (const [type, title] of Object.entries(titles)) {
      const problem = clientProblem(type as keyof typeof titles, 'd', 2);
      expect(problem).toEqual({ type, title, status: 0, detail: 'd', attempts: 2 });
      expect(Object.keys(problem)).not.toContain('httpStatus');
    }
    expect(clientProblem('client/invalid_response', 'd', 1, 502).httpStatus).toBe(502);
  });

  it('PostpressError says type, status, title and detail (when there is one) and keeps the error', () => {
    const error = { type: 'errors/conflict', title: 'Conflict', status: 409, detail: 'taken' };
    const thrown = new PostpressError(error);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown.message).toBe('errors/conflict (status 409): Conflict - taken');
    expect(thrown.name).toBe('PostpressError');
    expect([thrown.type, thrown.status, thrown.error]).toEqual(['errors/conflict', 409, error]);
    expect(new PostpressError({ ...error, detail: '' }).message).toBe('errors/conflict (status 409): Conflict');
  });
});
