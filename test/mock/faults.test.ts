// Faults on demand (latency, a reset connection, a truncated body), named examples, and CORS,
// on the bundled spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_ACCOUNTS, MOCK_API_KEY, startMock, type RunningMock } from '../../src/mock/index.js';
import { bundledSpecModel } from '../../src/spec/load.js';
import { resolve } from '../../src/spec/pointer.js';

let mock: RunningMock;
const KEY = { 'x-api-key': MOCK_API_KEY };
const path = () => `${mock.url}${bundledSpecModel().model.operations[0]!.path}?account_id=${MOCK_ACCOUNTS.small}`;

beforeAll(async () => {
  mock = await startMock({ cors: true });
});
afterAll(async () => {
  await mock?.close();
});

describe('faults on demand', () => {
  it('Prefer: delay=MS answers after that long, and says so', async () => {
    const started = performance.now();
    const response = await fetch(path(), { headers: { ...KEY, prefer: 'delay=300' } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    expect([response.status, response.headers.get('preference-applied')]).toEqual([200, 'delay=300']);
    const quick = performance.now();
    await (await fetch(path(), { headers: KEY })).text();
    expect(performance.now() - quick).toBeLessThan(295);
  });

  it('the delayMs option (--delay) slows every reply; Prefer: delay=0 overrides it', async () => {
    const slow = await startMock({ delayMs: 250 });
    try {
      const url = `${slow.url}${bundledSpecModel().model.operations[0]!.path}?account_id=${MOCK_ACCOUNTS.small}`;
      let started = performance.now();
      expect((await fetch(url, { headers: KEY })).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(245);
      started = performance.now();
      expect((await fetch(url, { headers: { ...KEY, prefer: 'delay=0' } })).status).toBe(200);
      expect(performance.now() - started).toBeLessThan(245);
    } finally {
      await slow.close();
    }
  });

  it('Prefer: fault=reset drops the connection without an answer', async () => {
    await expect(fetch(path(), { headers: { ...KEY, prefer: 'fault=reset' } })).rejects.toThrow();
    expect((await fetch(path(), { headers: KEY })).status).toBe(200);
  });

  it('Prefer: fault=truncate sends the head and half the body, then cuts the connection', async () => {
    const response = await fetch(path(), { headers: { ...KEY, prefer: 'fault=truncate' } });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it.each([['delay=abc', /delay=abc must be a whole number/], ['delay=600000', /from 0 to 60000/], ['fault=explode', /fault=explode is not one of reset, truncate/]])(
    'Prefer: %s is refused with the documented 400',
    async (prefer, detail) => {
      const response = await fetch(path(), { headers: { ...KEY, prefer } });
      const body = await response.json();
      expect([response.status, body.type]).toEqual([400, 'errors/invalid_parameters']);
      expect(body.detail).toMatch(detail);
    },
  );
});

describe('named examples', () => {
  it('Prefer: example=NAME answers that example of the success response; an unknown name is refused', async () => {
    const op = bundledSpecModel().model.operations[0]!;
    const raw = bundledSpecModel().document.paths[op.path][op.method].responses['200'];
    const examples = raw.content['application/json'].examples as Record<string, { $ref?: string; value?: unknown }>;
    const [name] = Object.keys(examples);
    const response = await fetch(path(), { headers: { ...KEY, prefer: `code=200, example=${name}` } });
    const body = await response.json();
    expect(body).toEqual(resolve(bundledSpecModel().document, examples[name!]).node!['value']);
    expect(body.items).toHaveLength(1);
    const unknown = await fetch(path(), { headers: { ...KEY, prefer: 'code=200, example=nope' } });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).detail).toContain(name);
  });
});

describe('CORS (the docs site calls the mock from the browser)', () => {
  it('answers a preflight and marks replies for any origin', async () => {
    const preflight = await fetch(path(), { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-api-key');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET');
    const response = await fetch(path(), { headers: { ...KEY, origin: 'http://localhost:5173' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('adds nothing without the option, and an origin string is sent as given', async () => {
    const plain = await startMock();
    const one = await startMock({ cors: 'http://docs.example' });
    try {
      const op = bundledSpecModel().model.operations[0]!;
      const url = (running: RunningMock) => `${running.url}${op.path}?account_id=${MOCK_ACCOUNTS.small}`;
      expect((await fetch(url(plain), { headers: KEY })).headers.get('access-control-allow-origin')).toBeNull();
      expect((await fetch(url(one), { headers: KEY })).headers.get('access-control-allow-origin')).toBe('http://docs.example');
    } finally {
      await Promise.all([plain.close(), one.close()]);
    }
  });
});
