// Validation of values against the schemas of one document: one Ajv 2020-12 instance per document
// (and mode), each distinct schema compiled once, by its pointer, on first use; a shared error
// schema used by 500 operations is compiled once. Ajv errors become SchemaIssues naming the value
// pointer, the spec pointer of the failed keyword, the keyword with its value and the value found.
//
// Two modes (src/spec/keywords.ts): `strict` holds our own spec to Ajv strict mode and refuses
// what it cannot enforce; the default judges any spec by the JSON Schema standard: unknown formats
// and keywords are annotations, collected in `notes()` so reports can name them "not validated".
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { cleanSchema, UnenforceableKeywordError, type CleanContext, type FormatNote, type KeywordNote } from './keywords.js';
import { isJsonMediaType, responseFor, type OperationModel, type ParameterModel, type SpecModel } from './model.js';
import { escapePointer, getPointer, resolve, type Json } from './pointer.js';

const FLOAT_MAX = 3.4028234663852886e38;
const REF_PREFIX = 'urn:spec-schema:';

export interface SchemaIssue {
  /** JSON pointer into the value (or `/headers/Name` for a header). */
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

/** Validates a value; `[]` when it conforms. */
export type SchemaCheck = (value: unknown) => SchemaIssue[];

export interface MediaTypeExpectation {
  mediaType: string;
  schemaPointer: string;
  /** Null when the media type has no schema, or is not JSON (its body is not parsed). */
  validate: SchemaCheck | null;
}
export interface HeaderExpectation { name: string; required: boolean; schemaPointer: string; validate: SchemaCheck | null }
export interface ResponseExpectation {
  /** The key under `responses` that matched: `"400"`, `"4XX"` or `"default"`. */
  key: string;
  pointer: string;
  content: MediaTypeExpectation[];
  headers: HeaderExpectation[];
}
export interface RequestBodyExpectation { required: boolean; pointer: string; content: MediaTypeExpectation[] }
export interface ParameterExpectation { parameter: ParameterModel; schemaPointer: string; validate: SchemaCheck }

export interface SpecValidatorOptions {
  /** Ajv strict mode, refusing what cannot be enforced: for our own spec. Default false (the JSON Schema standard). */
  strict?: boolean;
}

const cache = new WeakMap<object, Map<boolean, SpecValidator>>();

/** The validator of a model's document, made once per document and mode. */
export function specValidator(model: SpecModel, options: SpecValidatorOptions = {}): SpecValidator {
  const strict = options.strict ?? false;
  let byMode = cache.get(model.document);
  if (!byMode) cache.set(model.document, byMode = new Map());
  let validator = byMode.get(strict);
  if (!validator) byMode.set(strict, validator = new SpecValidator(model, { strict }));
  return validator;
}

function newAjv(strict: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict, allowUnionTypes: true, verbose: true, validateSchema: strict, logger: false });
  addFormats.default(ajv);
  ajv.addFormat('float', { type: 'number', validate: (x: number) => Math.abs(x) <= FLOAT_MAX });
  return ajv;
}

/** A `#/a/b` pointer from a `$ref` (which may be percent-encoded as a URI fragment). */
function refPointer(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}

export class SpecValidator {
  readonly strict: boolean;
  readonly document: Json;
  private readonly ajv: Ajv2020;
  private readonly origins = new Map<object, string>();
  /** Pointer → Ajv key of the cleaned schema registered for it. */
  private readonly keys = new Map<string, string>();
  private readonly checks = new Map<string, SchemaCheck>();
  private readonly inline = new WeakMap<object, SchemaCheck>();
  private readonly keywordNotes: KeywordNote[] = [];
  private readonly formatNotes: FormatNote[] = [];
  private readonly uses = new Map<string, string[]>();
  private compiled = 0;

  constructor(readonly model: SpecModel, options: SpecValidatorOptions = {}) {
    this.strict = options.strict ?? false;
    this.document = model.document;
    this.ajv = newAjv(this.strict);
  }

  /** How many distinct schemas Ajv compiled so far (each at most once). */
  get compiledSchemas(): number {
    return this.compiled;
  }

  private context(notes: KeywordNote[]): CleanContext {
    return {
      strict: this.strict,
      rewriteRef: (ref) => {
        const pointer = refPointer(ref);
        return pointer === undefined || getPointer(this.document, pointer) === undefined ? undefined : this.register(pointer);
      },
      origins: this.origins,
      notes,
      formats: this.formatNotes,
      uses: this.uses,
    };
  }

  private clean(schema: unknown, pointer: string): Json | boolean {
    const notes: KeywordNote[] = [];
    const cleaned = cleanSchema(schema, pointer, this.context(notes));
    this.keywordNotes.push(...notes);
    if (this.strict && notes.length > 0) throw new UnenforceableKeywordError(notes);
    return cleaned;
  }

