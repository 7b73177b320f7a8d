// The spec-pair corpus: every pair makes one change and must get exactly the expected changes.
// Together the pairs reach every rule of src/spec-diff/rules.ts (proved below), with the classes
// each pair states, so no rule of the gate is unexercised.
import { describe, expect, it } from 'vitest';
import { compareSpecs } from '../../src/spec-diff/classify.js';
import { rules } from '../../src/spec-diff/rules.js';
import { verdict } from '../../src/spec-diff/report.js';
import { base, handWrittenPairs, pairs, specsOf, type Pair } from './corpus.js';
import { LOCATIONS, SCHEMA_EDITS } from './schema-edits.js';

function changesOf(pair: Pair) {
  const [before, after] = specsOf(pair);
  return compareSpecs(before, after);
}

describe('spec-pair corpus', () => {
  it('has hand-written pairs for every area and a generated pair for every schema edit at every location', () => {
    expect(new Set(pairs.map((p) => p.name)).size).toBe(pairs.length);
    const areas = new Set(handWrittenPairs.map((p) => p.area));
    for (const area of ['parameters', 'request', 'response', 'headers', 'enums', 'nullability', 'statuses', 'error types', 'security', 'servers', 'operations']) {
      expect(areas, area).toContain(area);
    }
    expect(pairs.length).toBe(handWrittenPairs.length + SCHEMA_EDITS.length * LOCATIONS.length);
    expect(new Set(LOCATIONS.map((l) => l.direction))).toEqual(new Set(['request', 'response']));
  });

  it('reports no change between a spec and itself', () => {
    expect(compareSpecs(base, structuredClone(base))).toEqual([]);
  });

  // One test per area (hand-written) or per keyword (generated), every pair checked softly so a
  // failure names each pair that fails: hundreds of one-pair tests would make each mutation-testing
  // run pay the per-test cost hundreds of times. Each group's printout (rule, pointer, classes,
  // message, place: what a user reads) is also compared with a reviewed copy in corpus/report/.
  const groups = new Map<string, Pair[]>();
  for (const pair of pairs) {
    const group = pair.area.startsWith('schema ') ? `schema keyword ${pair.name.split(': ')[1]!.split(' ')[0]}` : pair.area;
    groups.set(group, [...(groups.get(group) ?? []), pair]);
  }
  it.each([...groups].map(([group, list]) => [group, list.length, list] as const))('%s (%i pairs)', async (group, _count, list) => {
    const printout: string[] = [];
    for (const pair of list) {
      const [before, after] = specsOf(pair);
      expect.soft(JSON.stringify(before), `${pair.name}: the pair must differ`).not.toBe(JSON.stringify(after));
      const changes = compareSpecs(before, after);
      expect.soft(changes.map(({ pointer, kind, clients, implementations }) => ({ pointer, kind, clients, implementations })), pair.name).toEqual(pair.expect);
      printout.push(`## ${pair.name}`, ...changes.map((c) => `${c.kind} ${c.pointer} [${c.clients}/${c.implementations}] ${c.message} (${c.where})`));
    }
    await expect(`${printout.join('\n')}\n`).toMatchFileSnapshot(`corpus/report/${group.replace(/ /g, '-')}.txt`);
  });

  // Each pair states the rule id it expects, so every rule is reached on purpose, with its classes.
  it('reaches every rule of rules.ts, and only rules of rules.ts', () => {
    const reached = new Set(pairs.flatMap((p) => changesOf(p).map((c) => c.kind)));
    expect(Object.keys(rules()).filter((id) => !reached.has(id))).toEqual([]);
    expect([...reached].filter((id) => !(id in rules()))).toEqual([]);
  });

});

describe('verdict', () => {
  const breakingPair = pairs.find((p) => p.name === 'response-required-property-removed')!;
  const riskyPair = pairs.find((p) => p.name === 'response-enum-value-added')!;

  it('fails a breaking change when info.version keeps its major', () => {
    const result = verdict(changesOf(breakingPair), '1.0.0', '1.4.0');
    expect(result.breaking).toHaveLength(1);
    expect(result.fails).toBe(true);
  });

  it('accepts a breaking change announced by a major bump', () => {
    const result = verdict(changesOf(breakingPair), '1.0.0', '2.0.0');
    expect(result.majorBump).toBe(true);
    expect(result.fails).toBe(false);
  });

  it('fails a breaking change when the new version is not MAJOR.MINOR.PATCH', () => {
    expect(verdict(changesOf(breakingPair), '1.0.0', 'latest').fails).toBe(true);
  });

  it('lets risky changes through without a bump', () => {
    const result = verdict(changesOf(riskyPair), '1.0.0', '1.0.0');
    expect(result.risky).toHaveLength(1);
    expect(result.fails).toBe(false);
  });
});
