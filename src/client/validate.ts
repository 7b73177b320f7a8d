// Checks call parameters against their schemas in the generated operation table, before
// anything is sent. Covers the keywords parameter schemas use: type, enum, const, string
// lengths, pattern, numeric bounds, int32/int64.
import type { OperationParameterEntry } from '../../generated/operations.js';

export interface ParameterSchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly format?: string;
}

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

/** Why `value` breaks `schema`, or undefined when it conforms. */
export function schemaViolation(value: unknown, schema: ParameterSchema): string | undefined {
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const allowed = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) return `must be of type ${allowed.join(' or ')}, got ${actual}`;
  }
  if (schema.const !== undefined && value !== schema.const) return `must be ${JSON.stringify(schema.const)}`;
  if (schema.enum && !schema.enum.includes(value)) return `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (typeof value === 'string') {
    const n = length(value);
    if (schema.minLength !== undefined && n < schema.minLength) return `must have at least ${schema.minLength} character(s), got ${n}`;
    if (schema.maxLength !== undefined && n > schema.maxLength) return `must have at most ${schema.maxLength} characters, got ${n}`;
    if (schema.pattern !== undefined) {
      let re = patterns.get(schema.pattern);
      if (!re) patterns.set(schema.pattern, (re = new RegExp(schema.pattern, 'u')));
      if (!re.test(value)) return `must match ${schema.pattern}`;
    }
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'must be a finite number';
    if (schema.minimum !== undefined && value < schema.minimum) return `must be >= ${schema.minimum}, got ${value}`;
    if (schema.maximum !== undefined && value > schema.maximum) return `must be <= ${schema.maximum}, got ${value}`;
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return `must be > ${schema.exclusiveMinimum}, got ${value}`;
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return `must be < ${schema.exclusiveMaximum}, got ${value}`;
    if (schema.format === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31)) return 'must fit in int32';
    if (schema.format === 'int64' && !Number.isSafeInteger(value)) return 'must be a safe integer';
  }
  return undefined;
}

/** Why `params` cannot be sent (missing, unknown or invalid parameter), or undefined. */
export function parameterViolation(params: unknown, specs: readonly OperationParameterEntry[]): string | undefined {
  if (params === undefined || params === null) params = {};
  if (typeof params !== 'object' || Array.isArray(params)) return 'parameters must be an object';
  const given = params as Record<string, unknown>;
  for (const key in given) {
    if (given[key] !== undefined && !specs.some((spec) => spec.name === key)) return `unknown parameter "${key}"`;
  }
  for (const spec of specs) {
    const value = given[spec.name];
    if (value === undefined) {
      if (spec.required) return `parameter "${spec.name}" is required`;
      continue;
    }
    const problem = schemaViolation(value, spec.schema);
    if (problem) return `parameter "${spec.name}" ${problem}`;
  }
  return undefined;
}
