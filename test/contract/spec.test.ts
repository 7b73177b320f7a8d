// The kit's view of a spec (src/contract/spec.ts, validator.ts): made once per document, from a
// model when one is given, the bundled spec by default, and the raw operation behind a model.
import { describe, expect, test } from 'vitest';
import { buildSpecModel } from '../../src/spec/model.js';
import { defaultSpec, kitSpecOf, loadKitSpec, rawOperation } from '../../src/contract/spec.js';
import { validatorsFor } from '../../src/contract/validator.js';
import { RESPONSE_SPEC } from './fixtures-response-spec.js';

describe('kitSpecOf', () => {
  test('one view per document object, with its file, model and validator', () => {
    const document = structuredClone(RESPONSE_SPEC);
    const spec = kitSpecOf(document, 'a.json');
    expect(spec.file).toBe('a.json');
    expect(spec.document).toBe(document);
    expect(spec.model.operations.map((o) => o.operationId)).toEqual(['listThings']);
    expect(kitSpecOf(document, 'other name')).toBe(spec);
    expect(validatorsFor(spec)).toBe(spec.validator);
    expect(spec.validator.response('listThings', 200)).toBeDefined();
    expect(kitSpecOf(structuredClone(RESPONSE_SPEC))).not.toBe(spec);
    expect(kitSpecOf(structuredClone(RESPONSE_SPEC)).file).toBe('(document)');
  });

  test('a model given is used as it is', () => {
    const document = structuredClone(RESPONSE_SPEC);
    const model = buildSpecModel(document);
    expect(kitSpecOf(document, 'b.json', model).model).toBe(model);
  });
});

describe('the bundled spec', () => {
  test('is the default of loadKitSpec, and the same view each time', async () => {
    const spec = defaultSpec();
    expect(defaultSpec()).toBe(spec);
    expect(await loadKitSpec()).toBe(spec);
    expect(spec.model.operations.length).toBeGreaterThan(0);
  });

  test('a file is loaded as its own spec', async () => {
    const spec = await loadKitSpec('test/fixtures/third-party/openapi.yaml');
    expect(spec.file).toBe('test/fixtures/third-party/openapi.yaml');
    expect(spec.model.operations.map((o) => o.operationId)).toContain('listCustomers');
  });
});

describe('rawOperation', () => {
  test('the operation object as written, or an empty one for a pointer to nothing', () => {
    const spec = kitSpecOf(structuredClone(RESPONSE_SPEC), 'c.json');
    const op = spec.model.operationsById.get('listThings')!;
    expect(rawOperation(spec, op)).toBe(spec.document.paths['/things'].get);
    expect(rawOperation(spec, { ...op, pointer: '#/paths/~1nowhere/get' })).toEqual({});
  });
});
