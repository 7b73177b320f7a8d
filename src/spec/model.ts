// One runtime model of any OpenAPI 3.1 document: operations (every parameter location, request
// body, responses, error types, security, pagination, idempotency), security schemes and
// resources. The pipeline writes generated/operations.ts from it; the mock, the contract kit and
// the docs build it at run time for `--spec FILE`. Knows no name of any particular spec: the
// conventions it reads are OpenAPI's own and the documented `x-` extensions (openapi/README.md).
import { escapePointer, resolve, inlineRefs, withPointerMemo, type Json } from './pointer.js';
import { inferResources, type ResourceModel } from './resources.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
/** RFC 9110 §9.2.1 and §9.2.2. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['get', 'head', 'options', 'trace']);
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([...SAFE_METHODS, 'put', 'delete']);
/** Default `style` per location (OpenAPI 3.1 §4.8.12.4). */
const DEFAULT_STYLE: Readonly<Record<string, string>> = { query: 'form', cookie: 'form', path: 'simple', header: 'simple' };

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ParameterModel {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  readonly style: string;
  readonly explode: boolean;
  readonly allowReserved: boolean;
  readonly deprecated: boolean;
  /** The JSON Schema, `$ref`s inlined (a recursive one stays a `$ref`). */
  readonly schema: Json;
  /** Where the parameter object sits in the document. */
  readonly pointer: string;
  /** `example`, or the first of `examples`, when the spec gives one. */
  readonly example?: unknown;
  /** `x-idempotency-key: true`: a header the client fills with one key per call. */
  readonly idempotencyKey: boolean;
}

export interface MediaModel {
  readonly mediaType: string;
  /** The media type's schema as written (it may be a `$ref`), and where it sits. */
  readonly schema: Json | undefined;
  readonly schemaPointer: string | undefined;
  readonly example?: unknown;
}

export interface RequestBodyModel {
  readonly required: boolean;
  readonly content: readonly MediaModel[];
  readonly pointer: string;
}

export interface HeaderModel {
  readonly name: string;
  readonly required: boolean;
  readonly schema: Json;
}

