// Which JSON Schema 2020-12 keywords the kit enforces (through Ajv), which it reads as annotations,
// and the walk that refuses a schema holding anything else, so that nothing passes silently.
import { escapePointer, type Json } from './spec.js';

/** Keywords whose value is one subschema. */
const SUBSCHEMA = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties']);
/** Keywords whose value is an array of subschemas. */
const SUBSCHEMA_ARRAY = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value maps names to subschemas. */
const SUBSCHEMA_MAP = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs']);
/** Assertion keywords Ajv 2020 enforces, whose value is not a schema. */
const ASSERTIONS = new Set([
  'type', 'enum', 'const', 'required', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems',
  'minProperties', 'maxProperties', 'dependentRequired', 'minContains', 'maxContains', 'format', '$ref',
]);
/** Annotations: they constrain nothing, so ignoring them loses nothing. */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly', '$comment', 'externalDocs', 'xml']);

/** Formats with a real check (ajv-formats, plus `float` added by the kit). `password` is a UI hint only. */
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
  discriminator: 'an OpenAPI mapping the kit does not check (use oneOf with const)',
  nullable: 'an OpenAPI 3.0 keyword; 3.1 uses type: [..., "null"]',
  dependencies: 'a draft-07 keyword; 2020-12 splits it into dependentRequired and dependentSchemas',
  $dynamicRef: 'not supported by the kit',
  $dynamicAnchor: 'not supported by the kit',
};

/**
 * Whether one of `keywords` applies to the same instance (directly or through allOf). Ajv 8.20 gets
 * unevaluatedItems wrong next to contains (ignored) and failed anyOf/oneOf/if branches (counted),
 * and unevaluatedProperties wrong next to a passing `if` (ignored): see test/contract/schemas.test.ts.
 */
function inPlace(node: Json, keywords: string[]): boolean {
  if (!node || typeof node !== 'object') return false;
  if (keywords.some((k) => k in node)) return true;
  return Array.isArray(node.allOf) && node.allOf.some((sub: Json) => inPlace(sub, keywords));
}

export interface UnenforceableKeyword { pointer: string; keyword: string; reason: string }

export class UnenforceableKeywordError extends Error {
  constructor(readonly keywords: UnenforceableKeyword[]) {
    super(`The spec uses ${keywords.length === 1 ? 'a keyword' : 'keywords'} the kit cannot enforce, so it refuses to run:\n` +
      keywords.map((k) => `  ${k.pointer}: ${k.keyword} (${k.reason})`).join('\n'));
    this.name = 'UnenforceableKeywordError';
  }
}

export interface CleanedSchema {
  /** The schema with annotations removed and `#/components/schemas/X` rewritten by `rewriteRef`. */
  schema: Json | boolean;
  /** For each object of `schema`, the JSON pointer of the spec node it came from. */
  origins: Map<object, string>;
}

/**
 * Copies `schema` keeping only enforced keywords, recording where each node came from.
 * Collects (into `refused`) every keyword the kit cannot enforce.
 */
export function cleanSchema(
  schema: unknown,
  pointer: string,
  rewriteRef: (ref: string) => string,
  refused: UnenforceableKeyword[],
  origins: Map<object, string> = new Map(),
): CleanedSchema {
  const walk = (node: unknown, at: string): Json | boolean => {
    if (typeof node === 'boolean') return node;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      refused.push({ pointer: at, keyword: '(schema)', reason: 'a schema must be an object or a boolean' });
      return true;
    }
    const out: Json = {};
    origins.set(out, at);
    for (const [keyword, value] of Object.entries(node as Json)) {
      const here = `${at}/${escapePointer(keyword)}`;
      if (keyword.startsWith('x-') || ANNOTATIONS.has(keyword)) continue;
      if (SUBSCHEMA.has(keyword)) out[keyword] = walk(value, here);
      else if (SUBSCHEMA_ARRAY.has(keyword) && Array.isArray(value)) out[keyword] = value.map((s, i) => walk(s, `${here}/${i}`));
      else if (SUBSCHEMA_MAP.has(keyword) && value && typeof value === 'object') {
        out[keyword] = Object.fromEntries(Object.entries(value).map(([k, s]) => [k, walk(s, `${here}/${escapePointer(k)}`)]));
      } else if (keyword === '$ref') {
        if (typeof value !== 'string' || !value.startsWith('#/components/schemas/')) {
          refused.push({ pointer: here, keyword, reason: `only references to #/components/schemas/ are followed, got ${JSON.stringify(value)}` });
        } else out[keyword] = rewriteRef(value);
      } else if (keyword === 'format') {
        if (ENFORCED_FORMATS.has(value)) out[keyword] = value;
        else if (!ANNOTATION_FORMATS.has(value)) refused.push({ pointer: here, keyword: `format: ${value}`, reason: 'no validator for this format' });
      } else if (ASSERTIONS.has(keyword)) out[keyword] = value;
      else refused.push({ pointer: here, keyword, reason: WHY_NOT[keyword] ?? 'unknown keyword' });
    }
    if ('unevaluatedItems' in out && inPlace(node as Json, ['contains', 'anyOf', 'oneOf', 'if', 'not'])) {
      refused.push({ pointer: `${at}/unevaluatedItems`, keyword: 'unevaluatedItems', reason: 'next to contains, anyOf, oneOf, if or not, Ajv 8 miscounts evaluated items (it ignores contains and keeps items of failed branches)' });
    }
    if ('unevaluatedProperties' in out && inPlace(node as Json, ['if'])) {
      refused.push({ pointer: `${at}/unevaluatedProperties`, keyword: 'unevaluatedProperties', reason: 'next to if, Ajv 8 ignores the properties a passing if evaluated' });
    }
    return out;
  };
  return { schema: walk(schema, pointer), origins };
}
