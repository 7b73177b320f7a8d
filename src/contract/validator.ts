// The kit validates with the shared validator (src/spec/validator.ts); this module keeps the
// kit's older entry points pointing at it.
import type { KitSpec } from './spec.js';
import type { SpecValidator } from '../spec/validator.js';

export { compileSchema, type SchemaIssue, type SchemaCheck as BodyValidator, type ResponseExpectation, type MediaTypeExpectation, type HeaderExpectation } from '../spec/validator.js';

/** The validator of a spec (standard mode), made once per document. */
export function validatorsFor(spec: KitSpec): SpecValidator {
  return spec.validator;
}
