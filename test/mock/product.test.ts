// The mock serving our bundled spec over real HTTP on 127.0.0.1: data, pagination, auth,
// parameters, Prefer, routing. Every reply to a documented route is checked against the spec
// (see spec-conformance.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { errorCatalog, operations } from '../../generated/operations.js';
import {
  MOCK_ACCOUNT_SIZES,
  MOCK_ACCOUNTS,
  MOCK_API_KEY,
  MOCK_DEFAULT_SEED,
  buildDataset,
  createMock,
  startMockServer,
  type RunningMock,
} from '../../src/mock/index.js';
import { defaultSpec } from '../../src/contract/spec.js';
import { documentedHeaders, specViolations, wireReply, type WireReply } from './spec-conformance.js';

const KEY = { 'X-API-KEY': MOCK_API_KEY };
const API_BASE_PATH = new URL(defaultSpec().document.servers[0].url).pathname;
let mock: RunningMock;

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock?.close();
});

interface Call extends WireReply {
  json: any;
}

/** GET the operation on `server`; fails the test if the reply departs from the spec. */
async function call(query: string, headers: Record<string, string> = KEY, server: RunningMock = mock): Promise<Call> {
  const reply = await wireReply(await fetch(`${server.url}/users/invite/sent?${query}`, { headers }));
  expect(specViolations(reply), `${query} -> ${reply.status} ${reply.body}`).toEqual([]);
  return { ...reply, json: JSON.parse(reply.body) };
}

async function walk(accountId: string, limit?: number, server: RunningMock = mock): Promise<{ ids: string[]; pages: any[] }> {
  const ids: string[] = [];
  const pages: any[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ account_id: accountId });
    if (limit !== undefined) params.set('limit', String(limit));
    if (cursor !== null) params.set('cursor', cursor);
    const { status, json } = await call(params.toString(), KEY, server);
    expect(status).toBe(200);
    pages.push(json);
    ids.push(...json.items.map((item: { id: string }) => item.id));
    cursor = json.cursor;
    expect(pages.length).toBeLessThanOrEqual(1001);
  } while (cursor !== null);
  return { ids, pages };
}

