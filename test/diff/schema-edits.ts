// The generated part of the corpus: every schema keyword the classifier knows x every place a
// schema sits (query parameter, request body, response body, response header) x tighten / loosen /
// add / remove (and change). Each edit states the rule it must hit and its expected classes, for a
// request schema and for a response schema, written out here independently of src/spec-diff/rules.ts.
import type { ChangeClass } from '../../src/spec-diff/classify.js';
import type { Pair } from './corpus.js';

type Json = Record<string, unknown>;
type Classes = [clients: ChangeClass, implementations: ChangeClass];

interface SchemaEdit {
  keyword: string;
  op: 'tighten' | 'loosen' | 'add' | 'remove' | 'change' | 'reorder';
  before: Json;
  after: Json;
  /** Where the change is reported, below the schema (`''` is the schema itself). */
  at: string;
  /** The rule, without its `request-`/`response-` prefix; `null` for an edit that changes nothing. */
  rule: string | null;
  request: Classes;
  response: Classes;
  /** Rules whose id has no direction prefix (documentation, unclassified...). */
  bare?: boolean;
  /** Full rule ids per direction, when they differ in more than the prefix. */
  kinds?: { request: string; response: string };
}

const B = 'breaking';
const R = 'risky';
const S = 'safe';
// The sender may send less: the sender breaks. Request senders are clients, response senders implementations.
const NARROWED = { request: [B, S], response: [S, B] } satisfies Pick<SchemaEdit, 'request' | 'response'>;
// The sender may send more: the reader breaks; in a response, a client may only be surprised (risky)...
const WIDENED = { request: [S, B], response: [R, S] } satisfies Pick<SchemaEdit, 'request' | 'response'>;
// ...unless the new values have a shape an old client cannot read at all.
const WIDENED_SHAPE = { request: [S, B], response: [B, S] } satisfies Pick<SchemaEdit, 'request' | 'response'>;
const CHANGED = { request: [B, B], response: [B, B] } satisfies Pick<SchemaEdit, 'request' | 'response'>;
const NOTHING = { request: [S, S], response: [S, S] } satisfies Pick<SchemaEdit, 'request' | 'response'>;

const edit = (keyword: string, op: SchemaEdit['op'], before: Json, after: Json, at: string, rule: string | null, classes: Pick<SchemaEdit, 'request' | 'response'>, extra: Partial<SchemaEdit> = {}): SchemaEdit => ({
  keyword,
  op,
  before,
  after,
  at,
  rule,
  ...classes,
  ...extra,
});

const str = { type: 'string' };
const obj = { type: 'object', required: ['a'], properties: { a: str, b: str } };

function boundEdits(): SchemaEdit[] {
  const bases: Record<string, Json> = {
    minimum: { type: 'integer' },
    exclusiveMinimum: { type: 'number' },
    minLength: { type: 'string' },
    minItems: { type: 'array' },
    minProperties: { type: 'object' },
    minContains: { type: 'array', contains: str },
  };
  const edits: SchemaEdit[] = [];
  for (const [lower, base] of Object.entries(bases)) {
    const upper = lower.replace(/^min/, 'max').replace(/Minimum$/, 'Maximum');
    const key = lower === 'minimum' ? 'maximum' : upper;
    // A lower bound tightens upwards, an upper bound downwards.
    edits.push(
      edit(lower, 'tighten', { ...base, [lower]: 1 }, { ...base, [lower]: 10 }, `/${lower}`, 'bounds-narrowed', NARROWED),
      edit(lower, 'loosen', { ...base, [lower]: 10 }, { ...base, [lower]: 1 }, `/${lower}`, 'bounds-widened', WIDENED),
      edit(lower, 'add', base, { ...base, [lower]: 5 }, `/${lower}`, 'bounds-narrowed', NARROWED),
      edit(lower, 'remove', { ...base, [lower]: 5 }, base, `/${lower}`, 'bounds-widened', WIDENED),
      edit(key, 'tighten', { ...base, [key]: 10 }, { ...base, [key]: 1 }, `/${key}`, 'bounds-narrowed', NARROWED),
      edit(key, 'loosen', { ...base, [key]: 1 }, { ...base, [key]: 10 }, `/${key}`, 'bounds-widened', WIDENED),
      edit(key, 'add', base, { ...base, [key]: 5 }, `/${key}`, 'bounds-narrowed', NARROWED),
      edit(key, 'remove', { ...base, [key]: 5 }, base, `/${key}`, 'bounds-widened', WIDENED),
    );
  }
  return edits;
}

