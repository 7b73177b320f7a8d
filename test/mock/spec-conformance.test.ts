// The spec check the mock tests rely on (the contract kit's response checks) must catch what it claims.
import { describe, expect, it } from 'vitest';
import { specViolations } from './spec-conformance.js';

const json = { 'content-type': 'application/json' };
const page = { object: 'InvitationList', items: [], cursor: null };
const error429 = { title: 'Too Many Requests', type: 'errors/too_many_requests', status: 429 };

describe('specViolations', () => {
  it('accepts conforming replies', () => {
    expect(specViolations({ status: 200, headers: json, body: JSON.stringify(page) })).toEqual([]);
    expect(specViolations({ status: 429, headers: { ...json, 'retry-after': '1' }, body: JSON.stringify(error429) })).toEqual([]);
  });

  it.each([
    ['an undocumented status', 404, json, page, /response\.status-documented: HTTP 404 is not documented/],
    ['the wrong content type', 200, { 'content-type': 'text/plain' }, page, /response\.content-type: Content-Type text\/plain is not documented/],
    ['a missing required field', 200, json, { object: 'InvitationList', items: [] }, /response\.body-schema: \/cursor must have required property 'cursor'/],
    ['an empty cursor', 200, json, { ...page, cursor: '' }, /response\.body-schema: \/cursor must NOT have fewer than 1 characters/],
    ['a body status unlike the HTTP status', 503, json, { ...error429 }, /error\.envelope-status: body status 429 differs from HTTP status 503/],
    ['a type of another status', 429, json, { ...error429, type: 'errors/network_down' }, /response\.body-schema: \/type must be equal to one of the allowed values/],
    ['an error without a title', 429, { ...json, 'retry-after': '1' }, { ...error429, title: '' }, /error\.envelope-title: the error envelope has no non-empty title/],
    ['a bad Retry-After', 429, { ...json, 'retry-after': 'soon' }, error429, /response\.headers-schema: header Retry-After/],
  ])('flags %s', (_name, status, headers, body, problem) => {
    expect(specViolations({ status, headers, body: JSON.stringify(body) }).join('\n')).toMatch(problem);
  });
});
