// JSON Schema (OpenAPI 3.1) as the reference shows it: a table of fields with their type, limits,
// whether they are required, their description, the allowed values (with each value's
// `x-enumDescriptions` entry and `x-retryable` advice), nested objects one click away, and
// sample JSON built from the schema when the spec gives no example. Any valid schema renders:
// local `$ref`s, allOf/oneOf/anyOf, type arrays, const, recursion.
import { marked } from 'marked';
import { escapeHtml } from '../pipeline/docs-page.js';
import { getPointer } from '../spec/pointer.js';

type Json = Record<string, any>;

/** Markdown of the spec as HTML (descriptions may hold Markdown; CommonMark + GFM). */
export function markdown(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') return '';
  return marked.parse(text, { async: false, gfm: true });
}

/** Markdown of one line, without the wrapping paragraph. */
export function inlineMarkdown(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') return '';
  return marked.parseInline(text.replace(/\s*\n\s*/g, ' ').trim(), { async: false, gfm: true });
}

/** What each error type's retry advice reads, from `x-retryable`. */
export const RETRY_ADVICE = {
  true: 'Retry advice: repeating the same request can succeed.',
  false: 'Retry advice: repeating the same request will not help.',
} as const;

export function refName(ref: string): string {
  return ref.split('/').pop()!.replace(/~1/g, '/').replace(/~0/g, '~');
}

export class SchemaRenderer {
  /** Set while rendering a body whose described enum (its error types) is shown as its own table. */
  describedEnumsShownApart = false;

  constructor(private readonly document: Json) {}

  /** A described enum (value → `x-enumDescriptions`, `x-retryable`) as a table of its own. */
  describedEnumTable(values: Record<string, { description: string; retryable?: boolean | undefined }>): string {
    const rows = Object.entries(values).map(([value, info]) => {
      const advice = typeof info.retryable === 'boolean' ? ` <span class="retry retry-${info.retryable}">${RETRY_ADVICE[`${info.retryable}`]}</span>` : '';
      return `<tr><td class="enum-value"><a class="error-type" href="#error/${escapeHtml(value)}"><code>${escapeHtml(value)}</code></a></td><td>${inlineMarkdown(info.description)}${advice}</td></tr>`;
    });
    return `<div class="table-scroll"><table class="enum-table"><tbody>${rows.join('')}</tbody></table></div>`;
  }

