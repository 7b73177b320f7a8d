// What a caller would notice after many calls: no listener left on their signal and no timer
// left running (after each call and each page), cursor memory that stays bounded without
// mistaking a long walk for a cycle, and configuration or headers refused instead of misread.
import { getEventListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_KEY_HEADER, createPostpressClient, type ClientEvent, type PostpressClientOptions } from '../../src/client/index.js';
import { REMEMBERED_CURSORS } from '../../src/client/paginate.js';
import { parseRetryAfter } from '../../src/client/retry.js';
import { API_KEY, envelope, json, page, pagedResponder, startServer, type TestServer } from './server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const q = { account_id: 'acc_1' };
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const client = (options: Partial<PostpressClientOptions> = {}) => createPostpressClient({ apiKey: API_KEY, baseUrl: server.baseUrl, ...options });

describe('listeners and timers are released', () => {
  // Answers from memory, so the only timers are the client's (undici keeps its own).
  const answering = (answer: (n: number) => Response) => {
    let n = 0;
    return (async () => answer(n++)) as typeof globalThis.fetch;
  };
  const ok = () => new Response(JSON.stringify(page(0, 1, null)), { status: 200 });
  const denied = () => new Response(JSON.stringify(envelope(401, 'errors/expired_credentials')), { status: 401 });

  it.each([
    ['the default safety deadline', {}],
    ['a client timeoutMs', { timeoutMs: 60_000 }],
  ])('after each call (%s), with or without a signal, answered or failed', async (_name, options) => {
    const c = client({ ...options, retry: false, fetch: answering((n) => (n % 2 === 0 ? ok() : denied())) });
    const controller = new AbortController();
    const before = timers();
    for (let i = 0; i < 20; i++) {
      const r = await c.listSentInvitations(q, i % 3 === 0 ? {} : { signal: controller.signal, timeoutMs: 45_000 });
      expect(r.status).toBe(i % 2 === 0 ? 200 : 401);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      expect(timers()).toBe(before);
    }
  });

  it('after each page of a 100-page walk: the caller\'s signal holds no listener, no deadline timer runs on', async () => {
    const fetch = (async (url: string) => {
      const k = Number(new URL(url).searchParams.get('cursor')?.slice(1) ?? 0);
      return new Response(JSON.stringify(page(k, 1, k < 99 ? `c${k + 1}` : null)), { status: 200 });
    }) as typeof globalThis.fetch;
    const controller = new AbortController();
    const c = client({ timeoutMs: 30_000, fetch });
    const before = timers();
    let pages = 0;
    for await (const _ of c.paginate('listSentInvitations', q, { signal: controller.signal }).pages()) {
      pages++;
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      expect(timers()).toBe(before);
    }
    expect(pages).toBe(100);
  });

  it('after a retry wait that the signal cut short', async () => {
    const busy = () => new Response(JSON.stringify(envelope(503, 'errors/no_channel')), { status: 503, headers: { 'retry-after': '5' } });
    const controller = new AbortController();
    const c = client({ fetch: answering(busy) });
    const before = timers();
    const pending = c.listSentInvitations(q, { signal: controller.signal });
    for (let i = 0; i < 100 && timers() < before + 2; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(timers()).toBe(before + 2); // the deadline and the retry wait
    controller.abort();
    expect(await pending).toMatchObject({ status: 0, error: { type: 'client/aborted' } });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(timers()).toBe(before);
  });
});

describe('the default safety deadline (one timer shared by the calls of a client)', () => {
  // A fetch that answers only when told to; until then the call waits.
  function held() {
    const answers: Array<() => void> = [];
    const fetch = (() => new Promise<Response>((resolve) => answers.push(() => resolve(new Response(JSON.stringify(page(0, 1, null)), { status: 200 }))))) as typeof globalThis.fetch;
    return { fetch, answers };
  }
  const settled = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };

  it('stops each call at its own 30 s, whether calls before it ended early or not', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { fetch, answers } = held();
      const c = client({ fetch, retry: false });
      const results: Array<string | undefined> = [];
      const call = (i: number) => c.listSentInvitations(q).then((r) => (results[i] = r.ok ? 'ok' : r.error.type));
      const first = call(0); // t = 0: answered at 5 s
      await vi.advanceTimersByTimeAsync(5_000);
      answers[0]!();
      await first;
      const second = call(1); // t = 5 s: never answered, due at 35 s
      await vi.advanceTimersByTimeAsync(5_000);
      const third = call(2); // t = 10 s: never answered, due at 40 s
      await vi.advanceTimersByTimeAsync(24_999); // t = 34.999 s
      await settled();
      expect([0, 1, 2].map((i) => results[i])).toEqual(['ok', undefined, undefined]);
      await vi.advanceTimersByTimeAsync(1); // t = 35 s
      await second;
      expect([0, 1, 2].map((i) => results[i])).toEqual(['ok', 'client/timeout', undefined]);
      await vi.advanceTimersByTimeAsync(4_999); // t = 39.999 s
      await settled();
      expect(results[2]).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1); // t = 40 s
      await third;
      expect(results[2]).toBe('client/timeout');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps no timer that holds the process while no call is running, and stops calls started after an idle spell', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { fetch, answers } = held();
      const c = client({ fetch, retry: false });
      const done = c.listSentInvitations(q);
      answers[0]!();
      expect((await done).ok).toBe(true);
      await vi.advanceTimersByTimeAsync(60_000); // the shared timer fires with nothing to stop
      const late = c.listSentInvitations(q);
      let result: string | undefined;
      void late.then((r) => (result = r.ok ? 'ok' : r.error.type));
      await vi.advanceTimersByTimeAsync(29_999);
      await settled();
      expect(result).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      await late;
      expect(result).toBe('client/timeout');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('cursor memory', () => {
  /** A fetch that answers the n-th page with cursors[n], and counts the requests. */
  function scripted(cursors: Array<string | null>) {
    let n = 0;
    const fetch = (async () => new Response(JSON.stringify(page(0, 0, cursors[n++] ?? null)), { status: 200 })) as typeof globalThis.fetch;
    return { fetch, requests: () => n };
  }

  it(`a cursor seen again only after ${REMEMBERED_CURSORS + 1} others is not a cycle: the walk goes on to the end`, async () => {
    const cursors = [...Array.from({ length: REMEMBERED_CURSORS + 1 }, (_, i) => `c${i + 1}`), 'c1', 'last', null];
    const { fetch, requests } = scripted(cursors);
    let pages = 0;
    for await (const _ of client({ fetch }).paginate('listSentInvitations', q).pages()) pages++;
    expect(pages).toBe(cursors.length);
    expect(requests()).toBe(cursors.length);
  });

  it(`a cursor seen again within ${REMEMBERED_CURSORS} is a cycle`, async () => {
    const cursors = [...Array.from({ length: REMEMBERED_CURSORS }, (_, i) => `c${i + 1}`), 'c1'];
    const { fetch, requests } = scripted(cursors);
    const error = await (async () => {
      for await (const _ of client({ fetch }).paginate('listSentInvitations', q).pages()) void _;
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'client/repeated_cursor' });
    expect(requests()).toBe(REMEMBERED_CURSORS + 1);
  });

  it('the cursor the walk started from counts too', async () => {
    const { fetch, requests } = scripted(['start']);
    const error = await (async () => {
      for await (const _ of client({ fetch }).paginate('listSentInvitations', { ...q, cursor: 'start' }).pages()) void _;
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'client/repeated_cursor' });
    expect(requests()).toBe(1);
  });
});

describe('inputs that must be refused, not misread', () => {
  it.each([undefined, null, 123, '', 'a b', 'ключ'])('apiKey %j throws at construction, without quoting it', (apiKey) => {
    expect(() => createPostpressClient({ apiKey } as unknown as PostpressClientOptions)).toThrow(/apiKey must be a non-empty string of visible ASCII/);
  });

  it('a missing options object throws a TypeError, not a crash', () => {
    expect(() => (createPostpressClient as (o?: unknown) => unknown)()).toThrow(TypeError);
  });

  it.each([123, true, ['acc'], { id: 'acc' }])('a string parameter given %j is client/invalid_input; nothing is sent', async (accountId) => {
    server.respond((_req, res) => json(res, 200, page(0, 1, null)));
    const r = await client().listSentInvitations({ account_id: accountId } as never);
    expect(r).toMatchObject({ status: 0, error: { type: 'client/invalid_input', detail: expect.stringMatching(/"account_id" must be of type string/) } });
    expect(server.requests).toHaveLength(0);
  });

  it.each(['1.5', '1e3', '0x10', '+1', '1 000', ''])('Retry-After %j is neither seconds nor a date: the backoff is used', async (header) => {
    expect(parseRetryAfter(header, 0)).toBeUndefined();
    server.respond((_req, res, n) => (n === 0 ? json(res, 503, envelope(503, 'errors/no_channel'), { 'retry-after': header }) : json(res, 200, page(0, 1, null))));
    const events: ClientEvent[] = [];
    const r = await client({ retry: { baseDelayMs: 1, maxDelayMs: 5 }, onEvent: (e) => events.push(e) }).listSentInvitations(q);
    expect(r.ok).toBe(true);
    const retry = events.find((e) => e.type === 'retry');
    expect(retry?.type === 'retry' && retry.delayMs).toBeLessThan(5);
  });

  it('the API key travels in the header of the spec\'s apiKey security scheme', async () => {
    const spec = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8'));
    const schemes = Object.values<{ type: string; in?: string; name?: string }>(spec.components.securitySchemes).filter((s) => s.type === 'apiKey' && s.in === 'header');
    expect(schemes.map((s) => s.name)).toEqual([API_KEY_HEADER]);
    server.respond((_req, res) => json(res, 200, page(0, 1, null)));
    await client().listSentInvitations(q);
    expect(server.requests[0]!.headers[API_KEY_HEADER.toLowerCase()]).toBe(API_KEY);
  });
});
