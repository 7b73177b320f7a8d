// Values for the client tests, from JSON Schemas: fast-check arbitraries of valid values (checked
// by Ajv, so a value the generator gets wrong is never used as "valid"), values with one
// structural change, and an Ajv set up as the client's checks claim to be: JSON Schema 2020-12,
// formats other than int32/int64 as annotations.
import fc from 'fast-check';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

type Schema = Record<string, any> | boolean;

/** The reference: Ajv, non-strict (any valid schema), with the formats the client checks. */
export function referenceAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allowUnionTypes: true, logger: false, validateSchema: false });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => !Number.isInteger(n) || Number.isSafeInteger(n) });
  for (const name of ['uri', 'email', 'date-time', 'date', 'time', 'uuid', 'hostname', 'ipv4', 'ipv6', 'uri-reference', 'password', 'byte', 'binary']) ajv.addFormat(name, true);
  return ajv;
}

const ajv = referenceAjv();
const compiled = new WeakMap<object, ValidateFunction>();
export function isValid(schema: Schema, value: unknown): boolean {
  if (typeof schema === 'boolean') return schema;
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  return validate(value) as boolean;
}

function stringArbitrary(s: Record<string, any>): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? min + 24, min + 24);
  let base: fc.Arbitrary<string>;
  if (s.format === 'uri') base = fc.webUrl({ validSchemes: ['https'] });
  else if (s.format === 'date-time') base = fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString());
  else if (typeof s.pattern === 'string') base = fc.stringMatching(new RegExp(s.pattern, 'u'), { size: 'small' });
  else base = fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
  return base.filter((text) => {
    const n = [...text].length;
    return n >= min && (s.maxLength === undefined || n <= s.maxLength) && (typeof s.pattern !== 'string' || new RegExp(s.pattern, 'u').test(text));
  });
}

function typedArbitrary(s: Record<string, any>, type: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(s);
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000);
      return fc.integer({ min, max });
    }
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = s.items === undefined ? fc.jsonValue() : arbitraryOf(s.items);
      const constraints = { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, (s.minItems ?? 0) + 4) };
      return s.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints);
    }
    case 'object': {
      const properties: Record<string, Schema> = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== false).map(([k, v]) => [k, arbitraryOf(v)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k: string) => k in properties) });
    }
    default:
      return fc.jsonValue();
  }
}

/** An arbitrary of values valid against `schema` (the keywords parameter and body schemas use). */
export function arbitraryOf(schema: Schema): fc.Arbitrary<unknown> {
  if (schema === true) return fc.jsonValue();
  if (schema === false) throw new Error('no value is valid against false');
  let arbitrary: fc.Arbitrary<unknown>;
  if (Object.hasOwn(schema, 'const')) arbitrary = fc.constant(schema.const);
  else if (Array.isArray(schema.enum)) arbitrary = fc.constantFrom(...schema.enum);
  else if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) arbitrary = fc.oneof(...(schema.oneOf ?? schema.anyOf).map(arbitraryOf));
  else if (Array.isArray(schema.allOf)) arbitrary = arbitraryOf(Object.assign({}, ...schema.allOf));
  else {
    const types: string[] = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : [schema.properties ? 'object' : schema.items ? 'array' : 'any'];
    arbitrary = fc.oneof(...types.map((t) => typedArbitrary(schema, t)));
  }
  return arbitrary.filter((value) => isValid(schema, value));
}

const samples = new WeakMap<object, Map<number, unknown>>();
/** One valid value of `schema`, the same on every run (a fresh copy each time). */
export function sampleOf(schema: Schema, seed = 1): unknown {
  if (typeof schema === 'boolean') return fc.sample(arbitraryOf(schema), { seed, numRuns: 1 })[0];
  let bySeed = samples.get(schema);
  if (!bySeed) samples.set(schema, (bySeed = new Map()));
  if (!bySeed.has(seed)) bySeed.set(seed, fc.sample(arbitraryOf(schema), { seed, numRuns: 1 })[0]);
  return structuredClone(bySeed.get(seed));
}

/** Values that trip a check that is missing or off by one. */
export const EDGE_VALUES: unknown[] = [
  '', ' ', '123', 123, 0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, '😀', null, true, false, [], {}, [null], ['a', 'a'], { a: 1 }, 'a'.repeat(300),
];

/** Whether a key anywhere in `value` shadows Object.prototype (Ajv's deep equality would call a `toString` it finds). */
export function shadowsPrototype(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(shadowsPrototype);
  if (typeof value !== 'object' || value === null) return false;
  return Object.keys(value).some((k) => k in Object.prototype) || Object.values(value).some(shadowsPrototype);
}

/** A value with one structural change: a property dropped, added or replaced; an item repeated or replaced. */
export function mutated(value: unknown, seedArb: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom(...EDGE_VALUES), fc.jsonValue({ maxDepth: 2 }))): fc.Arbitrary<unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) return seedArb.map((v) => [v]);
    return fc.tuple(fc.nat(value.length - 1), fc.constantFrom('repeat', 'replace', 'deep'), seedArb).chain(([i, how, v]): fc.Arbitrary<unknown> => {
      if (how === 'repeat') return fc.constant([...value, value[i]]);
      if (how === 'replace') return fc.constant(value.map((x, j) => (j === i ? v : x)));
      return mutated(value[i], seedArb).map((m) => value.map((x, j) => (j === i ? m : x)));
    });
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    return fc.tuple(fc.constantFrom('drop', 'add', 'replace', 'deep'), fc.nat(Math.max(0, keys.length - 1)), seedArb, fc.string({ minLength: 1, maxLength: 8 })).chain(([how, i, v, name]): fc.Arbitrary<unknown> => {
      const key = keys[i];
      const copy = { ...(value as Record<string, unknown>) };
      if (key === undefined || how === 'add') return fc.constant({ ...copy, [name]: v });
      if (how === 'drop') {
        delete copy[key];
        return fc.constant(copy);
      }
      if (how === 'replace') return fc.constant({ ...copy, [key]: v });
      return mutated(copy[key], seedArb).map((m) => ({ ...copy, [key]: m }));
    });
  }
  if (typeof value === 'string') return fc.oneof(seedArb, fc.constant(''), fc.constant(`${value}${value}x`), fc.constant(value.slice(1)));
  if (typeof value === 'number') return fc.oneof(seedArb, fc.constant(value + 1), fc.constant(value - 1), fc.constant(value + 0.5), fc.constant(String(value)));
  return seedArb;
}
