// The fixtures file: its checks (file and key named), record templates, and the seed checked
// against the spec's schemas at start-up (record and field named).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTemplate, FixturesError, loadFixtures, parseFixtures } from '../../src/mock/fixtures.js';
import { buildDataset, MOCK_ACCOUNT_SIZES, MOCK_ACCOUNTS, MockSeedError, startMock } from '../../src/mock/index.js';
import { fixturesFile } from './fixtures-file.js';
import { PETS } from './pets-spec.js';


describe('the bundled fixtures (openapi/mock-fixtures.yaml)', () => {
  it('hold the three accounts: 0, 7 and 1,000 invitations, by label', () => {
    expect(Object.keys(MOCK_ACCOUNTS).sort()).toEqual(['empty', 'large', 'small']);
    expect([MOCK_ACCOUNTS.empty, MOCK_ACCOUNTS.small, MOCK_ACCOUNTS.large].map((a) => MOCK_ACCOUNT_SIZES[a])).toEqual([0, 7, 1000]);
    const dataset = buildDataset(1);
    expect(dataset.get(MOCK_ACCOUNTS.large)).toHaveLength(1000);
    expect(new Set(dataset.get(MOCK_ACCOUNTS.large)!.map((r) => r['id'])).size).toBe(1000);
  });

  it('generate the same records for the same seed and others for another', () => {
    const one = buildDataset(1).get(MOCK_ACCOUNTS.small);
    expect(buildDataset(1).get(MOCK_ACCOUNTS.small)).toEqual(one);
    expect(buildDataset(2).get(MOCK_ACCOUNTS.small)).not.toEqual(one);
  });
});

describe('templates', () => {
  const template = {
    lists: { first: ['Ada', 'Grace'], greeting: ['Hi {first}'] },
    record: { id: 'x_{hex:6}', n: '{n}', name: '{first}', again: '{first}', note: '{greeting}', slug: '{slug:first}', every: { $cycle: ['a', { $omit: true }] }, when: '{date:day}' },
    dates: { start: Date.UTC(2026, 0, 10), stepMs: -86_400_000, jitterMs: 0 },
  };

  it('fill placeholders: one pick per list and record, nested picks, slugs, cycles, dates', () => {
    const first = expandTemplate(template, 'k', 0) as Record<string, string>;
    expect(first['id']).toMatch(/^x_[0-9a-f]{6}$/);
    expect(first['n']).toBe('1');
    expect(first['again']).toBe(first['name']);
    expect(first['note']).toBe(`Hi ${first['name']}`);
    expect(first['slug']).toBe(first['name']!.toLowerCase());
    expect(first['every']).toBe('a');
    expect(first['when']).toBe('2026-01-10');
    const second = expandTemplate(template, 'k', 1) as Record<string, string>;
    expect('every' in second).toBe(false);
    expect(second['when']).toBe('2026-01-09');
    expect(expandTemplate(template, 'k', 0)).toEqual(first);
  });
});