  /** Registers the schema at `pointer` with Ajv (cleaned, not compiled yet); returns its key. */
  private register(pointer: string): string {
    let key = this.keys.get(pointer);
    if (key) return key;
    key = `${REF_PREFIX}${this.keys.size}`;
    this.keys.set(pointer, key);
    const cleaned = this.clean(getPointer(this.document, pointer), pointer);
    const schema = typeof cleaned === 'boolean' ? (cleaned ? {} : { not: {} }) : cleaned;
    if (typeof cleaned === 'boolean') this.origins.set(schema, pointer);
    this.ajv.addSchema(schema, key);
    return key;
  }

  /** The check of the schema at a document pointer (`#/components/schemas/X`, a media type's `schema`, …). */
  schemaAt(pointer: string): SchemaCheck {
    let check = this.checks.get(pointer);
    if (check) return check;
    if (getPointer(this.document, pointer) === undefined) throw new Error(`No schema at ${pointer}`);
    const key = this.register(pointer);
    let validate: ValidateFunction | undefined;
    check = (value) => {
      validate ??= this.compile(key, pointer);
      if (!validate) return [];
      return validate(value) ? [] : (validate.errors ?? []).map((error) => this.issue(error));
    };
    this.checks.set(pointer, check);
    return check;
  }

  /** Compiles now whatever `schemaAt(pointer)` would compile on first use; throws in strict mode. */
  compileAt(pointer: string): void {
    const key = this.register(pointer);
    this.compile(key, pointer);
  }

  private compile(key: string, pointer: string): ValidateFunction | undefined {
    try {
      const validate = this.ajv.getSchema(key);
      if (!validate) throw new Error(`schema ${key} is not registered`);
      this.compiled++;
      return validate;
    } catch (error) {
      const message = (error as Error).message.split('\n')[0]!;
      if (this.strict) throw new Error(`Ajv (JSON Schema 2020-12, strict mode) rejects the schema at ${pointer}: ${message}`);
      this.keywordNotes.push({ pointer, keyword: '(schema)', reason: `Ajv cannot compile it, so values are not validated against it: ${message}` });
      return undefined;
    }
  }