function annotationEdits(): SchemaEdit[] {
  const values: Record<string, [unknown, unknown, Json]> = {
    pattern: ['^a', '^b', str],
    format: ['date-time', 'date', str],
    contentEncoding: ['base64', 'base32', str],
    contentMediaType: ['image/png', 'image/jpeg', str],
    multipleOf: [2, 3, { type: 'integer' }],
  };
  return Object.entries(values).flatMap(([key, [one, other, base]]) => [
    edit(key, 'add', base, { ...base, [key]: one }, `/${key}`, `${key}-narrowed`, NARROWED),
    edit(key, 'remove', { ...base, [key]: one }, base, `/${key}`, `${key}-widened`, WIDENED),
    edit(key, 'change', { ...base, [key]: one }, { ...base, [key]: other }, `/${key}`, `${key}-changed`, CHANGED),
  ]);
}

export const SCHEMA_EDITS: SchemaEdit[] = [
  edit('type', 'tighten', { type: ['integer', 'string'] }, { type: 'integer' }, '/type', 'type-narrowed', NARROWED),
  edit('type', 'tighten', { type: 'number' }, { type: 'integer' }, '/type', 'type-narrowed', NARROWED),
  edit('type', 'loosen', { type: 'integer' }, { type: ['integer', 'string'] }, '/type', 'type-widened', WIDENED_SHAPE),
  edit('type', 'loosen', { type: 'integer' }, { type: 'number' }, '/type', 'type-widened', WIDENED_SHAPE),
  edit('type', 'add', {}, str, '/type', 'type-narrowed', NARROWED),
  edit('type', 'remove', str, {}, '/type', 'type-widened', WIDENED_SHAPE),
  edit('type', 'change', { type: 'integer' }, str, '/type', 'type-changed', CHANGED),
  edit('type', 'change', { type: 'integer' }, { type: 'integer', title: 'Count' }, '/title', 'documentation', NOTHING, { bare: true }),
  edit('nullable', 'loosen', str, { type: ['string', 'null'] }, '/type', 'nullable-widened', WIDENED_SHAPE),
  edit('nullable', 'tighten', { type: ['string', 'null'] }, str, '/type', 'nullable-narrowed', NARROWED),
  edit('nullable', 'add', { oneOf: [str] }, { oneOf: [str, { type: 'null' }] }, '/type', 'nullable-widened', WIDENED_SHAPE),
  edit('nullable', 'remove', { anyOf: [str, { const: null }] }, { anyOf: [str] }, '/type', 'nullable-narrowed', NARROWED),
  edit('nullable', 'add', str, { ...str, nullable: true }, '/type', 'nullable-widened', WIDENED_SHAPE),
  edit('enum', 'add', str, { ...str, enum: ['a', 'b'] }, '/enum', 'enum-narrowed', NARROWED),
  edit('enum', 'remove', { ...str, enum: ['a', 'b'] }, str, '/enum', 'enum-widened', WIDENED),
  edit('enum', 'loosen', { ...str, enum: ['a', 'b'] }, { ...str, enum: ['a', 'b', 'c'] }, '/enum/2', 'enum-widened', WIDENED),
  edit('enum', 'tighten', { ...str, enum: ['a', 'b', 'c'] }, { ...str, enum: ['a', 'b'] }, '/enum', 'enum-narrowed', NARROWED),
  edit('enum', 'reorder', { ...str, enum: ['a', 'b'] }, { ...str, enum: ['b', 'a'] }, '', null, NOTHING),
  edit('const', 'add', str, { ...str, const: 'a' }, '/const', 'const-narrowed', NARROWED),
  edit('const', 'remove', { ...str, const: 'a' }, str, '/const', 'const-widened', WIDENED_SHAPE),
  edit('const', 'change', { ...str, const: 'a' }, { ...str, const: 'b' }, '/const', 'const-changed', CHANGED),
  ...boundEdits(),
  ...annotationEdits(),
  edit('multipleOf', 'tighten', { type: 'integer', multipleOf: 2 }, { type: 'integer', multipleOf: 4 }, '/multipleOf', 'multipleOf-narrowed', NARROWED),
  edit('multipleOf', 'loosen', { type: 'integer', multipleOf: 4 }, { type: 'integer', multipleOf: 2 }, '/multipleOf', 'multipleOf-widened', WIDENED),
  edit('uniqueItems', 'add', { type: 'array' }, { type: 'array', uniqueItems: true }, '/uniqueItems', 'uniqueItems-narrowed', NARROWED),
  edit('uniqueItems', 'remove', { type: 'array', uniqueItems: true }, { type: 'array' }, '/uniqueItems', 'uniqueItems-widened', WIDENED),
  edit('uniqueItems', 'change', { type: 'array', uniqueItems: false }, { type: 'array' }, '', null, NOTHING),
  // A request default is applied by the server when the client leaves the value out.
  edit('default', 'change', { ...str, default: 'a' }, { ...str, default: 'b' }, '/default', null, { request: [R, B], response: [S, S] }, { kinds: { request: 'request-default-changed', response: 'documentation' } }),
  edit('readOnly', 'add', str, { ...str, readOnly: true }, '/readOnly', 'readOnly-added', { request: [R, S], response: [S, S] }),
  edit('readOnly', 'remove', { ...str, readOnly: true }, str, '/readOnly', 'readOnly-removed', { request: [S, R], response: [S, S] }),
  edit('writeOnly', 'add', str, { ...str, writeOnly: true }, '/writeOnly', 'writeOnly-added', { request: [S, S], response: [B, S] }),
  edit('writeOnly', 'remove', { ...str, writeOnly: true }, str, '/writeOnly', 'writeOnly-removed', { request: [S, S], response: [S, R] }),
  edit('deprecated', 'add', str, { ...str, deprecated: true }, '/deprecated', 'deprecated', NOTHING, { bare: true }),
  edit('deprecated', 'remove', { ...str, deprecated: true }, str, '/deprecated', 'deprecated', NOTHING, { bare: true }),
  edit('description', 'change', { ...str, description: 'A.' }, { ...str, description: 'B.' }, '/description', 'documentation', NOTHING, { bare: true }),
  edit('not', 'add', str, { ...str, not: { const: '' } }, '/not', 'unclassified', { request: [R, R], response: [R, R] }, { bare: true }),
  // properties and required
  edit('properties', 'add', obj, { ...obj, properties: { ...obj.properties, c: str } }, '/properties/c', 'optional-property-added', { request: [S, R], response: [S, S] }),
  edit('properties', 'add', obj, { ...obj, required: ['a', 'c'], properties: { ...obj.properties, c: str } }, '/properties/c', 'required-property-added', { request: [B, R], response: [S, B] }),
  edit('properties', 'remove', obj, { ...obj, properties: { a: str } }, '/properties/b', 'optional-property-removed', { request: [R, S], response: [R, S] }),
  edit('properties', 'remove', obj, { ...obj, required: [], properties: { b: str } }, '/properties/a', 'required-property-removed', { request: [R, B], response: [B, S] }),
  edit('required', 'tighten', obj, { ...obj, required: ['a', 'b'] }, '/required', 'required-narrowed', NARROWED),
  edit('required', 'loosen', obj, { ...obj, required: [] }, '/required', 'required-widened', WIDENED_SHAPE),
  edit('required', 'tighten', { type: 'object' }, { type: 'object', required: ['z'] }, '/required', 'required-narrowed', NARROWED),
  edit('properties', 'tighten', obj, { ...obj, properties: { ...obj.properties, a: { ...str, maxLength: 5 } } }, '/properties/a/maxLength', 'bounds-narrowed', NARROWED),
  // items and prefixItems
  edit('items', 'add', { type: 'array' }, { type: 'array', items: str }, '/items', 'items-narrowed', NARROWED),
  edit('items', 'remove', { type: 'array', items: str }, { type: 'array' }, '/items', 'items-widened', WIDENED_SHAPE),
  edit('items', 'tighten', { type: 'array', items: str }, { type: 'array', items: { ...str, maxLength: 5 } }, '/items/maxLength', 'bounds-narrowed', NARROWED),
  edit('prefixItems', 'add', { type: 'array', prefixItems: [str] }, { type: 'array', prefixItems: [str, { type: 'integer' }] }, '/prefixItems', 'schema-branch-narrowed', NARROWED),
  edit('prefixItems', 'remove', { type: 'array', prefixItems: [str, { type: 'integer' }] }, { type: 'array', prefixItems: [str] }, '/prefixItems', 'schema-branch-widened', WIDENED_SHAPE),
  edit('prefixItems', 'change', { type: 'array', prefixItems: [str, { type: 'integer' }] }, { type: 'array', prefixItems: [{ type: 'integer' }, { type: 'integer' }] }, '/prefixItems/0/type', 'type-changed', CHANGED),
  // additionalProperties: absent = true = {} (any) > a schema > false
  edit('additionalProperties', 'add', { type: 'object' }, { type: 'object', additionalProperties: false }, '/additionalProperties', 'additionalProperties-narrowed', NARROWED),
  edit('additionalProperties', 'remove', { type: 'object', additionalProperties: false }, { type: 'object' }, '/additionalProperties', 'additionalProperties-widened', WIDENED),
  edit('additionalProperties', 'add', { type: 'object', additionalProperties: true }, { type: 'object', additionalProperties: str }, '/additionalProperties', 'additionalProperties-narrowed', NARROWED),
  edit('additionalProperties', 'loosen', { type: 'object', additionalProperties: str }, { type: 'object', additionalProperties: {} }, '/additionalProperties', 'additionalProperties-widened', WIDENED),
  edit('additionalProperties', 'loosen', { type: 'object', additionalProperties: false }, { type: 'object', additionalProperties: str }, '/additionalProperties', 'additionalProperties-widened', WIDENED),
  edit('additionalProperties', 'tighten', { type: 'object', additionalProperties: str }, { type: 'object', additionalProperties: false }, '/additionalProperties', 'additionalProperties-narrowed', NARROWED),
  edit('additionalProperties', 'tighten', { type: 'object', additionalProperties: str }, { type: 'object', additionalProperties: { ...str, maxLength: 5 } }, '/additionalProperties/maxLength', 'bounds-narrowed', NARROWED),
  edit('additionalProperties', 'change', { type: 'object' }, { type: 'object', additionalProperties: true }, '', null, NOTHING),
  // oneOf / anyOf / allOf: branches matched by content, then by position
  ...(['oneOf', 'anyOf'] as const).flatMap((key) => [
    edit(key, 'loosen', { [key]: [str, { type: 'integer' }] }, { [key]: [str, { type: 'integer' }, { type: 'boolean' }] }, `/${key}`, 'schema-branch-widened', WIDENED_SHAPE),
    edit(key, 'loosen', { [key]: [str, { type: 'integer' }] }, { [key]: [{ type: 'boolean' }, str, { type: 'integer' }] }, `/${key}`, 'schema-branch-widened', WIDENED_SHAPE),
    edit(key, 'tighten', { [key]: [str, { type: 'integer' }] }, { [key]: [{ type: 'integer' }] }, `/${key}`, 'schema-branch-narrowed', NARROWED),
    edit(key, 'tighten', { [key]: [str, { type: 'integer' }] }, { [key]: [{ ...str, maxLength: 5 }, { type: 'integer' }] }, `/${key}/0/maxLength`, 'bounds-narrowed', NARROWED),
    edit(key, 'reorder', { [key]: [str, { type: 'integer' }] }, { [key]: [{ type: 'integer' }, str] }, '', null, NOTHING),
  ]),
  edit('allOf', 'add', { allOf: [str] }, { allOf: [str, { maxLength: 5 }] }, '/allOf', 'schema-branch-narrowed', NARROWED),
  edit('allOf', 'remove', { allOf: [str, { maxLength: 5 }] }, { allOf: [str] }, '/allOf', 'schema-branch-widened', WIDENED_SHAPE),
  edit('allOf', 'loosen', { allOf: [str, { maxLength: 5 }] }, { allOf: [str, { maxLength: 10 }] }, '/allOf/1/maxLength', 'bounds-widened', WIDENED),
];

