// The parameter, cursor and auth probes' edges (src/contract/probes/negatives.ts): how a cursor is
// tampered with and a wrong key made, and why a probe does not apply, word for word. The runs are
// against the mock in-process.
import { describe, expect, test } from 'vitest';
import { kitSpecOf, runContract } from '../../src/contract/index.js';
import { tamper, UNKNOWN_CURSOR, wrongKey } from '../../src/contract/probes/negatives.js';

describe('tamper', () => {
  test('changes the middle character to another of its kind, and nothing else', () => {
    expect(['ab5cd', 'ab9cd', 'abacd', 'abzcd', 'abAcd', 'abZcd', 'ab-cd', 'ab=cd', 'a', 'abcd'].map(tamper)).toEqual(['ab6cd', 'ab0cd', 'abbcd', 'abacd', 'abBcd', 'abAcd', 'abxcd', 'abxcd', 'b', 'abdd']);
  });
});

describe('wrongKey', () => {
  test('keeps the prefix up to the last underscore and the length, with other characters', () => {
    expect(['sk_live_ab0c', 'plain', 'key_', '_x', 'a_b_000'].map(wrongKey)).toEqual(['sk_live_0010', '00000', 'key_0000000000000000', '_0', 'a_b_111']);
  });
});

describe('probes that do not apply say why', () => {
  const problem = { description: 'Refused.', content: { 'application/json': { schema: { type: 'object' } } } };
  const ok = { description: 'OK.', content: { 'application/json': { schema: { type: 'object' } } } };
  const SPEC = {
    openapi: '3.1.0',
    info: { title: 'Edges', version: '1.0.0' },
    components: {
      securitySchemes: {
        key: { type: 'apiKey', in: 'header', name: 'X-Key' },
        oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example/token', scopes: {} } } },
      },
    },
    paths: {
      '/optional': { get: { operationId: 'optionalAuth', security: [{}, { key: [] }], responses: { '200': ok, '401': problem } } },
      '/no-401': { get: { operationId: 'no401', security: [{ key: [] }], responses: { '200': ok } } },
      '/oauth': { get: { operationId: 'oauthOnly', security: [{ oauth: [] }], responses: { '200': ok, '401': problem } } },
      '/counted': { get: { operationId: 'counted', security: [], parameters: [{ name: 'n', in: 'query', schema: { type: 'integer', minimum: 1 } }], responses: { '200': ok } } },
      '/one-page': {
        get: {
          operationId: 'onePage',
          security: [],
          'x-pagination': { cursorParam: 'after', cursorField: 'next', itemsField: 'data' },
          parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }],
          responses: {
            '200': { description: 'A page.', content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: { type: 'object' } }, next: { type: ['string', 'null'] } } } } } },
            '400': problem,
          },
        },
      },
    },
  };

  test('optional or unanswerable credentials, other schemes, no 400, and a first page without a cursor', async () => {
    const report = await runContract({ spec: kitSpecOf(SPEC, 'edges.json'), seed: 7, propertyRuns: 0 });
    const notes = (operationId: string, prefix: string) =>
      report.outcomes.filter((o) => o.operationId === operationId && o.check.startsWith(prefix)).map((o) => [o.check, o.subject, o.status, o.note ?? '']);
    expect(notes('optionalAuth', 'auth.')).toEqual(['auth.missing-key', 'auth.malformed-key', 'auth.wrong-key'].map((c) => [c, '-', 'not-exercised', 'credentials are optional for the operation']));
    expect(notes('no401', 'auth.')).toEqual(['auth.missing-key', 'auth.malformed-key', 'auth.wrong-key'].map((c) => [c, '-', 'not-exercised', 'the operation documents no 401 response']));
    const other = 'oauth2 credentials are not probed (only API keys and HTTP bearer or basic)';
    expect(notes('oauthOnly', 'auth.')).toEqual([
      ['auth.missing-key', 'no credentials', 'passed', ''],
      ['auth.malformed-key', 'oauth2 (oauth)', 'not-exercised', other],
      ['auth.wrong-key', 'oauth2 (oauth)', 'not-exercised', other],
    ]);
    expect(notes('counted', 'params.below-minimum')).toEqual([['params.below-minimum', 'n=0', 'not-exercised', 'the operation documents no 400 (or 422) response']]);
    expect(notes('onePage', 'params.cursor-tampered')).toEqual([
      ['params.cursor-tampered', 'after=<tampered>', 'not-exercised', 'the first page has no cursor to tamper with (everything fits on one page)'],
      ['params.cursor-tampered', `after=${UNKNOWN_CURSOR}`, 'passed', ''],
    ]);
    expect(report.findings).toEqual([]);
  });
});
