// The spec a run tests against: any OpenAPI 3.1 document (our bundled one by default), its model
// (src/spec/model.ts) and its validator (src/spec/validator.ts, JSON Schema standard mode).
import { bundledSpecModel, loadSpec } from '../spec/load.js';
import { buildSpecModel, type OperationModel, type ParameterModel, type SpecModel } from '../spec/model.js';
import { escapePointer, getPointer, resolve, type Json } from '../spec/pointer.js';
import { specValidator, type SpecValidator } from '../spec/validator.js';

export type { Json };
export type OperationInfo = OperationModel;
export type OperationParameter = ParameterModel;
export { escapePointer, getPointer, resolve };

export interface KitSpec {
  /** The file read, or `(bundled postpress spec)`. */
  readonly file: string;
  readonly document: Json;
  readonly model: SpecModel;
  readonly validator: SpecValidator;
}

const kitSpecs = new WeakMap<object, KitSpec>();

/** The kit's view of a document (made once per document object). */
export function kitSpecOf(document: Json, file = '(document)', model?: SpecModel): KitSpec {
  let spec = kitSpecs.get(document);
  if (!spec) {
    const built = model ?? buildSpecModel(document);
    spec = { file, document, model: built, validator: specValidator(built) };
    kitSpecs.set(document, spec);
  }
  return spec;
}

/** Our bundled spec. */
export function defaultSpec(): KitSpec {
  const loaded = bundledSpecModel();
  return kitSpecOf(loaded.document, loaded.file, loaded.model);
}

/** A spec file (YAML or JSON, external `$ref`s bundled); without one, our bundled spec. Throws SpecLoadError. */
export async function loadKitSpec(file?: string): Promise<KitSpec> {
  if (file === undefined) return defaultSpec();
  const loaded = await loadSpec(file);
  return kitSpecOf(loaded.document, loaded.file, loaded.model);
}

/** The raw operation object of the document. */
export function rawOperation(spec: KitSpec, op: OperationInfo): Json {
  return resolve(spec.document, { $ref: op.pointer }).node ?? {};
}
