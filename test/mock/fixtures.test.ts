// The fixtures file: its checks (file and key named), record templates, and the seed checked
// against the spec's schemas at start-up (record and field named).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTemplate, FixturesError, loadFixtures, parseFixtures } from '../../src/mock/fixtures.js';
import { buildDataset, MOCK_ACCOUNT_SIZES, MOCK_ACCOUNTS, MockSeedError, startMock } from '../../src/mock/index.js';
import { PETS } from './pets-spec.js';

async function fixturesFile(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mock-fixtures-'));
  const file = path.join(dir, 'mock-fixtures.yaml');
  await writeFile(file, text);
  return file;
}

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

describe('fixture file checks name the file and the key', () => {
  it.each([
    ['an unknown top-level key', 'colections: {}', /at colections\): unknown key/],
    ['a partition without `by`', 'partition: { known-only: true }', /at partition\)/],
    ['an unknown situation', 'answers: { sometimes: errors/x }', /at answers\.sometimes\): unknown situation/],
    ['a generator with no template', 'collections:\n  things:\n    data:\n      - generate: { count: 2, template: nope }', /at collections\.things\.data\[0\]\.generate\.template\): no template named "nope"/],
    ['a negative count', 'collections:\n  things:\n    data:\n      - generate: { count: -1, template: t }', /generate\): expected \{ count/],
    ['a bad order', 'collections:\n  things:\n    order: sideways\n    data: []', /order\): expected newest-first or oldest-first/],
    ['a bad date step', 'templates:\n  t:\n    record: {}\n    dates: { start: 2026-01-01, step: soon }', /dates\.step\): expected a duration/],
  ])('%s', async (_name, text, message) => {
    const file = await fixturesFile(text);
    await expect(loadFixtures(file, 1)).rejects.toThrow(FixturesError);
    await expect(loadFixtures(file, 1)).rejects.toThrow(message);
  });

  it('a YAML syntax error names the file and line', async () => {
    const file = await fixturesFile('partition:\n  by: [unclosed\n');
    await expect(loadFixtures(file, 1)).rejects.toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: not valid YAML`));
  });

  it('a missing file is named', async () => {
    await expect(loadFixtures('/nonexistent/mock-fixtures.yaml', 1)).rejects.toThrow(/mock-fixtures\.yaml: no such file/);
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
    const file = await fixturesFile(`${withPets('          - { id: 5, name: Rex }\n')}  ghosts:\n    data: []\n`);
    const mock = await startMock({ document: PETS, fixtures: file });
    try {
      expect(mock.warnings).toContainEqual(expect.stringMatching(/collection "ghosts" is neither a resource nor a list operation/));
      const pets = await (await fetch(`${mock.url}/pets`, { headers: { authorization: 'Bearer t' } })).json();
      expect(pets).toEqual([{ id: 5, name: 'Rex' }]);
    } finally {
      await mock.close();
    }
  });
});
