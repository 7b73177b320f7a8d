// Compiles every response schema of the spec with Ajv (JSON Schema 2020-12, all errors, strict) and
// turns Ajv errors into issues that name the JSON pointer, the schema fragment and the actual value.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { cleanSchema, UnenforceableKeywordError, type UnenforceableKeyword } from './keywords.js';
import { escapePointer, resolveRef, type ContractSpec, type Json } from './spec.js';

const SPEC_ID = 'postpress-contract:spec';
const FLOAT_MAX = 3.4028234663852886e38;

export interface SchemaIssue {
  /** JSON pointer into the response body (or `/headers/Name`). */
  pointer: string;
  keyword: string;
  message: string;
  /** JSON pointer into the spec of the keyword that failed. */
  schemaPointer: string;
  /** The failed keyword with its value, e.g. `{ "maxItems": 250 }`. */
  schemaFragment: Json;
  /** The value found; `undefined` when absent. */
  actual: unknown;
}

export type BodyValidator = (value: unknown) => SchemaIssue[];

export interface MediaTypeExpectation { mediaType: string; schemaPointer: string; validate: BodyValidator | null }
export interface HeaderExpectation { name: string; required: boolean; schemaPointer: string; validate: BodyValidator | null }
export interface ResponseExpectation {
  /** The key under `responses` that matched: `"400"`, `"4XX"` or `"default"`. */
  key: string;
  pointer: string;
  content: MediaTypeExpectation[];
  headers: HeaderExpectation[];
}

export interface OperationExpectations { responses: Map<string, ResponseExpectation> }

const compiled = new WeakMap<ContractSpec, SpecValidators>();

/** The validators of a spec, compiled once per spec object (compiling takes a few hundred ms). */
export function validatorsFor(spec: ContractSpec): SpecValidators {
  let validators = compiled.get(spec);
  if (!validators) {
    validators = new SpecValidators(spec);
    compiled.set(spec, validators);
  }
  return validators;
}

/** An Ajv 2020-12 instance set up as the kit uses it, and the mapping of its errors to issues. */
class SchemaCompiler {
  readonly ajv: Ajv2020;
  readonly origins = new Map<object, string>();

  constructor() {
    this.ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    addFormats.default(this.ajv);
    this.ajv.addFormat('float', { type: 'number', validate: (x: number) => Math.abs(x) <= FLOAT_MAX });
  }

  compile(schema: Json | boolean): BodyValidator {
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(schema);
    } catch (error) {
      const at = typeof schema === 'object' ? this.origins.get(schema) ?? '#' : '#';
      throw new Error(`Ajv (JSON Schema 2020-12, strict mode) rejects the schema at ${at}: ${(error as Error).message}`);
    }
    return (value) => (validate(value) ? [] : (validate.errors ?? []).map((error) => this.issue(error)));
  }

  private issue(error: ErrorObject): SchemaIssue {
    const parent = error.parentSchema as object | undefined;
    const origin = (parent && this.origins.get(parent)) ?? '#';
    let pointer = error.instancePath;
    let actual: unknown = error.data;
    if (error.keyword === 'required' || error.keyword === 'dependentRequired') {
      pointer += `/${escapePointer(String(error.params.missingProperty))}`;
      actual = undefined;
    } else if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
      const extra = String(error.params.additionalProperty ?? error.params.unevaluatedProperty);
      pointer += `/${escapePointer(extra)}`;
      actual = (error.data as Json | undefined)?.[extra];
    }
    return {
      pointer,
      keyword: error.keyword,
      message: error.message ?? error.keyword,
      schemaPointer: `${origin}/${escapePointer(error.keyword)}`,
      schemaFragment: { [error.keyword]: error.schema },
      actual,
    };
  }
}

/** Compiles one standalone schema (no `$ref`s) the way the kit does; refuses unenforceable keywords. */
export function compileSchema(schema: unknown, pointer = '#'): BodyValidator {
  const compiler = new SchemaCompiler();
  const refused: UnenforceableKeyword[] = [];
  const cleaned = cleanSchema(schema, pointer, (ref) => ref, refused, compiler.origins).schema;
  if (refused.length > 0) throw new UnenforceableKeywordError(refused);
  return compiler.compile(cleaned);
}

export class SpecValidators {
  private readonly compiler = new SchemaCompiler();
  private readonly byOperation = new Map<string, OperationExpectations>();

  constructor(readonly spec: ContractSpec) {
    const refused: UnenforceableKeyword[] = [];
    const origins = this.compiler.origins;
    const toDefs = (ref: string) => ref.replace('#/components/schemas/', '#/$defs/');
    const defs: Json = {};
    for (const [name, schema] of Object.entries<unknown>(spec.document.components?.schemas ?? {})) {
      defs[name] = cleanSchema(schema, `#/components/schemas/${escapePointer(name)}`, toDefs, refused, origins).schema;
    }
    const pending: Array<() => void> = [];
    for (const [operationId, op] of Object.entries(spec.operations)) {
      const operation = spec.document.paths?.[op.path]?.[op.method];
      if (!operation) throw new Error(`Operation ${operationId} (${op.method} ${op.path}) is not in the document`);
      const base = `#/paths/${escapePointer(op.path)}/${op.method}/responses`;
      const responses = new Map<string, ResponseExpectation>();
      for (const [key, responseOrRef] of Object.entries<Json>(operation.responses ?? {})) {
        const { node: response, pointer } = resolveRef(spec.document, responseOrRef, `${base}/${escapePointer(key)}`);
        const expectation: ResponseExpectation = { key, pointer, content: [], headers: [] };
        for (const [mediaType, media] of Object.entries<Json>(response.content ?? {})) {
          const schemaPointer = `${pointer}/content/${escapePointer(mediaType)}/schema`;
          const entry: MediaTypeExpectation = { mediaType, schemaPointer, validate: null };
          if (media.schema !== undefined) {
            const cleaned = cleanSchema(media.schema, schemaPointer, (ref) => SPEC_ID + toDefs(ref), refused, origins).schema;
            pending.push(() => { entry.validate = this.compiler.compile(cleaned); });
          }
          expectation.content.push(entry);
        }
        for (const [name, headerOrRef] of Object.entries<Json>(response.headers ?? {})) {
          const { node: header, pointer: headerPointer } = resolveRef(spec.document, headerOrRef, `${pointer}/headers/${escapePointer(name)}`);
          const entry: HeaderExpectation = { name, required: header.required === true, schemaPointer: `${headerPointer}/schema`, validate: null };
          if (header.schema !== undefined) {
            const cleaned = cleanSchema(header.schema, entry.schemaPointer, (ref) => SPEC_ID + toDefs(ref), refused, origins).schema;
            pending.push(() => { entry.validate = this.compiler.compile(cleaned); });
          }
          expectation.headers.push(entry);
        }
        responses.set(key, expectation);
      }
      this.byOperation.set(operationId, { responses });
    }
    if (refused.length > 0) throw new UnenforceableKeywordError(refused);
    this.compiler.ajv.addSchema({ $id: SPEC_ID, $defs: defs });
    for (const compile of pending) compile();
  }

  operation(operationId: string): OperationExpectations {
    const found = this.byOperation.get(operationId);
    if (!found) throw new Error(`Unknown operation ${operationId}`);
    return found;
  }

  /** The documented response for a status: exact code first, then `4XX`-style ranges, then `default`. */
  response(operationId: string, status: number): ResponseExpectation | undefined {
    const { responses } = this.operation(operationId);
    return responses.get(String(status)) ?? responses.get(`${String(status)[0]}XX`) ?? responses.get('default');
  }
}
