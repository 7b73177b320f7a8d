// The state of one run shared by all probes: the spec, the transport, the values it knows for
// parameters (given, learned from responses, from the spec's examples), the credentials, the
// resources it created, the outcomes being recorded, and `send`, which runs every response
// through the response checks and counts what each check really judged.
import { Buffer } from 'node:buffer';
import { CHECKS, RESPONSE_CHECKS, type CheckId } from './checks.js';
import type { CheckOutcome, Exchange, Finding, NotExercisedKind, ProbeRequest, RecordedRequest } from './model.js';
import { Redactor, toCurl } from './redact.js';
import { bodyOf, checkResponse, documentsJson, type RawFinding } from './response-checks.js';
import { getPointer, type Json, type KitSpec, type OperationInfo, type OperationParameter } from './spec.js';
import { BudgetExhausted, type Transport } from './transport.js';
import { sampleFor } from '../spec/values.js';
import { escapePointer } from '../spec/pointer.js';
import type { ResourceModel } from '../spec/resources.js';
import type { SecuritySchemeModel } from '../spec/model.js';

export const EVERY_RESPONSE = 'every response';

export interface RunSettings {
  /** Credential per security scheme name. */
  credentials: Record<string, string>;
  /** Values for parameters: `name` or `operationId.name` → value (from --param / --fixtures). */
  parameters: Record<string, string>;
  seed: number;
  maxPages: number;
  propertyRuns: number;
  allowUnsafe: boolean;
  preferErrors: boolean;
}

export interface Created {
  resource: ResourceModel;
  operationId: string;
  id: string;
  deleted: boolean;
}

/** Where a parameter value came from (shown in the report). */
export type ValueSource = 'given' | 'created' | 'link' | 'learned' | 'example' | 'generated';

/** A request could not be built: which value was missing and why. */
export class MissingValue extends Error {
  constructor(readonly kind: NotExercisedKind, message: string) {
    super(message);
    this.name = 'MissingValue';
  }
}

export class RunContext {
  private readonly outcomes = new Map<string, CheckOutcome>();
  private readonly responseCounts = new Map<string, number>();
  private readonly responseFindings = new Map<string, Finding>();
  /** Per operation: statuses and error types seen. */
  readonly observed = new Map<string, { statuses: Set<number>; types: Set<string> }>();
  /** Path parameter values learned from responses: key `path\0param`, `op\0param` or `\0param`. */
  private readonly learned = new Map<string, string[]>();
  readonly created: Created[] = [];
  /** Things created that the kit cannot delete (no delete operation, no id). */
  readonly uncleanable: string[] = [];
  /** Request budget of the operation being probed. */
  private quota = new Map<string, number>();

  constructor(
    readonly spec: KitSpec,
    readonly transport: Transport,
    readonly redactor: Redactor,
    readonly settings: RunSettings,
  ) {}

  get validator() {
    return this.spec.validator;
  }

  outcome(check: CheckId, operationId: string, subject: string): CheckOutcome {
    const key = `${check}\u0000${operationId}\u0000${subject}`;
    let outcome = this.outcomes.get(key);
    if (!outcome) {
      outcome = { check, operationId, subject, status: 'passed', findings: [], durationMs: 0 };
      this.outcomes.set(key, outcome);
    }
    return outcome;
  }

  /** Records that a check was not exercised, and why: `kind` decides whether the verdict becomes inconclusive. */
  skip(check: CheckId, operationId: string, subject: string, reason: string, kind: NotExercisedKind = 'not-applicable'): void {
    const outcome = this.outcome(check, operationId, subject);
    outcome.status = 'not-exercised';
    outcome.note = reason;
    outcome.kind = kind;
  }

  fail(check: CheckId, op: OperationInfo, subject: string, exchange: Exchange | undefined, finding: RawFinding): void {
    this.outcome(check, op.operationId, subject).findings.push({
      ...(exchange ? { request: this.record(exchange), status: exchange.response?.status } : {}),
      ...finding,
      check,
      operationId: op.operationId,
      subject,
    });
  }

