// The grown fixture spec, bundled in-process and modelled once per test file.
import { bundleWithRedocly } from '../../src/pipeline/redocly.js';
import { buildSpecModel, type SpecModel } from '../../src/spec/model.js';
import type { Json } from '../../src/spec/pointer.js';

export const GROWN_SPEC = 'test/fixtures/grown/openapi/openapi.yaml';
let loaded: Promise<{ document: Json; model: SpecModel }> | undefined;

export function loadGrown(): Promise<{ document: Json; model: SpecModel }> {
  loaded ??= bundleWithRedocly(GROWN_SPEC).then(({ document }) => ({ document: document as Json, model: buildSpecModel(document as Json) }));
  return loaded;
}