  /** The check of a schema that is not at a pointer of the document; its local `$ref`s resolve in the document. */
  forSchema(schema: Json | boolean, pointer = '#'): SchemaCheck {
    if (typeof schema === 'object' && schema !== null) {
      const cached = this.inline.get(schema);
      if (cached) return cached;
    }
    const cleaned = this.clean(schema, pointer);
    let validate: ValidateFunction | undefined;
    try {
      validate = this.ajv.compile(typeof cleaned === 'boolean' ? (cleaned ? {} : { not: {} }) : cleaned);
      this.compiled++;
    } catch (error) {
      if (this.strict) throw new Error(`Ajv (JSON Schema 2020-12, strict mode) rejects the schema at ${pointer}: ${(error as Error).message}`);
      this.keywordNotes.push({ pointer, keyword: '(schema)', reason: `Ajv cannot compile it, so values are not validated against it: ${(error as Error).message}` });
    }
    const check: SchemaCheck = (value) => (!validate || validate(value) ? [] : (validate.errors ?? []).map((error) => this.issue(error)));
    if (typeof schema === 'object' && schema !== null) this.inline.set(schema, check);
    return check;
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

  private operation(operationId: string): OperationModel {
    const operation = this.model.operationsById.get(operationId);
    if (!operation) throw new Error(`Unknown operation ${operationId}`);
    return operation;
  }

  private media(content: readonly { mediaType: string; schema: Json | undefined; schemaPointer: string | undefined }[]): MediaTypeExpectation[] {
    return content.map((m) => ({
      mediaType: m.mediaType,
      schemaPointer: m.schemaPointer ?? '',
      validate: m.schemaPointer && isJsonMediaType(m.mediaType) ? this.schemaAt(m.schemaPointer) : null,
    }));
  }

  /** Every documented response of an operation, by its key (`200`, `4XX`, `default`). */
  responses(operationId: string): ResponseExpectation[] {
    return this.operation(operationId).responses.map((r) => this.expectation(r.status, r.pointer, r.content));
  }

  /** The documented response for a status: exact code first, then `4XX`-style ranges, then `default`. */
  response(operationId: string, status: number): ResponseExpectation | undefined {
    const response = responseFor(this.operation(operationId), status);
    return response && this.expectation(response.status, response.pointer, response.content);
  }

  private readonly expectations = new Map<string, ResponseExpectation>();

  private expectation(key: string, pointer: string, content: Parameters<SpecValidator['media']>[0]): ResponseExpectation {
    const cacheKey = `${pointer}\u0000${key}`;
    let found = this.expectations.get(cacheKey);
    if (found) return found;
    const node = getPointer(this.document, pointer) as Json | undefined;
    const headers = Object.entries<Json>(node?.headers ?? {}).map(([name, raw]): HeaderExpectation => {
      const { node: header, pointer: headerPointer } = resolve(this.document, raw, `${pointer}/headers/${escapePointer(name)}`);
      const schemaPointer = `${headerPointer}/schema`;
      return { name, required: header?.required === true, schemaPointer, validate: header?.schema !== undefined ? this.schemaAt(schemaPointer) : null };
    });
    found = { key, pointer, content: this.media(content), headers };
    this.expectations.set(cacheKey, found);
    return found;
  }

  /** The request body of an operation, or null when it takes none. */
  requestBody(operationId: string): RequestBodyExpectation | null {
    const body = this.operation(operationId).requestBody;
    return body && { required: body.required, pointer: body.pointer, content: this.media(body.content) };
  }

  /** A parameter's schema check (of the decoded value: see `decodeParameter`). */
  parameter(operationId: string, name: string, location?: ParameterModel['in']): ParameterExpectation {
    const parameter = this.operation(operationId).parameters.find((p) => p.name === name && (location === undefined || p.in === location));
    if (!parameter) throw new Error(`Operation ${operationId} has no parameter ${name}`);
    const schemaPointer = `${parameter.pointer}/schema`;
    return { parameter, schemaPointer, validate: this.schemaAt(schemaPointer) };
  }

  /** Every schema pointer the operations use: parameters, request bodies, responses, response headers. */
  schemaPointers(): string[] {
    const pointers = new Set<string>();
    for (const op of this.model.operations) {
      for (const p of op.parameters) pointers.add(`${p.pointer}/schema`);
      for (const m of op.requestBody?.content ?? []) if (m.schemaPointer && isJsonMediaType(m.mediaType)) pointers.add(m.schemaPointer);
      for (const r of op.responses) {
        for (const m of r.content) if (m.schemaPointer && isJsonMediaType(m.mediaType)) pointers.add(m.schemaPointer);
        for (const h of this.expectation(r.status, r.pointer, r.content).headers) if (h.validate) pointers.add(h.schemaPointer);
      }
    }
    return [...pointers];
  }

  /** Compiles every schema the operations use (strict mode: throws what cannot be enforced). */
  compileAll(): void {
    for (const pointer of this.schemaPointers()) this.compileAt(pointer);
  }

  /**
   * What is not validated, over every schema the operations use: keywords left out (and why) and
   * formats with no validator (annotations). Registers the schemas; compiles nothing.
   */
  notes(): { keywords: KeywordNote[]; formats: FormatNote[] } {
    for (const pointer of this.schemaPointers()) this.register(pointer);
    const unique = <T extends { pointer: string }>(list: T[], key: (t: T) => string) => [...new Map(list.map((t) => [`${t.pointer}\u0000${key(t)}`, t])).values()];
    return { keywords: unique(this.keywordNotes, (k) => k.keyword), formats: unique(this.formatNotes, (f) => f.format) };
  }

  /** Formats used but not validated (annotations), with where. */
  get unvalidatedFormats(): FormatNote[] {
    return this.notes().formats;
  }

  /** Every schema keyword met in the registered schemas, with where (annotations and `x-` excluded). */
  keywordUses(): ReadonlyMap<string, readonly string[]> {
    for (const pointer of this.schemaPointers()) this.register(pointer);
    return this.uses;
  }
}

/** A standalone schema (no `$ref`s) compiled as the validator does; for tests and one-off checks. */
export function compileSchema(schema: unknown, pointer = '#', options: SpecValidatorOptions = { strict: true }): SchemaCheck {
  const validator = new SpecValidator({ document: {}, operations: [], operationsById: new Map() } as unknown as SpecModel, options);
  return validator.forSchema(schema as Json, pointer);
}

/**
 * The typed value of a parameter from its raw text(s), as a server reads it: numbers, booleans and
 * arrays per the schema's `type` (and the parameter's style: `form` explode repeats the name,
 * otherwise values are comma-separated). Text that does not parse stays text, so validation fails.
 */
export function decodeParameter(parameter: Pick<ParameterModel, 'schema' | 'style' | 'explode'>, raw: string | readonly string[]): unknown {
  const values = typeof raw === 'string' ? [raw] : [...raw];
  const types = schemaTypes(parameter.schema);
  if (types.includes('array')) {
    const items = parameter.explode && parameter.style === 'form' ? values : values.flatMap((v) => v.split(parameter.style === 'spaceDelimited' ? ' ' : parameter.style === 'pipeDelimited' ? '|' : ','));
    const itemTypes = schemaTypes(parameter.schema.items ?? {});
    return items.map((v) => scalar(v, itemTypes));
  }
  return scalar(values[values.length - 1] ?? '', types);
}

function schemaTypes(schema: Json): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.enum && Array.isArray(schema.enum)) return [...new Set(schema.enum.map((v: unknown) => (Number.isInteger(v) ? 'integer' : typeof v)))] as string[];
  return [];
}

function scalar(text: string, types: readonly string[]): unknown {
  // A schema that allows a string keeps the text; only JSON's number notation is a number
  // (' 3', '3.', '+3', '0x10' stay text).
  if (types.includes('string')) return text;
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  if (types.includes('null') && text === 'null') return null;
  return text;
}
