// The mock's HTTP layer in-process (the CLI tests reach the same paths only through a child
// process): options checked at start-up, hosts and ports, CORS, bodies and their limit, the reply
// log, transforms and their failures, reset, and the bundled fixtures' account tables.
// Each test starts its own mock inside the test, never in a hook, so Stryker sees what it runs.
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import {
  createMock,
  MOCK_ACCOUNT_SIZES,
  MOCK_ACCOUNTS,
  MOCK_API_KEY,
  RESET_PATH,
  startMock,
  type MockOptions,
  type RunningMock,
} from '../../src/mock/index.js';
import { bundledSpecModel } from '../../src/spec/load.js';
import { PETS } from './pets-spec.js';

const BEARER = { authorization: 'Bearer any-token' };
const JSON_BEARER = { ...BEARER, 'content-type': 'application/json' };

async function withMock<T>(options: MockOptions, use: (mock: RunningMock) => Promise<T>): Promise<T> {
  const mock = await startMock(options);
  try {
    return await use(mock);
  } finally {
    await mock.close();
  }
}

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request over node:http, so the test decides framing: chunks sent as given, or a fixed length. */
function raw(url: string, init: { method?: string; headers?: Record<string, string>; chunks?: string[] } = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    for (const chunk of init.chunks ?? []) request.write(chunk);
    request.end();
  });
}

// The product spec's one operation: the account's list.
const listPath = () => bundledSpecModel().model.operations[0]!.path;

describe('options checked at start-up', () => {
  it.each([
    [{ apiKey: [] }, /API key must not be empty/],
    [{ apiKey: '' }, /API key must not be empty/],
    [{ apiKey: ['pp_test_ok', '   '] }, /API key must not be empty/],
    [{ seed: 1.5 }, /seed must be an integer, got 1\.5/],
  ] satisfies Array<[MockOptions, RegExp]>)('refuses %j', async (options, message) => {
    await expect(createMock({ document: PETS, ...options })).rejects.toThrow(message);
  });

  it('names a document as (document) and reads no fixtures for it; fixtures: false reads none for the bundled spec', async () => {
    const fromDocument = await createMock({ document: PETS });
    expect([fromDocument.spec.file, fromDocument.fixturesFile]).toEqual(['(document)', undefined]);
    const bundled = await createMock();
    expect(bundled.fixturesFile).toMatch(/openapi[\\/]mock-fixtures\.yaml$/);
    expect((await createMock({ fixtures: false })).fixturesFile).toBeUndefined();
  });
});

describe('hosts and ports', () => {
  it('listens on the port asked for', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await withMock({ document: PETS, port: free }, async (mock) => {
      expect([mock.port, mock.url]).toEqual([free, `http://127.0.0.1:${free}`]);
    });
  });

  it.each([
    ['0.0.0.0', '127.0.0.1'],
    ['::', '[::1]'],
    ['::1', '[::1]'],
    ['localhost', 'localhost'],
  ])('on host %s its URL names %s, and answers there', async (host, urlHost) => {
    await withMock({ document: PETS, host }, async (mock) => {
      expect(mock.url).toBe(`http://${urlHost}:${mock.port}`);
      expect((await fetch(`${mock.url}/status`)).status).toBe(200);
    });
  });
});

describe('credentials', () => {
  const basicSpec = {
    ...PETS,
    security: [{ basic: [] }],
    components: { ...PETS.components, securitySchemes: { basic: { type: 'http', scheme: 'basic' } } },
  };
  const basic = (credentials: string) => ({ authorization: `Basic ${Buffer.from(credentials).toString('base64')}` });

  it('http basic accepts any user:password unless basicCredentials names the one', async () => {
    await withMock({ document: basicSpec }, async (mock) => {
      expect((await fetch(`${mock.url}/pets`, { headers: basic('any:thing') })).status).toBe(200);
    });
    await withMock({ document: basicSpec, basicCredentials: 'ada:secret' }, async (mock) => {
      expect((await fetch(`${mock.url}/pets`, { headers: basic('ada:secret') })).status).toBe(200);
      expect((await fetch(`${mock.url}/pets`, { headers: basic('ada:wrong') })).status).toBe(401);
    });
  });

  it('several API keys are each accepted', async () => {
    await withMock({ apiKey: ['pp_test_one', 'pp_test_two'] }, async (mock) => {
      const url = `${mock.url}${listPath()}?account_id=${MOCK_ACCOUNTS.small}`;
      for (const key of ['pp_test_one', 'pp_test_two']) expect((await fetch(url, { headers: { 'x-api-key': key } })).status).toBe(200);
      expect((await fetch(url, { headers: { 'x-api-key': MOCK_API_KEY } })).status).toBe(401);
    });
  });
});