export interface LinkModel {
  readonly name: string;
  /** The operation the link leads to. */
  readonly operationId: string;
  /** Target parameter name → runtime expression (`$response.body#/id`) or constant. */
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface ErrorTypeModel {
  readonly description: string;
  /** `x-retryable`; undefined when the spec gives no advice. */
  readonly retryable: boolean | undefined;
}

/** A documented error response: its status, body schema and the `type` values it enumerates. */
export interface ErrorSetModel {
  /** The shared response's component name, or `operationId.status` for an operation's own. */
  readonly id: string;
  readonly status: number;
  readonly description: string;
  /** Body schema component name, when the body is a `$ref` to one. */
  readonly schema: string;
  readonly mediaType: string;
  /** Empty when the body does not enumerate its `type` (e.g. plain `application/problem+json`). */
  readonly types: Readonly<Record<string, ErrorTypeModel>>;
}

export interface ResponseModel {
  /** `200`, `4XX` or `default`. */
  readonly status: string;
  readonly description: string;
  /** Empty for a bodiless response (204, or 201 without content). */
  readonly content: readonly MediaModel[];
  readonly headers: readonly HeaderModel[];
  readonly links: readonly LinkModel[];
  readonly pointer: string;
  /** Set for 4xx/5xx responses: the error set this response is. */
  readonly errorSet?: string;
}

export interface PaginationModel {
  readonly cursorParam: string;
  readonly cursorField: string;
  readonly itemsField: string;
  readonly limitParam?: string;
}

export interface SecuritySchemeModel {
  readonly name: string;
  readonly type: string;
  /** For `apiKey`: where and under which name the key travels. */
  readonly in?: 'header' | 'query' | 'cookie';
  readonly parameterName?: string;
  /** For `http`: `bearer`, `basic`, … */
  readonly scheme?: string;
}

export interface OperationModel {
  /** The spec's operationId, or `METHOD /path` when it has none. */
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly pointer: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly deprecated: boolean;
  /** RFC 9110: safe methods (GET, HEAD, OPTIONS, TRACE). */
  readonly safe: boolean;
  /** RFC 9110: idempotent methods (the safe ones, PUT, DELETE). */
  readonly idempotent: boolean;
  /** The header parameter marked `x-idempotency-key`, if any: retries then keep one key. */
  readonly idempotencyKeyHeader: string | null;
  readonly parameters: readonly ParameterModel[];
  readonly requestBody: RequestBodyModel | null;
  readonly responses: readonly ResponseModel[];
  /** The first documented 2xx status. */
  readonly successStatus: number;
  /** Every documented numeric status, ascending. */
  readonly statuses: readonly number[];
  /** Status → error set id, for every documented 4xx/5xx status. */
  readonly errors: Readonly<Record<string, string>>;
  /** Effective security requirements (operation's, else the document's); `[]` means none. */
  readonly security: ReadonlyArray<Readonly<Record<string, readonly string[]>>>;
  readonly pagination: PaginationModel | null;
  /** Shapes this operation uses that no capability handles yet, with where and why. */
  readonly unsupported: readonly UnsupportedShape[];
}

export interface UnsupportedShape {
  readonly operationId: string;
  readonly pointer: string;
  readonly reason: string;
}

export interface SpecModel {
  readonly document: Json;
  readonly title: string;
  readonly version: string;
  readonly servers: readonly string[];
  readonly operations: readonly OperationModel[];
  readonly operationsById: ReadonlyMap<string, OperationModel>;
  readonly errorSets: Readonly<Record<string, ErrorSetModel>>;
  readonly securitySchemes: Readonly<Record<string, SecuritySchemeModel>>;
  readonly resources: readonly ResourceModel[];
  /** Names of the document's webhooks (described, not callable). */
  readonly webhooks: readonly string[];
  readonly unsupported: readonly UnsupportedShape[];
}

/** A shape the model cannot represent; `pointer` says where in the (bundled) document. */
export class SpecShapeError extends Error {
  constructor(readonly shapes: readonly UnsupportedShape[]) {
    super(shapes.map((s) => `${s.operationId}: ${s.reason} (at ${s.pointer})`).join('\n'));
    this.name = 'SpecShapeError';
  }
}

/** JSON media types: `application/json` and any `+json` suffix (RFC 6839). */
export function isJsonMediaType(mediaType: string): boolean {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json');
}

/** `example`, else the value of the first of `examples` (following a `$ref` to an Example). */
function firstExample(doc: Json, node: Json): unknown {
  if (node.example !== undefined) return node.example;
  const first = node.examples && typeof node.examples === 'object' ? Object.values<Json>(node.examples)[0] : undefined;
  const example = first === undefined ? undefined : resolve(doc, first).node;
  return example && typeof example === 'object' && 'value' in example ? example.value : undefined;
}

function mediaOf(doc: Json, content: Json | undefined, pointer: string): MediaModel[] {
  return Object.entries<Json>(content ?? {}).map(([mediaType, media]) => {
    const schema = media?.schema as Json | undefined;
    const schemaPointer = schema === undefined ? undefined
      : typeof schema.$ref === 'string' && schema.$ref.startsWith('#/') ? schema.$ref : `${pointer}/${escapePointer(mediaType)}/schema`;
    const example = firstExample(doc, media ?? {});
    return { mediaType, schema, schemaPointer, ...(example !== undefined ? { example } : {}) };
  });
}

function componentName(ref: unknown, kind: string): string | undefined {
  const prefix = `#/components/${kind}/`;
  return typeof ref === 'string' && ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}

/** The `type` property of an error body, looking through `allOf` members. */
function errorTypeProperty(doc: Json, schema: Json | undefined, depth = 0): Json | undefined {
  if (!schema || depth > 8) return undefined;
  const node = resolve(doc, schema).node;
  if (!node || typeof node !== 'object') return undefined;
  const type = node.properties?.type && resolve(doc, node.properties.type).node;
  if (type && (Array.isArray(type.enum) || type.const !== undefined)) return type;
  for (const member of node.allOf ?? []) {
    const found = errorTypeProperty(doc, member, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function errorSetId(operationId: string, status: number, raw: Json): string {
  return componentName(raw.$ref, 'responses') ?? `${operationId}.${status}`;
}

function errorSetOf(doc: Json, id: string, status: number, response: Json): ErrorSetModel {
  const [mediaType, media] = Object.entries<Json>(response.content ?? {}).find(([m]) => isJsonMediaType(m)) ?? Object.entries<Json>(response.content ?? {})[0] ?? ['', {}];
  const typeProperty = errorTypeProperty(doc, media?.schema);
  const values: unknown[] = typeProperty ? (Array.isArray(typeProperty.enum) ? typeProperty.enum : [typeProperty.const]) : [];
  const types: Record<string, ErrorTypeModel> = {};
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const retryable = typeProperty?.['x-retryable']?.[value];
    types[value] = {
      description: String(typeProperty?.['x-enumDescriptions']?.[value] ?? ''),
      retryable: typeof retryable === 'boolean' ? retryable : undefined,
    };
  }
  return {
    id,
    status,
    description: String(response.description ?? '').trim(),
    schema: componentName(media?.schema?.$ref, 'schemas') ?? '',
    mediaType,
    types,
  };
}

function parameterOf(doc: Json, raw: Json, at: string, unsupported: (pointer: string, reason: string) => void): ParameterModel | undefined {
  const { node: param, pointer } = resolve(doc, raw, at);
  if (!param || typeof param.name !== 'string' || !['path', 'query', 'header', 'cookie'].includes(param.in)) {
    unsupported(pointer, 'a parameter without a valid `name` and `in`');
    return undefined;
  }
  if (param.schema === undefined) {
    unsupported(pointer, `parameter \`${param.name}\` is described by \`content\`, not \`schema\``);
    return undefined;
  }
  const style = String(param.style ?? DEFAULT_STYLE[param.in]);
  const example = firstExample(doc, param);
  return {
    name: param.name,
    in: param.in,
    required: param.in === 'path' ? true : Boolean(param.required),
    style,
    explode: typeof param.explode === 'boolean' ? param.explode : style === 'form',
    allowReserved: Boolean(param.allowReserved),
    deprecated: Boolean(param.deprecated),
    schema: inlineRefs(doc, param.schema) as Json,
    pointer,
    ...(example !== undefined ? { example } : {}),
    idempotencyKey: param.in === 'header' && param['x-idempotency-key'] === true,
  };
}

/** What one model build reads once and shares: error sets, and component responses and parameters. */
interface Shared {
  readonly errorSets: Record<string, ErrorSetModel>;
  readonly responses: Map<string, ResponseModel>;
  readonly parameters: Map<string, ParameterModel | undefined>;
}

function operationOf(doc: Json, path: string, method: HttpMethod, pathItem: Json, shared: Shared): OperationModel {
  const { errorSets, responses: sharedResponses } = shared;
  const op: Json = pathItem[method];
  const pointer = `#/paths/${escapePointer(path)}/${method}`;
  const operationId = typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${path}`;
  const unsupported: UnsupportedShape[] = [];
  const flag = (at: string, reason: string) => unsupported.push({ operationId, pointer: at, reason });

  // Operation-level parameters override path-level ones with the same name and location.
  const byKey = new Map<string, ParameterModel>();
  const pathItemPointer = `#/paths/${escapePointer(path)}`;
  const read = (p: Json, at: string) => {
    // A component parameter is read once (a problem with it is flagged where it is first used).
    const ref = componentName(p?.$ref, 'parameters') === undefined ? undefined : (p.$ref as string);
    if (ref !== undefined && shared.parameters.has(ref)) return shared.parameters.get(ref);
    const model = parameterOf(doc, p, at, flag);
    if (ref !== undefined && model) shared.parameters.set(ref, model);
    return model;
  };
  (pathItem.parameters ?? []).forEach((p: Json, i: number) => {
    const model = read(p, `${pathItemPointer}/parameters/${i}`);
    if (model) byKey.set(`${model.in}:${model.in === 'header' ? model.name.toLowerCase() : model.name}`, model);
  });
  (op.parameters ?? []).forEach((p: Json, i: number) => {
    const model = read(p, `${pointer}/parameters/${i}`);
    if (model) byKey.set(`${model.in}:${model.in === 'header' ? model.name.toLowerCase() : model.name}`, model);
  });
  const parameters = [...byKey.values()];
  for (const name of path.match(/\{[^}]+\}/g) ?? []) {
    const bare = name.slice(1, -1);
    if (!parameters.some((p) => p.in === 'path' && p.name === bare)) flag(pointer, `path template variable ${name} has no path parameter`);
  }

  let requestBody: RequestBodyModel | null = null;
  if (op.requestBody) {
    const { node: body, pointer: bodyPointer } = resolve(doc, op.requestBody, `${pointer}/requestBody`);
    const content = mediaOf(doc, body?.content, `${bodyPointer}/content`);
    if (content.length > 0 && !content.some((m) => isJsonMediaType(m.mediaType))) {
      flag(`${bodyPointer}/content`, `request body media type ${content.map((m) => m.mediaType).join(', ')} is not supported (only JSON bodies are)`);
    }
    requestBody = { required: Boolean(body?.required), content, pointer: bodyPointer };
  }

  const responses: ResponseModel[] = [];
  const errors: Record<string, string> = {};
  for (const [status, raw] of Object.entries<Json>(op.responses ?? {})) {
    const at = `${pointer}/responses/${escapePointer(status)}`;
    const { node: response, pointer: responsePointer } = resolve(doc, raw, at);
    if (!response) {
      flag(at, `response ${status} cannot be resolved`);
      continue;
    }
    // A shared response (a component) is read once per status: most of a large spec's responses are.
    const sharedKey = componentName(raw.$ref, 'responses') === undefined ? undefined : `${status} ${raw.$ref}`;
    const known = sharedKey === undefined ? undefined : sharedResponses.get(sharedKey);
    if (known) {
      if (known.errorSet) errors[status] = known.errorSet;
      responses.push(known);
      continue;
    }
    const headers = Object.entries<Json>(response.headers ?? {}).map(([name, h]) => {
      const header = resolve(doc, h).node ?? {};
      return { name, required: Boolean(header.required), schema: inlineRefs(doc, header.schema ?? {}) as Json };
    });
    const links = Object.entries<Json>(response.links ?? {}).flatMap(([name, l]): LinkModel[] => {
      const link = resolve(doc, l).node ?? {};
      const target = typeof link.operationId === 'string' ? link.operationId : operationIdOfRef(doc, link.operationRef);
      return target ? [{ name, operationId: target, parameters: link.parameters ?? {} }] : [];
    });
    let errorSet: string | undefined;
    if (/^[45]\d\d$/.test(status)) {
      // A shared response is the same set wherever it is used; the first reading is kept.
      const id = errorSetId(operationId, Number(status), raw);
      errorSets[id] ??= errorSetOf(doc, id, Number(status), response);
      errorSet = id;
      errors[status] = id;
    }
    const model: ResponseModel = {
      status,
      description: String(response.description ?? ''),
      content: mediaOf(doc, response.content, `${responsePointer}/content`),
      headers,
      links,
      pointer: responsePointer,
      ...(errorSet ? { errorSet } : {}),
    };
    if (sharedKey !== undefined) sharedResponses.set(sharedKey, model);
    responses.push(model);
  }
  const statuses = responses.map((r) => r.status).filter((s) => /^\d{3}$/.test(s)).map(Number).sort((a, b) => a - b);
  const successStatus = statuses.find((s) => s >= 200 && s < 300);
  if (successStatus === undefined) flag(`${pointer}/responses`, 'documents no 2xx response');

  const pagination = op['x-pagination'] ?? null;
  if (pagination) {
    for (const key of ['cursorParam', 'cursorField', 'itemsField'] as const) {
      if (typeof pagination[key] !== 'string') flag(`${pointer}/x-pagination`, `x-pagination.${key} must be a string`);
    }
    if (typeof pagination.cursorParam === 'string' && !parameters.some((p) => p.name === pagination.cursorParam && p.in === 'query')) {
      flag(`${pointer}/x-pagination`, `x-pagination.cursorParam \`${pagination.cursorParam}\` is not a query parameter of the operation`);
    }
  }
  const idempotencyKey = parameters.find((p) => p.idempotencyKey);
  return {
    operationId,
    method,
    path,
    pointer,
    summary: String(op.summary ?? ''),
    tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
    deprecated: Boolean(op.deprecated),
    safe: SAFE_METHODS.has(method),
    idempotent: IDEMPOTENT_METHODS.has(method),
    idempotencyKeyHeader: idempotencyKey ? idempotencyKey.name : null,
    parameters,
    requestBody,
    responses,
    successStatus: successStatus ?? 0,
    statuses,
    errors,
    security: op.security ?? doc.security ?? [],
    pagination: pagination
      ? { cursorParam: pagination.cursorParam, cursorField: pagination.cursorField, itemsField: pagination.itemsField, ...(typeof pagination.limitParam === 'string' ? { limitParam: pagination.limitParam } : {}) }
      : null,
    unsupported,
  };
}

function operationIdOfRef(doc: Json, operationRef: unknown): string | undefined {
  if (typeof operationRef !== 'string' || !operationRef.startsWith('#/')) return undefined;
  const node = resolve(doc, { $ref: operationRef }).node;
  return typeof node?.operationId === 'string' ? node.operationId : undefined;
}

function securitySchemesOf(doc: Json): Record<string, SecuritySchemeModel> {
  const schemes: Record<string, SecuritySchemeModel> = {};
  for (const [name, raw] of Object.entries<Json>(doc.components?.securitySchemes ?? {})) {
    const scheme = resolve(doc, raw).node ?? {};
    schemes[name] = {
      name,
      type: String(scheme.type),
      ...(scheme.type === 'apiKey' ? { in: scheme.in, parameterName: scheme.name } : {}),
      ...(scheme.type === 'http' ? { scheme: String(scheme.scheme ?? '').toLowerCase() } : {}),
    };
  }
  return schemes;
}

/**
 * Builds the model of a bundled document (only local `$ref`s). Shapes it cannot represent are
 * listed in `unsupported` (per operation and in total); `strict` throws them as a SpecShapeError.
 */
export function buildSpecModel(document: Json, options: { strict?: boolean } = {}): SpecModel {
  return withPointerMemo(document, () => modelOf(document, options));
}

function modelOf(document: Json, options: { strict?: boolean }): SpecModel {
  const errorSets: Record<string, ErrorSetModel> = {};
  const shared: Shared = { errorSets, responses: new Map(), parameters: new Map() };
  const operations: OperationModel[] = [];
  const unsupported: UnsupportedShape[] = [];
  for (const [path, rawItem] of Object.entries<Json>(document.paths ?? {})) {
    const pathItem = resolve(document, rawItem, `#/paths/${escapePointer(path)}`).node ?? {};
    for (const method of HTTP_METHODS) {
      if (!pathItem[method]) continue;
      const operation = operationOf(document, path, method, pathItem, shared);
      operations.push(operation);
      unsupported.push(...operation.unsupported);
    }
  }
  const operationsById = new Map<string, OperationModel>();
  for (const operation of operations) {
    if (operationsById.has(operation.operationId)) {
      unsupported.push({ operationId: operation.operationId, pointer: operation.pointer, reason: `operationId \`${operation.operationId}\` is used twice` });
    }
    operationsById.set(operation.operationId, operation);
  }
  if (options.strict && unsupported.length > 0) throw new SpecShapeError(unsupported);
  const servers = (Array.isArray(document.servers) ? document.servers : []).map((s: Json) => String(s?.url ?? '')).filter(Boolean);
  return {
    document,
    title: String(document.info?.title ?? ''),
    version: String(document.info?.version ?? ''),
    servers,
    operations,
    operationsById,
    errorSets: Object.fromEntries(Object.entries(errorSets).sort(([, a], [, b]) => a.status - b.status || a.id.localeCompare(b.id))),
    securitySchemes: securitySchemesOf(document),
    resources: inferResources(document, operations),
    webhooks: Object.keys(document.webhooks ?? {}),
    unsupported,
  };
}

/** The error set an operation documents for a status, if any. */
export function errorSetFor(model: Pick<SpecModel, 'errorSets'>, operation: Pick<OperationModel, 'errors'>, status: number): ErrorSetModel | undefined {
  const id = operation.errors[String(status)];
  return id === undefined ? undefined : model.errorSets[id];
}

/** The response an operation documents for a status: exact, then `4XX`-style range, then `default`. */
export function responseFor(operation: Pick<OperationModel, 'responses'>, status: number): ResponseModel | undefined {
  return operation.responses.find((r) => r.status === String(status))
    ?? operation.responses.find((r) => r.status.toUpperCase() === `${String(status)[0]}XX`)
    ?? operation.responses.find((r) => r.status === 'default');
}
