// Values from schemas, for the mock (answers with no example) and the contract kit (request
// bodies): fast-check arbitraries of valid values, a deterministic `sampleFor(document, schema,
// seed)`, and one-violation negatives, each labelled with the keyword it breaks. Local `$ref`s are
// followed (recursion bounded by depth). Generation aims at valid values; pass `check` (a
// SchemaCheck of the same schema) to filter out the few a generator cannot see coming (`not`,
// `if`, overlapping `oneOf` branches).
import fc from 'fast-check';
import { escapePointer, getPointer, type Json } from './pointer.js';

export interface ValueOptions {
  /** Levels of nested objects/arrays (and `$ref`s) before optional parts are left out. Default 4. */
  maxDepth?: number;
  /** Upper bound on generated array lengths beyond `minItems`. Default 3. */
  extraItems?: number;
  /** When given, only values it finds no issue with are generated. */
  check?: (value: unknown) => readonly unknown[];
}

const INT32 = 2 ** 31 - 1;
const types = (schema: Json): string[] | undefined => (Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : undefined);

/** The schema with its `$ref` followed (siblings kept) and `allOf` members merged into it. */
export function flatten(document: Json, schema: Json | boolean, seen: readonly string[] = []): Json | boolean {
  if (typeof schema === 'boolean') return schema;
  let node: Json = schema;
  const chain = [...seen];
  while (typeof node.$ref === 'string') {
    const ref: string = node.$ref;
    if (!ref.startsWith('#') || chain.filter((r) => r === ref).length > 0) break;
    chain.push(ref);
    const target = getPointer(document, decodeURIComponent(ref));
    if (target === undefined || typeof target === 'boolean') return target ?? true;
    const { $ref, ...siblings } = node;
    node = { ...target, ...siblings };
  }
  if (Array.isArray(node.allOf)) {
    const { allOf, ...rest } = node;
    let merged: Json = rest;
    for (const member of allOf as Json[]) {
      const flat = flatten(document, member, chain);
      if (flat === false) return false;
      if (flat !== true) merged = mergeSchemas(merged, flat);
    }
    return merged;
  }
  return node;
}

/** Both schemas at once (an approximation of allOf good enough for generation). */
function mergeSchemas(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (!(key in out)) out[key] = value;
    else if (key === 'properties') out.properties = { ...out.properties, ...Object.fromEntries(Object.entries<Json>(value).map(([k, v]) => [k, out.properties[k] ? { allOf: [out.properties[k], v] } : v])) };
    else if (key === 'required') out.required = [...new Set([...out.required, ...value])];
    else if (key === 'type') {
      const left = types(out) ?? [];
      const right = types(b) ?? [];
      const both = left.filter((t) => right.includes(t) || (t === 'integer' && right.includes('number')));
      out.type = both.length > 0 ? both : left;
    } else if (['minimum', 'minLength', 'minItems', 'minProperties', 'exclusiveMinimum'].includes(key)) out[key] = Math.max(out[key], value);
    else if (['maximum', 'maxLength', 'maxItems', 'maxProperties', 'exclusiveMaximum'].includes(key)) out[key] = Math.min(out[key], value);
    else if (key === 'enum') out.enum = out.enum.filter((v: unknown) => value.some((w: unknown) => JSON.stringify(w) === JSON.stringify(v)));
    else if (key === 'anyOf' || key === 'oneOf') out.allOf = [...(out.allOf ?? []), { [key]: value }];
  }
  return out;
}

