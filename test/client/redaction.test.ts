// Secrets never leak: every error path is serialised every way a user could log it, and the
// API key and every shared_secret the server sent are searched for.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostpressClient, type ClientEvent } from '../../src/client/index.js';
import { API_KEY, envelope, json, page, secretOf, startServer, type Responder, type TestServer } from './server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const SECRETS = [API_KEY, ...Array.from({ length: 5 }, (_, i) => secretOf(i))];
const bodyWithSecrets = JSON.stringify(page(0, 5, 'c1'));

const faults: Record<string, Responder> = {
  'truncated JSON holding secrets': (_req, res) => {
    const text = bodyWithSecrets.slice(0, bodyWithSecrets.indexOf(secretOf(3)) + 10);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  },
  'HTML 502 echoing the key and secrets': (_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' }).end(`<html>${API_KEY} ${SECRETS.join(' ')}</html>`);
  },
  'envelope whose detail echoes the key': (_req, res) => json(res, 401, envelope(401, 'errors/invalid_credentials', { detail: `key ${API_KEY} is invalid`, instance: API_KEY })),
  'envelope with extra fields holding secrets': (_req, res) => json(res, 403, { ...envelope(403, 'errors/action_required'), debug: { key: API_KEY, secrets: SECRETS } }),
  'malformed envelope holding secrets': (_req, res) => json(res, 500, { oops: bodyWithSecrets, key: API_KEY }),
  'connection reset mid-body': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 100_000 });
    res.write(bodyWithSecrets);
    setTimeout(() => res.socket?.destroy(), 5);
  },
  'slow response (timeout)': (_req, res) => setTimeout(() => json(res, 200, page(0, 5, null)), 1000).unref(),
  '503 echoing the key on every retry': (_req, res) => json(res, 503, envelope(503, 'errors/no_channel', { detail: API_KEY })),
  'pages holding secrets, then a repeated cursor': (_req, res) => json(res, 200, page(0, 5, 'same')),
  '200 body of the wrong shape holding secrets': (_req, res) => json(res, 200, { items: 'x', cursor: 5, secrets: SECRETS }),
};

function serialisations(value: unknown): string[] {
  const out = [String(value), JSON.stringify(value) ?? '', inspect(value, { depth: Infinity, showHidden: true, getters: true })];
  if (value instanceof Error) out.push(value.stack ?? '', value.message);
  return out;
}

describe('secrets never appear in errors or events', () => {
  it.each(Object.keys(faults))('%s', async (name) => {
    server.respond(faults[name]!);
    const events: ClientEvent[] = [];
    const client = createPostpressClient({
      apiKey: API_KEY, baseUrl: server.baseUrl, timeoutMs: name === 'slow response (timeout)' ? 200 : 20_000, retry: { baseDelayMs: 1, maxDelayMs: 2 }, onEvent: (e) => events.push(e),
    });
    const result = await client.listSentInvitations({ account_id: 'acc_1' });
    const thrown = await (async () => {
      for await (const _ of client.paginate('listSentInvitations', { account_id: 'acc_1' })) void _;
    })().catch((e: unknown) => e);
    expect(result.ok).toBe(name.startsWith('pages holding secrets'));
    expect(thrown).toBeInstanceOf(Error);
    // a successful result holds the data (with its secrets) by design; failures must not
    const texts = [...(result.ok ? [] : [result]), thrown, events, client, ...events].flatMap(serialisations);
    for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(texts.join('\n')).toMatch(/client\/|errors\//);
  });

  it('the key is redacted, not dropped, in a server envelope that echoes it', async () => {
    server.respond(faults['envelope whose detail echoes the key']!);
    const client = createPostpressClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
    const r = await client.listSentInvitations({ account_id: 'acc_1' });
    expect(r.ok === false && r.error).toMatchObject({ detail: 'key [redacted] is invalid', instance: '[redacted]' });
  });

  it('a key with invalid characters, an empty or a missing key is rejected without quoting it', () => {
    for (const badKey of [`${API_KEY}\n`, `${API_KEY} x`, '', undefined]) {
      const error = (() => {
        try {
          createPostpressClient({ apiKey: badKey as string });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, JSON.stringify(badKey)).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe('apiKey must be a non-empty string of visible ASCII characters');
      for (const text of serialisations(error)) expect(text).not.toContain(API_KEY);
    }
  });
});
