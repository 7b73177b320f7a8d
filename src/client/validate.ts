// Checks call input (parameters and the request body) against the JSON Schemas of the operation
// table, before anything is sent. A small part of JSON Schema 2020-12, the keywords parameter and
// body schemas use: type, enum, const, string lengths and pattern, numeric bounds, multipleOf,
// int32/int64, properties, required, additionalProperties, patternProperties, min/maxProperties,
// items, prefixItems, min/maxItems, uniqueItems, allOf, anyOf, oneOf, not. Any other keyword (and
// any other `format`) is an annotation here: the check is never stricter than the schema.
import type { OperationParameterEntry, RequestBodyEntry } from '../../generated/operations.js';

export type Schema = { readonly [keyword: string]: any } | boolean;

const patterns = new Map<string, RegExp>();

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function length(text: string): number {
  // JSON Schema counts code points, not UTF-16 units.
  return /[\uD800-\uDFFF]/.test(text) ? [...text].length : text.length;
}

/** JSON equality (for const, enum and uniqueItems): key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function regex(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(pattern, 'u')));
  return re;
}

const show = (value: unknown) => JSON.stringify(value);
const child = (where: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${where}.${key}` : `${where}[${show(key)}]`);

function fail(where: string, problem: string): string {
  return where === '' ? problem : `${where} ${problem}`;
}

function matches(value: unknown, schemas: readonly Schema[], where: string): number {
  return schemas.filter((s) => check(value, s, where) === undefined).length;
}

/** Why `value` breaks `schema`, prefixed with `where` (the path to it), or undefined. */
function check(value: unknown, schema: Schema, where: string): string | undefined {
  if (schema === true) return undefined;
  if (schema === false) return fail(where, 'is not allowed');
  if (typeof schema !== 'object' || schema === null) return undefined;
  const actual = typeOf(value);
  const type = schema.type;
  if (type !== undefined && type !== actual && !(actual === 'integer' && type === 'number')) {
    const allowed: readonly string[] = typeof type === 'string' ? [type] : type;
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) return fail(where, `must be of type ${allowed.join(' or ')}, got ${actual}`);
  }
  if (Object.hasOwn(schema, 'const') && !jsonEqual(value, schema.const)) return fail(where, `must be ${show(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((v: unknown) => jsonEqual(value, v))) return fail(where, `must be one of ${schema.enum.map(show).join(', ')}`);
  if (typeof value === 'string') {
    const n = length(value);
    if (schema.minLength !== undefined && n < schema.minLength) return fail(where, `must have at least ${schema.minLength} character(s), got ${n}`);
    if (schema.maxLength !== undefined && n > schema.maxLength) return fail(where, `must have at most ${schema.maxLength} characters, got ${n}`);
    if (typeof schema.pattern === 'string' && !regex(schema.pattern).test(value)) return fail(where, `must match ${schema.pattern}`);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail(where, 'must be a finite number');
    if (schema.minimum !== undefined && value < schema.minimum) return fail(where, `must be >= ${schema.minimum}, got ${value}`);
    if (schema.maximum !== undefined && value > schema.maximum) return fail(where, `must be <= ${schema.maximum}, got ${value}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return fail(where, `must be > ${schema.exclusiveMinimum}, got ${value}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return fail(where, `must be < ${schema.exclusiveMaximum}, got ${value}`);
    if (schema.multipleOf > 0 && !Number.isInteger(value / schema.multipleOf)) return fail(where, `must be a multiple of ${schema.multipleOf}`);
    if (schema.format === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31)) return fail(where, 'must fit in int32');
    if (schema.format === 'int64' && !Number.isSafeInteger(value) && Number.isInteger(value)) return fail(where, 'must be a safe integer');
  } else if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return fail(where, `must have at least ${schema.minItems} item(s), got ${value.length}`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return fail(where, `must have at most ${schema.maxItems} item(s), got ${value.length}`);
    if (schema.uniqueItems === true) {
      for (let i = 1; i < value.length; i++) {
        for (let j = 0; j < i; j++) if (jsonEqual(value[i], value[j])) return fail(where, `must not repeat an item (items ${j} and ${i} are equal)`);
      }
    }
    const prefix: readonly Schema[] = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    for (let i = 0; i < value.length; i++) {
      const itemSchema = i < prefix.length ? prefix[i] : schema.items;
      const problem = itemSchema === undefined ? undefined : check(value[i], itemSchema, `${where}[${i}]`);
      if (problem) return problem;
    }
  } else if (actual === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) return fail(where, `must have at least ${schema.minProperties} properties, got ${keys.length}`);
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) return fail(where, `must have at most ${schema.maxProperties} properties, got ${keys.length}`);
    for (const name of Array.isArray(schema.required) ? schema.required : []) {
      if (!Object.hasOwn(object, name)) return fail(where, `must have property "${name}"`);
    }
    const properties = schema.properties ?? {};
    const patternSchemas = Object.entries<Schema>(schema.patternProperties ?? {});
    for (const key of keys) {
      const at = child(where, key);
      let known = Object.hasOwn(properties, key);
      const problem = known ? check(object[key], properties[key], at) : undefined;
      if (problem) return problem;
      for (const [pattern, s] of patternSchemas) {
        if (!regex(pattern).test(key)) continue;
        known = true;
        const found = check(object[key], s, at);
        if (found) return found;
      }
      if (!known && schema.additionalProperties !== undefined) {
        if (schema.additionalProperties === false) return fail(where, `has unknown property "${key}"`);
        const found = check(object[key], schema.additionalProperties, at);
        if (found) return found;
      }
    }
  }
  if (Array.isArray(schema.allOf)) {
    for (const member of schema.allOf) {
      const problem = check(value, member, where);
      if (problem) return problem;
    }
  }
  if (Array.isArray(schema.anyOf) && matches(value, schema.anyOf, where) === 0) return fail(where, `must match one of the ${schema.anyOf.length} schemas of anyOf`);
  if (Array.isArray(schema.oneOf)) {
    const count = matches(value, schema.oneOf, where);
    if (count !== 1) return fail(where, `must match exactly one of the ${schema.oneOf.length} schemas of oneOf (matches ${count})`);
  }
  if (schema.not !== undefined && check(value, schema.not, where) === undefined) return fail(where, 'must not match the schema of not');
  return undefined;
}

/** Why `value` breaks `schema`, or undefined when it conforms. `where` names the value in the message. */
export function schemaViolation(value: unknown, schema: Schema, where = ''): string | undefined {
  return check(value, schema, where);
}

/** A header value must be a ByteString without CR, LF or NUL, or fetch would throw or split it. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Why `input` (parameters, and `body` when the operation takes one) cannot be sent, or undefined.
 * `generated` names a header the client fills itself (the idempotency key): never required.
 */
export function inputViolation(
  input: unknown,
  parameters: readonly OperationParameterEntry[],
  requestBody: RequestBodyEntry | null = null,
  generated: string | null = null,
): string | undefined {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) return 'parameters must be an object';
  const given = input as Record<string, unknown>;
  for (const key in given) {
    if (given[key] !== undefined && !(requestBody && key === 'body') && !parameters.some((spec) => spec.name === key)) return `unknown parameter "${key}"`;
  }
  for (const spec of parameters) {
    const value = given[spec.name];
    if (value === undefined) {
      if (spec.required && spec.name !== generated) return `parameter "${spec.name}" is required`;
      continue;
    }
    const problem = check(value, spec.schema, '');
    if (problem) return `parameter "${spec.name}"${/^[.[]/.test(problem) ? '' : ' '}${problem}`;
    if (spec.in === 'path' && value === '') return `parameter "${spec.name}" must not be empty: it is a path segment`;
    if (spec.in === 'header' && !HEADER_VALUE.test(String(value))) return `parameter "${spec.name}" must not hold line breaks or characters above U+00FF (it is a header)`;
  }
  if (requestBody) {
    if (given.body === undefined) return requestBody.required ? 'body is required' : undefined;
    return check(given.body, requestBody.schema, 'body');
  }
  return undefined;
}
