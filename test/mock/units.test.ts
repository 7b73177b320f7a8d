// The mock's parts on their own: routing, Prefer parsing, the store's bound and copy-on-write.
import { describe, expect, it } from 'vitest';
import { readPreference } from '../../src/mock/prefer.js';
import { basePathOf, Router } from '../../src/mock/routes.js';
import { CapacityError, Part, Store, storedRecord } from '../../src/mock/store.js';

describe('Router', () => {
  const router = new Router<string>();
  router.add('get', '/things', 'list');
  router.add('post', '/things', 'create');
  router.add('get', '/things/{id}', 'read');
  router.add('delete', '/things/{id}', 'delete');
  router.add('get', '/things/mine', 'mine');
  router.add('get', '/files/{name}.{ext}', 'file');
  router.add('get', '/a/{x}/b/{y}', 'nested');

  it('matches literal segments before templated ones, per method', () => {
    expect(router.find('GET', '/things/mine').match?.value).toBe('mine');
    expect(router.find('GET', '/things/42').match).toEqual({ value: 'read', pathParams: { id: '42' } });
    // The concrete path wins before methods are looked at (OpenAPI path matching): 405, not the template.
    expect(router.find('DELETE', '/things/mine')).toEqual({ allow: ['GET'] });
    expect(router.find('POST', '/things').match?.value).toBe('create');
  });

  it('decodes variables, matches mixed segments, and never matches an empty segment', () => {
    expect(router.find('GET', '/things/a%2Fb').match?.pathParams).toEqual({ id: 'a/b' });
    expect(router.find('GET', '/files/report.pdf').match?.pathParams).toEqual({ name: 'report', ext: 'pdf' });
    expect(router.find('GET', '/a/1/b/2').match?.pathParams).toEqual({ x: '1', y: '2' });
    expect(router.find('GET', '/things/')).toEqual({});
    expect(router.find('GET', '/things/%E0%A4%A')).toEqual({});
  });

  it('tells a wrong method (with what is allowed) from an unknown path', () => {
    expect(router.find('PUT', '/things/1')).toEqual({ allow: ['GET', 'DELETE'] });
    expect(router.find('GET', '/nothing')).toEqual({});
    expect(router.find('GET', '/things/1/more')).toEqual({});
    expect(router.routes).toHaveLength(7);
  });

  it('serves under the path of the first server URL, variables at their default', () => {
    expect(basePathOf({ servers: [{ url: 'https://api.example.com/v1/' }] })).toBe('/v1');
    expect(basePathOf({ servers: [{ url: '/relative/base' }] })).toBe('/relative/base');
    expect(basePathOf({ servers: [{ url: 'https://{region}.example.com/{version}', variables: { region: { default: 'eu' }, version: { default: 'v2' } } }] })).toBe('/v2');
    expect(basePathOf({})).toBe('');
    expect(basePathOf({ servers: [{ url: 'https://api.example.com/{v}//', variables: { v: {} } }] })).toBe('');
    expect(basePathOf({ servers: [{ url: 'https://api.example.com/a//b//' }] })).toBe('/a//b');
    expect(basePathOf({ servers: [{ url: 'http://[bad' }] })).toBe('');
  });

  it('lists each route by its method in capitals, in the order added', () => {
    expect(router.routes.slice(0, 3)).toEqual([{ method: 'GET', template: '/things' }, { method: 'POST', template: '/things' }, { method: 'GET', template: '/things/{id}' }]);
  });

  it('a literal segment that leads nowhere falls back to the variable beside it; a mixed segment that does not fit matches nothing', () => {
    const local = new Router<string>();
    local.add('get', '/u/{id}/posts', 'posts');
    local.add('get', '/u/me', 'me');
    expect(local.find('get', '/u/me/posts').match).toEqual({ value: 'posts', pathParams: { id: 'me' } });
    expect(local.find('get', '/u/me').match?.value).toBe('me');
    expect(router.find('GET', '/files/report').match).toBeUndefined();
    expect(router.find('GET', '/files/%E0%A4%A.pdf')).toEqual({});
  });
});

