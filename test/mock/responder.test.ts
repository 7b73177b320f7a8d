// The faithful mock without sockets: what the HTTP tests cannot see cheaply.
import { describe, expect, it } from 'vitest';
import { MOCK_ACCOUNTS, MOCK_API_KEY, MOCK_DEFAULT_SEED, buildDataset } from '../../src/mock/index.js';
import { FaithfulMock } from '../../src/mock/responder.js';
import { operations } from '../../generated/operations.js';
import { specViolations } from './spec-conformance.js';

describe('FaithfulMock caches', () => {
  it('stay within their memory budget however many distinct pages are asked for, and stay correct', () => {
    const budget = 512 * 1024;
    const mock = new FaithfulMock({ apiKey: MOCK_API_KEY, seed: MOCK_DEFAULT_SEED, cacheBudgetBytes: budget });
    const items = buildDataset(MOCK_DEFAULT_SEED).get(MOCK_ACCOUNTS.large)!;
    let largestEntry = 0;
    for (let limit = 1; limit <= 250; limit += 1) {
      const reply = mock.respond('GET', `/api/v1/users/invite/sent?account_id=${MOCK_ACCOUNTS.large}&limit=${limit}`, { 'x-api-key': MOCK_API_KEY });
      largestEntry = Math.max(largestEntry, 3 * reply.body.length);
      expect(mock.cachedBytes).toBeLessThanOrEqual(budget + largestEntry);
      const page = JSON.parse(reply.body);
      expect(page.items.map((i: { id: string }) => i.id)).toEqual(items.slice(0, limit).map((i) => i.id));
    }
    expect(mock.cachedBytes).toBeGreaterThan(0);
  });

  it('serve a repeated request from memory, identical to the first', () => {
    const mock = new FaithfulMock({ apiKey: MOCK_API_KEY, seed: MOCK_DEFAULT_SEED });
    const target = `/api/v1/users/invite/sent?account_id=${MOCK_ACCOUNTS.small}`;
    const first = mock.respond('GET', target, { 'x-api-key': MOCK_API_KEY });
    const held = mock.cachedBytes;
    expect(mock.respond('GET', target, { 'x-api-key': MOCK_API_KEY })).toBe(first);
    expect(mock.cachedBytes).toBe(held);
  });
});

describe('FaithfulMock and the operation table', () => {
  const listing = operations.listSentInvitations;
  const headers = { 'x-api-key': MOCK_API_KEY };

  it('answers a documented 501 errors/feature_not_implemented for an operation it does not implement', () => {
    const received = { ...listing, operationId: 'listReceivedInvitations', path: '/users/invite/received' };
    const mock = new FaithfulMock({ apiKey: MOCK_API_KEY, seed: 1, operations: { listSentInvitations: listing, listReceivedInvitations: received } });
    const reply = mock.respond('GET', `/api/v1/users/invite/received?account_id=${MOCK_ACCOUNTS.small}`, headers);
    expect(specViolations(reply)).toEqual([]);
    expect(JSON.parse(reply.body)).toMatchObject({ status: 501, type: 'errors/feature_not_implemented' });
    expect(mock.respond('GET', `/api/v1/users/invite/sent?account_id=${MOCK_ACCOUNTS.small}`, headers).status).toBe(200);
  });

  it('lists every method of a path in Allow', () => {
    const post = { ...listing, operationId: 'sendInvitation', method: 'post' };
    const mock = new FaithfulMock({ apiKey: MOCK_API_KEY, seed: 1, operations: { listSentInvitations: listing, sendInvitation: post } });
    const reply = mock.respond('DELETE', '/api/v1/users/invite/sent', headers);
    expect([reply.status, reply.headers['allow']]).toEqual([405, 'GET, POST']);
  });

  it('refuses to start on a path template or a header parameter', () => {
    const templated = { ...listing, path: '/users/{id}/invites' };
    expect(() => new FaithfulMock({ apiKey: 'k', seed: 1, operations: { templated } })).toThrow(/path templates/);
    const inHeader = { ...listing, parameters: [{ name: 'x-trace', in: 'header' as const, style: 'simple', explode: false, required: false, schema: { type: 'string' } }] };
    expect(() => new FaithfulMock({ apiKey: 'k', seed: 1, operations: { inHeader } })).toThrow(/parameter `x-trace` in header/);
  });
});
