// The kit's view of the shared validator (src/spec/validator.ts): the response expectations of a
// ContractSpec's operations, compiled once per document.
import { buildSpecModel, type SpecModel } from '../spec/model.js';
import { specValidator, type ResponseExpectation, type SpecValidator } from '../spec/validator.js';
import type { ContractSpec } from './spec.js';

export { compileSchema, type SchemaIssue, type SchemaCheck as BodyValidator, type ResponseExpectation, type MediaTypeExpectation, type HeaderExpectation } from '../spec/validator.js';

export interface OperationExpectations { responses: Map<string, ResponseExpectation> }

const models = new WeakMap<object, SpecModel>();

export class SpecValidators {
  readonly validator: SpecValidator;

  constructor(readonly spec: ContractSpec) {
    let model = models.get(spec.document);
    if (!model) models.set(spec.document, model = buildSpecModel(spec.document));
    this.validator = specValidator(model, { strict: true });
    this.validator.notes();
    this.validator.compileAll();
  }

  operation(operationId: string): OperationExpectations {
    return { responses: new Map(this.validator.responses(operationId).map((r) => [r.key, r])) };
  }

  response(operationId: string, status: number): ResponseExpectation | undefined {
    return this.validator.response(operationId, status);
  }
}

const compiled = new WeakMap<ContractSpec, SpecValidators>();

/** The validators of a spec, compiled once per spec object. */
export function validatorsFor(spec: ContractSpec): SpecValidators {
  let validators = compiled.get(spec);
  if (!validators) compiled.set(spec, validators = new SpecValidators(spec));
  return validators;
}
