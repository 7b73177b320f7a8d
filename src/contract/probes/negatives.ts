// Auth negatives, parameter negatives derived from the parameter schemas (one violation per
// request), boundary positives, and the tampered cursor.
import type { CheckId } from '../checks.js';
import { apiKeyScheme, type RunContext } from '../context.js';
import type { Exchange, ProbeRequest } from '../model.js';
import { bodyOf } from '../response-checks.js';
import { escapePointer, resolveRef, type Json, type OperationInfo, type OperationParameter } from '../spec.js';
import { expectError, expectSuccess, invalidParameterTypes } from './expect.js';

export interface ParameterNegative {
  check: CheckId;
  param: string;
  value: string | undefined;
  /** The rule the value breaks: a keyword of the parameter (`required`) or of its schema. */
  rule: { keyword: string; value: unknown };
}

/** Every single-parameter violation the parameter schemas allow us to derive. */
export function deriveParameterNegatives(op: OperationInfo): ParameterNegative[] {
  const negatives: ParameterNegative[] = [];
  const add = (check: CheckId, param: string, value: string | undefined, keyword: string, ruleValue: unknown) =>
    negatives.push({ check, param, value, rule: { keyword, value: ruleValue } });
  for (const param of op.parameters.filter((p) => p.in === 'query')) {
    const schema: Json = param.schema;
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (param.required) add('params.required-missing', param.name, undefined, 'required', true);
    if (types.includes('integer') || types.includes('number')) {
      if (typeof schema.minimum === 'number') add('params.below-minimum', param.name, String(schema.minimum - 1), 'minimum', schema.minimum);
      if (typeof schema.maximum === 'number') add('params.above-maximum', param.name, String(schema.maximum + 1), 'maximum', schema.maximum);
      if (types.includes('integer') && !types.includes('number')) add('params.not-integer', param.name, String((schema.minimum ?? 0) + 1.5), 'type', schema.type);
      add('params.not-a-number', param.name, 'abc', 'type', schema.type);
    }
    if (types.includes('string')) {
      if (typeof schema.minLength === 'number' && schema.minLength > 0) add('params.too-short', param.name, 'x'.repeat(schema.minLength - 1), 'minLength', schema.minLength);
      if (typeof schema.maxLength === 'number') add('params.too-long', param.name, 'x'.repeat(schema.maxLength + 1), 'maxLength', schema.maxLength);
    }
  }
  return negatives;
}

const DERIVED_KEYWORDS = new Set(['type', 'minimum', 'maximum', 'minLength', 'maxLength', 'default']);
const ANNOTATION_KEYWORDS = new Set(['title', 'description', 'examples', 'example', 'deprecated', '$comment']);

/** Constraints of query parameters no negative is derived from, e.g. `limit: pattern`: reported, not ignored. */
export function unprobedParameterConstraints(op: OperationInfo): string[] {
  return op.parameters.filter((p) => p.in === 'query').flatMap((p) => Object.keys(p.schema)
    .filter((k) => !DERIVED_KEYWORDS.has(k) && !ANNOTATION_KEYWORDS.has(k) && !k.startsWith('x-'))
    // int32/int64 on an integer only bound its range, which `not-integer` and the bounds probe.
    .filter((k) => !(k === 'format' && p.schema.type === 'integer' && ['int32', 'int64'].includes(p.schema.format)))
    .map((k) => `${p.name}: ${k}`));
}

/** The JSON pointer of a parameter in the spec (through its `$ref`, if any). */
export function parameterPointer(ctx: RunContext, op: OperationInfo, name: string): string {
  const base = `#/paths/${escapePointer(op.path)}`;
  const pathItem = ctx.spec.document.paths?.[op.path] ?? {};
  for (const [list, at] of [[pathItem[op.method]?.parameters, `${base}/${op.method}/parameters`], [pathItem.parameters, `${base}/parameters`]] as const) {
    for (const [i, entry] of (Array.isArray(list) ? list : []).entries()) {
      const { node, pointer } = resolveRef(ctx.spec.document, entry, `${at}/${i}`);
      if (node.name === name) return pointer;
    }
  }
  return `${base}/${op.method}/parameters`;
}

