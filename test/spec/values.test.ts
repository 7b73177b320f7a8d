// Values from schemas (src/spec/values.ts): every generated valid value validates (property test,
// checked by the shared validator); every negative breaks the keyword it is labelled with; samples
// are deterministic per seed.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildSpecModel } from '../../src/spec/model.js';
import { getPointer, type Json } from '../../src/spec/pointer.js';
import { specValidator } from '../../src/spec/validator.js';
import { arbitraryFor, negativesFor, NEGATIVE_KEYWORDS, sampleFor } from '../../src/spec/values.js';
import { loadGrown } from './grown.js';

const grown = await loadGrown();
const validator = specValidator(grown.model);
/** Every body schema of the grown spec: request bodies and responses (errors included). */
const bodySchemas = [...new Set(grown.model.operations.flatMap((op) => [
  ...(op.requestBody?.content ?? []).map((m) => m.schemaPointer),
  ...op.responses.flatMap((r) => r.content.map((m) => m.schemaPointer)),
]).filter((p): p is string => p !== undefined))].sort();

const HANDMADE: Record<string, Json> = {
  'allOf with loose members': { allOf: [{ properties: { a: { type: 'string', minLength: 2 } }, required: ['a'] }, { type: 'object', properties: { b: { type: 'integer', minimum: 3, maximum: 5 } } }] },
  'oneOf with a discriminator': { oneOf: [{ type: 'object', properties: { k: { const: 'x' }, n: { type: 'number', exclusiveMinimum: 0 } }, required: ['k', 'n'] }, { type: 'object', properties: { k: { const: 'y' } }, required: ['k'] }], discriminator: { propertyName: 'k' } },
  'numbers': { type: 'object', required: ['i', 'm', 'f'], properties: { i: { type: 'integer', exclusiveMaximum: 10, exclusiveMinimum: 0 }, m: { type: 'integer', multipleOf: 7 }, f: { type: 'number', minimum: -1.5, maximum: 1.5 } } },
  'strings': { type: 'object', required: ['p', 'e', 'd', 'u', 'c'], properties: { p: { type: 'string', pattern: '^[A-Z]{2}-\\d{3}$' }, e: { type: 'string', format: 'email' }, d: { type: 'string', format: 'date' }, u: { type: 'string', format: 'uuid' }, c: { type: 'string', format: 'iso-country-code', minLength: 2, maxLength: 2 } } },
  'arrays': { type: 'array', minItems: 1, maxItems: 4, uniqueItems: true, items: { type: 'string', enum: ['a', 'b', 'c', 'd', 'e'] } },
  'prefixItems': { type: 'array', prefixItems: [{ type: 'integer' }, { type: 'boolean' }], minItems: 2 },
  'nullable and bounded': { type: 'object', required: ['n'], minProperties: 2, properties: { n: { type: ['string', 'null'], maxLength: 3 }, o: { type: 'boolean' } }, additionalProperties: false },
  'recursive': { $ref: '#/$defs/Node' },
};
const handmadeDocument = { $defs: { Node: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } } };
const handmadeModel = buildSpecModel(handmadeDocument);
const handmade = specValidator(handmadeModel);

describe('valid values', () => {
  test.each(bodySchemas)('every value generated for %s validates', (pointer) => {
    const check = validator.schemaAt(pointer);
    fc.assert(fc.property(arbitraryFor(grown.document, getPointer(grown.document, pointer)), (value) => {
      expect(check(value)).toEqual([]);
    }), { numRuns: 60, seed: 7 });
  });

  test.each(Object.entries(HANDMADE))('every value generated for %s validates', (_name, schema) => {
    const check = handmade.forSchema(schema);
    fc.assert(fc.property(arbitraryFor(handmadeDocument, schema), (value) => {
      expect(check(value)).toEqual([]);
    }), { numRuns: 100, seed: 11 });
  });

  test('with a check, only values it accepts (a `not` the generator cannot see)', () => {
    const schema = { type: 'integer', minimum: 0, maximum: 5, not: { const: 3 } };
    const check = handmade.forSchema(schema);
    fc.assert(fc.property(arbitraryFor({}, schema, { check }), (value) => value !== 3), { numRuns: 200, seed: 1 });
  });
});

