// Security negatives (every scheme the operation requires), parameter negatives of every location
// derived from the parameter schemas (one violation per request), boundary positives, and the
// tampered cursor.
import type { CheckId } from '../checks.js';
import { withCookie, withoutCredentials, serialize, type RunContext } from '../context.js';
import type { Exchange, ProbeRequest } from '../model.js';
import { bodyOf } from '../response-checks.js';
import { getPointer, type Json, type OperationInfo, type OperationParameter } from '../spec.js';
import { decodeParameter } from '../../spec/validator.js';
import { negativesFor } from '../../spec/values.js';
import { expectError, expectSuccess, invalidStatus, unknownValueTypes } from './expect.js';

export interface ParameterNegative {
  check: CheckId;
  param: OperationParameter;
  /** The text(s) sent; undefined = the parameter left out. */
  value: string[] | undefined;
  /** The rule the value breaks: a keyword of the parameter (`required`) or of its schema. */
  rule: { keyword: string; value: unknown; schemaPointer: string };
}

// Built when called, not at module load, so that mutation testing can measure them (docs/spec-diff.md).
const checkOfKeyword = (keyword: string): CheckId | undefined => ({
  minimum: 'params.below-minimum', exclusiveMinimum: 'params.below-minimum',
  maximum: 'params.above-maximum', exclusiveMaximum: 'params.above-maximum',
  minLength: 'params.too-short', minItems: 'params.too-short',
  maxLength: 'params.too-long', maxItems: 'params.too-long',
  enum: 'params.not-in-enum', const: 'params.not-in-enum',
  pattern: 'params.pattern-mismatch', format: 'params.pattern-mismatch',
} as Record<string, CheckId>)[keyword];

const types = (schema: Json): string[] => (Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : []);