  /** A `$ref` resolved (local refs only), with the component name it came from. */
  deref(schema: unknown): { schema: Json; name?: string } {
    let node = schema as Json;
    let name: string | undefined;
    const seen = new Set<string>();
    while (node && typeof node === 'object' && typeof node.$ref === 'string' && !seen.has(node.$ref)) {
      seen.add(node.$ref);
      name = refName(node.$ref);
      const target = node.$ref.startsWith('#') ? getPointer(this.document, node.$ref) : undefined;
      if (!target) return { schema: { description: `Unresolved reference ${node.$ref}` }, name };
      // Keywords beside a $ref (3.1) apply too: keep the sibling description.
      node = { ...target, ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) };
    }
    return { schema: node && typeof node === 'object' ? node : {}, name };
  }

  typeLabel(raw: unknown): string {
    const { schema, name } = this.deref(raw);
    if (schema.const !== undefined) return `${this.baseType(schema)} = ${JSON.stringify(schema.const)}`;
    const base = this.baseType(schema);
    if (base === 'array') {
      const items = this.deref(schema.items ?? {});
      const inner = items.name ?? this.baseType(items.schema);
      return `Array of ${inner}`;
    }
    if (base === 'object' && name) return `object (${name})`;
    return base;
  }

  private baseType(schema: Json): string {
    const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    if (types.length === 0) {
      if (schema.properties || schema.additionalProperties) types.push('object');
      else if (schema.items) types.push('array');
      else if (schema.oneOf) return 'one of';
      else if (schema.anyOf) return 'any of';
      else if (schema.allOf) return 'all of';
      else if (schema.const !== undefined) types.push(typeof schema.const);
      else return 'any';
    }
    const format = schema.format ? ` <${schema.format}>` : '';
    return types.map((t) => (t === 'null' ? 'null' : `${t}${format}`)).join(' or ');
  }

  /** `[ 1 .. 250 ]`, `>= 1`, `[ 1 .. 4096 ] characters`, `<= 250 items`, `Default: 100`, `Pattern`, … */
  limits(raw: unknown): string[] {
    const { schema } = this.deref(raw);
    const shown: string[] = [];
    const range = (min: unknown, max: unknown, unit: string) => {
      const suffix = unit ? ` ${unit}` : '';
      if (min !== undefined && max !== undefined) shown.push(`[ ${min} .. ${max} ]${suffix}`);
      else if (min !== undefined) shown.push(`>= ${min}${suffix}`);
      else if (max !== undefined) shown.push(`<= ${max}${suffix}`);
    };
    if (schema.const === undefined) {
      range(schema.minimum, schema.maximum, '');
      if (schema.exclusiveMinimum !== undefined) shown.push(`> ${schema.exclusiveMinimum}`);
      if (schema.exclusiveMaximum !== undefined) shown.push(`< ${schema.exclusiveMaximum}`);
      range(schema.minLength, schema.maxLength, 'characters');
      range(schema.minItems, schema.maxItems, 'items');
      if (schema.multipleOf !== undefined) shown.push(`multiple of ${schema.multipleOf}`);
      if (schema.uniqueItems === true) shown.push('unique items');
    }
    if (schema.pattern !== undefined) shown.push(`Pattern: ${schema.pattern}`);
    if (schema.default !== undefined) shown.push(`Default: ${typeof schema.default === 'string' ? schema.default : JSON.stringify(schema.default)}`);
    return shown;
  }

  /** The allowed values of an enum: each with its description and retry advice when the spec gives them. */
  enumHtml(raw: unknown): string {
    const { schema } = this.deref(raw);
    if (!Array.isArray(schema.enum)) return '';
    const descriptions: Json | undefined = schema['x-enumDescriptions'];
    const retryable: Json | undefined = schema['x-retryable'];
    if (descriptions && this.describedEnumsShownApart) {
      return `<div class="enum">One of the ${schema.enum.length} types listed under this status.</div>`;
    }
    if (!descriptions) {
      return `<div class="enum">Allowed: ${schema.enum.map((v: unknown) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(' ')}</div>`;
    }
    return this.describedEnumTable(Object.fromEntries(schema.enum.map((value: unknown) => [String(value), { description: String(descriptions[String(value)] ?? ''), retryable: retryable?.[String(value)] }])));
  }

  /** A table of the fields of an object schema (merged allOf), variants for oneOf/anyOf. */
  fieldsHtml(raw: unknown, depth = 0, stack: string[] = []): string {
    const { schema, name } = this.deref(raw);
    if (name && stack.includes(name)) return `<p class="recursive">${escapeHtml(name)} (recursive, as above)</p>`;
    const inner = name ? [...stack, name] : stack;
    const variants: unknown[] | undefined = schema.oneOf ?? schema.anyOf;
    if (variants) {
      const word = schema.oneOf ? 'One of' : 'Any of';
      return `<div class="variants"><p>${word}:</p>${variants
        .map((v, i) => {
          const d = this.deref(v);
          return `<details class="variant"${i === 0 ? ' open' : ''}><summary>${escapeHtml(d.name ?? d.schema.title ?? this.typeLabel(v))}</summary>${this.fieldsHtml(v, depth + 1, inner)}</details>`;
        })
        .join('')}</div>`;
    }
    const merged = this.merged(schema);
    const baseType = this.baseType(merged);
    if (baseType.startsWith('array')) {
      return `<p class="array-of">${escapeHtml(this.typeLabel(raw))}${this.limits(merged).map((l) => ` <span class="limit">${escapeHtml(l)}</span>`).join('')}</p>${this.fieldsHtml(merged.items ?? {}, depth, inner)}`;
    }
    const properties = Object.entries<Json>(merged.properties ?? {});
    if (properties.length === 0 && !merged.additionalProperties) {
      return `<p class="scalar"><span class="type">${escapeHtml(this.typeLabel(raw))}</span>${this.limits(merged).map((l) => ` <span class="limit">${escapeHtml(l)}</span>`).join('')}</p>${this.enumHtml(merged)}`;
    }
    const required = new Set<string>(merged.required ?? []);
    const rows = properties.map(([field, prop]) => this.fieldRow(field, prop, required.has(field), depth, inner));
    if (merged.additionalProperties && typeof merged.additionalProperties === 'object') rows.push(this.fieldRow('property name*', merged.additionalProperties, false, depth, inner));
    return `<table class="fields"><tbody>${rows.join('')}</tbody></table>`;
  }

  private merged(schema: Json): Json {
    if (!Array.isArray(schema.allOf)) return schema;
    const out: Json = { ...schema, properties: { ...(schema.properties ?? {}) }, required: [...(schema.required ?? [])] };
    delete out.allOf;
    for (const part of schema.allOf) {
      const p = this.merged(this.deref(part).schema);
      Object.assign(out.properties, p.properties ?? {});
      out.required.push(...(p.required ?? []));
      for (const [k, v] of Object.entries(p)) if (!(k in out)) out[k] = v;
    }
    return out;
  }

  private fieldRow(field: string, prop: unknown, required: boolean, depth: number, stack: string[]): string {
    const { schema } = this.deref(prop);
    const merged = this.merged(schema);
    const itemSchema = this.deref(merged.items ?? {}).schema;
    const nestedObject = (s: Json) => Boolean(s.properties || s.allOf || s.oneOf || s.anyOf || (s.additionalProperties && typeof s.additionalProperties === 'object'));
    const hasChildren = nestedObject(merged) || (merged.items && nestedObject(itemSchema));
    const limits = this.limits(merged).map((l) => `<span class="limit">${escapeHtml(l)}</span>`).join(' ');
    const description = markdown(merged.description);
    const nested = hasChildren
      ? `<details class="nested"${depth < 1 ? ' open' : ''}><summary>${escapeHtml(this.typeLabel(prop))}</summary>${this.fieldsHtml(merged.items && !nestedObject(merged) ? merged.items : prop, depth + 1, stack)}</details>`
      : '';
    return `<tr><td class="field" data-field="${escapeHtml(field)}"><span class="field-name">${escapeHtml(field)}</span>${required ? '<span class="required">required</span>' : ''}</td><td class="field-info"><span class="type">${escapeHtml(this.typeLabel(prop))}</span>${merged.deprecated ? ' <span class="deprecated">deprecated</span>' : ''} ${limits}${description ? `<div class="description">${description}</div>` : ''}${this.enumHtml(merged)}${nested}</td></tr>`;
  }

  /** A JSON value that fits the schema, for samples when the spec gives no example. */
  sample(raw: unknown, stack: string[] = []): unknown {
    const { schema, name } = this.deref(raw);
    if (name && stack.includes(name)) return {};
    const inner = name ? [...stack, name] : stack;
    if (schema.example !== undefined) return schema.example;
    if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
    if (schema.const !== undefined) return schema.const;
    if (schema.default !== undefined) return schema.default;
    if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
    const variants = schema.oneOf ?? schema.anyOf;
    if (Array.isArray(variants) && variants.length) return this.sample(variants[0], inner);
    const merged = this.merged(schema);
    const types: string[] = Array.isArray(merged.type) ? merged.type : merged.type ? [merged.type] : merged.properties ? ['object'] : merged.items ? ['array'] : [];
    const type = types.find((t) => t !== 'null') ?? types[0];
    switch (type) {
      case 'object': {
        const out: Json = {};
        for (const [k, v] of Object.entries<Json>(merged.properties ?? {})) out[k] = this.sample(v, inner);
        return out;
      }
      case 'array':
        return merged.items ? [this.sample(merged.items, inner)] : [];
      case 'integer':
      case 'number':
        return merged.minimum ?? (merged.exclusiveMinimum !== undefined ? merged.exclusiveMinimum + 1 : 0);
      case 'boolean':
        return true;
      case 'null':
        return null;
      case 'string':
        return stringSample(merged);
      default:
        return null;
    }
  }
}

function stringSample(schema: Json): string {
  switch (schema.format) {
    case 'date-time':
      return '2026-01-01T00:00:00Z';
    case 'date':
      return '2026-01-01';
    case 'email':
      return 'user@example.com';
    case 'uuid':
      return '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    case 'uri':
    case 'url':
      return 'https://example.com';
    default:
      return 'string'.padEnd(Math.max(6, schema.minLength ?? 0), 'x').slice(0, Math.max(schema.maxLength ?? 6, schema.minLength ?? 0) || 6);
  }
}

/** JSON pretty-printed with spans for keys, strings, numbers and literals (escaped). */
export function highlightJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return text.replace(/("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([^"\w-]+|[\w-]+)/g, (match, str: string | undefined, colon: string | undefined, literal: string | undefined, num: string | undefined) => {
    if (str !== undefined) return colon ? `<span class="j-key">${escapeHtml(str)}</span>${colon}` : `<span class="j-str">${escapeHtml(str)}</span>`;
    if (literal !== undefined) return `<span class="j-lit">${literal}</span>`;
    if (num !== undefined) return `<span class="j-num">${num}</span>`;
    return escapeHtml(match);
  });
}
