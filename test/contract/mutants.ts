// Deliberately broken variants of the mock: each breaks one rule of the spec, as a reply transform
// over the faithful mock, and names the check that must catch it.
import { MOCK_ACCOUNTS, MOCK_API_KEY, type MockExchange, type MockReply, type ReplyTransform } from '../../src/mock/index.js';
import type { CheckId, ContractOptions } from '../../src/contract/index.js';

export interface Mutant {
  name: string;
  caughtBy: CheckId;
  transform: ReplyTransform;
  /** Extra kit options the mutant needs (e.g. a short timeout, the 1,000-invitation account). */
  options?: Partial<ContractOptions>;
}

type Body = Record<string, any>;

const body = (reply: MockReply): Body => JSON.parse(reply.body);
const withBody = (reply: MockReply, change: (b: Body) => void): MockReply => {
  const b = body(reply);
  change(b);
  return { ...reply, body: JSON.stringify(b) };
};
const isPage = (x: MockExchange) => x.reply.status === 200;
const param = (x: MockExchange, name: string) => x.url.searchParams.get(name);
const onPages = (change: (b: Body, x: MockExchange) => void): ReplyTransform => (x) => (isPage(x) ? withBody(x.reply, (b) => change(b, x)) : x.reply);
const onStatus = (status: number, change: (b: Body, x: MockExchange) => void): ReplyTransform => (x) => (x.reply.status === status ? withBody(x.reply, (b) => change(b, x)) : x.reply);
const onErrors = (change: (b: Body) => void): ReplyTransform => (x) => (x.reply.status >= 400 ? withBody(x.reply, change) : x.reply);
const replyAs400For = (x: MockExchange) => x.respondAs({ query: { limit: '251' } });