describe('sampleFor', () => {
  test('is deterministic per seed and valid', () => {
    const pointer = '#/components/schemas/Webhook';
    const schema = getPointer(grown.document, pointer);
    const a = sampleFor(grown.document, schema, 42);
    expect(sampleFor(grown.document, schema, 42)).toEqual(a);
    expect(validator.schemaAt(pointer)(a)).toEqual([]);
    const others = [1, 2, 3, 4, 5].map((seed) => JSON.stringify(sampleFor(grown.document, schema, seed)));
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  test('with a check, a value it accepts or undefined', () => {
    const check = handmade.forSchema({ type: 'integer', minimum: 0, maximum: 3, not: { const: 0 } });
    expect(sampleFor({}, { type: 'integer', minimum: 0, maximum: 3, not: { const: 0 } }, 5, { check })).not.toBe(0);
    expect(sampleFor({}, { type: 'integer', minimum: 0, maximum: 0, not: { const: 0 } }, 5, { check: handmade.forSchema({ not: { const: 0 } }) })).toBeUndefined();
  });

  test.each([
    { type: 'string', minLength: 5, maxLength: 2 },
    { type: 'integer', minimum: 5, maximum: 2 },
    { type: 'array', minItems: 3, maxItems: 1 },
  ])('undefined for bounds that contradict each other: %j', (schema) => {
    expect(sampleFor({}, schema, 1)).toBeUndefined();
  });
});

describe('one-violation negatives', () => {
  const requestBodies = grown.model.operations.filter((op) => op.requestBody).map((op) => [op.operationId, op.requestBody!.content[0]!.schemaPointer!] as const);

  test.each(requestBodies)('%s: each breaks the keyword it names, and only a valid base is broken', (_id, pointer) => {
    const schema = getPointer(grown.document, pointer);
    const check = validator.schemaAt(pointer);
    fc.assert(fc.property(arbitraryFor(grown.document, schema), (base) => {
      const negatives = negativesFor(grown.document, schema, base, { schemaPointer: pointer });
      expect(negatives.length).toBeGreaterThan(0);
      for (const negative of negatives) {
        expect(NEGATIVE_KEYWORDS.has(negative.keyword)).toBe(true);
        const issues = check(negative.value);
        expect(issues.map((i) => i.keyword), `${negative.description}: ${JSON.stringify(negative.value)}`).toContain(negative.keyword);
      }
    }), { numRuns: 40, seed: 3 });
  });

  test('createWebhook: the rules of its body, with where they are written', () => {
    const pointer = '#/components/schemas/CreateWebhookRequest';
    const base = { request_url: 'https://example.com/hook', events: ['invitation.accepted'] };
    const negatives = negativesFor(grown.document, getPointer(grown.document, pointer), base, { schemaPointer: pointer, check: validator.schemaAt(pointer) });
    const labels = negatives.map((n) => `${n.keyword} ${n.pointer}`);
    expect(labels).toEqual(expect.arrayContaining([
      'type ', 'required ', 'additionalProperties ', 'pattern /request_url', 'maxLength /request_url', 'type /request_url',
      'minItems /events', 'maxItems /events', 'uniqueItems /events', 'enum /events/0', 'minLength /name', 'maxLength /name',
    ]));
    expect(negatives.find((n) => n.keyword === 'enum')).toMatchObject({ schemaPointer: '#/components/schemas/WebhookEvent/enum', value: { ...base, events: ['invitation.accepted-not-in-enum'] } });
    expect(negatives.filter((n) => n.keyword === 'required').map((n) => n.description)).toEqual(['no request_url (required)', 'no events (required)']);
    // The base itself is untouched.
    expect(base).toEqual({ request_url: 'https://example.com/hook', events: ['invitation.accepted'] });
  });

  test('handmade schemas: numbers, strings, formats, properties counts', () => {
    for (const [name, schema] of Object.entries(HANDMADE)) {
      const check = handmade.forSchema(schema);
      const [base] = fc.sample(arbitraryFor(handmadeDocument, schema), { seed: 9, numRuns: 1 });
      for (const negative of negativesFor(handmadeDocument, schema, base)) {
        expect(check(negative.value).map((i) => i.keyword), `${name}: ${negative.description}`).toContain(negative.keyword);
      }
    }
    const numbers = negativesFor({}, HANDMADE.numbers!, { i: 5, m: 14, f: 0 }).map((n) => n.keyword);
    expect(numbers).toEqual(expect.arrayContaining(['exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minimum', 'maximum']));
    const strings = negativesFor({}, HANDMADE.strings!, { p: 'AB-123', e: 'a@b.co', d: '2026-01-02', u: '123e4567-e89b-12d3-a456-426614174000', c: 'FR' }).map((n) => `${n.keyword} ${n.pointer}`);
    expect(strings).toEqual(expect.arrayContaining(['pattern /p', 'format /e', 'format /d', 'format /u', 'minLength /c', 'maxLength /c']));
    expect(strings).not.toContain('format /c'); // an unknown format is an annotation: nothing to break
  });

  test('an absent optional property is added, and its rules are labelled from the body', () => {
    const schema = {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string' },
        email: { type: 'string', format: 'email' },
        address: { type: 'object', required: ['city'], properties: { city: { type: 'string', minLength: 1 } } },
      },
    };
    const labels = negativesFor({}, schema, { name: 'a' }).map((n) => [n.keyword, n.pointer, n.description]);
    expect(labels).toEqual(expect.arrayContaining([
      ['type', '/email', '/email: 12345 (type "string")'],
      ['format', '/email', '/email: "not-an-email" (format email)'],
      ['type', '/address', '/address: "not an object" (type "object")'],
      ['required', '/address', 'no address.city (required)'],
      ['minLength', '/address/city', '/address/city: 0 characters (minLength 1)'],
    ]));
    expect(labels.filter(([, , description]) => description!.includes('(body)'))).toEqual([['type', '', '(body): "not an object" (type "object")']]);
  });
});
