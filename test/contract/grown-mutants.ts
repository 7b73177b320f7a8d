// Deliberately broken variants of the mock serving the grown fixture spec (10 operations: bodies,
// path parameters, resources, 204 deletes, an enum filter, an array and a header parameter, oneOf
// items, per-operation 404/409 sets). Each breaks one rule, as a reply transform over the faithful
// mock, and names the check that must catch it.
import type { MockExchange, MockReply, ReplyTransform } from '../../src/mock/index.js';
import type { CheckId } from '../../src/contract/index.js';

export interface GrownMutant { name: string; caughtBy: CheckId; transform: () => ReplyTransform }

const json = (status: number, body: unknown, headers: Record<string, string> = {}): MockReply => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const path = (x: MockExchange) => x.url.pathname.replace(/^.*?\/(users|webhooks)/, '/$1');
const isItem = (x: MockExchange, collection: string) => new RegExp(`^${collection}/[^/]+$`).test(path(x));
const parse = (reply: MockReply): any => { try { return JSON.parse(reply.body); } catch { return undefined; } };
const VALID_WEBHOOK = { request_url: 'https://example.com/hook', events: ['invitation.accepted'] };
const VALID_INVITATION = { account_id: 'acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR', provider_id: 'ACoAACr-1eYBl' };

