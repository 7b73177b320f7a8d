// The whole path on the grown fixture spec, derived from its operation table: lint with zero
// findings, every output rendered, the docs page shows every operation and error type, and the
// diff from the product spec reports each added operation as safe for clients. (The client
// against a real server: test/client/grown.test.ts; the mock: test/mock/grown.test.ts.)
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { produceOutputs } from '../../src/pipeline/pipeline.js';
import { GENERATED_DIR } from '../../src/pipeline/paths.js';
import { SITE_DIR } from '../../src/site/site.js';
import { buildSpecModel, type SpecModel } from '../../src/spec/model.js';
import { compareSpecs } from '../../src/spec-diff/classify.js';
import productSpec from '../../generated/openapi.json' with { type: 'json' };

const GROWN_ROOT = path.resolve(import.meta.dirname, '../fixtures/grown/openapi/openapi.yaml');
let bundled: Record<string, any>;
let outputs: Awaited<ReturnType<typeof produceOutputs>>['outputs'];
let model: SpecModel;

beforeAll(async () => {
  // Lint (Redocly and Spectral on the bundle) and every output, as `npm run generate` does.
  const produced = await produceOutputs(undefined, GROWN_ROOT);
  bundled = produced.bundled;
  outputs = produced.outputs;
  model = buildSpecModel(bundled, { strict: true });
}, 120_000);

describe('the grown fixture through the pipeline', () => {
  it('lints clean and has more operations than the product spec', () => {
    expect(model.operations.length).toBeGreaterThan(Object.keys(productSpec.paths).length + 5);
  });

  it('writes every operation and error set into generated/operations.ts', () => {
    const table = String(outputs.get(GENERATED_DIR)!.get('operations.ts'));
    for (const op of model.operations) expect(table).toContain(`"operationId": "${op.operationId}"`);
    for (const id of Object.keys(model.errorSets)) expect(table).toContain(`"${id}": {`);
    const types = String(outputs.get(GENERATED_DIR)!.get('schema.ts'));
    for (const op of model.operations) expect(types).toContain(`${op.operationId}: {`);
  });

  it('shows every operation and every error type in the docs site', () => {
    const site = outputs.get(SITE_DIR)!;
    const page = [...site.values()].filter((v) => typeof v === 'string').join('\n');
    for (const op of model.operations) expect(page, op.operationId).toContain(op.summary);
    for (const set of Object.values(model.errorSets)) for (const type of Object.keys(set.types)) expect(page, type).toContain(type);
  });

  it('diffs from the product spec: each added operation is reported, none breaks clients', () => {
    const changes = compareSpecs(productSpec, bundled);
    const productOps = new Set(buildSpecModel(productSpec).operations.map((o) => o.operationId));
    const added = model.operations.filter((o) => !productOps.has(o.operationId));
    expect(added.length).toBeGreaterThan(0);
    for (const op of added) {
      const mentioned = changes.filter((c) => c.where.includes(`${op.method.toUpperCase()} ${op.path}`) || c.pointer.startsWith(`/paths/${op.path.replace(/~/g, '~0').replace(/\//g, '~1')}`));
      expect(mentioned.length, `${op.method} ${op.path}`).toBeGreaterThan(0);
      for (const change of mentioned) expect(change.clients, change.message).not.toBe('breaking');
    }
  });
});
