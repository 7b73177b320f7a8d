// As-you-type checks of the console's inputs against their JSON Schema (refs already inlined):
// the keywords a request value meets most (type, enum, const, bounds, lengths, pattern, required,
// properties, additionalProperties, items, allOf/anyOf/oneOf). The page's CSP forbids eval, so
// no Ajv here: a value it passes may still be refused by the server, which has the last word.
type Schema = Record<string, any>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Problems of `value` against `schema`, each naming where (`body.items[0].name: …`). */
export function checkValue(value: unknown, schema: Schema | boolean | undefined, at = ''): string[] {
  if (schema === undefined || schema === true) return [];
  if (schema === false) return [`${at || 'value'}: not allowed.`];
  const where = at || 'value';
  const problems: string[] = [];
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length && !types.some((t) => typeMatches(value, t))) return [`${where}: expected ${types.join(' or ')}, got ${typeOf(value)}.`];
  if (schema.const !== undefined && JSON.stringify(value) !== JSON.stringify(schema.const)) problems.push(`${where}: must be ${JSON.stringify(schema.const)}.`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) problems.push(`${where}: must be one of ${schema.enum.map((e: unknown) => JSON.stringify(e)).join(', ')}.`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${where}: at least ${schema.minimum}.`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${where}: at most ${schema.maximum}.`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) problems.push(`${where}: more than ${schema.exclusiveMinimum}.`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) problems.push(`${where}: less than ${schema.exclusiveMaximum}.`);
    if (schema.multipleOf !== undefined && Math.abs(value / schema.multipleOf - Math.round(value / schema.multipleOf)) > 1e-9) problems.push(`${where}: a multiple of ${schema.multipleOf}.`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) problems.push(`${where}: at least ${schema.minLength} characters.`);
    if (schema.maxLength !== undefined && length > schema.maxLength) problems.push(`${where}: at most ${schema.maxLength} characters.`);
    if (typeof schema.pattern === 'string') {
      try {
        if (!new RegExp(schema.pattern, 'u').test(value)) problems.push(`${where}: must match ${schema.pattern}.`);
      } catch {
        /* a pattern the browser cannot compile is left to the server */
      }
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${where}: at least ${schema.minItems} items.`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${where}: at most ${schema.maxItems} items.`);
    if (schema.items && typeof schema.items === 'object') value.forEach((item, i) => problems.push(...checkValue(item, schema.items, `${where}[${i}]`)));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in object)) problems.push(`${where}: ${name} is required.`);
    const properties: Record<string, Schema> = schema.properties ?? {};
    for (const [name, item] of Object.entries(object)) {
      if (properties[name]) problems.push(...checkValue(item, properties[name], at ? `${at}.${name}` : name));
      else if (schema.additionalProperties === false) problems.push(`${where}: ${name} is not a known field.`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') problems.push(...checkValue(item, schema.additionalProperties, at ? `${at}.${name}` : name));
    }
  }
  for (const part of schema.allOf ?? []) problems.push(...checkValue(value, part, at));
  const variants: Schema[] | undefined = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(variants) && variants.length) {
    const passing = variants.filter((v) => checkValue(value, v, at).length === 0).length;
    if (passing === 0) problems.push(`${where}: matches none of the ${variants.length} allowed shapes.`);
    else if (schema.oneOf && passing > 1) problems.push(`${where}: matches more than one of the allowed shapes.`);
  }
  return problems;
}