describe('the reply log (onReply)', () => {
  it('is called once a reply is sent, with its method, target, status and time; 0 for a dropped connection', async () => {
    const entries: Array<{ method: string; target: string; status: number; milliseconds: number }> = [];
    await withMock({ document: PETS, onReply: (entry) => entries.push(entry) }, async (mock) => {
      const sent = performance.now();
      await (await fetch(`${mock.url}/status?x=1`)).text();
      await vi.waitFor(() => expect(entries).toHaveLength(1));
      const waited = performance.now() - sent;
      expect(entries[0]).toEqual({ method: 'GET', target: '/status?x=1', status: 200, milliseconds: expect.any(Number) });
      // The time logged lies within what this test waited for it (same process, same clock).
      expect(entries[0]!.milliseconds).toBeGreaterThanOrEqual(0);
      expect(entries[0]!.milliseconds).toBeLessThanOrEqual(waited);
      await expect(fetch(`${mock.url}/status`, { method: 'GET', headers: { prefer: 'fault=reset' } })).rejects.toThrow();
      await vi.waitFor(() => expect(entries).toHaveLength(2));
      expect(entries[1]).toMatchObject({ method: 'GET', target: '/status', status: 0 });
    });
  });
});

describe('CORS', () => {
  it('a preflight is answered 204 with every CORS header; without the option, OPTIONS goes to the API', async () => {
    const preflight = { origin: 'http://docs.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' };
    await withMock({ document: PETS, cors: true }, async (mock) => {
      const response = await fetch(`${mock.url}/pets`, { method: 'OPTIONS', headers: preflight });
      expect(response.status).toBe(204);
      expect(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
        'access-control-allow-origin': '*',
        'access-control-expose-headers': '*',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      });
      // A GET that carries the header is no preflight: the API answers it.
      const get = await fetch(`${mock.url}/pets`, { headers: { ...BEARER, 'access-control-request-method': 'GET' } });
      expect([get.status, Array.isArray(await get.json())]).toEqual([200, true]);
      // An OPTIONS that is no preflight is the API's to answer (here: not allowed on /pets).
      const plain = await fetch(`${mock.url}/pets`, { method: 'OPTIONS', headers: BEARER });
      expect(plain.status).not.toBe(204);
      expect(plain.headers.get('access-control-allow-origin')).toBe('*');
    });
    await withMock({ document: PETS }, async (mock) => {
      const response = await fetch(`${mock.url}/pets`, { method: 'OPTIONS', headers: preflight });
      expect(response.status).not.toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

describe('request bodies', () => {
  it('reads a chunked body as well as a sized one; a zero length is no body', async () => {
    await withMock({ document: PETS }, async (mock) => {
      const chunked = await raw(`${mock.url}/pets`, { method: 'POST', headers: JSON_BEARER, chunks: ['{"name":', '"Rex"}'] });
      expect([chunked.status, JSON.parse(chunked.text).name]).toEqual([201, 'Rex']);
      const sized = await raw(`${mock.url}/pets`, { method: 'POST', headers: { ...JSON_BEARER, 'content-length': '14' }, chunks: ['{"name":"Max"}'] });
      expect([sized.status, JSON.parse(sized.text).name]).toEqual([201, 'Max']);
      const empty = await raw(`${mock.url}/pets`, { method: 'POST', headers: { ...JSON_BEARER, 'content-length': '0' } });
      expect(empty.status).toBe(400);
    });
  });

  it('refuses a body over maxBodyBytes with a 413 problem and closes the connection; the limit itself is accepted', async () => {
    await withMock({ document: PETS, maxBodyBytes: 14 }, async (mock) => {
      const atLimit = await raw(`${mock.url}/pets`, { method: 'POST', headers: JSON_BEARER, chunks: ['{"name":"Max"}'] });
      expect(atLimit.status).toBe(201);
      const over = await raw(`${mock.url}/pets`, { method: 'POST', headers: JSON_BEARER, chunks: ['{"name":', '"Maxi"}', ' '.repeat(64)] });
      expect([over.status, over.headers['content-type'], over.headers.connection]).toEqual([413, 'application/problem+json', 'close']);
      expect(JSON.parse(over.text)).toEqual({ type: 'about:blank', title: 'Content Too Large', status: 413, detail: 'The request body is larger than 14 bytes.' });
      // The 413 comes as soon as the limit is passed: here before the client sends the rest.
      const late = await new Promise<RawReply>((resolve, reject) => {
        const request = http.request(`${mock.url}/pets`, { method: 'POST', headers: JSON_BEARER, agent: false }, (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
          request.write('"}', () => request.end());
        });
        request.on('error', reject);
        request.write('{"name":"Maximilian');
      });
      expect(late.status).toBe(413);
      // A body that passes the limit only with its last byte: refused, though what came before is a valid pet.
      const valid = await new Promise<RawReply>((resolve, reject) => {
        const request = http.request(`${mock.url}/pets`, { method: 'POST', headers: JSON_BEARER, agent: false }, (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
        });
        request.on('error', reject);
        request.write('{"name":"Zed"}', () => setTimeout(() => request.write(' ', () => setTimeout(() => request.end(' '), 20)), 20));
      });
      expect(valid.status).toBe(413);
      // Nothing of the refused bodies was served, and the mock still answers.
      const names = (await (await fetch(`${mock.url}/pets`, { headers: BEARER })).json()).map((pet: { name: string }) => pet.name);
      expect(names).toContain('Max');
      expect(names).not.toContain('Maxi');
      expect(names).not.toContain('Maximilian');
      expect(names).not.toContain('Zed');
    });
  });
});

describe('transforms', () => {
  it('see the request and the faithful reply, and a transform sets the length itself', async () => {
    const seen: Array<{ body: Buffer; host: string; status: number; type: string | undefined }> = [];
    const transform: MockOptions['transform'] = (exchange) => {
      seen.push({ body: exchange.body, host: exchange.url.host, status: exchange.reply.status, type: exchange.reply.headers['content-type'] });
      return { status: 200, headers: { 'Content-Length': '9999', 'x-kept': 'yes', 'content-type': 'text/plain' }, body: 'héllo' };
    };
    await withMock({ document: PETS, transform }, async (mock) => {
      const reply = await raw(`${mock.url}/status`);
      expect([reply.status, reply.text, reply.headers['content-length'], reply.headers['x-kept']]).toEqual([200, 'héllo', '6', 'yes']);
      expect(seen).toHaveLength(1);
      expect(Buffer.isBuffer(seen[0]!.body)).toBe(true);
      expect(seen[0]).toEqual({ body: Buffer.alloc(0), host: `127.0.0.1:${mock.port}`, status: 200, type: 'application/json' });
    });
  });

  it('respondAs re-runs the mock with headers, query and body changed, or as sent', async () => {
    const replies: Record<string, { status: number; type: string | undefined; body: any }> = {};
    const transform: MockOptions['transform'] = async (exchange) => {
      const keep = async (name: string, overrides: Parameters<typeof exchange.respondAs>[0]) => {
        const again = await exchange.respondAs(overrides);
        replies[name] = { status: again.status, type: again.headers['content-type'], body: again.body ? JSON.parse(again.body) : undefined };
      };
      if (exchange.method === 'POST') {
        await keep('as sent', {});
        await keep('other body', { body: Buffer.from('{"name":"Other"}') });
        await keep('no authorization', { headers: { Authorization: undefined } });
      } else {
        await keep('empty account', { query: { account_id: MOCK_ACCOUNTS.empty } });
        await keep('no account', { query: { account_id: undefined } });
        await keep('wrong key', { headers: { 'X-API-Key': 'pp_test_wrong' } });
      }
      return exchange.reply;
    };
    await withMock({ document: PETS, transform }, async (mock) => {
      expect((await fetch(`${mock.url}/pets`, { method: 'POST', headers: JSON_BEARER, body: '{"name":"Rex"}' })).status).toBe(201);
    });
    expect(replies['as sent']).toMatchObject({ status: 201, type: 'application/json', body: { name: 'Rex' } });
    expect(replies['other body']).toMatchObject({ status: 201, body: { name: 'Other' } });
    expect(replies['no authorization']).toMatchObject({ status: 401, type: 'application/problem+json' });
    await withMock({ transform }, async (mock) => {
      const url = `${mock.url}${listPath()}?account_id=${MOCK_ACCOUNTS.small}&limit=2`;
      const response = await fetch(url, { headers: { 'x-api-key': MOCK_API_KEY } });
      expect((await response.json()).items).toHaveLength(2);
    });
    expect(replies['empty account']).toMatchObject({ status: 200, body: { items: [] } });
    expect(replies['no account']).toMatchObject({ status: 400 });
    expect(replies['wrong key']).toMatchObject({ status: 401 });
  });

  it('a fault asked for with Prefer still happens under a transform', async () => {
    await withMock({ document: PETS, transform: (exchange) => exchange.reply }, async (mock) => {
      await expect(fetch(`${mock.url}/status`, { headers: { prefer: 'fault=reset' } })).rejects.toThrow();
      expect((await fetch(`${mock.url}/status`)).status).toBe(200);
    });
  });

  it('an HTTP/1.0 request without Host is seen at localhost', async () => {
    const hosts: string[] = [];
    await withMock({ document: PETS, transform: (exchange) => (hosts.push(exchange.url.host), exchange.reply) }, async (mock) => {
      const socket = net.connect(mock.port, '127.0.0.1');
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
      socket.write('GET /status HTTP/1.0\r\n\r\n');
      await new Promise((resolve) => socket.on('close', resolve));
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    });
    expect(hosts).toEqual(['localhost']);
  });

  it('a failing transform, or a failure inside the mock, is answered with a 500 problem and the mock keeps serving', async () => {
    const transform: MockOptions['transform'] = (exchange) => {
      if (exchange.url.searchParams.has('throw')) throw new Error('boom');
      if (exchange.url.searchParams.has('reject')) return Promise.reject('a plain string');
      return exchange.reply;
    };
    await withMock({ document: PETS, transform }, async (mock) => {
      const thrown = await fetch(`${mock.url}/status?throw`);
      expect([thrown.status, thrown.headers.get('content-type')]).toEqual([500, 'application/problem+json']);
      expect((await thrown.json()).detail).toBe("The mock's reply transform failed: boom");
      expect((await (await fetch(`${mock.url}/status?reject`)).json()).detail).toBe("The mock's reply transform failed: a plain string");
      expect((await fetch(`${mock.url}/status`)).status).toBe(200);
    });
    const app = await createMock({ document: PETS });
    app.engine.respond = () => {
      throw new Error('engine broke');
    };
    const server = http.createServer(app.handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/status`;
    try {
      const broken = await fetch(url);
      expect([broken.status, (await broken.json()).detail]).toEqual([500, 'The mock failed: engine broke']);
      // Even when the documented failure cannot be built, a problem is sent.
      app.engine.failure = () => {
        throw new Error('no failure either');
      };
      const worse = await fetch(url);
      expect([worse.status, worse.headers.get('content-type')]).toEqual([500, 'application/problem+json']);
      expect(await worse.json()).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'The mock failed: engine broke' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('reset', () => {
  it('POST to the reset path (with or without a query) and reset() forget what was written; other methods do not', async () => {
    await withMock({ document: PETS }, async (mock) => {
      expect(mock.warnings).toContain('upload (POST /upload) is not served: ' + mock.notServed[0]!.reason);
      const create = async () => (await (await fetch(`${mock.url}/pets`, { method: 'POST', headers: JSON_BEARER, body: '{"name":"Rex"}' })).json()).id as number;
      const exists = async (id: number) => (await fetch(`${mock.url}/pets/${id}`, { headers: BEARER })).status === 200;
      let id = await create();
      expect((await fetch(new URL(RESET_PATH, mock.url))).status).not.toBe(204);
      expect(await exists(id)).toBe(true);
      expect((await fetch(new URL(`${RESET_PATH}?all=1`, mock.url), { method: 'POST' })).status).toBe(204);
      expect(await exists(id)).toBe(false);
      id = await create();
      mock.reset();
      expect(await exists(id)).toBe(false);
    });
  });

  it('close() ends a reply still pending after its grace of 2 s, instead of waiting for it', async () => {
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const mock = await startMock({ document: PETS, transform: (exchange) => (arrived(), exchange.reply) });
    const pending = fetch(`${mock.url}/status`, { headers: { prefer: 'delay=60000' } }).then(
      (response) => response.status,
      () => 'dropped',
    );
    await arrival;
    await mock.close();
    expect(await pending).toBe('dropped');
  });

  it('close() lets a reply in flight finish, then closes its kept-alive connection without waiting out the grace', async () => {
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const mock = await startMock({ document: PETS, transform: (exchange) => (arrived(), exchange.reply) });
    const agent = new http.Agent({ keepAlive: true });
    try {
      const reply = new Promise<{ status: number; at: number }>((resolve, reject) => {
        http
          .get(`${mock.url}/status`, { agent, headers: { prefer: 'delay=200' } }, (response) => {
            response.resume().on('end', () => resolve({ status: response.statusCode ?? 0, at: performance.now() }));
          })
          .on('error', reject);
      });
      await arrival;
      await mock.close();
      const closedAt = performance.now();
      const { status, at } = await reply;
      expect(status).toBe(200);
      // The grace (2 s) is for replies still pending; an idle connection is closed at once.
      expect(closedAt - at).toBeLessThan(1000);
    } finally {
      agent.destroy();
    }
  });

  it('close() is the same promise each time', async () => {
    const mock = await startMock({ document: PETS });
    const first = mock.close();
    expect(mock.close()).toBe(first);
    await first;
    await expect(fetch(`${mock.url}/status`)).rejects.toThrow();
  });
});

describe("the bundled fixtures' account tables", () => {
  it('MOCK_ACCOUNTS and MOCK_ACCOUNT_SIZES behave as plain read-only records', () => {
    const accounts = { ...MOCK_ACCOUNTS };
    expect(Object.keys(accounts).sort()).toEqual(['empty', 'large', 'small']);
    expect(Object.values(accounts).every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect('small' in MOCK_ACCOUNTS).toBe(true);
    expect('nope' in MOCK_ACCOUNTS).toBe(false);
    expect((MOCK_ACCOUNTS as Record<symbol, unknown>)[Symbol.iterator]).toBeUndefined();
    const sizes = { ...MOCK_ACCOUNT_SIZES };
    expect(Object.keys(sizes).sort()).toEqual(Object.values(accounts).sort());
    expect(sizes[MOCK_ACCOUNTS.small]).toBe(MOCK_ACCOUNT_SIZES[MOCK_ACCOUNTS.small]);
    expect(MOCK_ACCOUNTS.small in MOCK_ACCOUNT_SIZES).toBe(true);
    expect('nope' in MOCK_ACCOUNT_SIZES).toBe(false);
    expect((MOCK_ACCOUNT_SIZES as Record<symbol, unknown>)[Symbol.iterator]).toBeUndefined();
    const small = MOCK_ACCOUNTS.small;
    expect(() => Object.assign(MOCK_ACCOUNTS, { small: 'changed' })).toThrow(TypeError);
    expect(() => delete (MOCK_ACCOUNTS as Record<string, string>).small).toThrow(TypeError);
    expect(() => Object.defineProperty(MOCK_ACCOUNT_SIZES, 'x', { value: 1 })).toThrow(TypeError);
    expect(MOCK_ACCOUNTS.small).toBe(small);
  });
});
