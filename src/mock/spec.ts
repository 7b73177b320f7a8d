// What the mock knows about the spec, read from generated/operations.ts (never hand-listed).
// Parameter checks are compiled once here; a schema keyword the mock cannot enforce stops it at
// load time rather than being ignored.
import { STATUS_CODES } from 'node:http';
import {
  errorCatalog,
  operations,
  type ErrorStatusEntry,
  type OperationEntry,
  type OperationParameterEntry,
} from '../../generated/operations.js';

/** Path of `servers[0].url` in the spec; operations are served under it. */
export const API_BASE_PATH = '/api/v1';

/** Statuses whose response documents a `Retry-After` header (429 and 503 in the spec). */
export const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

export type OperationSpec = OperationEntry;

const catalog: Readonly<Record<string, ErrorStatusEntry>> = errorCatalog;

/** Documented error types of a status, in spec order (empty when the status has none). */
export function errorTypesOf(status: number): readonly string[] {
  const entry = catalog[String(status)];
  return entry ? Object.keys(entry.types) : [];
}

/** The description the spec gives for an error type, used as the default `detail`. */
export function errorTypeDescription(status: number, type: string): string | undefined {
  return catalog[String(status)]?.types[type]?.description;
}

/** The one status that documents `type`, if any. */
export function statusOfErrorType(type: string): number | undefined {
  for (const [status, entry] of Object.entries(catalog)) {
    if (Object.hasOwn(entry.types, type)) return Number(status);
  }
  return undefined;
}

/** `title` of an error envelope: the HTTP reason phrase. */
export function errorTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

// ---- parameters ----------------------------------------------------------------------------

/** A compiled check: the parsed value, or a sentence saying what is wrong. */
export type ParameterCheck = (raw: string) => { ok: true; value: string | number } | { ok: false; problem: string };

export interface CompiledParameter {
  readonly name: string;
  readonly required: boolean;
  readonly defaultValue: string | number | undefined;
  readonly check: ParameterCheck;
}

const ENFORCED_KEYWORDS = new Set(['type', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'default']);
const INT32 = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 };
const INTEGER_TEXT = /^-?\d+$/;

function compileCheck(parameter: OperationParameterEntry): ParameterCheck {
  const schema = parameter.schema;
  for (const keyword of Object.keys(schema)) {
    if (!ENFORCED_KEYWORDS.has(keyword)) {
      throw new Error(`mock: cannot enforce keyword \`${keyword}\` on parameter \`${parameter.name}\``);
    }
  }
  if (schema.type === 'string') {
    if (schema.format !== undefined) throw new Error(`mock: cannot enforce format \`${schema.format}\` on \`${parameter.name}\``);
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? Infinity;
    const range = max === Infinity ? `at least ${min} characters` : `${min} to ${max} characters`;
    return (raw) => {
      // JSON Schema counts code points; UTF-16 length is between 1 and 2 times that.
      const length = raw.length <= max && raw.length >= 2 * min ? raw.length : [...raw].length;
      if (length < min || length > max) {
        return { ok: false, problem: `\`${parameter.name}\` must be ${range} long, got ${length}` };
      }
      return { ok: true, value: raw };
    };
  }
  if (schema.type === 'integer') {
    if (schema.format !== undefined && schema.format !== 'int32') {
      throw new Error(`mock: cannot enforce format \`${schema.format}\` on \`${parameter.name}\``);
    }
    const min = Math.max(schema.minimum ?? -Infinity, schema.format === 'int32' ? INT32.minimum : -Infinity);
    const max = Math.min(schema.maximum ?? Infinity, schema.format === 'int32' ? INT32.maximum : Infinity);
    return (raw) => {
      const value = INTEGER_TEXT.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isSafeInteger(value) || value < min || value > max) {
        return {
          ok: false,
          problem: `\`${parameter.name}\` must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`,
        };
      }
      return { ok: true, value };
    };
  }
  throw new Error(`mock: cannot enforce type \`${String(schema.type)}\` on parameter \`${parameter.name}\``);
}

export function compileParameters(operation: OperationSpec): CompiledParameter[] {
  return operation.parameters.map((parameter) => {
    if (parameter.in !== 'query') {
      throw new Error(`mock: cannot serve parameter \`${parameter.name}\` in ${parameter.in}`);
    }
    const defaultValue = parameter.schema.default;
    if (defaultValue !== undefined && typeof defaultValue !== 'string' && typeof defaultValue !== 'number') {
      throw new Error(`mock: unsupported default for \`${parameter.name}\``);
    }
    return { name: parameter.name, required: parameter.required, defaultValue, check: compileCheck(parameter) };
  });
}

export { operations };