describe('data set and pagination', () => {
  it.each([
    [MOCK_ACCOUNTS.empty, 0],
    [MOCK_ACCOUNTS.small, 7],
    [MOCK_ACCOUNTS.large, 1000],
  ])('%s holds %i invitations, walked in stable order with no repeats', async (accountId, size) => {
    for (const limit of [undefined, 3, 250]) {
      const first = await walk(accountId, limit);
      expect(first.ids).toHaveLength(size);
      expect(new Set(first.ids).size).toBe(size);
      for (const page of first.pages) expect(page.items.length).toBeLessThanOrEqual(limit ?? 100);
      expect(first.pages.at(-1).cursor).toBeNull();
      expect(first.pages.length).toBe(Math.max(1, Math.ceil(size / (limit ?? 100))));
      expect((await walk(accountId, limit)).ids).toEqual(first.ids);
    }
    expect(MOCK_ACCOUNT_SIZES[accountId]).toBe(size);
  });

  it('serves the seeded data set verbatim, newest first, and the same seed gives the same data', async () => {
    const { pages } = await walk(MOCK_ACCOUNTS.large, 250);
    const served = pages.flatMap((page) => page.items);
    expect(served).toEqual(buildDataset(MOCK_DEFAULT_SEED).get(MOCK_ACCOUNTS.large));
    expect(buildDataset(MOCK_DEFAULT_SEED)).toEqual(buildDataset(MOCK_DEFAULT_SEED));
    const dated = served.filter((item) => item.parsed_datetime !== null).map((item) => Date.parse(item.parsed_datetime));
    expect(dated).toEqual([...dated].sort((a, b) => b - a));
  });

  it('the same seed gives the same cursors after a restart, and accepts them', async () => {
    const restarted = await startMockServer();
    try {
      const before = await call(`account_id=${MOCK_ACCOUNTS.large}&limit=10`);
      const after = await call(`account_id=${MOCK_ACCOUNTS.large}&limit=10`, KEY, restarted);
      expect(after.json.cursor).toBe(before.json.cursor);
      const next = await call(`account_id=${MOCK_ACCOUNTS.large}&limit=10&cursor=${before.json.cursor}`, KEY, restarted);
      expect(next.json.items[0].id).toBe(buildDataset(MOCK_DEFAULT_SEED).get(MOCK_ACCOUNTS.large)![10]!.id);
    } finally {
      await restarted.close();
    }
  });

  it('a different seed gives different data and different cursors', async () => {
    const other = await startMockServer({ seed: 7 });
    try {
      const theirs = await walk(MOCK_ACCOUNTS.small, 3, other);
      const ours = await walk(MOCK_ACCOUNTS.small, 3);
      expect(theirs.ids).toHaveLength(7);
      expect(theirs.ids.filter((id) => ours.ids.includes(id))).toEqual([]);
      expect(theirs.pages[0].cursor).not.toBe(ours.pages[0].cursor);
      // A cursor from one seed means nothing to another.
      const foreign = await call(`account_id=${MOCK_ACCOUNTS.small}&cursor=${theirs.pages[0].cursor}`);
      expect([foreign.status, foreign.json.type]).toEqual([400, 'errors/invalid_cursor']);
    } finally {
      await other.close();
    }
  });

  it('shows every optional shape within the 7-invitation account', async () => {
    const { json } = await call(`account_id=${MOCK_ACCOUNTS.small}`);
    const items: any[] = json.items;
    const has = (predicate: (item: any) => boolean) => [items.some(predicate), items.some((i) => !predicate(i))];
    expect(has((i) => 'inviter' in i)).toEqual([true, true]);
    expect(has((i) => 'specifics' in i)).toEqual([true, true]);
    expect(has((i) => i.parsed_datetime === null)).toEqual([true, true]);
    expect(has((i) => i.invitation_text === '')).toEqual([true, true]);
    expect(items.every((i) => !('specifics' in i) || i.specifics.provider === 'LINKEDIN')).toBe(true);
  });

  it('the default limit is the spec default (100), and limits 1 and 250 succeed', async () => {
    const limitSchema = operations.listSentInvitations.parameters.find((p) => p.name === 'limit')!.schema;
    expect((await call(`account_id=${MOCK_ACCOUNTS.large}`)).json.items).toHaveLength(limitSchema.default);
    expect((await call(`account_id=${MOCK_ACCOUNTS.large}&limit=1`)).json.items).toHaveLength(1);
    expect((await call(`account_id=${MOCK_ACCOUNTS.large}&limit=250`)).json.items).toHaveLength(250);
  });

  it('lets the limit change between pages of one walk', async () => {
    const first = await call(`account_id=${MOCK_ACCOUNTS.small}&limit=2`);
    const rest = await call(`account_id=${MOCK_ACCOUNTS.small}&limit=250&cursor=${first.json.cursor}`);
    expect(rest.json.items).toHaveLength(5);
    expect(rest.json.cursor).toBeNull();
  });
});