describe('readPreference', () => {
  it('reads the known preferences, quoted or not, across headers, and ignores the rest', () => {
    expect(readPreference(undefined)).toEqual({ applied: [], problems: [] });
    expect(readPreference('return=minimal, respond-async')).toEqual({ applied: [], problems: [] });
    expect(readPreference(['code=503', 'type="errors/x"; q=1'])).toEqual({ code: '503', type: 'errors/x', applied: ['code=503', 'type=errors/x'], problems: [] });
    expect(readPreference('delay=250, fault=truncate, example=Page')).toEqual({ example: 'Page', delayMs: 250, fault: 'truncate', applied: ['example=Page', 'delay=250', 'fault=truncate'], problems: [] });
    expect(readPreference('DELAY=0').delayMs).toBe(0);
  });

  it('names a bad value or a preference given twice with different values', () => {
    expect(readPreference('code=500, code=503').problems).toEqual(['Prefer gives 2 different `code` values']);
    expect(readPreference('code=500, code=500').problems).toEqual([]);
    expect(readPreference('delay=-1').problems[0]).toMatch(/delay=-1 must be a whole number/);
    expect(readPreference('delay=60001').problems[0]).toMatch(/from 0 to 60000/);
    expect(readPreference('delay=60000').delayMs).toBe(60000);
    expect(readPreference('fault=boom')).toMatchObject({ problems: ['Prefer fault=boom is not one of reset, truncate'] });
    expect(readPreference('fault=boom').fault).toBeUndefined();
  });

  it('holds only the preferences given (no keys set to undefined), and reads values as RFC 7240 writes them', () => {
    expect(readPreference('return=minimal')).toStrictEqual({ applied: [], problems: [] });
    expect(readPreference('code=404')).toStrictEqual({ code: '404', applied: ['code=404'], problems: [] });
    expect(readPreference('fault=boom')).toStrictEqual({ applied: ['fault=boom'], problems: ['Prefer fault=boom is not one of reset, truncate'] });
    expect(readPreference('delay=x')).toStrictEqual({ applied: ['delay=x'], problems: ['Prefer delay=x must be a whole number of milliseconds from 0 to 60000'] });
    // Quotes come off a value only when they enclose it; a lone quote or a half-quoted value stays.
    expect(readPreference('example="a b"').example).toBe('a b');
    expect(readPreference('example=""').example).toBe('');
    expect(readPreference('example="').example).toBe('"');
    expect(readPreference('example="a').example).toBe('"a');
    expect(readPreference('example=a"').example).toBe('a"');
    // A preference without `=` has an empty value; spaces around the name and value do not count.
    expect(readPreference('  Code  =  503 ; q=1').code).toBe('503');
    expect(readPreference('example').example).toBe('');
    expect(readPreference('delay=1234567').problems).toHaveLength(1);
    expect(readPreference('delay=12ms').problems).toHaveLength(1);
    expect(readPreference('delay=007').delayMs).toBe(7);
  });
});

