// Which JSON Schema 2020-12 keywords are enforced (through Ajv), which are annotations, and the
// walk that copies a schema keeping only what Ajv can enforce correctly. Two modes:
//   strict (our own spec): anything that cannot be enforced is refused (UnenforceableKeywordError);
//   standard (any target's spec): JSON Schema as written: an unknown `format` is an annotation,
//   an unknown keyword is ignored; both are collected so reports can name them "not validated".
import { escapePointer, type Json } from './pointer.js';

/** Keywords whose value is one subschema. */
const SUBSCHEMA = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties']);
/** Keywords whose value is an array of subschemas. */
const SUBSCHEMA_ARRAY = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value maps names to subschemas. */
const SUBSCHEMA_MAP = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs']);
/** Assertion keywords Ajv 2020 enforces, whose value is not a schema. */
export const ASSERTIONS = new Set([
  'type', 'enum', 'const', 'required', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems',
  'minProperties', 'maxProperties', 'dependentRequired', 'minContains', 'maxContains', 'format', '$ref',
]);
/**
 * Annotations: they constrain nothing, so ignoring them loses nothing. `discriminator` is
 * OpenAPI's hint for picking a `oneOf` branch: the `oneOf` itself is enforced.
 */
export const ANNOTATIONS = new Set([
  'title', 'description', 'default', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly', '$comment',
  'externalDocs', 'xml', 'discriminator', '$schema',
]);

/** Formats with a real check (ajv-formats, plus `float` added here). `password` is a UI hint only. */
export const ENFORCED_FORMATS = new Set([
  'date', 'time', 'date-time', 'iso-time', 'iso-date-time', 'duration', 'uri', 'uri-reference', 'uri-template',
  'url', 'email', 'hostname', 'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer', 'json-pointer-uri-fragment',
  'relative-json-pointer', 'byte', 'int32', 'int64', 'float', 'double',
]);
const ANNOTATION_FORMATS = new Set(['password']);

const WHY_NOT: Record<string, string> = {
  contentMediaType: 'an annotation in 2020-12 that Ajv does not assert',
  contentEncoding: 'an annotation in 2020-12 that Ajv does not assert',
  contentSchema: 'an annotation in 2020-12 that Ajv does not assert',
  nullable: 'an OpenAPI 3.0 keyword; 3.1 uses type: [..., "null"]',
  dependencies: 'a draft-07 keyword; 2020-12 splits it into dependentRequired and dependentSchemas',
  $dynamicRef: 'not supported',
  $dynamicAnchor: 'not supported',
  $anchor: 'not supported',
  $id: 'not supported inside a spec',
};

/**
 * Whether one of `keywords` applies to the same instance (directly or through allOf). Ajv 8.20 gets
 * unevaluatedItems wrong next to contains (ignored) and failed anyOf/oneOf/if branches (counted),
 * and unevaluatedProperties wrong next to a passing `if` (ignored): see test/spec/validator.test.ts.
 */
function inPlace(node: Json, keywords: string[]): boolean {
  if (!node || typeof node !== 'object') return false;
  if (keywords.some((k) => k in node)) return true;
  return Array.isArray(node.allOf) && node.allOf.some((sub: Json) => inPlace(sub, keywords));
}

/** A keyword that is not enforced, where, and why. */
export interface KeywordNote { pointer: string; keyword: string; reason: string }
/** A `format` with no validator: an annotation, so values are not checked against it. */
export interface FormatNote { pointer: string; format: string }

export class UnenforceableKeywordError extends Error {
  constructor(readonly keywords: KeywordNote[]) {
    super(`The spec uses ${keywords.length === 1 ? 'a keyword' : 'keywords'} that cannot be enforced:\n` +
      keywords.map((k) => `  ${k.pointer}: ${k.keyword} (${k.reason})`).join('\n'));
    this.name = 'UnenforceableKeywordError';
  }
}

export interface CleanContext {
  strict: boolean;
  /** The replacement `$ref` (an id the Ajv instance knows), or undefined when it cannot be followed. */
  rewriteRef(ref: string, at: string): string | undefined;
  /** For each object of the result, the JSON pointer of the spec node it came from. */
  origins: Map<object, string>;
  /** Strict mode: what cannot be enforced (the caller throws). Standard mode: what was left out. */
  notes: KeywordNote[];
  formats: FormatNote[];
  /** Every keyword met, with where (for keyword audits). */
  uses?: Map<string, string[]>;
}

/** Copies `schema` keeping only what Ajv enforces correctly, recording where each node came from. */
export function cleanSchema(schema: unknown, pointer: string, context: CleanContext): Json | boolean {
  const { strict, notes } = context;
  const walk = (node: unknown, at: string): Json | boolean => {
    if (typeof node === 'boolean') return node;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      notes.push({ pointer: at, keyword: '(schema)', reason: 'a schema must be an object or a boolean' });
      return true;
    }
    const out: Json = {};
    context.origins.set(out, at);
    for (const [keyword, value] of Object.entries(node as Json)) {
      const here = `${at}/${escapePointer(keyword)}`;
      if (keyword.startsWith('x-') || ANNOTATIONS.has(keyword)) continue;
      if (context.uses) context.uses.set(keyword, [...(context.uses.get(keyword) ?? []), here]);
      if (SUBSCHEMA.has(keyword)) out[keyword] = walk(value, here);
      else if (SUBSCHEMA_ARRAY.has(keyword) && Array.isArray(value)) out[keyword] = value.map((s, i) => walk(s, `${here}/${i}`));
      else if (SUBSCHEMA_MAP.has(keyword) && value && typeof value === 'object') {
        out[keyword] = Object.fromEntries(Object.entries(value).map(([k, s]) => [k, walk(s, `${here}/${escapePointer(k)}`)]));
      } else if (keyword === '$ref') {
        const target = typeof value === 'string' ? context.rewriteRef(value, here) : undefined;
        if (target === undefined) notes.push({ pointer: here, keyword, reason: `cannot follow ${JSON.stringify(value)} (only references inside the document are followed)` });
        else out[keyword] = target;
      } else if (keyword === 'format') {
        if (typeof value === 'string' && ENFORCED_FORMATS.has(value)) out[keyword] = value;
        else if (!ANNOTATION_FORMATS.has(value)) {
          if (strict) notes.push({ pointer: here, keyword: `format: ${value}`, reason: 'no validator for this format' });
          else context.formats.push({ pointer: here, format: String(value) });
        }
      } else if (ASSERTIONS.has(keyword)) out[keyword] = value;
      else notes.push({ pointer: here, keyword, reason: WHY_NOT[keyword] ?? 'unknown keyword' });
    }
    if ('unevaluatedItems' in out && inPlace(node as Json, ['contains', 'anyOf', 'oneOf', 'if', 'not'])) {
      notes.push({ pointer: `${at}/unevaluatedItems`, keyword: 'unevaluatedItems', reason: 'next to contains, anyOf, oneOf, if or not, Ajv 8 miscounts evaluated items (it ignores contains and keeps items of failed branches)' });
      if (!strict) delete out.unevaluatedItems;
    }
    if ('unevaluatedProperties' in out && inPlace(node as Json, ['if'])) {
      notes.push({ pointer: `${at}/unevaluatedProperties`, keyword: 'unevaluatedProperties', reason: 'next to if, Ajv 8 ignores the properties a passing if evaluated' });
      if (!strict) delete out.unevaluatedProperties;
    }
    return out;
  };
  return walk(schema, pointer);
}