export const MUTANTS: Mutant[] = [
  // Response conformance
  { name: 'an item id of the wrong type', caughtBy: 'response.body-schema', transform: onPages((b) => { if (b.items[0]) b.items[0].id = 12345; }) },
  { name: 'a required item field missing', caughtBy: 'response.body-schema', transform: onPages((b) => b.items.forEach((i: Body) => delete i.invited_user)) },
  { name: 'parsed_datetime not a date-time', caughtBy: 'response.body-schema', transform: onPages((b) => b.items.forEach((i: Body) => { if (i.parsed_datetime) i.parsed_datetime = i.date; })) },
  { name: 'the last cursor an empty string instead of null', caughtBy: 'response.body-schema', transform: onPages((b) => { if (b.cursor === null) b.cursor = ''; }) },
  { name: 'an undocumented status (422 for invalid parameters)', caughtBy: 'response.status-documented', transform: (x) => (x.reply.status === 400 ? withBody({ ...x.reply, status: 422 }, (b) => { b.status = 422; }) : x.reply) },
  { name: 'the wrong content type (text/plain)', caughtBy: 'response.content-type', transform: (x) => (isPage(x) ? { ...x.reply, headers: { ...x.reply.headers, 'content-type': 'text/plain' } } : x.reply) },
  // Error envelope
  { name: 'the wrong error type for the status', caughtBy: 'error.envelope-type', transform: onStatus(401, (b) => { b.type = 'errors/account_restricted'; }) },
  { name: 'a body status that differs from the HTTP status', caughtBy: 'error.envelope-status', transform: onStatus(400, (b) => { b.status = 422; }) },
  { name: 'an error without a title', caughtBy: 'error.envelope-title', transform: onErrors((b) => { delete b.title; }) },
  // Auth
  { name: 'auth not enforced: no key accepted', caughtBy: 'auth.missing-key', transform: (x) => (x.reply.status === 401 && !x.headers['x-api-key'] ? x.respondAs({ headers: { 'x-api-key': MOCK_API_KEY } }) : x.reply) },
  { name: 'auth not enforced: a wrong key accepted', caughtBy: 'auth.wrong-key', transform: (x) => (x.reply.status === 401 && x.headers['x-api-key'] && !String(x.headers['x-api-key']).startsWith('Bearer ') ? x.respondAs({ headers: { 'x-api-key': MOCK_API_KEY } }) : x.reply) },
  { name: 'a "Bearer " prefix stripped from the key', caughtBy: 'auth.malformed-key', transform: (x) => (String(x.headers['x-api-key'] ?? '').startsWith('Bearer ') ? x.respondAs({ headers: { 'x-api-key': String(x.headers['x-api-key']).slice(7) } }) : x.reply) },
  // Parameter negatives
  { name: 'a 500 on limit=0', caughtBy: 'params.below-minimum', transform: (x) => (param(x, 'limit') === '0' ? { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Internal Server Error', type: 'errors/unexpected_error', status: 500 }) } : x.reply) },
  { name: 'a limit above the maximum clamped to 250', caughtBy: 'params.above-maximum', transform: (x) => (Number(param(x, 'limit')) > 250 ? x.respondAs({ query: { limit: '250' } }) : x.reply) },
  { name: 'a fractional limit truncated', caughtBy: 'params.not-integer', transform: (x) => (param(x, 'limit')?.includes('.') ? x.respondAs({ query: { limit: String(Math.max(1, Math.trunc(Number(param(x, 'limit'))))) } }) : x.reply) },
  { name: 'a non-numeric limit read as the default', caughtBy: 'params.not-a-number', transform: (x) => (/[a-z]/i.test(param(x, 'limit') ?? '') ? x.respondAs({ query: { limit: undefined } }) : x.reply) },
  { name: 'a missing account_id answered with an HTML 500', caughtBy: 'params.required-missing', transform: (x) => (param(x, 'account_id') === null ? { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>500</h1>' } : x.reply) },
  { name: 'an empty cursor read as no cursor', caughtBy: 'params.too-short', transform: (x) => (param(x, 'cursor') === '' ? x.respondAs({ query: { cursor: undefined } }) : x.reply) },
  { name: 'an over-long account_id accepted', caughtBy: 'params.too-long', transform: (x) => ((param(x, 'account_id')?.length ?? 0) > 256 ? x.respondAs({ query: { account_id: MOCK_ACCOUNTS.large } }) : x.reply) },
  { name: 'a tampered cursor served as the first page', caughtBy: 'params.cursor-tampered', transform: (x) => (x.reply.status === 400 && body(x.reply).type === 'errors/invalid_cursor' ? x.respondAs({ query: { cursor: undefined } }) : x.reply) },
  // Boundary positives
  { name: 'limit=1 rejected', caughtBy: 'boundary.minimum', transform: (x) => (param(x, 'limit') === '1' ? x.respondAs({ query: { limit: '0' } }) : x.reply) },
  { name: 'limit=250 rejected (an exclusive maximum)', caughtBy: 'boundary.maximum', transform: (x) => (param(x, 'limit') === '250' ? replyAs400For(x) : x.reply) },
  // Pagination semantics
  { name: 'a cursor that never becomes null', caughtBy: 'pagination.terminates', options: { maxPages: 8 }, transform: endlessCursor() },
  { name: 'a cursor that loops back to an earlier page', caughtBy: 'pagination.terminates', options: { parameters: { account_id: MOCK_ACCOUNTS.large } }, transform: loopingCursor() },
  { name: 'duplicate ids across pages', caughtBy: 'pagination.unique-ids', options: { parameters: { account_id: MOCK_ACCOUNTS.large } }, transform: duplicateAcrossPages },
  { name: 'a page longer than limit', caughtBy: 'pagination.page-size', transform: onPages((b, x) => { const limit = Number(param(x, 'limit')); if (b.items.length === limit) b.items.push({ ...b.items[0], id: `${b.items[0].id}-extra` }); }) },
  { name: 'the default limit ignored (250 items without limit)', caughtBy: 'pagination.page-size', options: { parameters: { account_id: MOCK_ACCOUNTS.large } }, transform: (x) => (isPage(x) && param(x, 'limit') === null && param(x, 'cursor') === null ? x.respondAs({ query: { limit: '250' } }) : x.reply) },
  { name: 'an unstable order', caughtBy: 'pagination.stable-order', options: { parameters: { account_id: MOCK_ACCOUNTS.large } }, transform: onPages((b) => { b.items.sort(() => Math.random() - 0.5); }) },
  // Property-based requests: defects only generated inputs reach
  { name: 'limits above 1000 read as the default', caughtBy: 'property.invalid-requests', options: { propertyRuns: 60 }, transform: (x) => (Number(param(x, 'limit')) > 1000 ? x.respondAs({ query: { limit: undefined } }) : x.reply) },
  { name: 'valid limits between 101 and 249 rejected', caughtBy: 'property.valid-requests', options: { propertyRuns: 60 }, transform: (x) => { const l = Number(param(x, 'limit')); return l > 100 && l < 250 ? replyAs400For(x) : x.reply; } },
  // Errors on demand (Prefer) and their headers
  { name: 'Prefer type ignored: always the first type of the status', caughtBy: 'errors.preferred', transform: (x) => (x.reply.status >= 400 && /type=/.test(String(x.headers.prefer ?? '')) ? x.respondAs({ headers: { prefer: String(x.headers.prefer).replace(/,?\s*type=[^,]*/, '') } }) : x.reply) },
  { name: 'a Retry-After that is neither seconds nor a date', caughtBy: 'response.headers-schema', transform: (x) => (x.reply.headers['retry-after'] ? { ...x.reply, headers: { ...x.reply.headers, 'retry-after': 'soon' } } : x.reply) },
  // Safety: timeouts
  { name: 'a reply slower than the timeout', caughtBy: 'transport.response', options: { timeoutMs: 300 }, transform: async (x) => { if (param(x, 'limit') === '1') await new Promise((r) => setTimeout(r, 1_000)); return x.reply; } },
];

function endlessCursor(): ReplyTransform {
  let next = 0;
  return async (x) => {
    const cursor = param(x, 'cursor');
    if (cursor?.startsWith('endless-')) return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ object: 'InvitationList', items: [], cursor: `endless-${next++}` }) };
    return isPage(x) ? withBody(x.reply, (b) => { if (b.cursor === null) b.cursor = `endless-${next++}`; }) : x.reply;
  };
}

function loopingCursor(): ReplyTransform {
  return async (x) => {
    if (!isPage(x) || body(x.reply).cursor !== null || param(x, 'cursor') === null) return x.reply;
    // The last page points back at the second page: the cursor of the first page.
    const first = body(await x.respondAs({ query: { cursor: undefined } }));
    return withBody(x.reply, (b) => { b.cursor = first.cursor; });
  };
}

async function duplicateAcrossPages(x: MockExchange): Promise<MockReply> {
  if (!isPage(x) || param(x, 'cursor') === null) return x.reply;
  const first = body(await x.respondAs({ query: { cursor: undefined } }));
  return withBody(x.reply, (b) => { if (b.items.length > 0 && first.items[0]) b.items[0] = first.items[0]; });
}