  /** Runs a probe; a spent budget or a missing value makes the check "not exercised", never a failure or a crash. */
  async probe(check: CheckId, op: OperationInfo, subject: string, run: () => Promise<void>): Promise<void> {
    const outcome = this.outcome(check, op.operationId, subject);
    const started = performance.now();
    try {
      await run();
    } catch (error) {
      if (error instanceof BudgetExhausted) {
        outcome.status = 'not-exercised';
        outcome.note = error.message;
        outcome.kind = 'budget';
      } else if (error instanceof MissingValue) {
        outcome.status = 'not-exercised';
        outcome.note = error.message;
        outcome.kind = error.kind;
      } else throw error;
    } finally {
      outcome.durationMs += performance.now() - started;
    }
  }

  /** Gives the operation about to be probed its share of the remaining budget. */
  setQuota(op: OperationInfo, requests: number): void {
    this.quota.set(op.operationId, requests);
  }

  remainingFor(op: OperationInfo): number {
    return Math.min(this.transport.remaining, this.quota.get(op.operationId) ?? this.transport.remaining);
  }

  record(exchange: Exchange): RecordedRequest {
    const secrets = Object.values(this.settings.credentials);
    return { method: exchange.request.method.toUpperCase(), url: exchange.url, curl: toCurl(exchange.request.method, exchange.url, exchange.request.headers, secrets, exchange.request.body) };
  }

  /**
   * Sends a request and applies the response checks, attributing findings to `subject`.
   * `judge: false` for requests outside the spec (an undocumented method): not judged by the spec.
   */
  async send(op: OperationInfo, subject: string, request: ProbeRequest, options: { retry429?: boolean; judge?: boolean; charge?: OperationInfo } = {}): Promise<Exchange> {
    // `charge`: the operation whose share pays (a stateful check reads with another operation).
    const payer = (options.charge ?? op).operationId;
    const quota = this.quota.get(payer);
    if (quota !== undefined) {
      if (quota <= 0) throw new BudgetExhausted(this.transport.maxRequests, `the request budget of ${payer} (its fair share of --max-requests ${this.transport.maxRequests}) is spent`);
      this.quota.set(payer, quota - 1);
    }
    const exchange = await this.transport.send(request, options.retry429 ?? true);
    if (options.judge === false) return exchange;
    const response = exchange.response;
    if (response) {
      const json = bodyOf(response);
      if (json.ok) this.redactor.observe(json.value);
      const seen = this.observed.get(op.operationId) ?? { statuses: new Set(), types: new Set() };
      this.observed.set(op.operationId, seen);
      seen.statuses.add(response.status);
      const type = json.ok && json.value && typeof json.value === 'object' ? (json.value as Json).type : undefined;
      if (response.status >= 400 && typeof type === 'string') seen.types.add(`${response.status} ${type}`);
      if (response.status >= 200 && response.status < 300) this.learn(op, exchange);
    }
    const { findings, judged } = checkResponse(this.spec, op, exchange);
    for (const [check, list] of findings) {
      for (const finding of list) {
        // The same defect on many items or responses is reported once (its first instance), with a
        // count: the key ignores array indices (`/items/3/id` and `/items/7/id` are one defect).
        const shape = (text: string | undefined) => (text ?? '').replace(/\/\d+(?=\/|$| )/g, '/*');
        const key = [op.operationId, check, finding.status, shape(finding.pointer), finding.schemaPointer, shape(finding.message)].join('\u0000');
        const earlier = this.responseFindings.get(key);
        if (earlier) {
          earlier.occurrences = (earlier.occurrences ?? 1) + 1;
          continue;
        }
        this.fail(check, op, EVERY_RESPONSE, exchange, { ...finding, message: `${finding.message} (request: ${subject})` });
        const outcome = this.outcome(check, op.operationId, EVERY_RESPONSE);
        this.responseFindings.set(key, outcome.findings[outcome.findings.length - 1]!);
      }
    }
    for (const check of judged) {
      const key = `${check}\u0000${op.operationId}`;
      this.responseCounts.set(key, (this.responseCounts.get(key) ?? 0) + 1);
    }
    return exchange;
  }