describe('template placeholders, one by one', () => {
  const at = (record: unknown, position = 0, extra: Record<string, unknown> = {}) =>
    expandTemplate({ lists: { name: ['Zoë Ærø-Smith', '--Ünïcode  Name--'], one: ['only'] }, record, ...extra }, 'key', position);

  it('slugs fold accents, ø and æ, and join the rest with single dashes, none at the ends', () => {
    const slugs = new Set(Array.from({ length: 40 }, (_, i) => at('{slug:name}', i)));
    expect([...slugs].sort()).toEqual(['unicode-name', 'zoe-aero-smith']);
  });

  it('dates: ISO by default, a day, a display form, unix seconds; a step per position', () => {
    const dates = { start: Date.UTC(2026, 1, 3, 4, 5, 6), stepMs: 1000, jitterMs: 0 };
    expect(at({ iso: '{date}', day: '{date:day}', display: '{date:display}', unix: '{date:unix}' }, 2, { dates })).toEqual({
      iso: '2026-02-03T04:05:08.000Z', day: '2026-02-03', display: 'Feb 3, 2026', unix: String(Date.UTC(2026, 1, 3, 4, 5, 8) / 1000),
    });
    // Without dates in the template: from 2026-01-01, an hour apart.
    expect(at('{date}', 3)).toBe('2026-01-01T03:00:00.000Z');
  });

  it('jitter moves a date by less than its size, in its direction, the same for the same record', () => {
    const dates = { start: Date.UTC(2026, 0, 1), stepMs: 0, jitterMs: -60_000 };
    const offsets = Array.from({ length: 30 }, (_, i) => Date.parse(at('{date}', i, { dates }) as string) - dates.start);
    for (const offset of offsets) expect(offset > -60_000 && offset <= 0).toBe(true);
    expect(new Set(offsets).size).toBeGreaterThan(1);
    expect(at('{date}', 4, { dates })).toBe(at('{date}', 4, { dates }));
  });

  it('alphabets and lengths; positions from 0 ({i}) and 1 ({n}); unknown names stay as written', () => {
    const record = at({ c: '{crockford:10}', h: '{hex}', b: '{base64url:4}', d: '{digits:3}', i: '{i}', n: '{n}', u: '{unknown}', s: '{slug:none}' }, 4) as Record<string, string>;
    expect(record.c).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(record.h).toMatch(/^[0-9a-f]{8}$/);
    expect(record.b).toMatch(/^[A-Za-z0-9_-]{4}$/);
    expect(record.d).toMatch(/^\d{3}$/);
    expect([record.i, record.n, record.u, record.s]).toEqual(['4', '5', '{unknown}', '{slug:none}']);
  });

  it('a suffix (`#2` or `:#2`) makes a second pick of the same list; arrays drop omitted items', () => {
    const picks = Array.from({ length: 30 }, (_, i) => at({ a: '{name}', b: '{name#2}', c: '{name:#2}' }, i) as Record<string, string>);
    for (const p of picks) expect(p.b).toBe(p.c);
    expect(picks.some((p) => p.a !== p.b)).toBe(true);
    expect(at(['{one}', { $omit: true }, 'x'])).toEqual(['only', 'x']);
    expect(at({ $omit: true })).toEqual({});
    expect(at(7)).toBe(7);
    // A picked value's own placeholders are filled, three levels deep at most.
    const deep = expandTemplate({ lists: { a: ['{b}'], b: ['{c}'], c: ['{d}'], d: ['end'] }, record: '{a}' }, 'k', 0);
    expect(deep).toBe('{d}');
  });
});