const PARAMETER_CHECKS: Array<[CheckId, string]> = [
  ['params.required-missing', 'no query parameter is required'],
  ['params.below-minimum', 'no numeric query parameter has a minimum'],
  ['params.above-maximum', 'no numeric query parameter has a maximum'],
  ['params.not-integer', 'no query parameter is an integer'],
  ['params.not-a-number', 'no query parameter is numeric'],
  ['params.too-short', 'no string query parameter has a minLength above 0'],
  ['params.too-long', 'no string query parameter has a maxLength'],
];

export function withQuery(request: ProbeRequest, name: string, value: string | undefined): ProbeRequest {
  const query = request.query.filter(([n]) => n !== name);
  if (value !== undefined) query.push([name, value]);
  return { ...request, query };
}

const shortValue = (value: string) => (value.length > 24 ? `${value.slice(0, 12)}…(${value.length} chars)` : value);
export const describeParam = (name: string, value: string | undefined) => (value === undefined ? `no ${name}` : `${name}=${shortValue(value)}`);

export async function parameterProbes(ctx: RunContext, op: OperationInfo): Promise<void> {
  const negatives = deriveParameterNegatives(op);
  for (const [check, reason] of PARAMETER_CHECKS) {
    if (!negatives.some((n) => n.check === check)) ctx.skip(check, op.operationId, '-', reason);
  }
  const documents400 = ctx.validators.response(op.operationId, 400)?.key === '400';
  await Promise.all(negatives.map(async ({ check, param, value, rule }) => {
    const subject = describeParam(param, value);
    if (!documents400) return ctx.skip(check, op.operationId, subject, 'the operation documents no 400 response');
    const at = parameterPointer(ctx, op, param);
    const broken = {
      schemaPointer: rule.keyword === 'required' ? `${at}/required` : `${at}/schema/${rule.keyword}`,
      schemaFragment: { [rule.keyword]: rule.value },
    };
    await ctx.probe(check, op, subject, async () => {
      const exchange = await ctx.send(op, subject, withQuery(ctx.baseRequest(op), param, value));
      expectError(ctx, check, op, subject, exchange, 400, invalidParameterTypes(ctx, op, param), broken);
    });
  }));
}

export async function boundaryProbes(ctx: RunContext, op: OperationInfo): Promise<void> {
  const bounded = op.parameters.filter((p) => p.in === 'query' && (p.schema.type === 'integer' || p.schema.type === 'number'));
  const probes: Array<[CheckId, OperationParameter, number]> = [];
  for (const param of bounded) {
    if (typeof param.schema.minimum === 'number') probes.push(['boundary.minimum', param, param.schema.minimum]);
    if (typeof param.schema.maximum === 'number') probes.push(['boundary.maximum', param, param.schema.maximum]);
  }
  if (!probes.some(([c]) => c === 'boundary.minimum')) ctx.skip('boundary.minimum', op.operationId, '-', 'no numeric query parameter has a minimum');
  if (!probes.some(([c]) => c === 'boundary.maximum')) ctx.skip('boundary.maximum', op.operationId, '-', 'no numeric query parameter has a maximum');
  await Promise.all(probes.map(([check, param, value]) => {
    const subject = `${param.name}=${value}`;
    return ctx.probe(check, op, subject, async () => {
      const exchange = await ctx.send(op, subject, withQuery(ctx.baseRequest(op), param.name, String(value)));
      expectSuccess(ctx, check, op, subject, exchange);
    });
  }));
}

/** A different character of the same kind at the middle of the cursor. */
export function tamper(cursor: string): string {
  const i = Math.floor(cursor.length / 2);
  const c = cursor[i]!;
  const swap = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : /[a-z]/.test(c) ? (c === 'z' ? 'a' : String.fromCharCode(c.charCodeAt(0) + 1)) : /[A-Z]/.test(c) ? (c === 'Z' ? 'A' : String.fromCharCode(c.charCodeAt(0) + 1)) : c === 'x' ? 'y' : 'x';
  return cursor.slice(0, i) + swap + cursor.slice(i + 1);
}