  // ----- values -------------------------------------------------------------------------------

  private remember(key: string, value: unknown): void {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const list = this.learned.get(key) ?? [];
    const text = String(value);
    if (!list.includes(text)) list.unshift(text);
    this.learned.set(key, list.slice(0, 20));
  }

  /** Learns path parameter values from a success: links, resource ids, fields named like a path parameter. */
  private learn(op: OperationInfo, exchange: Exchange): void {
    const response = exchange.response!;
    const json = bodyOf(response);
    const body = json.ok ? json.value : undefined;
    const documented = op.responses.find((r) => r.status === String(response.status));
    for (const link of documented?.links ?? []) {
      for (const [param, expression] of Object.entries(link.parameters)) {
        const value = evaluateRuntimeExpression(expression, body, response.headers);
        if (value !== undefined) this.remember(`${link.operationId}\u0000${param}`, value);
      }
    }
    if (!body || typeof body !== 'object') return;
    const model = this.spec.model;
    for (const resource of model.resources) {
      if (resource.list === op.operationId && op.pagination) {
        const items = (body as Json)[op.pagination.itemsField];
        if (Array.isArray(items)) for (const item of items.slice().reverse()) this.remember(`${resource.itemPath}\u0000${resource.idParam}`, item?.[resource.idField]);
      }
      if (resource.create === op.operationId) {
        const id = (body as Json)[resource.idField] ?? lastSegment(response.headers.location);
        if (id !== undefined) {
          this.remember(`${resource.itemPath}\u0000${resource.idParam}`, id);
          if (!this.created.some((c) => c.resource === resource && c.id === String(id))) this.created.push({ resource, operationId: op.operationId, id: String(id), deleted: false });
        }
      }
    }
    if (!op.safe && !model.resources.some((r) => r.create === op.operationId) && response.status === 201) {
      this.uncleanable.push(`${op.operationId} created something (HTTP 201) that no delete operation of the spec removes`);
    }
    // By name: a field named like a path parameter, at the top level or in the items of a page.
    const names = new Set(model.operations.flatMap((o) => o.parameters.filter((p) => p.in === 'path').map((p) => p.name)));
    const objects: Json[] = Array.isArray(body) ? body : [body as Json, ...(op.pagination && Array.isArray((body as Json)[op.pagination.itemsField]) ? (body as Json)[op.pagination.itemsField] : [])];
    for (const object of objects) {
      if (!object || typeof object !== 'object') continue;
      for (const name of names) if (name in object) this.remember(`\u0000${name}`, object[name]);
    }
  }

  /** The resource whose item path the operation is on, and its id parameter. */
  resourceOfItem(op: OperationInfo): ResourceModel | undefined {
    return this.spec.model.resources.find((r) => r.itemPath === op.path && [r.read, r.delete, ...r.update].includes(op.operationId));
  }

  /** A value for a parameter, and where it came from; undefined when there is none. */
  valueFor(op: OperationInfo, param: OperationParameter): { value: unknown; source: ValueSource } | undefined {
    const given = this.settings.parameters[`${op.operationId}.${param.name}`] ?? this.settings.parameters[param.name];
    if (given !== undefined) return { value: given, source: 'given' };
    if (param.in === 'path') {
      const resource = this.resourceOfItem(op);
      const writes = !op.safe;
      if (resource && resource.idParam === param.name) {
        const mine = this.created.filter((c) => c.resource === resource && !c.deleted);
        if (mine.length > 0) return { value: mine[mine.length - 1]!.id, source: 'created' };
        // Writes touch only what the kit created (or what the user named).
        if (writes) return undefined;
      } else if (writes) return undefined;
      const learned = this.learned.get(`${op.operationId}\u0000${param.name}`)?.[0];
      if (learned !== undefined) return { value: learned, source: 'link' };
      const byPath = this.learned.get(`${op.path}\u0000${param.name}`)?.[0] ?? this.learned.get(`\u0000${param.name}`)?.[0];
      if (byPath !== undefined) return { value: byPath, source: 'learned' };
    }
    const example = param.example ?? (Array.isArray(param.schema.examples) ? param.schema.examples[0] : undefined) ?? param.schema.default ?? (Array.isArray(param.schema.enum) ? param.schema.enum[0] : undefined);
    if (example !== undefined) return { value: example, source: 'example' };
    if (param.in === 'path') return undefined;
    const check = this.validator.forSchema(param.schema, `${param.pointer}/schema`);
    const generated = sampleFor(this.spec.document, param.schema, this.settings.seed, { check });
    return generated === undefined ? undefined : { value: generated, source: 'generated' };
  }

