// The spec-pair corpus: every pair makes one change and must get exactly the expected classes.
import { describe, expect, it } from 'vitest';
import { compareSpecs } from '../../src/spec-diff/classify.js';
import { verdict } from '../../src/spec-diff/report.js';
import { base, pairs, specsOf } from './corpus.js';

describe('spec-pair corpus', () => {
  it('has at least 25 pairs covering every area the issue names', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(25);
    expect(new Set(pairs.map((p) => p.name)).size).toBe(pairs.length);
    const areas = new Set(pairs.map((p) => p.area));
    for (const area of ['parameters', 'request', 'response', 'enums', 'nullability', 'statuses', 'error types', 'security', 'servers']) {
      expect(areas, area).toContain(area);
    }
  });

  it('reports no change between a spec and itself', () => {
    expect(compareSpecs(base, structuredClone(base))).toEqual([]);
  });

  it.each(pairs.map((p) => [p.name, p] as const))('%s', (_name, pair) => {
    const [before, after] = specsOf(pair);
    expect(JSON.stringify(before), 'the pair must differ').not.toBe(JSON.stringify(after));
    const got = compareSpecs(before, after).map((c) => ({ pointer: c.pointer, clients: c.clients, implementations: c.implementations }));
    expect(got).toEqual(pair.expect);
  });
});

describe('verdict', () => {
  const breakingPair = pairs.find((p) => p.name === 'response-property-removed')!;
  const riskyPair = pairs.find((p) => p.name === 'response-enum-value-added')!;

  it('fails a breaking change when info.version keeps its major', () => {
    const [before, after] = specsOf(breakingPair);
    const result = verdict(compareSpecs(before, after), '1.0.0', '1.4.0');
    expect(result.breaking).toHaveLength(1);
    expect(result.fails).toBe(true);
  });

  it('accepts a breaking change announced by a major bump', () => {
    const [before, after] = specsOf(breakingPair);
    const result = verdict(compareSpecs(before, after), '1.0.0', '2.0.0');
    expect(result.majorBump).toBe(true);
    expect(result.fails).toBe(false);
  });

  it('fails a breaking change when the new version is not MAJOR.MINOR.PATCH', () => {
    const [before, after] = specsOf(breakingPair);
    expect(verdict(compareSpecs(before, after), '1.0.0', 'latest').fails).toBe(true);
  });

  it('lets risky changes through without a bump', () => {
    const [before, after] = specsOf(riskyPair);
    const result = verdict(compareSpecs(before, after), '1.0.0', '1.0.0');
    expect(result.risky).toHaveLength(1);
    expect(result.fails).toBe(false);
  });
});