export const UNKNOWN_CURSOR = 'pp-contract-unknown-cursor';

export async function cursorProbes(ctx: RunContext, op: OperationInfo, firstPage: Exchange | undefined): Promise<void> {
  const check: CheckId = 'params.cursor-tampered';
  const pagination = op.pagination;
  if (!pagination) return ctx.skip(check, op.operationId, '-', 'the operation is not paginated');
  if (!op.statuses.includes(400)) return ctx.skip(check, op.operationId, '-', 'the operation documents no 400 response');
  const types = ['errors/invalid_cursor'].filter((t) => t in (ctx.spec.errorCatalog['400']?.types ?? {}));
  const body = firstPage?.response?.status === op.successStatus ? bodyOf(firstPage.response) : undefined;
  const cursor = body?.ok ? (body.value as Json)?.[pagination.cursorField] : undefined;
  const probes: Array<[string, string]> = [[`${pagination.cursorParam}=${UNKNOWN_CURSOR}`, UNKNOWN_CURSOR]];
  if (typeof cursor === 'string' && cursor.length > 0) probes.push([`${pagination.cursorParam}=<first page's cursor, one character changed>`, tamper(cursor)]);
  else ctx.skip(check, op.operationId, `${pagination.cursorParam}=<tampered>`, 'the first page has no cursor to tamper with (the account fits on one page)');
  await Promise.all(probes.map(([subject, value]) => ctx.probe(check, op, subject, async () => {
    const exchange = await ctx.send(op, subject, withQuery(ctx.baseRequest(op), pagination.cursorParam, value));
    expectError(ctx, check, op, subject, exchange, 400, types);
  })));
}

export async function authProbes(ctx: RunContext, op: OperationInfo): Promise<void> {
  const checks: CheckId[] = ['auth.missing-key', 'auth.malformed-key', 'auth.wrong-key'];
  const operation = ctx.spec.document.paths?.[op.path]?.[op.method] as Json | undefined;
  const requirements: Json[] = operation?.security ?? ctx.spec.document.security ?? [];
  const scheme = apiKeyScheme(ctx.spec, op);
  const reason = requirements.length === 0 ? 'the operation requires no credentials'
    : requirements.some((r) => Object.keys(r).length === 0) ? 'credentials are optional for the operation'
      : !scheme ? 'only API keys sent in a header are probed'
        : !op.statuses.includes(401) ? 'the operation documents no 401 response' : null;
  if (reason || !scheme) return checks.forEach((check) => ctx.skip(check, op.operationId, '-', reason ?? ''));
  // [] = any type documented for 401 (error.envelope-type judges that on every response).
  const allTypes = Object.keys(ctx.spec.errorCatalog['401']?.types ?? {});
  const missingTypes = allTypes.includes('errors/missing_credentials') ? ['errors/missing_credentials'] : [];
  const key = ctx.settings.apiKey;
  const probes: Array<[CheckId, string, string | undefined, string[]]> = [
    ['auth.missing-key', `no ${scheme.name}`, undefined, missingTypes],
    ['auth.malformed-key', `${scheme.name}: Bearer <key>`, `Bearer ${key}`, []],
    ['auth.wrong-key', `${scheme.name}: <a well-formed wrong key>`, wrongKey(key), []],
  ];
  await Promise.all(probes.map(([check, subject, value, types]) => ctx.probe(check, op, subject, async () => {
    const request = ctx.baseRequest(op);
    const headers = { ...request.headers };
    delete headers[scheme.name];
    if (value !== undefined) headers[scheme.name] = value;
    const exchange = await ctx.send(op, subject, { ...request, headers });
    expectError(ctx, check, op, subject, exchange, 401, types);
  })));
}

/** The key's prefix (up to its last `_`) and length, with a different body. */
export function wrongKey(key: string): string {
  const cut = key.lastIndexOf('_') + 1;
  const body = key.slice(cut);
  const filler = body.length > 0 ? body.replace(/./g, (c) => (c === '0' ? '1' : '0')) : '0000000000000000';
  return key.slice(0, cut) + filler;
}