  /** The valid request every probe starts from: path values, required parameters, credentials, a valid body. Throws MissingValue. */
  baseRequest(op: OperationInfo, options: { credentials?: boolean; body?: boolean; values?: Record<string, string> } = {}): ProbeRequest {
    let path = op.path;
    const query: Array<[string, string]> = [];
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json;q=0.9, */*;q=0.1' };
    const cookies: string[] = [];
    for (const param of op.parameters) {
      if (!param.required && param.in !== 'path') continue;
      const found = options.values?.[param.name] !== undefined ? { value: options.values[param.name] } : this.valueFor(op, param);
      if (!found) {
        const writes = param.in === 'path' && !op.safe;
        throw new MissingValue(writes ? 'precondition' : 'missing-value', writes
          ? `no value for path parameter ${param.name}: the kit writes only to what it created (${this.settings.allowUnsafe ? 'it created nothing this operation can use' : 'pass --allow-unsafe so it can create one'}, or --param ${param.name}=VALUE)`
          : `no value for ${param.in} parameter ${param.name} (no link, list or create response gave one, the spec has no example: pass --param ${param.name}=VALUE or --fixtures FILE)`);
      }
      const texts = serialize(param, found.value);
      if (param.in === 'path') path = path.replace(`{${param.name}}`, texts.map((t) => encodeURIComponent(t)).join(','));
      else if (param.in === 'query') texts.forEach((t) => query.push([param.name, t]));
      else if (param.in === 'header') headers[param.name.toLowerCase()] = texts.join(',');
      else cookies.push(`${param.name}=${encodeURIComponent(texts.join(','))}`);
    }
    if (cookies.length > 0) headers.cookie = cookies.join('; ');
    let request: ProbeRequest = { method: op.method, path, query, headers };
    if (options.credentials !== false) request = this.withCredentials(op, request);
    if (options.body !== false && op.requestBody) {
      const body = this.validBody(op);
      if (body !== undefined) request = withBody(request, body.mediaType, body.value);
    }
    return request;
  }

  /** A valid body: the spec's example when it validates, else one generated from the schema. */
  validBody(op: OperationInfo, seed = this.settings.seed): { mediaType: string; value: unknown } | undefined {
    const media = op.requestBody?.content.find((m) => documentsJson(m.mediaType)) ?? op.requestBody?.content[0];
    if (!media?.schemaPointer) return media ? { mediaType: media.mediaType, value: media.example } : undefined;
    const check = this.validator.schemaAt(media.schemaPointer);
    const example = media.example ?? exampleOf(this.spec.document, op.requestBody!.pointer, media.mediaType);
    if (example !== undefined && check(example).length === 0 && seed === this.settings.seed) return { mediaType: media.mediaType, value: example };
    let value = sampleFor(this.spec.document, getPointer(this.spec.document, media.schemaPointer), seed, { check });
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      // A field named like a parameter takes that parameter's value (given, or the spec's example):
      // an account id the server knows, not a generated one.
      const filled: Json = { ...(value as Json) };
      for (const key of Object.keys(filled)) {
        const given = this.settings.parameters[key] ?? this.spec.model.operations.flatMap((o) => o.parameters).find((p) => p.name === key && p.example !== undefined)?.example;
        if (given !== undefined) filled[key] = given;
      }
      if (check(filled).length === 0) value = filled;
    }
    return value === undefined ? undefined : { mediaType: media.mediaType, value };
  }