describe('fixture file checks for templates, collections and data sets name the key', () => {
  it.each([
    ['a template without a record', 'templates:\n  t: { lists: {} }', 'FILE (at templates.t): a template needs a `record` (and may have `lists` and `dates`)'],
    ['an empty list', 'templates:\n  t:\n    record: {}\n    lists: { a: [] }', 'FILE (at templates.t.lists.a): a list must be a non-empty array'],
    ['dates that are not a mapping', 'templates:\n  t:\n    record: {}\n    dates: soon', 'FILE (at templates.t.dates): expected { start, step, jitter? }'],
    ['a start that is not a date', 'templates:\n  t:\n    record: {}\n    dates: { start: someday, step: 1h }', 'FILE (at templates.t.dates.start): not a date: "someday"'],
    ['a bad jitter', 'templates:\n  t:\n    record: {}\n    dates: { start: 2026-01-01, step: 1h, jitter: lots }', 'FILE (at templates.t.dates.jitter): expected a duration such as 3h, -90m or 500ms, got "lots"'],
    ['an answer that is not a type', 'answers: { not-found: 404 }', 'FILE (at answers.not-found): expected an error `type` documented by the spec'],
    ['a collection that is not a mapping', 'collections:\n  things: []', 'FILE (at collections.things): expected { order?, create-from?, data: [...] }'],
    ['data that is not a list', 'collections:\n  things:\n    data: {}', 'FILE (at collections.things.data): expected a list of data sets'],
    ['create-from naming no template', 'collections:\n  things:\n    create-from: t\n    data: []', 'FILE (at collections.things.create-from): no template named "t" under `templates`'],
    ['a data set that is not a mapping', 'collections:\n  things:\n    data: [5]', 'FILE (at collections.things.data[0]): expected { partition?, label?, records?, generate? }'],
    ['records that are not a list', 'collections:\n  things:\n    data:\n      - records: {}', 'FILE (at collections.things.data[0].records): expected a list of records'],
    ['an empty partition name', 'partition: { by: "" }', 'FILE (at partition): expected { by: <parameter or body field name>, known-only?: true|false }'],
    ['a repeated key', 'answers: {}\nanswers: {}', /not valid YAML or JSON/],
  ])('%s', async (_name, text, message) => {
    const file = await fixturesFile(text);
    await expect(loadFixtures(file, 1)).rejects.toThrow(typeof message === 'string' ? message.replace('FILE', file) : message);
  });

  it('durations read every unit, numbers as milliseconds', async () => {
    const file = await fixturesFile([
      'templates:',
      '  t:\n    record: {}\n    dates: { start: 2026-01-01, step: " 1.5s ", jitter: 2 }',
      '  u:\n    record: {}\n    dates: { start: 2026-01-01, step: -1d, jitter: 3m }',
      '  v:\n    record: {}\n    dates: { start: 2026-01-01 }',
      'collections:\n  a:\n    create-from: t\n    data: []\n  b:\n    create-from: u\n    data: []\n  c:\n    create-from: v\n    data: []',
    ].join('\n'));
    const fixtures = await loadFixtures(file, 1);
    expect(fixtures.collections.get('a')!.template!.dates).toEqual({ start: Date.UTC(2026, 0, 1), stepMs: 1500, jitterMs: 2 });
    expect(fixtures.collections.get('b')!.template!.dates).toEqual({ start: Date.UTC(2026, 0, 1), stepMs: -86_400_000, jitterMs: 180_000 });
    // Without step and jitter: an hour apart, exactly.
    expect(fixtures.collections.get('c')!.template!.dates).toEqual({ start: Date.UTC(2026, 0, 1), stepMs: 3_600_000, jitterMs: 0 });
  });

  it('a partition may serve known values only; a data set keeps its label; create-from defaults to the first generator', async () => {
    const file = await fixturesFile([
      'partition: { by: account_id, known-only: true }',
      'templates:\n  t:\n    record: { id: "r{n}" }',
      'collections:\n  things:\n    data:\n      - { partition: a, label: small, records: [{ id: x }] }\n      - { partition: b, label: 5, generate: { count: 2, template: t } }',
    ].join('\n'));
    const fixtures = await loadFixtures(file, 1);
    expect([fixtures.partitionBy, fixtures.knownPartitionsOnly]).toEqual(['account_id', true]);
    const things = fixtures.collections.get('things')!;
    expect(things.template!.record).toEqual({ id: 'r{n}' });
    expect(things.data.map((d) => [d.partition, d.label, d.records])).toEqual([['a', 'small', [{ id: 'x' }]], ['b', undefined, [{ id: 'r1' }, { id: 'r2' }]]]);
    expect('label' in things.data[1]!).toBe(false);
    const open = await loadFixtures(await fixturesFile('partition: { by: account_id }'), 1);
    expect([open.partitionBy, open.knownPartitionsOnly]).toEqual(['account_id', false]);
    const flag = await loadFixtures(await fixturesFile('partition: { by: account_id, known-only: "yes" }'), 1);
    expect(flag.knownPartitionsOnly).toBe(false);
    const none = await loadFixtures(await fixturesFile('templates:\n  t:\n    record: { id: "r{n}" }\ncollections:\n  things:\n    data:\n      - generate: { count: 0, template: t }'), 1);
    expect(none.collections.get('things')!.data.map((d) => d.records)).toEqual([[]]);
  });
});