describe('cursors', () => {
  it('rejects any single-character change to a cursor with 400 errors/invalid_cursor', async () => {
    const { json } = await call(`account_id=${MOCK_ACCOUNTS.large}&limit=10`);
    const cursor: string = json.cursor;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    await fc.assert(
      fc.asyncProperty(fc.nat(cursor.length - 1), fc.constantFrom(...alphabet), async (at, char) => {
        fc.pre(cursor[at] !== char);
        const tampered = cursor.slice(0, at) + char + cursor.slice(at + 1);
        const reply = await call(`account_id=${MOCK_ACCOUNTS.large}&cursor=${tampered}`);
        expect([reply.status, reply.json.type]).toEqual([400, 'errors/invalid_cursor']);
      }),
      { numRuns: 60, seed: 4 },
    );
  });

  it.each([
    ['truncated', (c: string) => c.slice(0, -1)],
    ['extended', (c: string) => `${c}A`],
    ['padded', (c: string) => `${c}==`],
    ['garbage', () => 'not-a-cursor'],
    ['4096 characters', () => 'x'.repeat(4096)],
  ])('rejects a %s cursor with errors/invalid_cursor', async (_name, change) => {
    const { json } = await call(`account_id=${MOCK_ACCOUNTS.large}&limit=10`);
    const reply = await call(`account_id=${MOCK_ACCOUNTS.large}&cursor=${encodeURIComponent(change(json.cursor))}`);
    expect([reply.status, reply.json.type]).toEqual([400, 'errors/invalid_cursor']);
  });

  it("rejects another account's cursor", async () => {
    const { json } = await call(`account_id=${MOCK_ACCOUNTS.large}&limit=3`);
    const reply = await call(`account_id=${MOCK_ACCOUNTS.small}&cursor=${json.cursor}`);
    expect([reply.status, reply.json.type]).toEqual([400, 'errors/invalid_cursor']);
  });

  it('issues opaque cursors: no offset or account id readable in them', async () => {
    const { json } = await call(`account_id=${MOCK_ACCOUNTS.large}&limit=100`);
    const decoded = Buffer.from(json.cursor, 'base64url').toString('latin1');
    expect(decoded).not.toContain('100');
    expect(decoded).not.toContain('acc_');
    expect(json.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('authentication', () => {
  it.each([
    ['no X-API-KEY', {}, 'errors/missing_credentials'],
    ['an empty X-API-KEY', { 'X-API-KEY': '' }, 'errors/missing_credentials'],
    ['a blank X-API-KEY', { 'X-API-KEY': '   ' }, 'errors/missing_credentials'],
    ['a wrong X-API-KEY', { 'X-API-KEY': 'pp_live_wrong' }, 'errors/invalid_credentials'],
    ['the key with a suffix', { 'X-API-KEY': `${MOCK_API_KEY}x` }, 'errors/invalid_credentials'],
    ['the key as a bearer token', { Authorization: `Bearer ${MOCK_API_KEY}` }, 'errors/missing_credentials'],
  ])('%s gets 401 %s', async (_name, headers, type) => {
    const reply = await call(`account_id=${MOCK_ACCOUNTS.small}`, headers);
    expect([reply.status, reply.json.type]).toEqual([401, type]);
  });

  it('checks the key before the parameters and before Prefer', async () => {
    expect((await call('limit=0', {})).status).toBe(401);
    const preferred = await call(`account_id=${MOCK_ACCOUNTS.small}`, { 'X-API-KEY': 'nope', Prefer: 'code=503' });
    expect([preferred.status, preferred.json.type]).toEqual([401, 'errors/invalid_credentials']);
  });

  it('a reply served once is never replayed to a request without the key or with Prefer', async () => {
    const query = `account_id=${MOCK_ACCOUNTS.small}&limit=2`;
    const first = await call(query);
    expect((await call(query, {})).json.type).toBe('errors/missing_credentials');
    expect((await call(query, { 'X-API-KEY': 'wrong' })).json.type).toBe('errors/invalid_credentials');
    expect((await call(query, { ...KEY, Prefer: 'code=503' })).status).toBe(503);
    expect((await call(query)).body).toBe(first.body);
  });

  it('refuses to start with an empty key or a non-integer seed', async () => {
    await expect(createMock({ apiKey: ' ' })).rejects.toThrow(/API key must not be empty/);
    await expect(createMock({ seed: 1.5 })).rejects.toThrow(/seed must be an integer/);
  });

  it('accepts only the configured key', async () => {
    const other = await startMockServer({ apiKey: 'pp_test_other' });
    try {
      expect((await call(`account_id=${MOCK_ACCOUNTS.small}`, { 'X-API-KEY': 'pp_test_other' }, other)).status).toBe(200);
      expect((await call(`account_id=${MOCK_ACCOUNTS.small}`, KEY, other)).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('parameters', () => {
  const small = `account_id=${MOCK_ACCOUNTS.small}`;
  it.each([
    ['limit=0', `${small}&limit=0`, 'limit'],
    ['limit=251', `${small}&limit=251`, 'limit'],
    ['limit=2.5', `${small}&limit=2.5`, 'limit'],
    ['limit=abc', `${small}&limit=abc`, 'limit'],
    ['limit empty', `${small}&limit=`, 'limit'],
    ['limit=-1', `${small}&limit=-1`, 'limit'],
    ['limit=+5', `${small}&limit=%2B5`, 'limit'],
    ['limit beyond int32', `${small}&limit=4294967297`, 'limit'],
    ['limit twice', `${small}&limit=5&limit=6`, 'limit'],
    ['no account_id', 'limit=5', 'account_id'],
    ['empty account_id', 'account_id=', 'account_id'],
    ['account_id of 257 characters', `account_id=${'a'.repeat(257)}`, 'account_id'],
    ['account_id twice', `${small}&${small}`, 'account_id'],
    ['empty cursor', `${small}&cursor=`, 'cursor'],
    ['cursor of 4097 characters', `${small}&cursor=${'x'.repeat(4097)}`, 'cursor'],
  ])('%s gets 400 errors/invalid_parameters naming the parameter', async (_name, query, parameter) => {
    const reply = await call(query);
    expect([reply.status, reply.json.type]).toEqual([400, 'errors/invalid_parameters']);
    expect(reply.json.detail).toContain(`\`${parameter}\``);
  });

  it('names every invalid parameter in one reply', async () => {
    const reply = await call('limit=0&cursor=');
    for (const name of ['cursor', 'limit', 'account_id']) expect(reply.json.detail).toContain(`\`${name}\``);
  });

  it('ignores query parameters the spec does not define', async () => {
    expect((await call(`${small}&unknown=1`)).status).toBe(200);
  });

  it('an account id it does not know (but valid in form) gets 403 errors/resource_access_restricted', async () => {
    for (const accountId of ['acc_linkedin_unknown', 'a'.repeat(256), 'é']) {
      const reply = await call(`account_id=${encodeURIComponent(accountId)}`);
      expect([reply.status, reply.json.type]).toEqual([403, 'errors/resource_access_restricted']);
    }
  });

  it('counts account_id length in code points, as JSON Schema does', async () => {
    const astral = '\u{1F600}'.repeat(256); // 512 UTF-16 units, 256 code points: valid in form
    expect((await call(`account_id=${encodeURIComponent(astral)}`)).status).toBe(403);
    expect((await call(`account_id=${encodeURIComponent(`${astral}x`)}`)).status).toBe(400);
  });
});

const documentedErrors = Object.entries(errorCatalog).flatMap(([status, entry]) =>
  Object.keys(entry.types).map((type) => [Number(status), type] as const),
);

describe('errors on demand with Prefer', () => {
  it('covers every documented error type of the operation', () => {
    const statuses = operations.listSentInvitations.statuses.filter((s) => s !== 200);
    expect(new Set(documentedErrors.map(([status]) => status))).toEqual(new Set(statuses));
    expect(documentedErrors.length).toBeGreaterThan(30);
  });

  it.each(documentedErrors)('Prefer: code=%i, type=%s', async (status, type) => {
    const reply = await call(`account_id=${MOCK_ACCOUNTS.small}`, { ...KEY, Prefer: `code=${status}, type=${type}` });
    expect([reply.status, reply.json.type, reply.json.status]).toEqual([status, type, status]);
    expect(reply.json.title).toBeTruthy();
    expect(reply.json.detail).toBe((errorCatalog as any)[status].types[type].description);
    expect(reply.headers['preference-applied']).toBe(`code=${status}, type=${type}`);
    // Retry-After is sent exactly where the spec documents it.
    expect('retry-after' in reply.headers).toBe('retry-after' in documentedHeaders(status));
  });


  it('code alone gives the first documented type; type alone gives its status', async () => {
    const byCode = await call(`account_id=${MOCK_ACCOUNTS.small}`, { ...KEY, Prefer: 'code=504' });
    expect([byCode.status, byCode.json.type]).toEqual([504, 'errors/request_timeout']);
    const byType = await call(`account_id=${MOCK_ACCOUNTS.small}`, { ...KEY, Prefer: 'type="errors/network_down"' });
    expect([byType.status, byType.json.type]).toEqual([503, 'errors/network_down']);
  });

  it('code=200 and unrelated preferences give the normal reply', async () => {
    const ok = await call(`account_id=${MOCK_ACCOUNTS.small}`, { ...KEY, Prefer: 'code=200' });
    expect([ok.status, ok.json.items.length]).toEqual([200, 7]);
    const other = await call(`account_id=${MOCK_ACCOUNTS.small}`, { ...KEY, Prefer: 'return=minimal, respond-async' });
    expect(other.status).toBe(200);
    expect(other.headers['preference-applied']).toBeUndefined();
  });

  it('Prefer wins over invalid parameters, so any error can be forced', async () => {
    const reply = await call('limit=0', { ...KEY, Prefer: 'code=429' });
    expect([reply.status, reply.json.type]).toEqual([429, 'errors/too_many_requests']);
  });

  const documented = () => operations.listSentInvitations.statuses.join(', ');
  it.each([
    ['an undocumented status', 'code=404', () => `Prefer code=404 is not a documented status (documented: ${documented()}).`],
    ['a non-numeric code', 'code=abc', () => `Prefer code=abc is not a documented status (documented: ${documented()}).`],
    ['a code with a fourth digit', 'code=4000', () => `Prefer code=4000 is not a documented status (documented: ${documented()}).`],
    ['a code after text', 'code=x400', () => `Prefer code=x400 is not a documented status (documented: ${documented()}).`],
    ['a type of another status', 'code=400, type=errors/network_down', () => 'Prefer type=errors/network_down is not documented for status 400 (documented types: errors/invalid_parameters, errors/invalid_cursor).'],
    ['an unknown type', 'type=errors/bogus', () => 'Prefer type=errors/bogus is not a documented error type of listSentInvitations.'],
    ['a type with code=200', 'code=200, type=errors/unexpected_error', () => 'Prefer type=errors/unexpected_error is not documented for status 200.'],
    ['two codes', 'code=500, code=503', () => 'Prefer gives 2 different `code` values.'],
    ['two codes and two types', 'code=500, code=503, type=a, type=b', () => 'Prefer gives 2 different `code` values; Prefer gives 2 different `type` values.'],
  ])('%s is refused with 400 errors/invalid_parameters naming Prefer', async (_name, prefer, detail) => {
    const reply = await call(`account_id=${MOCK_ACCOUNTS.small}`, { ...KEY, Prefer: prefer });
    expect([reply.status, reply.json.type, reply.json.detail]).toEqual([400, 'errors/invalid_parameters', detail()]);
    // A refused preference is not reported as applied.
    expect(reply.headers['preference-applied']).toBeUndefined();
  });
});

describe('routing outside the spec', () => {
  it('serves under the path of the spec servers[0].url', () => {
    expect(API_BASE_PATH).toBe('/api/v1');
    expect(mock.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${API_BASE_PATH}$`));
  });

  // A prefix as long as the base path, but another one, is outside it too.
  const otherBase = `${API_BASE_PATH.slice(0, -1)}${API_BASE_PATH.endsWith('9') ? '8' : '9'}`;
  it.each(['/users/invite/sent', `${API_BASE_PATH}/users/invite`, `${API_BASE_PATH}/users/invite/sent/`, '/', `${otherBase}/users/invite/sent`, API_BASE_PATH])(
    '%s gets 404 as an RFC 9457 problem listing what is served',
    async (path) => {
      const origin = new URL(mock.url).origin;
      const response = await fetch(`${origin}${path}?account_id=${MOCK_ACCOUNTS.small}`, { headers: KEY });
      const body = await response.json();
      expect([response.status, response.headers.get('content-type')]).toEqual([404, 'application/problem+json']);
      expect(body).toMatchObject({ title: 'Not Found', type: 'about:blank', status: 404 });
      expect(body.detail).toBe(`No operation at ${path}. This mock serves GET ${API_BASE_PATH}/users/invite/sent.`);
    },
  );

  it.each(['POST', 'DELETE', 'HEAD'])('%s on the operation gets 405 with Allow: GET', async (method) => {
    const response = await fetch(`${mock.url}/users/invite/sent?account_id=${MOCK_ACCOUNTS.small}`, { method, headers: KEY });
    expect([response.status, response.headers.get('allow')]).toEqual([405, 'GET']);
    if (method !== 'HEAD') expect(await response.json()).toMatchObject({ type: 'about:blank', status: 405 });
  });
});