describe('Store', () => {
  const part = (n: number) => new Part(Array.from({ length: n }, (_, i) => storedRecord(i + 1, `r${i}`, { id: `r${i}` })), n + 1);

  it('shares the seed until a state writes, then counts the copy against the bound', () => {
    const store = new Store({ maxRecords: 5, cacheBytes: 1000 });
    store.setSeed('things', '', part(3));
    const a = store.state('a');
    const b = store.state('b');
    expect(a.part('things', '')).toBe(b.part('things', ''));
    const own = a.writable('things', '', 1);
    own.insert(storedRecord(own.nextSeq++, 'new', { id: 'new' }));
    expect(store.heldRecords).toBe(4);
    expect(a.part('things', '')!.records).toHaveLength(4);
    expect(b.part('things', '')!.records).toHaveLength(3);
    expect(() => b.writable('things', '', 0)).toThrow(CapacityError);
    expect(store.heldRecords).toBe(4);
    a.writable('things', '', 1);
    expect(() => a.writable('things', '', 1)).toThrow(/at most 5 written records/);
    store.release(2);
    expect(store.heldRecords).toBe(3);
    store.reset();
    expect(store.heldRecords).toBe(0);
    expect(store.state('a').part('things', '')!.records).toHaveLength(3);
  });

  it('keeps records ordered by seq through replace and remove, and indexes them by id', () => {
    const p = part(5);
    expect(p.lowerBound(3)).toBe(2);
    expect(p.lowerBound(0)).toBe(0);
    expect(p.lowerBound(99)).toBe(5);
    p.replace(storedRecord(3, 'r2', { id: 'r2', changed: true }));
    expect(p.records[2]!.value).toEqual({ id: 'r2', changed: true });
    expect(p.byId.get('r2')!.value).toEqual({ id: 'r2', changed: true });
    p.remove(p.byId.get('r1')!);
    expect(p.records.map((r) => r.id)).toEqual(['r0', 'r2', 'r3', 'r4']);
    expect(p.byId.has('r1')).toBe(false);
  });

  it('empties reply caches past their byte budget, and on any write of the state', () => {
    const store = new Store({ maxRecords: 10, cacheBytes: 100 });
    const state = store.state('a');
    const entry = { status: 200, headers: {}, body: 'x', bytes: Buffer.from('x') };
    store.chargeCache(60);
    state.replies.set('/one', entry);
    state.repliesBytes = 60;
    store.chargeCache(60);
    expect(state.replies.size).toBe(0);
    expect(store.cachedBytes).toBe(60);
    state.replies.set('/two', entry);
    state.repliesBytes = 60;
    state.writable('things', '', 0);
    expect(state.replies.size).toBe(0);
    expect(store.cachedBytes).toBe(0);
  });

  it('a cache exactly at its budget is kept; releasing more than is cached leaves zero', () => {
    const store = new Store({ maxRecords: 10, cacheBytes: 100 });
    const state = store.state('a');
    state.replies.set('/one', { status: 200, headers: {}, body: 'x', bytes: Buffer.from('x') });
    store.chargeCache(40);
    store.chargeCache(60);
    expect(state.replies.size).toBe(1);
    expect(store.cachedBytes).toBe(100);
    store.releaseCache(30);
    expect(store.cachedBytes).toBe(70);
    store.releaseCache(500);
    expect(store.cachedBytes).toBe(0);
  });

  it('names the partitions of a collection, seeded and written, once each; counts what a state holds', () => {
    const store = new Store({ maxRecords: 100, cacheBytes: 100 });
    expect(store.seedPartitions('things')).toEqual([]);
    store.setSeed('things', 'acc_1', part(2));
    store.setSeed('things', 'acc_2', part(1));
    const state = store.state('a');
    expect(state.partitions('things')).toEqual(['acc_1', 'acc_2']);
    expect(state.partitions('other')).toEqual([]);
    state.writable('things', 'acc_2', 0);
    const fresh = state.writable('things', 'acc_3', 1);
    expect(fresh.records).toEqual([]);
    expect(fresh.nextSeq).toBe(1);
    expect(state.partitions('things')).toEqual(['acc_1', 'acc_2', 'acc_3']);
    fresh.insert(storedRecord(fresh.nextSeq++, 'n', { id: 'n' }));
    state.idempotent.set('key', { fingerprint: 'f', status: 201, headers: {}, body: '' });
    expect(state.held()).toBe(3); // acc_2's copy (1), acc_3 (1) and one idempotent reply
    expect(new CapacityError(5)).toMatchObject({ name: 'CapacityError', limit: 5 });
  });

  it('replace and remove leave the order alone when the seq is not there', () => {
    const p = part(3);
    p.replace(storedRecord(9, 'r9', { id: 'r9' }));
    expect(p.records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(p.byId.get('r9')!.seq).toBe(9);
    p.remove(storedRecord(0, 'r0', { id: 'r0' }));
    expect(p.records.map((r) => r.id)).toEqual(['r0', 'r1', 'r2']);
    expect(p.byId.has('r0')).toBe(false);
  });
});