describe('fixture file checks name the file and the key', () => {
  it.each([
    ['an unknown top-level key', 'colections: {}', 'FILE (at colections): unknown key (expected partition, answers, collections, templates)'],
    ['a partition without `by`', 'partition: { known-only: true }', 'FILE (at partition): expected { by: <parameter or body field name>, known-only?: true|false }'],
    ['an unknown situation', 'answers: { sometimes: errors/x }', 'FILE (at answers.sometimes): unknown situation (expected one of missing-credentials, invalid-credentials, invalid-request, invalid-cursor, not-found, unknown-partition, capacity, not-served, failure)'],
    ['a generator with no template', 'collections:\n  things:\n    data:\n      - generate: { count: 2, template: nope }', 'FILE (at collections.things.data[0].generate.template): no template named "nope" under `templates`'],
    ['a negative count', 'collections:\n  things:\n    data:\n      - generate: { count: -1, template: t }', 'FILE (at collections.things.data[0].generate): expected { count: <whole number>, template: <name> }'],
    ['a top level that is a list', '- 1\n- 2', 'FILE: the top level must be a mapping'],
    ['a count that is not whole', 'collections:\n  things:\n    data:\n      - generate: { count: 1.5, template: t }', 'FILE (at collections.things.data[0].generate): expected { count: <whole number>, template: <name> }'],
    ['a generator that is not a mapping', 'collections:\n  things:\n    data:\n      - generate: 3', 'FILE (at collections.things.data[0].generate): expected { count: <whole number>, template: <name> }'],
    ['a bad order', 'collections:\n  things:\n    order: sideways\n    data: []', 'FILE (at collections.things.order): expected newest-first or oldest-first'],
    ['a bad date step', 'templates:\n  t:\n    record: {}\n    dates: { start: 2026-01-01, step: soon }', 'FILE (at templates.t.dates.step): expected a duration such as 3h, -90m or 500ms, got "soon"'],
  ])('%s', async (_name, text, message) => {
    const file = await fixturesFile(text);
    await expect(loadFixtures(file, 1)).rejects.toThrow(FixturesError);
    await expect(loadFixtures(file, 1)).rejects.toThrow(typeof message === 'string' ? message.replace('FILE', file) : message);
  });

  it('a YAML syntax error names the file and line', async () => {
    const file = await fixturesFile('partition:\n  by: [unclosed\n');
    await expect(loadFixtures(file, 1)).rejects.toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: not valid YAML`));
  });

  it('a missing file is named', async () => {
    await expect(loadFixtures('/nonexistent/mock-fixtures.yaml', 1)).rejects.toThrow('/nonexistent/mock-fixtures.yaml: no such file');
    const dir = await mkdtemp(path.join(tmpdir(), 'mock-fixtures-dir-'));
    await expect(loadFixtures(dir, 1)).rejects.toThrow(`${dir}: cannot be read (EISDIR)`);
    expect(() => parseFixtures('f.yaml', [], 1)).toThrow(/top level must be a mapping/);
  });
});

describe('the seed is checked against the spec at start-up', () => {
  const withPets = (records: string) => `collections:\n  pets:\n    data:\n      - records:\n${records}`;

  it('a record breaking its schema stops the mock, naming the record, the field and the rule', async () => {
    const file = await fixturesFile(withPets('          - { id: 1, name: Rex }\n          - { id: 2, name: "" }\n'));
    const started = startMock({ document: PETS, fixtures: file });
    await expect(started).rejects.toThrow(MockSeedError);
    await expect(startMock({ document: PETS, fixtures: file })).rejects.toThrow(
      new RegExp(`collections\\.pets\\.data\\[0\\]\\.records\\[1\\]: field /name must NOT have fewer than 1 characters \\(got ""\\), against #/components/schemas/Pet/properties/name/minLength`),
    );
  });

  it('a missing or repeated id is refused', async () => {
    await expect(startMock({ document: PETS, fixtures: await fixturesFile(withPets('          - { id: 1, name: Rex }\n          - { id: 1, name: Max }\n')) })).rejects.toThrow(/records\[1\]: field \/id repeats the id 1/);
  });

  it('valid records are served, and a collection the spec lacks is a warning', async () => {
    // `status` is an operation of the spec, but neither a list nor part of a resource.
    const file = await fixturesFile(`${withPets('          - { id: 5, name: Rex }\n')}  ghosts:\n    data: []\n  status:\n    data: []\n`);
    const mock = await startMock({ document: PETS, fixtures: file });
    try {
      expect(mock.warnings.filter((w) => w.startsWith('fixtures:'))).toEqual([
        'fixtures: collection "ghosts" is neither a resource nor a list operation of the spec; its data is not served',
        'fixtures: collection "status" is neither a resource nor a list operation of the spec; its data is not served',
      ]);
      const pets = await (await fetch(`${mock.url}/pets`, { headers: { authorization: 'Bearer t' } })).json();
      expect(pets).toEqual([{ id: 5, name: 'Rex' }]);
    } finally {
      await mock.close();
    }
  });
});