  // ----- credentials --------------------------------------------------------------------------

  /** The security requirement the kit satisfies: the first whose schemes all have credentials, else the first. */
  requirement(op: OperationInfo): Array<SecuritySchemeModel> | null {
    if (op.security.length === 0 || op.security.some((r) => Object.keys(r).length === 0)) return null;
    const schemes = (r: Readonly<Record<string, readonly string[]>>) => Object.keys(r).map((name) => this.spec.model.securitySchemes[name]).filter((s): s is SecuritySchemeModel => s !== undefined);
    const usable = op.security.find((r) => Object.keys(r).every((name) => this.settings.credentials[name] !== undefined));
    return schemes(usable ?? op.security[0]!);
  }

  withCredentials(op: OperationInfo, request: ProbeRequest, replace?: { scheme: string; value: string | undefined; raw?: boolean }): ProbeRequest {
    let out = request;
    for (const scheme of this.requirement(op) ?? []) {
      const overridden = replace?.scheme === scheme.name;
      const value = overridden ? replace!.value : this.settings.credentials[scheme.name];
      if (value === undefined) continue;
      out = applyCredential(out, scheme, value, overridden && replace!.raw === true);
    }
    return out;
  }

  // ----- results ------------------------------------------------------------------------------

  /** Response-check outcomes with how many responses they judged; unexercised ones are named as such. */
  finishResponseChecks(op: OperationInfo): void {
    for (const check of RESPONSE_CHECKS) {
      const count = this.responseCounts.get(`${check}\u0000${op.operationId}`) ?? 0;
      const outcome = this.outcome(check, op.operationId, EVERY_RESPONSE);
      if (count === 0 && outcome.findings.length === 0) {
        outcome.status = 'not-exercised';
        outcome.kind = 'not-applicable';
        outcome.note = RESPONSE_CHECK_IDLE[check] ?? 'no response it applies to came back';
      } else outcome.note = `${count} response${count === 1 ? '' : 's'} checked`;
    }
  }

  results(): CheckOutcome[] {
    const order = new Map(Object.keys(CHECKS).map((id, i) => [id, i]));
    return [...this.outcomes.values()]
      // Findings win over "not exercised" (a walk can find a duplicate before the budget runs out).
      .map((o) => (o.findings.length > 0 ? { ...o, status: 'failed' as const } : { ...o }))
      .sort((a, b) => a.operationId.localeCompare(b.operationId) || order.get(a.check)! - order.get(b.check)! || a.subject.localeCompare(b.subject));
  }
}

const RESPONSE_CHECK_IDLE: Partial<Record<CheckId, string>> = {
  'response.headers-schema': 'no response came back with a status that documents headers',
  'response.body-schema': 'no response came back with a documented JSON body',
  'error.envelope-status': 'no error response came back with a JSON body',
  'error.envelope-type': 'no error response came back whose status enumerates its error types',
  'error.envelope-title': 'no error response came back whose schema has a title',
};

/** The text(s) a parameter value travels as (OpenAPI style/explode, simplified to what query, path and header need). */
export function serialize(param: Pick<OperationParameter, 'in' | 'style' | 'explode'>, value: unknown): string[] {
  if (Array.isArray(value)) {
    const texts = value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)));
    if (param.in === 'query' && param.style === 'form' && param.explode) return texts;
    const separator = param.style === 'spaceDelimited' ? ' ' : param.style === 'pipeDelimited' ? '|' : ',';
    return [texts.join(separator)];
  }
  if (value !== null && typeof value === 'object') return [JSON.stringify(value)];
  return [String(value)];
}