export const GROWN_MUTANTS: GrownMutant[] = [
  // Request bodies
  { name: 'createWebhook ignores its body (any body creates a webhook)', caughtBy: 'body.invalid', transform: () => (x) => (x.method === 'POST' && path(x) === '/webhooks' && x.reply.status === 400 ? x.respondAs({ body: Buffer.from(JSON.stringify(VALID_WEBHOOK)) }) : x.reply) },
  { name: 'sendInvitation accepts a request without a body', caughtBy: 'body.invalid', transform: () => (x) => (x.method === 'POST' && path(x) === '/users/invite' && x.body.length === 0 ? x.respondAs({ headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(VALID_INVITATION)) }) : x.reply) },
  { name: 'updateWebhook accepts unknown properties (additionalProperties: false ignored)', caughtBy: 'body.invalid', transform: () => (x) => {
    if (x.method !== 'PATCH' || x.reply.status !== 400) return x.reply;
    const body = parse({ status: 0, headers: {}, body: x.body.toString() });
    if (!body || typeof body !== 'object' || !('unexpected_property' in body)) return x.reply;
    const { unexpected_property: _u, ...rest } = body;
    return x.respondAs({ body: Buffer.from(JSON.stringify(Object.keys(rest).length > 0 ? rest : { enabled: true })) });
  } },
  { name: 'createWebhook rejects valid bodies after the first', caughtBy: 'body.valid', transform: () => { let created = 0; return (x) => (x.method === 'POST' && path(x) === '/webhooks' && x.reply.status === 201 && ++created > 1 ? json(400, { title: 'Bad Request', type: 'errors/invalid_parameters', status: 400 }) : x.reply); } },
  // Stateful
  { name: 'a created webhook is not listed', caughtBy: 'stateful.created-listed', transform: () => (x) => (x.method === 'GET' && path(x) === '/webhooks' && x.reply.status === 200 ? json(200, { ...parse(x.reply), items: [], cursor: null }) : x.reply) },
  { name: 'a created webhook cannot be read back', caughtBy: 'stateful.created-readable', transform: () => (x) => (x.method === 'GET' && isItem(x, '/webhooks') && x.reply.status === 200 ? json(404, { title: 'Not Found', type: 'errors/webhook_not_found', status: 404 }) : x.reply) },
  { name: 'reading a webhook returns another id', caughtBy: 'stateful.created-readable', transform: () => (x) => (x.method === 'GET' && isItem(x, '/webhooks') && x.reply.status === 200 ? json(200, { ...parse(x.reply), id: 'wh_SomeoneElse' }) : x.reply) },
  { name: 'a deleted webhook can still be read (delete without effect)', caughtBy: 'stateful.deleted-gone', transform: () => {
    const gone = new Map<string, unknown>();
    return async (x) => {
      const id = path(x).split('/')[2];
      if (x.method === 'DELETE' && isItem(x, '/webhooks') && x.reply.status === 204 && id) gone.set(id, { object: 'Webhook', id, request_url: 'https://example.com/hook', events: ['invitation.accepted'], enabled: true });
      if (x.method === 'GET' && isItem(x, '/webhooks') && x.reply.status === 404 && id && gone.has(id)) return json(200, gone.get(id));
      return x.reply;
    };
  } },
  { name: 'a cancelled invitation stays in the list', caughtBy: 'stateful.deleted-gone', transform: () => {
    const kept = new Map<string, unknown>();
    return async (x) => {
      if (x.method === 'GET' && isItem(x, '/users/invite/sent') && x.reply.status === 200) { const b = parse(x.reply); if (b?.id) kept.set(b.id, b); }
      if (x.method === 'DELETE' && isItem(x, '/users/invite/sent') && x.reply.status === 204) kept.set(`gone:${path(x).split('/').pop()}`, true);
      if (x.method === 'GET' && path(x) === '/users/invite/sent' && x.reply.status === 200 && !x.url.searchParams.get('cursor')) {
        const body = parse(x.reply);
        const ghosts = [...kept.entries()].filter(([k]) => kept.has(`gone:${k}`)).map(([, v]) => v);
        if (ghosts.length > 0) return json(200, { ...body, items: [...ghosts, ...body.items].slice(0, Number(x.url.searchParams.get('limit') ?? 100)) });
      }
      return x.reply;
    };
  } },
  // Parameters of every location
  { name: 'getWebhook does not validate its path parameter (404 for a malformed id)', caughtBy: 'params.pattern-mismatch', transform: () => (x) => (x.method === 'GET' && isItem(x, '/webhooks') && x.reply.status === 400 ? json(404, { title: 'Not Found', type: 'errors/webhook_not_found', status: 404 }) : x.reply) },
  { name: 'the enum filter ignores values outside its enum', caughtBy: 'params.not-in-enum', transform: () => (x) => (path(x) === '/users/invite/received' && x.reply.status === 400 && /not-in-enum/.test(x.url.searchParams.get('status') ?? '') ? x.respondAs({ query: { status: undefined } }) : x.reply) },
  { name: 'the array parameter accepts more items than maxItems', caughtBy: 'params.too-long', transform: () => (x) => (path(x) === '/users/invite/received' && x.reply.status === 400 && x.url.searchParams.getAll('sender_types').length > 2 ? x.respondAs({ query: { sender_types: undefined } }) : x.reply) },
  { name: 'the X-Request-Id header is not validated', caughtBy: 'params.pattern-mismatch', transform: () => (x) => (x.reply.status === 400 && x.headers['x-request-id'] !== undefined && !/^[A-Za-z0-9_-]+$/.test(String(x.headers['x-request-id'])) ? x.respondAs({ headers: { 'x-request-id': undefined } }) : x.reply) },
  { name: 'a too long Idempotency-Key is accepted', caughtBy: 'params.too-long', transform: () => (x) => (x.reply.status === 400 && String(x.headers['idempotency-key'] ?? '').length > 255 ? x.respondAs({ headers: { 'idempotency-key': undefined } }) : x.reply) },
  // Methods
  { name: 'an undocumented method gets 404 instead of 405', caughtBy: 'method.not-allowed', transform: () => (x) => (x.reply.status === 405 ? json(404, { title: 'Not Found', status: 404 }) : x.reply) },
  { name: 'a 405 without an Allow header', caughtBy: 'method.not-allowed', transform: () => (x) => { if (x.reply.status !== 405) return x.reply; const headers = { ...x.reply.headers }; delete headers.allow; delete headers.Allow; return { ...x.reply, headers }; } },
  // Authentication on one operation only
  { name: 'deleteWebhook ignores a missing key', caughtBy: 'auth.missing-key', transform: () => (x) => (x.method === 'DELETE' && isItem(x, '/webhooks') && x.reply.status === 401 && x.headers['x-api-key'] === undefined ? x.respondAs({ headers: { 'x-api-key': 'pp_test_mock_key' } }) : x.reply) },
  { name: 'getSentInvitation accepts any well-formed key', caughtBy: 'auth.wrong-key', transform: () => (x) => (x.method === 'GET' && isItem(x, '/users/invite/sent') && x.reply.status === 401 && typeof x.headers['x-api-key'] === 'string' && !String(x.headers['x-api-key']).startsWith('Bearer') ? x.respondAs({ headers: { 'x-api-key': 'pp_test_mock_key' } }) : x.reply) },
  // Responses
  { name: 'received invitations with an unknown sender_type (oneOf broken)', caughtBy: 'response.body-schema', transform: () => (x) => (path(x) === '/users/invite/received' && x.reply.status === 200 ? json(200, { ...parse(x.reply), items: [...(parse(x.reply).items as any[]), { object: 'InvitationReceived', id: 'inv_robot', sender_type: 'robot', sender_name: 'R2', status: 'pending' }].map((i) => ({ ...i, sender_type: 'robot' })) }) : x.reply) },
  { name: 'createWebhook answers 201 without its Location header', caughtBy: 'response.headers-schema', transform: () => (x) => { if (x.reply.status !== 201) return x.reply; const headers = { ...x.reply.headers }; delete headers.location; delete headers.Location; return { ...x.reply, headers }; } },
  { name: 'deleteWebhook answers 200 with a body instead of 204', caughtBy: 'response.status-documented', transform: () => (x) => (x.method === 'DELETE' && x.reply.status === 204 ? json(200, { deleted: true }) : x.reply) },
  { name: 'getSentInvitation answers its 404 with the webhook error type', caughtBy: 'error.envelope-type', transform: () => (x) => (x.method === 'GET' && isItem(x, '/users/invite/sent') && x.reply.status === 404 ? json(404, { ...parse(x.reply), type: 'errors/webhook_not_found' }) : x.reply) },
];
