// How the mock reads a request in any spec (test/mock/requests-spec.ts): where credentials are
// sent and how requirements combine, path styles, header, cookie and repeated query parameters,
// and bodies in several media types. Each case is one request and the answer it must get.
import { describe, expect, it } from 'vitest';
import { startMock } from '../../src/mock/index.js';
import { REQUESTS } from './requests-spec.js';

type Case = [target: string, init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> }, status: number, detail?: string];

const KEY = 'pp_test_requests';
const trace = { 'x-trace': '7' };
const json = { 'content-type': 'application/json' };
const accepted = 'application/json or text/plain or image/*';

const CASES: Case[] = [
  [`/query-key?api_key=${KEY}`, {}, 200],
  ['/query-key', {}, 401, 'Send your API key in the query api_key.'],
  ['/query-key?api_key=%20', {}, 401, 'Send your API key in the query api_key.'],
  ['/query-key?api_key=wrong', {}, 401, 'The api_key is not valid.'],
  ['/cookie-key', { headers: { cookie: `a=1; session=${KEY}` } }, 200],
  ['/cookie-key', { headers: { cookie: 'session=wrong' } }, 401, 'The session is not valid.'],
  ['/cookie-key', { headers: { cookie: 'other=1; session' } }, 401, 'Send your API key in the cookie session.'],
  ['/cookie-key', {}, 401, 'Send your API key in the cookie session.'],
  // (X-Key and bearer) or oauth: the first requirement's first failure is named.
  ['/both', { headers: { 'x-key': KEY, authorization: 'Bearer t' } }, 200],
  ['/both', { headers: { authorization: 'Bearer t' } }, 200],
  ['/both', { headers: { 'x-key': KEY } }, 401, 'Send an Authorization: Bearer … header.'],
  ['/both', { headers: { authorization: 'Basic t' } }, 401, 'Send your API key in the header X-Key.'],
  ['/both', {}, 401, 'Send your API key in the header X-Key.'],
  ['/optional', {}, 200],
  ['/label/.abc', {}, 200],
  ['/label/.ABC', {}, 400, 'Invalid parameter: `id` (path) must match pattern "^[a-z]+$", got "ABC".'],
  ['/matrix/;id=abc', {}, 200],
  ['/matrix/;id=ABC', {}, 400, 'Invalid parameter: `id` (path) must match pattern "^[a-z]+$", got "ABC".'],
  ['/params', { headers: trace }, 200],
  ['/params', {}, 400, 'Invalid parameter: `X-Trace` (header) is required.'],
  ['/params', { headers: { 'x-trace': 'abc' } }, 400, 'Invalid parameter: `X-Trace` (header) must be integer, got "abc".'],
  ['/params', { headers: { ...trace, cookie: 'theme=dark' } }, 200],
  ['/params', { headers: { ...trace, cookie: 'session=x; theme=blue' } }, 400, 'Invalid parameter: `theme` (cookie) must be equal to one of the allowed values, got "blue".'],
  ['/params?tag=a&tag=b', { headers: trace }, 400, 'Invalid parameter: `tag` is given 2 times; give it once.'],
  ['/params?ids=1&ids=2', { headers: trace }, 200],
  ['/params?names=a&names=b', { headers: trace }, 200],
  ['/params?any=x&names=a', { headers: trace }, 200],
  ['/params?csv=a,b', { headers: trace }, 200],
  ['/params?csv=a&csv=b', { headers: trace }, 400, 'Invalid parameter: `csv` is given 2 times; give it once.'],
  ['/params?ids=1&ids=x', { headers: trace }, 400, 'Invalid parameter: `ids` (query) must be integer at /1, got ["1","x"].'],
  ['/bodies', { method: 'POST', headers: json, body: '{"name":"a"}' }, 200],
  ['/bodies', { method: 'POST', headers: { 'content-type': 'Application/JSON; charset=utf-8' }, body: '{"name":"a"}' }, 200],
  ['/bodies', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }, 200],
  ['/bodies', { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'PNG' }, 200],
  ['/bodies', { method: 'POST', headers: json, body: '{"name":' }, 400, 'The request body is not JSON: Unexpected end of JSON input.'],
  ['/bodies', { method: 'POST', headers: json, body: '{}' }, 400, "Invalid request body: body/name must have required property 'name'."],
  ['/bodies', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b' }, 400, `Content-Type text/csv is not accepted; send ${accepted}.`],
  ['/bodies', { method: 'POST', headers: { 'content-type': 'video/png' }, body: 'a' }, 400, `Content-Type video/png is not accepted; send ${accepted}.`],
  ['/bodies', { method: 'POST', body: new Uint8Array([1, 2]) }, 400, `Content-Type (none) is not accepted; send ${accepted}.`],
  ['/bodies', { method: 'POST' }, 400, 'The request body is required.'],
  ['/bodies', { method: 'POST', headers: { 'content-type': 'application/json ; charset=utf-8' }, body: '{"name":"a"}' }, 200],
  ['/loose', { method: 'POST' }, 200],
  ['/loose', { method: 'POST', headers: json, body: '[1,"two",null]' }, 200],
  ['/loose', { method: 'POST', headers: json, body: 'nope' }, 400, 'The request body is not JSON: Unexpected token \'o\', "nope" is not valid JSON.'],
  // An empty Authorization header counts as none.
  ['/both', { headers: { 'x-key': KEY, authorization: '' } }, 401, 'Send an Authorization: Bearer … header.'],
  ['/oidc', {}, 401, 'Send an Authorization: Bearer … header.'],
  ['/oidc', { headers: { authorization: 'Bearer t' } }, 200],
  ['/oidc', { headers: { authorization: 'Bearer other' } }, 401, 'The Authorization header is not valid.'],
  // The mock's bearer token does not apply to basic credentials; those need a colon.
  ['/basic', { headers: { authorization: `Basic ${Buffer.from('user:pw').toString('base64')}` } }, 200],
  ['/basic', { headers: { authorization: `Basic ${Buffer.from('nocolon').toString('base64')}` } }, 401, 'The Authorization header is not valid.'],
  ['/basic', { headers: { authorization: 'Bearer t' } }, 401, 'The Authorization header is not valid.'],
  ['/basic', {}, 401, 'Send an Authorization: Basic … header.'],
  ['/tls', {}, 200],
];

describe('requests in every shape a spec allows', () => {
  it('answers each case as documented, in one mock', async () => {
    const mock = await startMock({ document: REQUESTS, apiKey: KEY, bearerToken: 't' });
    try {
      expect([mock.notServed, mock.warnings]).toEqual([[], []]);
      const answers: Array<[string, number, string | undefined]> = [];
      for (const [target, init] of CASES) {
        const response = await fetch(`${mock.url}${target}`, init);
        const body = await response.json();
        answers.push([target, response.status, response.ok ? undefined : body.detail]);
      }
      expect(answers).toEqual(CASES.map(([target, , status, detail]) => [target, status, detail]));
    } finally {
      await mock.close();
    }
  });
});