export function withBody(request: ProbeRequest, mediaType: string, value: unknown): ProbeRequest {
  const text = value === undefined ? undefined : documentsJson(mediaType) ? JSON.stringify(value) : String(value);
  const headers = { ...request.headers };
  if (text === undefined) delete headers['content-type'];
  else headers['content-type'] = mediaType;
  const { body: _old, ...rest } = request;
  return text === undefined ? { ...rest, headers } : { ...rest, headers, body: text };
}

/** The headers with cookie `name` set to `value` (encoded), replacing any earlier one; undefined removes it. */
export function withCookie(headers: Record<string, string>, name: string, value: string | undefined): Record<string, string> {
  const out = { ...headers };
  const cookies = (out.cookie ?? '').split('; ').filter((c) => c && !c.startsWith(`${name}=`));
  if (value !== undefined) cookies.push(`${name}=${encodeURIComponent(value)}`);
  if (cookies.length > 0) out.cookie = cookies.join('; ');
  else delete out.cookie;
  return out;
}

function applyCredential(request: ProbeRequest, scheme: SecuritySchemeModel, value: string, raw: boolean): ProbeRequest {
  const headers = { ...request.headers };
  if (scheme.type === 'apiKey' && scheme.parameterName) {
    if (scheme.in === 'header') headers[scheme.parameterName.toLowerCase()] = value;
    else if (scheme.in === 'query') return { ...request, query: [...request.query.filter(([n]) => n !== scheme.parameterName), [scheme.parameterName, value]] };
    // Replaces the credential the request already carries (a probe's request starts from the base one).
    else if (scheme.in === 'cookie') return { ...request, headers: withCookie(headers, scheme.parameterName, value) };
  } else if (scheme.type === 'http') {
    if (raw) headers.authorization = value;
    else if (scheme.scheme === 'basic') headers.authorization = `Basic ${Buffer.from(value).toString('base64')}`;
    else headers.authorization = `${scheme.scheme === 'bearer' ? 'Bearer' : scheme.scheme ?? 'Bearer'} ${value}`;
  }
  return { ...request, headers };
}

/** Removes every credential of the operation's requirement from a request. */
export function withoutCredentials(ctx: RunContext, op: OperationInfo, request: ProbeRequest): ProbeRequest {
  let out = request;
  for (const scheme of ctx.requirement(op) ?? []) {
    let headers = { ...out.headers };
    if (scheme.type === 'apiKey' && scheme.parameterName) {
      if (scheme.in === 'header') delete headers[scheme.parameterName.toLowerCase()];
      if (scheme.in === 'query') out = { ...out, query: out.query.filter(([n]) => n !== scheme.parameterName) };
      if (scheme.in === 'cookie') headers = withCookie(headers, scheme.parameterName, undefined);
    } else if (scheme.type === 'http') delete headers.authorization;
    out = { ...out, headers };
  }
  return out;
}

/** `$response.body#/id`, `$response.header.Location`, or a constant (OpenAPI runtime expressions). */
export function evaluateRuntimeExpression(expression: unknown, body: unknown, headers: Record<string, string>): unknown {
  if (typeof expression !== 'string' || !expression.startsWith('$')) return expression;
  if (expression.startsWith('$response.body#')) return getPointer(body, expression.slice('$response.body'.length));
  if (expression === '$response.body') return body;
  if (expression.startsWith('$response.header.')) return headers[expression.slice('$response.header.'.length).toLowerCase()];
  return undefined;
}

/** The first example of a media type, following `$ref`s to `components/examples` (a bundled document has them). */
function exampleOf(document: Json, bodyPointer: string, mediaType: string): unknown {
  const media = getPointer(document, bodyPointer)?.content?.[mediaType];
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values<Json>(media.examples ?? {})[0];
  const resolved = first && typeof first.$ref === 'string' ? getPointer(document, decodeURIComponent(first.$ref)) : first;
  return resolved?.value;
}

function lastSegment(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const path = location.split(/[?#]/)[0]!.replace(/\/+$/, '');
  const segment = path.slice(path.lastIndexOf('/') + 1);
  return segment ? decodeURIComponent(segment) : undefined;
}

export { escapePointer };
export type { Finding };
