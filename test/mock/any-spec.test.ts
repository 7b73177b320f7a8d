// Any valid OpenAPI 3.1 document, not only ours: bearer auth, application/problem+json errors
// without enumerated types, loose schemas, an unknown format, webhooks, no servers, and an
// operation the mock cannot serve (named at start-up, answered with an error, the others served).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { PETS } from './pets-spec.js';

let mock: RunningMock;
const bearer = { authorization: 'Bearer any-token' };

beforeAll(async () => {
  mock = await startMock({ document: PETS });
});
afterAll(async () => {
  await mock?.close();
});

describe('a third-party spec', () => {
  it('serves at the root without servers, and names what it cannot serve, and why', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.notServed).toEqual([{ operationId: 'upload', method: 'POST', path: '/upload', reason: expect.stringMatching(/multipart\/form-data is not supported/) }]);
    expect(mock.warnings[0]).toMatch(/^upload \(POST \/upload\) is not served: /);
  });

  it('answers the operation it cannot serve with a problem, and serves the others', async () => {
    const response = await fetch(`${mock.url}/upload`, { method: 'POST', headers: bearer });
    expect([response.status, response.headers.get('content-type')]).toEqual([501, 'application/problem+json']);
    expect((await response.json()).detail).toMatch(/cannot serve upload/);
    expect((await fetch(`${mock.url}/pets`, { headers: bearer })).status).toBe(200);
  });

  it('asks for the bearer token the scheme describes (any token unless one is configured)', async () => {
    const none = await fetch(`${mock.url}/pets`);
    expect([none.status, none.headers.get('content-type')]).toEqual([401, 'application/problem+json']);
    expect((await fetch(`${mock.url}/pets`, { headers: { authorization: 'Basic dTpw' } })).status).toBe(401);
    expect((await fetch(`${mock.url}/pets`, { headers: { authorization: 'Bearer ' } })).status).toBe(401);
    expect((await fetch(`${mock.url}/status`)).status).toBe(200);
    const strict = await startMock({ document: PETS, bearerToken: 'only-this' });
    try {
      expect((await fetch(`${strict.url}/pets`, { headers: bearer })).status).toBe(401);
      expect((await fetch(`${strict.url}/pets`, { headers: { authorization: 'Bearer only-this' } })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('keeps state for a path-inferred resource with an integer id; errors are problem+json as documented', async () => {
    const created = await fetch(`${mock.url}/pets`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Rex', country: 'XX-not-checked' }) });
    expect(created.status).toBe(201);
    const pet = await created.json();
    expect(pet).toMatchObject({ name: 'Rex', country: 'XX-not-checked' });
    expect(Number.isInteger(pet.id)).toBe(true);
    expect(await (await fetch(`${mock.url}/pets`, { headers: bearer })).json()).toContainEqual(pet);
    expect(await (await fetch(`${mock.url}/pets/${pet.id}`, { headers: bearer })).json()).toEqual(pet);
    expect((await fetch(`${mock.url}/pets/${pet.id}`, { method: 'DELETE', headers: bearer })).status).toBe(204);
    const gone = await fetch(`${mock.url}/pets/${pet.id}`, { headers: bearer });
    expect([gone.status, gone.headers.get('content-type')]).toEqual([404, 'application/problem+json']);
    expect(await gone.json()).toMatchObject({ status: 404, title: 'Not Found' });
    const invalid = await fetch(`${mock.url}/pets`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: '{}' });
    expect([invalid.status, invalid.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
    expect((await fetch(`${mock.url}/pets/abc`, { headers: bearer })).status).toBe(400);
  });

  it('answers without an example from data generated from the schema, the same for the same seed', async () => {
    const body = async (running: RunningMock) => (await fetch(`${running.url}/status`)).json();
    const first = await body(mock);
    expect(first).toEqual({ up: expect.any(Boolean), since: expect.any(String) });
    expect(Number.isNaN(Date.parse(first.since))).toBe(false);
    const same = await startMock({ document: PETS });
    const other = await startMock({ document: PETS, seed: 99 });
    try {
      expect(await body(same)).toEqual(first);
      expect(await body(other)).not.toEqual(first);
    } finally {
      await Promise.all([same.close(), other.close()]);
    }
  });
});