const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  'date-time': () => fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  date: () => fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  time: () => fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}Z`),
  email: () => fc.emailAddress(),
  uri: () => fc.webUrl(),
  url: () => fc.webUrl(),
  'uri-reference': () => fc.webUrl(),
  uuid: () => fc.uuid(),
  ipv4: () => fc.ipV4(),
  ipv6: () => fc.ipV6(),
  hostname: () => fc.domain(),
};
const pad = (n: number) => String(n).padStart(2, '0');

/** Whether string values of `format` can be generated (other formats are annotations: any string). */
export const generatesFormat = (format: string): boolean => Object.hasOwn(FORMATS, format);

function stringArbitrary(schema: Json): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Math.max(minLength, 24) + 8;
  const inLength = (s: string) => [...s].length >= minLength && [...s].length <= maxLength;
  if (typeof schema.pattern === 'string') {
    let regex: RegExp;
    // A format next to the pattern: the format's values that also match it.
    try {
      regex = new RegExp(schema.pattern, 'u');
    } catch {
      return fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 24) });
    }
    const known = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
    if (known) return known().filter((s) => regex.test(s) && inLength(s));
    const matching = fc.stringMatching(regex, { size: 'xsmall' });
    return schema.minLength === undefined && schema.maxLength === undefined ? matching : matching.filter(inLength);
  }
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  if (format) return schema.minLength === undefined && schema.maxLength === undefined ? format() : format().filter(inLength);
  // Printable ASCII by default: readable in mock answers and safe in any header or URL.
  return fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.'), minLength, maxLength: Math.min(maxLength, minLength + 24) });
}

function numberArbitrary(schema: Json, integer: boolean): fc.Arbitrary<number> {
  const bound = integer ? INT32 : 1e9;
  let min = typeof schema.minimum === 'number' ? schema.minimum : -bound;
  let max = typeof schema.maximum === 'number' ? schema.maximum : bound;
  if (typeof schema.exclusiveMinimum === 'number') min = Math.max(min, integer ? Math.floor(schema.exclusiveMinimum) + 1 : schema.exclusiveMinimum);
  if (typeof schema.exclusiveMaximum === 'number') max = Math.min(max, integer ? Math.ceil(schema.exclusiveMaximum) - 1 : schema.exclusiveMaximum);
  if (schema.format === 'int32') [min, max] = [Math.max(min, -INT32 - 1), Math.min(max, INT32)];
  if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0) {
    const m = schema.multipleOf;
    return fc.integer({ min: Math.ceil(min / m), max: Math.floor(max / m) }).map((k) => k * m);
  }
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
    .filter((x) => (schema.exclusiveMinimum === undefined || x > schema.exclusiveMinimum) && (schema.exclusiveMaximum === undefined || x < schema.exclusiveMaximum));
}

const anyJson = (): fc.Arbitrary<unknown> => fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -1000, max: 1000 }), fc.boolean(), fc.constant(null));

function inferType(schema: Json): string[] {
  const declared = types(schema);
  if (declared) return declared;
  if (schema.properties || schema.required || schema.additionalProperties !== undefined || schema.minProperties !== undefined) return ['object'];
  if (schema.items || schema.prefixItems || schema.minItems !== undefined) return ['array'];
  if (schema.minLength !== undefined || schema.maxLength !== undefined || schema.pattern || schema.format) return ['string'];
  if (schema.minimum !== undefined || schema.maximum !== undefined || schema.multipleOf !== undefined) return ['number'];
  return [];
}

function build(document: Json, raw: Json | boolean, depth: number, options: Required<Omit<ValueOptions, 'check'>>): fc.Arbitrary<unknown> {
  // A schema that requires itself (a required recursive property, a recursive minItems) has no
  // finite value: far past the depth limit, any value (a check, when given, then refuses it).
  if (depth > options.maxDepth + 8) return anyJson();
  const schema = flatten(document, raw);
  if (schema === true) return anyJson();
  if (schema === false) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const branches = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    const { oneOf, anyOf, discriminator, ...rest } = schema;
    return fc.oneof(...branches.map((b) => build(document, mergeSchemas(rest, flatten(document, b) as Json), depth + 1, options)));
  }
  const kinds = inferType(schema);
  if (kinds.length === 0) return anyJson();
  // Prefer a non-null type: `null` is chosen only when it is the only one.
  const choices = kinds.filter((k) => k !== 'null');
  if (choices.length === 0) return fc.constant(null);
  return fc.oneof(...choices.map((kind) => typed(document, schema, kind, depth, options)));
}

function typed(document: Json, schema: Json, kind: string, depth: number, options: Required<Omit<ValueOptions, 'check'>>): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'string': return stringArbitrary(schema);
    case 'integer': return numberArbitrary(schema, true);
    case 'number': return numberArbitrary(schema, false);
    case 'boolean': return fc.boolean();
    case 'array': {
      const minItems = schema.minItems ?? 0;
      const maxItems = Math.min(schema.maxItems ?? Infinity, minItems + (depth >= options.maxDepth ? 0 : options.extraItems));
      const prefix = (schema.prefixItems ?? []) as Json[];
      // No item is built when none can be added (deep down): a recursive `items` stays finite.
      const item = schema.items === false || maxItems <= prefix.length ? fc.constant(null) : build(document, schema.items ?? true, depth + 1, options);
      const rest = schema.uniqueItems
        ? fc.uniqueArray(item, { minLength: Math.max(0, minItems - prefix.length), maxLength: Math.max(0, maxItems - prefix.length), selector: (v) => JSON.stringify(v) })
        : fc.array(item, { minLength: Math.max(0, minItems - prefix.length), maxLength: Math.max(0, maxItems - prefix.length) });
      if (prefix.length === 0) return rest;
      return fc.tuple(fc.tuple(...prefix.map((p) => build(document, p, depth + 1, options))), rest).map(([head, tail]) => [...head, ...tail]);
    }
    case 'object': {
      const properties: Record<string, Json> = schema.properties ?? {};
      const required = new Set<string>((schema.required ?? []).filter((r: string) => r in properties || schema.additionalProperties !== false));
      const optional = Object.keys(properties).filter((k) => !required.has(k));
      // Deep down, only what is required: recursive schemas stay finite.
      const keep = depth >= options.maxDepth ? [] : optional.slice(0, Math.max(0, (schema.maxProperties ?? Infinity) - required.size));
      for (const key of keep.slice(0, Math.max(0, (schema.minProperties ?? 0) - required.size))) required.add(key);
      for (const [trigger, needed] of Object.entries<string[]>(schema.dependentRequired ?? {})) {
        if (!required.has(trigger)) keep.splice(keep.indexOf(trigger) >>> 0, keep.includes(trigger) ? 1 : 0);
        else needed.forEach((n) => required.add(n));
      }
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of [...required, ...keep.filter((k) => !required.has(k))]) model[key] = key in properties ? build(document, properties[key]!, depth + 1, options) : anyJson();
      return fc.record(model, { requiredKeys: [...required] });
    }
    default: return anyJson();
  }
}

/** Valid values of `schema` (resolving local `$ref`s in `document`). */
export function arbitraryFor(document: Json, schema: Json | boolean, options: ValueOptions = {}): fc.Arbitrary<unknown> {
  const arbitrary = build(document, schema, 0, { maxDepth: options.maxDepth ?? 4, extraItems: options.extraItems ?? 3 });
  const check = options.check;
  return check ? arbitrary.filter((v) => check(v).length === 0) : arbitrary;
}

/**
 * One value of `schema`, the same for the same seed (the mock answers with it when the spec gives
 * no example). With `check`, the first of up to 50 candidates it accepts; undefined when none.
 */
export function sampleFor(document: Json, schema: Json | boolean, seed: number, options: Omit<ValueOptions, 'check'> & { check?: ValueOptions['check'] } = {}): unknown {
  let candidates: unknown[];
  try {
    const arbitrary = build(document, schema, 0, { maxDepth: options.maxDepth ?? 3, extraItems: options.extraItems ?? 2 });
    candidates = fc.sample(arbitrary, { seed, numRuns: options.check ? 50 : 1 });
  } catch {
    // No value to build: bounds that contradict each other (minLength above maxLength, …).
    return undefined;
  }
  return options.check ? candidates.find((v) => options.check!(v).length === 0) : candidates[0];
}

/** A request that breaks exactly one rule of the schema. */
export interface Negative {
  /** The JSON Schema keyword broken: `required`, `type`, `minimum`, `enum`, `pattern`, `additionalProperties`, … */
  keyword: string;
  /** Where in the value the violation is (`/events/0`, `` for the root). */
  pointer: string;
  /** The spec pointer of the keyword broken (through `$ref`s). */
  schemaPointer: string;
  /** A short human description, e.g. `no request_url`, `name: 101 characters (maxLength 100)`. */
  description: string;
  /** The whole value, with the one violation. */
  value: unknown;
}

/** The keywords `negativesFor` knows how to break. */
export const NEGATIVE_KEYWORDS: ReadonlySet<string> = new Set([
  'required', 'type', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength',
  'pattern', 'format', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'additionalProperties', 'multipleOf',
]);

const WRONG_TYPE: Array<[string, unknown]> = [['object', 'not an object'], ['array', 'not an array'], ['string', 12345], ['integer', 'abc'], ['number', 'abc'], ['boolean', 'yes'], ['null', 'x']];
const BAD_FORMAT: Record<string, string> = {
  'date-time': 'not a date-time', date: '2026-13-45', time: '25:61', email: 'not-an-email', uri: 'not a uri', url: 'not a url',
  'uri-reference': 'not a uri\\', uuid: 'not-a-uuid', ipv4: '999.1.1.1', ipv6: 'not:an:ip', hostname: '-bad-', int32: '', int64: '',
};

function setAt(value: unknown, path: readonly string[], replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as Json) };
  const [head, ...rest] = path;
  if (rest.length === 0 && remove) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete copy[head!];
  } else copy[head!] = setAt(copy[head!], rest, replacement, remove);
  return copy;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * One-violation variants of a valid `base` value of `schema`, each labelled with the keyword it
 * breaks. Walks object properties (adding an absent optional one to probe its rules) and the first
 * item of arrays. With `check`, only variants the validator rejects for that keyword are kept.
 */
export function negativesFor(document: Json, schema: Json | boolean, base: unknown, options: { schemaPointer?: string; check?: ValueOptions['check']; seed?: number; maxDepth?: number; labelPath?: string[] } = {}): Negative[] {
  const out: Negative[] = [];
  const seed = options.seed ?? 1;
  const maxDepth = options.maxDepth ?? 3;
  const walk = (raw: Json | boolean, at: string, path: string[], current: unknown, depth: number) => {
    if (typeof raw === 'boolean') return;
    let schemaAt = at;
    let node: Json = raw;
    // Follow $refs so schema pointers name where the keyword is written.
    for (let hops = 0; typeof node.$ref === 'string' && node.$ref.startsWith('#') && hops < 16; hops++) {
      schemaAt = decodeURIComponent(node.$ref);
      node = getPointer(document, schemaAt) ?? {};
    }
    if (typeof node !== 'object' || node === null) return;
    const pointer = path.map(escapePointer).map((p) => `/${p}`).join('');
    // Labels name the place from the body even when `base` is a property's value (labelPath).
    const labelled = [...(options.labelPath ?? []), ...path];
    const where = labelled.map(escapePointer).map((p) => `/${p}`).join('') || '(body)';
    const add = (keyword: string, description: string, value: unknown, remove = false) => out.push({
      keyword, pointer, schemaPointer: `${schemaAt}/${keyword}`, description, value: setAt(base, path, value, remove),
    });
    for (const [i, member] of ((node.allOf ?? []) as Json[]).entries()) walk(member, `${schemaAt}/allOf/${i}`, path, current, depth);
    const declared = types(node);
    if (declared) {
      const accepts = (t: string) => declared.includes(t) || (t === 'integer' && declared.includes('number'));
      const wrong = WRONG_TYPE.find(([t, v]) => !accepts(jsonType(v)) && t !== 'null' && declared.includes(t)) ?? WRONG_TYPE.find(([, v]) => !accepts(jsonType(v)));
      if (wrong) add('type', `${where}: ${JSON.stringify(wrong[1])} (type ${JSON.stringify(node.type)})`, wrong[1]);
    }
    if (Array.isArray(node.enum) && node.enum.length > 0) {
      const sample = node.enum.find((v: unknown) => typeof v === 'string') ?? node.enum[0];
      const bad = typeof sample === 'string' ? `${sample}-not-in-enum` : typeof sample === 'number' ? Math.max(...node.enum.filter((v: unknown) => typeof v === 'number')) + 1 : 'not-in-enum';
      add('enum', `${where}: ${JSON.stringify(bad)} (not in enum)`, bad);
    }
    if (node.const !== undefined && typeof node.const !== 'object') {
      const bad = typeof node.const === 'string' ? `${node.const}-not-const` : typeof node.const === 'number' ? node.const + 1 : !node.const;
      add('const', `${where}: ${JSON.stringify(bad)} (const ${JSON.stringify(node.const)})`, bad);
    }
    if (typeof current === 'number') {
      const integer = (declared ?? []).includes('integer') && !(declared ?? []).includes('number');
      const step = integer ? 1 : 0.5;
      if (typeof node.minimum === 'number') add('minimum', `${where}: ${node.minimum - step} (minimum ${node.minimum})`, node.minimum - step);
      if (typeof node.maximum === 'number') add('maximum', `${where}: ${node.maximum + step} (maximum ${node.maximum})`, node.maximum + step);
      if (typeof node.exclusiveMinimum === 'number') add('exclusiveMinimum', `${where}: ${node.exclusiveMinimum} (exclusiveMinimum)`, node.exclusiveMinimum);
      if (typeof node.exclusiveMaximum === 'number') add('exclusiveMaximum', `${where}: ${node.exclusiveMaximum} (exclusiveMaximum)`, node.exclusiveMaximum);
      if (typeof node.multipleOf === 'number' && node.multipleOf > 0) add('multipleOf', `${where}: not a multiple of ${node.multipleOf}`, current + node.multipleOf / 2);
    }
    if (typeof current === 'string') {
      if (typeof node.minLength === 'number' && node.minLength > 0) add('minLength', `${where}: ${node.minLength - 1} characters (minLength ${node.minLength})`, 'x'.repeat(node.minLength - 1));
      if (typeof node.maxLength === 'number') add('maxLength', `${where}: ${node.maxLength + 1} characters (maxLength ${node.maxLength})`, current.padEnd(node.maxLength + 1, 'x').slice(0, node.maxLength + 1));
      if (typeof node.pattern === 'string') {
        let regex: RegExp | undefined;
        try {
          regex = new RegExp(node.pattern, 'u');
        } catch {
          regex = undefined;
        }
        const min = node.minLength ?? 0;
        const max = node.maxLength ?? Infinity;
        const bad = regex && [`${current}!`, `!${current}`, ' ', '!', '0', 'a', 'é', '-', `${current} `].find((c) => !regex!.test(c) && c.length >= min && c.length <= max);
        if (bad !== undefined) add('pattern', `${where}: ${JSON.stringify(bad)} (pattern ${node.pattern})`, bad);
      }
      if (typeof node.format === 'string' && BAD_FORMAT[node.format]) add('format', `${where}: ${JSON.stringify(BAD_FORMAT[node.format])} (format ${node.format})`, BAD_FORMAT[node.format]);
    }
    if (Array.isArray(current)) {
      if (typeof node.minItems === 'number' && node.minItems > 0) add('minItems', `${where}: ${node.minItems - 1} items (minItems ${node.minItems})`, current.slice(0, node.minItems - 1));
      if (typeof node.maxItems === 'number' && current.length > 0) {
        const longer = Array.from({ length: node.maxItems + 1 }, (_, i) => current[i % current.length]);
        add('maxItems', `${where}: ${node.maxItems + 1} items (maxItems ${node.maxItems})`, longer);
      }
      if (node.uniqueItems === true && current.length > 0) add('uniqueItems', `${where}: a repeated item (uniqueItems)`, current.length >= 2 ? [...current.slice(0, -1), current[0]] : [current[0], current[0]]);
      if (current.length > 0 && node.items && typeof node.items === 'object' && depth < maxDepth) walk(node.items, `${schemaAt}/items`, [...path, '0'], current[0], depth + 1);
    }
    if (current && typeof current === 'object' && !Array.isArray(current)) {
      const object = current as Json;
      const properties: Record<string, Json> = node.properties ?? {};
      for (const name of (node.required ?? []) as string[]) {
        if (name in object) out.push({ keyword: 'required', pointer, schemaPointer: `${schemaAt}/required`, description: `no ${[...labelled, name].join('.')} (required)`, value: setAt(base, [...path, name], undefined, true) });
      }
      if (node.additionalProperties === false && !node.patternProperties) {
        let extra = 'unexpected_property';
        while (extra in properties) extra += '_';
        add('additionalProperties', `${where}: an unknown property ${extra} (additionalProperties: false)`, { ...object, [extra]: 'x' });
      }
      if (typeof node.minProperties === 'number' && node.minProperties > 0 && (node.required ?? []).length === 0) add('minProperties', `${where}: no properties (minProperties ${node.minProperties})`, {});
      if (depth < maxDepth) {
        for (const [name, sub] of Object.entries(properties)) {
          let value = object[name];
          if (value === undefined) {
            // An absent optional property: add a valid one, then break its rules.
            value = sampleFor(document, sub, seed, { maxDepth: 1 });
            if (value === undefined) continue;
            const withIt = setAt(base, [...path, name], value);
            const inner = negativesFor(document, { ...sub }, value, { schemaPointer: `${schemaAt}/properties/${escapePointer(name)}`, seed, maxDepth: maxDepth - depth - 1, labelPath: [...labelled, name] });
            for (const n of inner) out.push({ ...n, pointer: `${pointer}/${escapePointer(name)}${n.pointer}`, value: setAt(withIt, [...path, name], n.value) });
            continue;
          }
          walk(sub, `${schemaAt}/properties/${escapePointer(name)}`, [...path, name], value, depth + 1);
        }
      }
    }
  };
  walk(schema, options.schemaPointer ?? '#', [], base, 0);
  const unique = new Map(out.map((n) => [`${n.keyword}\u0000${n.pointer}\u0000${n.description}`, n]));
  const list = [...unique.values()];
  const check = options.check;
  if (!check) return list;
  return list.filter((n) => (check(n.value) as Array<{ keyword?: string }>).some((issue) => issue.keyword === n.keyword));
}