/** Where the probe schema goes in base.yaml, and how the reported pointer starts. */
interface Location {
  name: string;
  direction: 'request' | 'response';
  patch: (schema: Json) => Pair['new'];
  pointer: string;
}

export const LOCATIONS: Location[] = [
  {
    name: 'query parameter',
    direction: 'request',
    patch: (schema) => [{ op: 'add', path: '/paths/~1users~1invite~1sent/get/parameters/-', value: { name: 'probe', in: 'query', schema } }],
    pointer: '#/paths/~1users~1invite~1sent/get/parameters/3/schema',
  },
  {
    name: 'request body',
    direction: 'request',
    patch: (schema) => [{ op: 'add', path: '/components/schemas/InvitationRequest/properties/probe', value: schema }],
    pointer: '#/components/schemas/InvitationRequest/properties/probe',
  },
  {
    name: 'response body',
    direction: 'response',
    patch: (schema) => [{ op: 'add', path: '/components/schemas/InvitationSent/properties/probe', value: schema }],
    pointer: '#/components/schemas/InvitationSent/properties/probe',
  },
  {
    name: 'response header',
    direction: 'response',
    patch: (schema) => [{ op: 'add', path: '/paths/~1users~1invite/post/responses/201/headers', value: { 'X-Probe': { schema } } }],
    pointer: '#/paths/~1users~1invite/post/responses/201/headers/X-Probe/schema',
  },
];

/** Every edit at every location, as corpus pairs. */
export function schemaEditPairs(): Pair[] {
  return SCHEMA_EDITS.flatMap((e) =>
    LOCATIONS.map((location): Pair => {
      const [clients, implementations] = e[location.direction];
      const kind = e.kinds ? e.kinds[location.direction] : e.rule === null || e.bare ? e.rule : `${location.direction}-${e.rule}`;
      return {
        name: `${location.name}: ${e.keyword} ${e.op} ${JSON.stringify(e.before)} -> ${JSON.stringify(e.after)}`,
        area: `schema ${location.name}`,
        old: location.patch(e.before),
        new: location.patch(e.after),
        expect: kind === null ? [] : [{ pointer: location.pointer + e.at, kind, clients, implementations }],
      };
    }),
  );
}