/** Every single-parameter violation the parameter schemas allow us to derive (each checked against the schema). */
export function deriveParameterNegatives(ctx: RunContext, op: OperationInfo): ParameterNegative[] {
  const negatives: ParameterNegative[] = [];
  for (const param of op.parameters) {
    const schema: Json = param.schema;
    const schemaPointer = `${param.pointer}/schema`;
    if (param.required && param.in !== 'path') negatives.push({ check: 'params.required-missing', param, value: undefined, rule: { keyword: 'required', value: true, schemaPointer: `${param.pointer}/required` } });
    const found = ctx.valueFor(op, param);
    if (!found) continue;
    const check = ctx.validator.schemaAt(schemaPointer);
    const invalid = (texts: string[], keyword: string) => check(decodeParameter(param, param.in === 'query' ? texts : texts.join(','))).some((i) => i.keyword === keyword || keyword === 'type');
    const numeric = types(schema).some((t) => t === 'integer' || t === 'number');
    if (numeric) {
      const texts = ['abc'];
      if (invalid(texts, 'type')) negatives.push({ check: 'params.not-a-number', param, value: texts, rule: { keyword: 'type', value: schema.type, schemaPointer: `${schemaPointer}/type` } });
      if (types(schema).includes('integer') && !types(schema).includes('number')) {
        // A fraction that breaks the type only: within the bounds when they leave room for one.
        const low = typeof schema.minimum === 'number' ? schema.minimum : -Infinity;
        const high = typeof schema.maximum === 'number' ? schema.maximum : Infinity;
        const fraction = [String([low + 1.5, low + 0.5, high - 1.5, high - 0.5, 1.5].find((x) => Number.isFinite(x) && x >= low && x <= high) ?? low + 0.5)];
        if (invalid(fraction, 'type')) negatives.push({ check: 'params.not-integer', param, value: fraction, rule: { keyword: 'type', value: schema.type, schemaPointer: `${schemaPointer}/type` } });
      }
    }
    for (const negative of negativesFor(ctx.spec.document, schema, found.value, { schemaPointer, maxDepth: 1 })) {
      const checkId = checkOfKeyword(negative.keyword);
      if (!checkId) continue;
      const texts = serialize(param, negative.value);
      if (texts.some((t) => t === '' && param.in === 'path')) continue; // an empty path segment is another path
      if (texts.length === 0) continue; // an empty exploded array is no parameter at all
      if (!invalid(texts, negative.keyword)) continue;
      negatives.push({ check: checkId, param, value: texts, rule: { keyword: negative.keyword, value: getPointer(ctx.spec.document, negative.schemaPointer), schemaPointer: negative.schemaPointer } });
    }
  }
  // One probe per check, parameter and keyword (the first value found).
  const seen = new Set<string>();
  return negatives.filter((n) => {
    const key = `${n.check}\u0000${n.param.in}\u0000${n.param.name}\u0000${n.rule.keyword}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Stryker disable next-line all: built at module load, before Stryker activates a mutant (stryker-js#6144); unprobedParameterConstraints' tests pin it
const DERIVED_KEYWORDS = new Set(['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'enum', 'const', 'pattern', 'default', 'items']);
// Stryker disable next-line all: as above
const ANNOTATION_KEYWORDS = new Set(['title', 'description', 'examples', 'example', 'deprecated', '$comment', 'readOnly', 'writeOnly']);

/** Constraints of parameters no negative is derived from: reported as not probed, not ignored. */
export function unprobedParameterConstraints(op: OperationInfo): string[] {
  return op.parameters.flatMap((p) => Object.keys(p.schema)
    .filter((k) => !DERIVED_KEYWORDS.has(k) && !ANNOTATION_KEYWORDS.has(k) && !k.startsWith('x-'))
    // int32/int64 on an integer only bound its range, which `not-integer` and the bounds probe.
    .filter((k) => !(k === 'format' && ['int32', 'int64'].includes(p.schema.format)))
    // Known formats are probed with a value that breaks them.
    .filter((k) => !(k === 'format' && ['date-time', 'date', 'email', 'uri', 'uuid'].includes(p.schema.format)))
    .map((k) => `${p.name} (${p.in}): ${k}`));
}

const parameterChecks = (): Array<[CheckId, string]> => [
  ['params.required-missing', 'no query, header or cookie parameter is required'],
  ['params.below-minimum', 'no numeric parameter has a minimum'],
  ['params.above-maximum', 'no numeric parameter has a maximum'],
  ['params.not-integer', 'no parameter is an integer'],
  ['params.not-a-number', 'no parameter is numeric'],
  ['params.too-short', 'no parameter has a minLength above 0 or a minItems'],
  ['params.too-long', 'no parameter has a maxLength or maxItems'],
  ['params.not-in-enum', 'no parameter has an enum'],
  ['params.pattern-mismatch', 'no parameter has a pattern or a checked format'],
];

export function withParameter(request: ProbeRequest, param: Pick<OperationParameter, 'in' | 'name'>, texts: string[] | undefined, originalPath?: string, template?: string): ProbeRequest {
  if (param.in === 'query') {
    const query = request.query.filter(([n]) => n !== param.name);
    for (const t of texts ?? []) query.push([param.name, t]);
    return { ...request, query };
  }
  if (param.in === 'header') {
    const headers = { ...request.headers };
    delete headers[param.name.toLowerCase()];
    if (texts !== undefined) headers[param.name.toLowerCase()] = texts.join(',');
    return { ...request, headers };
  }
  if (param.in === 'cookie') return { ...request, headers: withCookie(request.headers, param.name, texts?.join(',')) };
  // Path: rebuild from the template with this one value replaced.
  if (template && originalPath) {
    const segments = template.split('/');
    const actual = originalPath.split('/');
    const index = segments.indexOf(`{${param.name}}`);
    if (index >= 0 && texts) actual[index] = encodeURIComponent(texts.join(','));
    return { ...request, path: actual.join('/') };
  }
  return request;
}

/** Kept for the property probes: a query value replaced. */
export function withQuery(request: ProbeRequest, name: string, value: string | undefined): ProbeRequest {
  return withParameter(request, { in: 'query', name }, value === undefined ? undefined : [value]);
}

const shortValue = (value: string) => (value.length > 24 ? `${value.slice(0, 12)}…(${value.length} chars)` : value);
export const describeParam = (name: string, value: string | undefined) => (value === undefined ? `no ${name}` : `${name}=${shortValue(value)}`);

export async function parameterProbes(ctx: RunContext, op: OperationInfo, base: ProbeRequest): Promise<void> {
  const negatives = deriveParameterNegatives(ctx, op);
  for (const [check, reason] of parameterChecks()) {
    if (!negatives.some((n) => n.check === check)) ctx.skip(check, op.operationId, '-', reason);
  }
  const status = invalidStatus(op);
  await Promise.all(negatives.map(async ({ check, param, value, rule }) => {
    const subject = `${param.in === 'query' ? '' : `${param.in} `}${describeParam(param.name, value?.join(','))}`;
    if (status === undefined) return ctx.skip(check, op.operationId, subject, 'the operation documents no 400 (or 422) response');
    const broken = { schemaPointer: rule.schemaPointer, schemaFragment: { [rule.keyword]: rule.value } };
    await ctx.probe(check, op, subject, async () => {
      const exchange = await ctx.send(op, subject, withParameter(base, param, value, base.path, op.path));
      expectError(ctx, check, op, subject, exchange, status, [], broken);
    });
  }));
}

export async function boundaryProbes(ctx: RunContext, op: OperationInfo, base: ProbeRequest): Promise<void> {
  const probes: Array<[CheckId, OperationParameter, number]> = [];
  for (const param of op.parameters.filter((p) => p.in !== 'path' && types(p.schema).some((t) => t === 'integer' || t === 'number'))) {
    if (typeof param.schema.minimum === 'number') probes.push(['boundary.minimum', param, param.schema.minimum]);
    if (typeof param.schema.maximum === 'number') probes.push(['boundary.maximum', param, param.schema.maximum]);
  }
  if (!probes.some(([c]) => c === 'boundary.minimum')) ctx.skip('boundary.minimum', op.operationId, '-', 'no numeric parameter has a minimum');
  if (!probes.some(([c]) => c === 'boundary.maximum')) ctx.skip('boundary.maximum', op.operationId, '-', 'no numeric parameter has a maximum');
  await Promise.all(probes.map(([check, param, value]) => {
    const subject = `${param.name}=${value}`;
    return ctx.probe(check, op, subject, async () => {
      const exchange = await ctx.send(op, subject, withParameter(base, param, [String(value)]));
      expectSuccess(ctx, check, op, subject, exchange);
    });
  }));
}

/** A different character of the same kind at the middle of the cursor. */
export function tamper(cursor: string): string {
  const i = Math.floor(cursor.length / 2);
  const c = cursor[i]!;
  const swap = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : /[a-z]/.test(c) ? (c === 'z' ? 'a' : String.fromCharCode(c.charCodeAt(0) + 1)) : /[A-Z]/.test(c) ? (c === 'Z' ? 'A' : String.fromCharCode(c.charCodeAt(0) + 1)) : 'x';
  return cursor.slice(0, i) + swap + cursor.slice(i + 1);
}

export const UNKNOWN_CURSOR = 'pp-contract-unknown-cursor';

export async function cursorProbes(ctx: RunContext, op: OperationInfo, base: ProbeRequest, firstPage: Exchange | undefined): Promise<void> {
  const check: CheckId = 'params.cursor-tampered';
  const pagination = op.pagination;
  if (!pagination) return ctx.skip(check, op.operationId, '-', 'the operation is not paginated');
  const status = invalidStatus(op);
  if (status === undefined) return ctx.skip(check, op.operationId, '-', 'the operation documents no 400 response');
  const types = unknownValueTypes(ctx, op, pagination.cursorParam, status);
  const body = firstPage?.response?.status === op.successStatus ? bodyOf(firstPage.response) : undefined;
  const cursor = body?.ok ? (body.value as Json)?.[pagination.cursorField] : undefined;
  const probes: Array<[string, string]> = [[`${pagination.cursorParam}=${UNKNOWN_CURSOR}`, UNKNOWN_CURSOR]];
  if (typeof cursor === 'string' && cursor.length > 0) probes.push([`${pagination.cursorParam}=<first page's cursor, one character changed>`, tamper(cursor)]);
  else ctx.skip(check, op.operationId, `${pagination.cursorParam}=<tampered>`, 'the first page has no cursor to tamper with (everything fits on one page)');
  await Promise.all(probes.map(([subject, value]) => ctx.probe(check, op, subject, async () => {
    const exchange = await ctx.send(op, subject, withQuery(base, pagination.cursorParam, value));
    expectError(ctx, check, op, subject, exchange, status, types);
  })));
}

/** Ignored authentication: no credentials at all, then per scheme a malformed and a wrong credential. */
export async function authProbes(ctx: RunContext, op: OperationInfo, base: ProbeRequest): Promise<void> {
  const checks: CheckId[] = ['auth.missing-key', 'auth.malformed-key', 'auth.wrong-key'];
  const schemes = ctx.requirement(op);
  const reason = op.security.length === 0 ? 'the operation requires no credentials'
    : !schemes ? 'credentials are optional for the operation'
      : !op.statuses.includes(401) ? 'the operation documents no 401 response' : null;
  if (reason || !schemes) return checks.forEach((check) => ctx.skip(check, op.operationId, '-', reason ?? ''));
  const probes: Array<[CheckId, string, ProbeRequest]> = [['auth.missing-key', 'no credentials', withoutCredentials(ctx, op, base)]];
  for (const scheme of schemes) {
    const value = ctx.settings.credentials[scheme.name] ?? 'contract-kit-credential';
    const label = scheme.type === 'apiKey' ? `${scheme.parameterName} (${scheme.name})` : `${scheme.scheme ?? scheme.type} (${scheme.name})`;
    if (scheme.type === 'apiKey') {
      probes.push(['auth.malformed-key', `${label}: Bearer <key>`, ctx.withCredentials(op, base, { scheme: scheme.name, value: `Bearer ${value}` })]);
      probes.push(['auth.wrong-key', `${label}: <a well-formed wrong key>`, ctx.withCredentials(op, base, { scheme: scheme.name, value: wrongKey(value) })]);
    } else if (scheme.type === 'http') {
      const malformed = scheme.scheme === 'basic' ? 'Basic not-base64!' : value; // a token without its scheme
      probes.push(['auth.malformed-key', `${label}: ${scheme.scheme === 'basic' ? 'Basic <not base64>' : '<token without Bearer>'}`, ctx.withCredentials(op, base, { scheme: scheme.name, value: malformed, raw: true })]);
      probes.push(['auth.wrong-key', `${label}: <a well-formed wrong credential>`, ctx.withCredentials(op, base, { scheme: scheme.name, value: scheme.scheme === 'basic' ? `${value.split(':')[0]}:${wrongKey(value.split(':').slice(1).join(':') || 'x')}` : wrongKey(value) })]);
    } else {
      for (const check of ['auth.malformed-key', 'auth.wrong-key'] as const) ctx.skip(check, op.operationId, label, `${scheme.type} credentials are not probed (only API keys and HTTP bearer or basic)`);
    }
  }
  await Promise.all(probes.map(([check, subject, request]) => ctx.probe(check, op, subject, async () => {
    const exchange = await ctx.send(op, subject, request);
    expectError(ctx, check, op, subject, exchange, 401, []);
  })));
}

/** The key's prefix (up to its last `_`) and length, with a different body. */
export function wrongKey(key: string): string {
  const cut = key.lastIndexOf('_') + 1;
  const body = key.slice(cut);
  const filler = body.length > 0 ? body.replace(/./g, (c) => (c === '0' ? '1' : '0')) : '0000000000000000';
  return key.slice(0, cut) + filler;
}
