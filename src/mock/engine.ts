// The mock as a function of the request: route, authenticate, validate, then answer from state
// (resources), from fixtures, from examples or from generated data. No sockets here; everything
// after the body has been read is synchronous, so one request's read-modify-write is atomic.
// Knows no name of any spec: operations, parameters, resources and error types come from the
// spec model, and the data from the fixtures file.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { errorSetFor, isJsonMediaType, responseFor, type OperationModel, type ParameterModel, type SpecModel } from '../spec/model.js';
import { getPointer, resolve, type Json } from '../spec/pointer.js';
import type { ResourceModel } from '../spec/resources.js';
import { headerValue } from '../client/serialize.js';
import { decodeParameter, specValidator, type SchemaCheck, type SchemaIssue, type SpecValidator } from '../spec/validator.js';
import { Answers, declaredProperties, exampleOf, type Reply } from './answers.js';
import { CursorCodec } from './cursor.js';
import { expandTemplate, type MockFixtures, type RecordTemplate, type Situation } from './fixtures.js';
import { readPreference, type Fault, type Preference } from './prefer.js';
import { Router } from './routes.js';
import { sampleValue } from './schemas.js';
import { CapacityError, Part, State, Store, storedRecord, type StoredRecord } from './store.js';

export interface EngineOptions {
  readonly model: SpecModel;
  readonly fixtures: MockFixtures;
  readonly seed: number;
  /** Keys accepted by `apiKey` security schemes. */
  readonly apiKeys: readonly string[];
  /** When set, the only token accepted by `http bearer` (and OAuth2/OpenID) schemes. */
  readonly bearerToken?: string;
  /** When set, the only `user:password` accepted by `http basic` schemes. */
  readonly basicCredentials?: string;
  readonly maxRecords: number;
  readonly cacheBytes: number;
  /** Latency added to every reply, in ms (a `Prefer: delay=…` overrides it). */
  readonly delayMs: number;
  readonly basePath: string;
}

export interface EngineRequest {
  readonly method: string;
  /** Path and query, as on the request line. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  readonly body?: Buffer | undefined;
}

export interface EngineReply extends Reply {
  /** The encoded body, when cached. */
  readonly bytes?: Buffer;
  readonly fault?: Fault;
  readonly delayMs?: number;
  /** A `Prefer` the mock refused (400): not reported in Preference-Applied. */
  readonly preferenceRefused?: boolean;
}

/** An operation the mock cannot serve, and why. */
export interface NotServed {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly reason: string;
}

/** The seed breaks the spec: names the fixtures record and field. */
export class MockSeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MockSeedError';
  }
}

type Role = 'list' | 'create' | 'read' | 'update' | 'delete';

interface ParameterPlan {
  readonly model: ParameterModel;
  readonly check: SchemaCheck | undefined;
}

interface OperationPlan {
  readonly op: OperationModel;
  readonly params: readonly ParameterPlan[];
  readonly body: { readonly required: boolean; readonly media: ReadonlyArray<{ mediaType: string; check: SchemaCheck | undefined }> } | null;
  readonly notServed: string | undefined;
  readonly collection: CollectionPlan | undefined;
  readonly role: Role | undefined;
  /** Answers depend on nothing but the target and the credential (cacheable). */
  readonly cacheable: boolean;
}

interface CollectionPlan {
  readonly name: string;
  readonly idField: string;
  readonly idParam: string | undefined;
  readonly itemPath: string | undefined;
  readonly order: 'newest-first' | 'oldest-first';
  readonly itemPointer: string | undefined;
  readonly itemCheck: SchemaCheck | undefined;
  readonly itemFields: ReadonlySet<string>;
  readonly idPrefix: string;
  readonly idCheck: SchemaCheck | undefined;
  readonly list: OperationModel | undefined;
  readonly read: OperationModel | undefined;
  /** List query parameters that filter by an item field: parameter → field. */
  readonly filters: ReadonlyMap<string, string>;
  readonly page: PageTemplate | undefined;
  /** The fixtures' template for new records, if any. */
  readonly template: RecordTemplate | undefined;
}

/** A list response with the items and cursor cut out: `head + items + middle + cursor + tail`. */
interface PageTemplate {
  readonly withCursor: readonly [string, string, string];
  /** Set when the last page leaves the cursor out; otherwise it carries null. */
  readonly withoutCursor: readonly [string, string] | undefined;
  /** Response is a bare JSON array of items. */
  readonly bare: boolean;
}

interface Decoded {
  readonly values: Map<string, unknown>;
  readonly problems: string[];
}

const JSON_TYPE = 'application/json';
const ITEMS_MARK = '@@mock:items@@';
const CURSOR_MARK = '@@mock:cursor@@';
const DEFAULT_PAGE_SIZE = 100;
const GENERATED_ITEMS = 5;
const MAX_IDEMPOTENT_REPLIES = 10_000;
const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function hashNumber(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function issueText(issues: readonly SchemaIssue[], subject: string): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${subject}${issue.pointer} ${issue.message}`)
    .join('; ');
}

/** The pointer of a schema's member (`properties/<name>`, `items`), following `$ref`s. */
function memberPointer(document: Json, pointer: string | undefined, ...path: string[]): string | undefined {
  let at = pointer;
  for (const step of path) {
    if (at === undefined) return undefined;
    const { node, pointer: resolved } = resolve(document, getPointer(document, at), at);
    if (!node || typeof node !== 'object') return undefined;
    const base = resolved || at;
    if (step === 'items') at = node.items !== undefined ? `${base}/items` : undefined;
    else at = node.properties?.[step] !== undefined ? `${base}/properties/${step.replace(/~/g, '~0').replace(/\//g, '~1')}` : undefined;
  }
  return at;
}

function successMedia(op: OperationModel | undefined, document?: Json): { mediaType: string; schemaPointer: string | undefined; example?: unknown } | undefined {
  if (!op) return undefined;
  const response = responseFor(op, op.successStatus);
  const media = response?.content.find((m) => isJsonMediaType(m.mediaType)) ?? response?.content[0];
  if (!media || !response || !document) return media;
  const example = exampleOf(document, response.pointer, media);
  return example === undefined ? media : { ...media, example };
}

export class MockEngine {
  readonly notServed: NotServed[] = [];
  readonly warnings: string[] = [];
  readonly #options: EngineOptions;
  readonly #model: SpecModel;
  readonly #document: Json;
  readonly #validator: SpecValidator;
  readonly #router = new Router<OperationPlan>();
  readonly #answers: Answers;
  readonly #cursors: CursorCodec;
  readonly #store: Store;
  readonly #collections = new Map<string, CollectionPlan>();
  readonly #knownPartitions = new Set<string>();
  readonly #examples = new Map<string, EngineReply>();
  readonly #sampleCache = new Map<string, unknown>();
  readonly #seed: number;

  constructor(options: EngineOptions) {
    this.#options = options;
    this.#model = options.model;
    this.#document = options.model.document;
    this.#seed = options.seed;
    this.#validator = specValidator(options.model);
    this.#cursors = new CursorCodec(options.seed);
    this.#store = new Store({ maxRecords: options.maxRecords, cacheBytes: options.cacheBytes });
    this.#answers = new Answers({
      model: this.#model,
      answers: options.fixtures.answers,
      check: (pointer) => this.#check(pointer),
      sample: (pointer, seed) => this.#sample(pointer, seed),
      headersFor: (op, status) => this.#headersFor(op, status),
    });
    for (const set of options.fixtures.collections.values()) for (const data of set.data) if (data.partition !== '') this.#knownPartitions.add(data.partition);

    const roles = new Map<string, { resource: ResourceModel; role: Role }>();
    for (const resource of this.#model.resources) {
      for (const role of ['list', 'create', 'read', 'delete'] as const) {
        const id = resource[role];
        if (id) roles.set(id, { resource, role });
      }
      for (const id of resource.update) roles.set(id, { resource, role: 'update' });
    }
    for (const resource of this.#model.resources) this.#collections.set(resource.name, this.#resourceCollection(resource));
    // A paginated list that belongs to no resource is a read-only collection of its own.
    for (const op of this.#model.operations) {
      if (op.pagination && !roles.has(op.operationId)) this.#collections.set(op.operationId, this.#listCollection(op));
    }
    for (const op of this.#model.operations) {
      const owner = roles.get(op.operationId);
      const collection = owner ? this.#collections.get(owner.resource.name) : op.pagination ? this.#collections.get(op.operationId) : undefined;
      const plan = this.#plan(op, collection, owner?.role ?? (collection ? 'list' : undefined));
      this.#router.add(op.method, op.path, plan);
      if (plan.notServed) this.notServed.push({ operationId: op.operationId, method: op.method.toUpperCase(), path: op.path, reason: plan.notServed });
    }
    for (const name of options.fixtures.collections.keys()) {
      if (!this.#collectionFor(name)) this.warnings.push(`fixtures: collection ${JSON.stringify(name)} is neither a resource nor a list operation of the spec; its data is not served`);
    }
    for (const collection of this.#collections.values()) this.#seedCollection(collection);
  }

  get store(): Store {
    return this.#store;
  }

  /** Forgets everything written: every credential starts from the seed again. */
  reset(): void {
    this.#store.reset();
  }

  /** Labels of the fixtures' data sets → partition value (e.g. `small` → an account id). */
  labels(): Record<string, string> {
    const labels: Record<string, string> = {};
    for (const set of this.#options.fixtures.collections.values()) for (const data of set.data) if (data.label) labels[data.label] = data.partition;
    return labels;
  }

  // ---- start-up --------------------------------------------------------------------------------

  #check(pointer: string): SchemaCheck {
    return this.#validator.schemaAt(pointer);
  }

  /** A generated value; cached unless `once` (values made per request would fill the cache). */
  #sample(pointer: string, seed: number, once = false): unknown {
    if (once) return sampleValue(this.#document, pointer, this.#seed ^ seed, this.#check(pointer));
    const key = `${pointer}\0${seed}`;
    if (!this.#sampleCache.has(key)) this.#sampleCache.set(key, sampleValue(this.#document, pointer, this.#seed ^ seed, this.#check(pointer)));
    return structuredClone(this.#sampleCache.get(key));
  }

  #collectionFor(name: string): CollectionPlan | undefined {
    const direct = this.#collections.get(name);
    if (direct) return direct;
    for (const resource of this.#model.resources) {
      if ([resource.list, resource.create, resource.read, resource.delete, ...resource.update].includes(name)) return this.#collections.get(resource.name);
    }
    return undefined;
  }

  #fixturesFor(collection: CollectionPlan, resource?: ResourceModel) {
    const names = [collection.name, ...(resource ? [resource.list, resource.create, resource.read, resource.delete, ...resource.update] : [])];
    for (const name of names) {
      const found = name && this.#options.fixtures.collections.get(name);
      if (found) return found;
    }
    return undefined;
  }

  #resourceCollection(resource: ResourceModel): CollectionPlan {
    const byId = (id: string | undefined) => (id ? this.#model.operationsById.get(id) : undefined);
    const read = byId(resource.read);
    const list = byId(resource.list);
    const create = byId(resource.create);
    const itemPointer =
      successMedia(read)?.schemaPointer ??
      successMedia(create)?.schemaPointer ??
      (list ? this.#listItemsPointer(list) : undefined);
    return this.#collectionPlan(resource.name, resource.idField, resource.idParam, resource.itemPath, itemPointer, list, read, resource);
  }

  #listItemsPointer(list: OperationModel): string | undefined {
    const pointer = successMedia(list)?.schemaPointer;
    if (!pointer) return undefined;
    return list.pagination ? memberPointer(this.#document, pointer, list.pagination.itemsField, 'items') : memberPointer(this.#document, pointer, 'items');
  }

  #listCollection(op: OperationModel): CollectionPlan {
    return this.#collectionPlan(op.operationId, 'id', undefined, undefined, this.#listItemsPointer(op), op, undefined, undefined);
  }

  #collectionPlan(
    name: string,
    idField: string,
    idParam: string | undefined,
    itemPath: string | undefined,
    itemPointer: string | undefined,
    list: OperationModel | undefined,
    read: OperationModel | undefined,
    resource: ResourceModel | undefined,
  ): CollectionPlan {
    const itemFields = itemPointer ? declaredProperties(this.#document, getPointer(this.#document, itemPointer)) : new Set<string>();
    const idPointer = memberPointer(this.#document, itemPointer, idField);
    const filters = new Map<string, string>();
    for (const p of list?.parameters ?? []) {
      if (p.in !== 'query' || p.name === list?.pagination?.cursorParam || p.name === list?.pagination?.limitParam) continue;
      if (p.name === this.#options.fixtures.partitionBy) continue;
      const field = itemFields.has(p.name) ? p.name : p.name.endsWith('s') && itemFields.has(p.name.slice(0, -1)) ? p.name.slice(0, -1) : undefined;
      if (field) filters.set(p.name, field);
    }
    const idSchema = idPointer ? resolve(this.#document, getPointer(this.#document, idPointer)).node : undefined;
    const patternPrefix = typeof idSchema?.pattern === 'string' ? /^\^([A-Za-z0-9]+[_-])/.exec(idSchema.pattern)?.[1] : undefined;
    const plan: CollectionPlan = {
      name,
      idField,
      idParam,
      itemPath,
      order: 'oldest-first',
      itemPointer,
      itemCheck: itemPointer ? this.#check(itemPointer) : undefined,
      itemFields,
      idPrefix: patternPrefix ?? '',
      idCheck: idPointer ? this.#check(idPointer) : undefined,
      list,
      read,
      filters,
      page: list ? this.#pageTemplate(list) : undefined,
      template: undefined,
    };
    const fixtures = this.#fixturesFor(plan, resource);
    return fixtures ? { ...plan, order: fixtures.order, template: fixtures.template } : plan;
  }

  #pageTemplate(list: OperationModel): PageTemplate | undefined {
    const media = successMedia(list, this.#document);
    if (!media?.schemaPointer || !isJsonMediaType(media.mediaType)) return undefined;
    const schema = resolve(this.#document, getPointer(this.#document, media.schemaPointer)).node;
    if (!list.pagination) {
      if (schema?.type === 'array') return { withCursor: ['', '', ''], withoutCursor: ['', ''], bare: true };
      return undefined;
    }
    const { itemsField, cursorField } = list.pagination;
    let base = media.example;
    if (!base || typeof base !== 'object' || Array.isArray(base)) base = this.#sample(media.schemaPointer, 1);
    if (!base || typeof base !== 'object' || Array.isArray(base)) return undefined;
    const envelope: Json = { ...(base as Json) };
    const cursorPointer = memberPointer(this.#document, media.schemaPointer, cursorField);
    const nullCursor = cursorPointer ? this.#check(cursorPointer)(null).length === 0 : false;
    envelope[itemsField] = ITEMS_MARK;
    envelope[cursorField] = CURSOR_MARK;
    const [head = '', rest = ''] = JSON.stringify(envelope).split(`"${ITEMS_MARK}"`);
    const [middle = '', tail = ''] = rest.split(`"${CURSOR_MARK}"`);
    delete envelope[cursorField];
    const [headless = '', restless = ''] = JSON.stringify(envelope).split(`"${ITEMS_MARK}"`);
    const required = this.#requiredFields(media.schemaPointer);
    const withoutCursor = !nullCursor && !required.has(cursorField) ? ([headless, restless] as const) : undefined;
    // Check the shape once: an empty last page must satisfy the schema.
    // The last page is checked as it is served: without its cursor, or with null.
    const empty = withoutCursor ? `${withoutCursor[0]}[]${withoutCursor[1]}` : `${head}[]${middle}null${tail}`;
    const issues = this.#check(media.schemaPointer)(JSON.parse(empty));
    if (issues.length > 0) this.warnings.push(`${list.operationId}: a page built from the ${media.example ? 'example' : 'schema'} does not validate (${issueText(issues, '')}); pages are served anyway`);
    return { withCursor: [head, middle, tail], withoutCursor, bare: false };
  }

  #requiredFields(pointer: string): Set<string> {
    const node = resolve(this.#document, getPointer(this.#document, pointer)).node;
    const required = new Set<string>(Array.isArray(node?.required) ? node.required : []);
    for (const member of node?.allOf ?? []) for (const name of resolve(this.#document, member).node?.required ?? []) required.add(name);
    return required;
  }

  #plan(op: OperationModel, collection: CollectionPlan | undefined, role: Role | undefined): OperationPlan {
    const reasons = op.unsupported.map((u) => u.reason);
    const params: ParameterPlan[] = op.parameters.map((model) => {
      const types = schemaTypes(model.schema);
      if (types.includes('object')) {
        this.warnings.push(`${op.operationId}: parameter ${model.name} (${model.in}) is an object; the mock does not validate it`);
        return { model, check: undefined };
      }
      const check = this.#check(`${model.pointer}/schema`);
      this.#validator.compileAt(`${model.pointer}/schema`);
      return { model, check };
    });
    let body: OperationPlan['body'] = null;
    if (op.requestBody) {
      const media = op.requestBody.content.map((m) => {
        const json = isJsonMediaType(m.mediaType);
        if (json && m.schemaPointer) this.#validator.compileAt(m.schemaPointer);
        return { mediaType: m.mediaType, check: json && m.schemaPointer ? this.#check(m.schemaPointer) : undefined };
      });
      body = { required: op.requestBody.required, media };
    }
    if (role === 'list' && collection && !collection.page && collection.list === op) reasons.push('its list response is neither an array nor a paginated object');
    return {
      op,
      params,
      body,
      notServed: reasons.length > 0 ? [...new Set(reasons)].join('; ') : undefined,
      collection,
      role,
      cacheable: op.safe && op.parameters.every((p) => p.in === 'query' || p.in === 'path'),
    };
  }

  #seedCollection(collection: CollectionPlan): void {
    const resource = this.#model.resources.find((r) => r.name === collection.name);
    const fixtures = this.#fixturesFor(collection, resource);
    const file = this.#options.fixtures.file ?? 'fixtures';
    const listed = new Set<string>();
    for (const data of fixtures?.data ?? []) {
      const records: Array<Record<string, unknown>> = [];
      const ids = new Set<string>();
      data.records.forEach((record, index) => {
        const origin = `${file}: ${data.origins[index]}`;
        if (!record || typeof record !== 'object' || Array.isArray(record)) throw new MockSeedError(`${origin}: a record must be an object`);
        const issues = collection.itemCheck?.(record) ?? [];
        if (issues.length > 0) {
          const issue = issues[0]!;
          throw new MockSeedError(`${origin}: field ${issue.pointer || '(the record)'} ${issue.message}${issue.actual !== undefined ? ` (got ${JSON.stringify(issue.actual)})` : ''}, against ${issue.schemaPointer}`);
        }
        const id = (record as Json)[collection.idField];
        if (id === undefined || id === null) throw new MockSeedError(`${origin}: field /${collection.idField} (the id) is missing`);
        if (ids.has(String(id))) throw new MockSeedError(`${origin}: field /${collection.idField} repeats the id ${JSON.stringify(id)} of an earlier record`);
        ids.add(String(id));
        records.push(record as Record<string, unknown>);
      });
      this.#store.setSeed(collection.name, data.partition, this.#part(collection, records));
      listed.add(data.partition);
    }
    if (fixtures && listed.size > 0 && !this.#options.fixtures.knownPartitionsOnly) return;
    // No data: the list's documented example, else generated items, for each known partition.
    const fallback = this.#part(collection, this.#defaultRecords(collection));
    const partitions = this.#knownPartitions.size > 0 && this.#usesPartition(collection) ? [...this.#knownPartitions] : [''];
    for (const partition of partitions) if (!listed.has(partition)) this.#store.setSeed(collection.name, partition, fallback);
  }

  #usesPartition(collection: CollectionPlan): boolean {
    const by = this.#options.fixtures.partitionBy;
    return by !== undefined && [collection.list, collection.read].some((op) => op?.parameters.some((p) => p.name === by));
  }

  #defaultRecords(collection: CollectionPlan): Array<Record<string, unknown>> {
    const example = successMedia(collection.list, this.#document)?.example;
    const fromExample = collection.list?.pagination ? (example as Json | undefined)?.[collection.list.pagination.itemsField] : example;
    const candidates: unknown[] = Array.isArray(fromExample) ? fromExample : [];
    if (candidates.length === 0 && collection.itemPointer) {
      for (let i = 0; i < GENERATED_ITEMS; i++) {
        const item = this.#sample(collection.itemPointer, hashNumber(`${collection.name}\0${i}`));
        if (item && typeof item === 'object' && !Array.isArray(item)) {
          if (collection.itemFields.has(collection.idField)) (item as Json)[collection.idField] = this.#newId(collection, `seed\0${i}`, new Set());
          candidates.push(item);
        }
      }
    }
    const ids = new Set<string>();
    return candidates.filter((item): item is Record<string, unknown> => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) return false;
      const id = String((item as Json)[collection.idField] ?? '');
      if (ids.has(id) || (collection.itemCheck?.(item).length ?? 0) > 0) return false;
      ids.add(id);
      return true;
    });
  }

  #part(collection: CollectionPlan, records: ReadonlyArray<Record<string, unknown>>): Part {
    const count = records.length;
    const stored = records.map((value, index) => storedRecord(collection.order === 'newest-first' ? count - index : index + 1, String(value[collection.idField] ?? index), value));
    stored.sort((a, b) => a.seq - b.seq);
    return new Part(stored, count + 1);
  }

  /** A new id for `collection`: the seed ids' or pattern's prefix and hashed characters, valid for the id schema. */
  #newId(collection: CollectionPlan, key: string, taken: { has(id: string): boolean }): string | number {
    const idPointer = memberPointer(this.#document, collection.itemPointer, collection.idField);
    const idSchema = idPointer ? resolve(this.#document, getPointer(this.#document, idPointer)).node : undefined;
    const types = idSchema ? schemaTypes(idSchema) : ['string'];
    for (let attempt = 0; attempt < 20; attempt++) {
      let candidate: unknown;
      if (types.includes('integer') || (types.includes('number') && !types.includes('string'))) {
        candidate = (hashNumber(`${key}\0${attempt}`) % 2_000_000_000) + 1;
      } else if (attempt < 10) {
        const digest = createHash('sha256').update(`${this.#seed}\0${key}\0${attempt}`).digest();
        let token = '';
        for (const byte of digest) token += ID_ALPHABET[byte % 32];
        const max = typeof idSchema?.maxLength === 'number' ? idSchema.maxLength : 64;
        const min = typeof idSchema?.minLength === 'number' ? idSchema.minLength : 1;
        const prefix = collection.idPrefix || this.#seedPrefix(collection);
        candidate = (prefix + token.slice(0, Math.max(min, Math.min(26, max - prefix.length)))).slice(0, max);
      } else if (idPointer) {
        candidate = this.#sample(idPointer, hashNumber(`${key}\0${attempt}`), true);
      }
      if (candidate === undefined || taken.has(String(candidate))) continue;
      if (!collection.idCheck || collection.idCheck(candidate).length === 0) return typeof candidate === 'number' ? candidate : String(candidate);
    }
    throw new Error(`cannot make an id valid for ${idPointer ?? collection.idField}`);
  }

  #seedPrefix(collection: CollectionPlan): string {
    for (const partition of this.#store.seedPartitions(collection.name)) {
      const first = this.#store.seed(collection.name, partition)?.records[0]?.id;
      const match = first ? /^([A-Za-z]+[_-])/.exec(first) : null;
      if (match) return match[1]!;
    }
    return '';
  }

  // ---- requests --------------------------------------------------------------------------------

  respond(request: EngineRequest): EngineReply {
    const { method, target, headers } = request;
    const mark = target.indexOf('?');
    const fullPath = mark === -1 ? target : target.slice(0, mark);
    const base = this.#options.basePath;
    if (base !== '' && fullPath !== base && !fullPath.startsWith(`${base}/`)) return this.#noRoute(fullPath);
    const path = fullPath.slice(base.length) || '/';
    const found = this.#router.find(method, path);
    if (!found.match) {
      if (found.allow) {
        const allow = found.allow.join(', ');
        return this.#answers.outside(405, `${fullPath} accepts ${allow} only.`, { allow });
      }
      return this.#noRoute(fullPath);
    }
    const plan = found.match.value;
    const preference = readPreference(headers['prefer']);
    const delayMs = preference.delayMs ?? (this.#options.delayMs > 0 ? this.#options.delayMs : undefined);
    const extras = { ...(preference.fault ? { fault: preference.fault } : {}), ...(delayMs !== undefined ? { delayMs } : {}) };

    const auth = this.#authenticate(plan.op, headers, mark === -1 ? '' : target.slice(mark + 1));
    if (typeof auth !== 'string') return { ...this.#situation(plan.op, auth.situation, auth.detail), ...extras };
    const state = this.#store.state(auth);

    const cacheKey = plan.cacheable && headers['prefer'] === undefined ? target : undefined;
    if (cacheKey !== undefined) {
      const cached = state.replies.get(cacheKey);
      if (cached) return delayMs !== undefined ? { ...cached, delayMs } : cached;
    }
    let reply = this.#handle(plan, found.match.pathParams, mark === -1 ? '' : target.slice(mark + 1), request, preference, state);
    if (preference.applied.length > 0 && preference.problems.length === 0 && !reply.preferenceRefused) {
      reply = { ...reply, headers: { ...reply.headers, 'preference-applied': preference.applied.join(', ') } };
    } else if (cacheKey !== undefined && reply.status < 300) {
      const bytes = reply.bytes ?? Buffer.from(reply.body);
      const entry = { status: reply.status, headers: reply.headers, body: reply.body, bytes };
      this.#store.chargeCache(bytes.length * 2 + cacheKey.length * 2);
      state.replies.set(cacheKey, entry);
      state.repliesBytes += bytes.length * 2 + cacheKey.length * 2;
      reply = entry;
    }
    return { ...reply, ...extras };
  }

  /** The documented 500 of the operation at `target` (a generic problem elsewhere), for a failure outside the engine. */
  failure(method: string, target: string, detail: string): Reply {
    const mark = target.indexOf('?');
    const path = (mark === -1 ? target : target.slice(0, mark)).slice(this.#options.basePath.length) || '/';
    const op = this.#router.find(method, path).match?.value.op;
    return op ? this.#situation(op, 'failure', detail) : this.#answers.outside(500, detail);
  }

  #noRoute(path: string): EngineReply {
    const known = this.#router.routes.slice(0, 20).map((r) => `${r.method} ${this.#options.basePath}${r.template}`);
    const more = this.#router.routes.length > 20 ? ` and ${this.#router.routes.length - 20} more` : '';
    return this.#answers.outside(404, `No operation at ${path}. This mock serves ${known.join(', ')}${more}.`);
  }

  #refusePreference(op: OperationModel, detail: string): EngineReply {
    return { ...this.#situation(op, 'invalid-request', detail), preferenceRefused: true };
  }

  #situation(op: OperationModel, situation: Situation, detail: string): Reply {
    const { status, type } = this.#answers.choose(op, situation);
    return this.#answers.error(op, status, type, detail);
  }

  /** The credential a request authenticates with, or why it does not. */
  #authenticate(op: OperationModel, headers: IncomingHttpHeaders, query: string): string | { situation: Situation; detail: string } {
    if (op.security.length === 0) return '';
    let missing = true;
    const failures: string[] = [];
    let params: URLSearchParams | undefined;
    for (const requirement of op.security) {
      const names = Object.keys(requirement);
      if (names.length === 0) return '';
      const parts: string[] = [];
      let ok = true;
      for (const name of names) {
        const scheme = this.#model.securitySchemes[name];
        if (!scheme) continue;
        let value: string | undefined;
        if (scheme.type === 'apiKey') {
          const key = scheme.parameterName ?? '';
          if (scheme.in === 'query') value = (params ??= new URLSearchParams(query)).get(key) ?? undefined;
          else if (scheme.in === 'cookie') value = readCookie(headers['cookie'], key);
          else value = firstHeader(headers[key.toLowerCase()]);
          if (value === undefined || value.trim() === '') {
            failures.push(`Send your API key in the ${scheme.in ?? 'header'} ${key}.`);
            ok = false;
            break;
          }
          missing = false;
          if (!this.#options.apiKeys.includes(value)) {
            failures.push(`The ${key} is not valid.`);
            ok = false;
            break;
          }
          parts.push(`${name}:${value}`);
        } else if (scheme.type === 'http' || scheme.type === 'oauth2' || scheme.type === 'openIdConnect') {
          const expected = scheme.type === 'http' ? scheme.scheme ?? 'bearer' : 'bearer';
          const header = firstHeader(headers['authorization']);
          if (header === undefined || header.trim() === '') {
            failures.push(`Send an Authorization: ${expected[0]!.toUpperCase()}${expected.slice(1)} … header.`);
            ok = false;
            break;
          }
          missing = false;
          const space = header.indexOf(' ');
          const given = space === -1 ? header : header.slice(0, space);
          const token = space === -1 ? '' : header.slice(space + 1).trim();
          let valid = given.toLowerCase() === expected && token !== '';
          if (valid && expected === 'bearer' && this.#options.bearerToken !== undefined) valid = token === this.#options.bearerToken;
          if (valid && expected === 'basic') {
            const decoded = Buffer.from(token, 'base64').toString('utf8');
            valid = decoded.includes(':') && (this.#options.basicCredentials === undefined || decoded === this.#options.basicCredentials);
          }
          if (!valid) {
            failures.push('The Authorization header is not valid.');
            ok = false;
            break;
          }
          parts.push(`${name}:${token}`);
        } else {
          parts.push(name);
        }
      }
      if (ok) return parts.join('\0');
    }
    return { situation: missing ? 'missing-credentials' : 'invalid-credentials', detail: failures[0] ?? 'Credentials are required.' };
  }

  #decode(plan: OperationPlan, pathParams: Readonly<Record<string, string>>, query: string, headers: IncomingHttpHeaders): Decoded {
    const values = new Map<string, unknown>();
    const problems: string[] = [];
    let search: URLSearchParams | undefined;
    for (const { model, check } of plan.params) {
      let raw: string | string[] | undefined;
      if (model.in === 'path') raw = stripPathStyle(pathParams[model.name], model);
      else if (model.in === 'query') {
        search ??= new URLSearchParams(query);
        const all = search.getAll(model.name);
        raw = all.length === 0 ? undefined : all.length === 1 ? all[0] : all;
        if (Array.isArray(raw) && !(model.explode && model.style === 'form' && schemaTypes(model.schema).includes('array'))) {
          problems.push(`\`${model.name}\` is given ${raw.length} times; give it once`);
          continue;
        }
      } else if (model.in === 'header') {
        const value = headers[model.name.toLowerCase()];
        raw = Array.isArray(value) ? value.join(', ') : value;
      } else raw = readCookie(headers['cookie'], model.name);
      if (raw === undefined) {
        if (model.required) problems.push(`\`${model.name}\` (${model.in}) is required`);
        else if (model.schema.default !== undefined) values.set(model.name, model.schema.default);
        continue;
      }
      const value = check ? decodeParameter(model, raw) : raw;
      const issues = check ? check(value) : [];
      if (issues.length > 0) {
        problems.push(`\`${model.name}\` (${model.in}) ${issues[0]!.message}${issues[0]!.pointer ? ` at ${issues[0]!.pointer}` : ''}, got ${JSON.stringify(raw)}`);
      } else values.set(model.name, value);
    }
    return { values, problems };
  }

  #readBody(plan: OperationPlan, request: EngineRequest): { ok: true; value: unknown } | { ok: false; detail: string; status?: number } {
    const spec = plan.body;
    const raw = request.body;
    if (!spec) return { ok: true, value: undefined };
    if (!raw || raw.length === 0) {
      return spec.required ? { ok: false, detail: 'The request body is required.' } : { ok: true, value: undefined };
    }
    const contentType = (firstHeader(request.headers['content-type']) ?? '').split(';')[0]!.trim().toLowerCase();
    const media = spec.media.find((m) => mediaMatches(m.mediaType, contentType));
    if (!media) {
      return { ok: false, status: 415, detail: `Content-Type ${contentType || '(none)'} is not accepted; send ${spec.media.map((m) => m.mediaType).join(' or ')}.` };
    }
    if (!isJsonMediaType(media.mediaType)) return { ok: true, value: raw.toString('utf8') };
    let value: unknown;
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      return { ok: false, detail: `The request body is not JSON: ${(error as Error).message}.` };
    }
    const issues = media.check?.(value) ?? [];
    if (issues.length > 0) return { ok: false, detail: `Invalid request body: ${issueText(issues, 'body')}.` };
    return { ok: true, value };
  }

  #handle(plan: OperationPlan, pathParams: Readonly<Record<string, string>>, query: string, request: EngineRequest, preference: Preference, state: State): EngineReply {
    const { op } = plan;
    if (preference.problems.length > 0) return this.#situation(op, 'invalid-request', `${preference.problems.join('; ')}.`);
    const asUsual = preference.code === String(op.successStatus) && preference.type === undefined && preference.example === undefined;
    if ((preference.code !== undefined || preference.type !== undefined) && !asUsual) return this.#preferred(op, preference);
    if (plan.notServed) return this.#situation(op, 'not-served', `The mock cannot serve ${op.operationId}: ${plan.notServed}.`);

    const decoded = this.#decode(plan, pathParams, query, request.headers);
    if (decoded.problems.length > 0) {
      const noun = decoded.problems.length === 1 ? 'parameter' : 'parameters';
      return this.#situation(op, 'invalid-request', `Invalid ${noun}: ${decoded.problems.join('; ')}.`);
    }
    const body = this.#readBody(plan, request);
    if (!body.ok) {
      if (body.status === 415) {
        const { status, type } = op.statuses.includes(415) ? { status: 415, type: this.#answers.firstType(op, 415) } : this.#answers.choose(op, 'invalid-request');
        return this.#answers.error(op, status, type, body.detail);
      }
      return this.#situation(op, 'invalid-request', body.detail);
    }

    const by = this.#options.fixtures.partitionBy;
    let partition = '';
    if (by !== undefined) {
      const fromParams = decoded.values.get(by);
      const fromBody = body.value && typeof body.value === 'object' ? (body.value as Json)[by] : undefined;
      const value = fromParams ?? fromBody;
      if (value !== undefined) {
        partition = String(value);
        if (this.#options.fixtures.knownPartitionsOnly && !this.#knownPartitions.has(partition)) {
          return this.#situation(op, 'unknown-partition', `No ${by} ${JSON.stringify(partition)} for these credentials. The mock knows ${[...this.#knownPartitions].join(', ')}.`);
        }
      }
    }
    const idempotencyKey = op.idempotencyKeyHeader ? firstHeader(request.headers[op.idempotencyKeyHeader.toLowerCase()]) : undefined;
    const replayKey = idempotencyKey !== undefined ? `${op.operationId}\0${idempotencyKey}` : undefined;
    const fingerprint = replayKey ? createHash('sha256').update(request.body ?? '').update(`\0${query}`).digest('base64') : '';
    if (replayKey) {
      const earlier = state.idempotent.get(replayKey);
      if (earlier) {
        if (earlier.fingerprint === fingerprint) return { status: earlier.status, headers: { ...earlier.headers, 'idempotent-replayed': 'true' }, body: earlier.body };
        return this.#situation(op, 'invalid-request', `The ${op.idempotencyKeyHeader} ${JSON.stringify(idempotencyKey)} was used for a different request; use a new key.`);
      }
    }
    let reply: EngineReply;
    try {
      const mergePatch = (firstHeader(request.headers['content-type']) ?? '').toLowerCase().includes('merge-patch');
      reply = this.#dispatch(plan, decoded, partition, body.value, preference, state, mergePatch);
    } catch (error) {
      if (error instanceof CapacityError) return this.#situation(op, 'capacity', `${error.message[0]!.toUpperCase()}${error.message.slice(1)}.`);
      throw error;
    }
    if (replayKey && reply.status < 500) {
      if (state.idempotent.size >= MAX_IDEMPOTENT_REPLIES) state.idempotent.delete(state.idempotent.keys().next().value!);
      state.idempotent.set(replayKey, { fingerprint, status: reply.status, headers: reply.headers, body: reply.body });
    }
    return reply;
  }

  #preferred(op: OperationModel, preference: Preference): EngineReply {
    const documented = op.statuses.join(', ');
    let status: number;
    if (preference.code !== undefined) {
      status = /^\d{3}$/.test(preference.code) ? Number(preference.code) : Number.NaN;
      if (!op.statuses.includes(status)) return this.#refusePreference(op, `Prefer code=${preference.code} is not a documented status (documented: ${documented}).`);
    } else {
      const entry = Object.entries(op.errors).find(([, id]) => preference.type! in (this.#model.errorSets[id]?.types ?? {}));
      if (!entry) return this.#refusePreference(op, `Prefer type=${preference.type} is not a documented error type of ${op.operationId}.`);
      status = Number(entry[0]);
    }
    if (status < 400) {
      if (preference.type !== undefined) return this.#refusePreference(op, `Prefer type=${preference.type} is not documented for status ${status}.`);
      return this.#example(op, status, preference.example);
    }
    const types = Object.keys(errorSetFor(this.#model, op, status)?.types ?? {});
    if (preference.type !== undefined && !types.includes(preference.type)) {
      return this.#refusePreference(op, `Prefer type=${preference.type} is not documented for status ${status} (documented types: ${types.join(', ') || 'none'}).`);
    }
    const type = preference.type ?? types[0];
    return this.#answers.error(op, status, type, type !== undefined ? errorSetFor(this.#model, op, status)?.types[type]?.description || undefined : undefined);
  }

  #dispatch(plan: OperationPlan, decoded: Decoded, partition: string, body: unknown, preference: Preference, state: State, mergePatch: boolean): EngineReply {
    const collection = plan.collection;
    if (!collection || !plan.role) return this.#example(plan.op, plan.op.successStatus, preference.example);
    const id = collection.idParam !== undefined ? decoded.values.get(collection.idParam) : undefined;
    switch (plan.role) {
      case 'list':
        return this.#list(plan, collection, decoded, partition, state);
      case 'create':
        return this.#create(plan, collection, partition, body, state);
      case 'read':
      case 'update':
      case 'delete': {
        const found = this.#find(state, collection, partition, String(id), decoded.values.has(this.#options.fixtures.partitionBy ?? '\0'));
        if (!found) return this.#situation(plan.op, 'not-found', `No ${collection.name} has the id ${JSON.stringify(String(id))}${partition ? ` for ${partition}` : ''}.`);
        if (plan.role === 'read') return this.#itemReply(plan.op, found.record.json);
        if (plan.role === 'delete') {
          const part = state.writable(collection.name, found.partition, 0);
          part.remove(found.record);
          this.#store.release(1);
          return this.#itemReply(plan.op, found.record.json);
        }
        return this.#update(plan, collection, found, body, state, mergePatch);
      }
    }
  }

  /** A record by id: in the request's partition, or in any when the operation does not name one. */
  #find(state: State, collection: CollectionPlan, partition: string, id: string, partitionNamed: boolean): { partition: string; record: StoredRecord } | undefined {
    const record = state.part(collection.name, partition)?.byId.get(id);
    if (record) return { partition, record };
    if (partitionNamed) return undefined;
    for (const other of state.partitions(collection.name)) {
      const found = state.part(collection.name, other)?.byId.get(id);
      if (found) return { partition: other, record: found };
    }
    return undefined;
  }

  #itemReply(op: OperationModel, json: string): EngineReply {
    const response = responseFor(op, op.successStatus);
    const media = response?.content.find((m) => isJsonMediaType(m.mediaType));
    const headers = this.#headersFor(op, op.successStatus);
    if (!media) return { status: op.successStatus, headers, body: '' };
    return { status: op.successStatus, headers: { ...headers, 'content-type': media.mediaType }, body: json };
  }

  #list(plan: OperationPlan, collection: CollectionPlan, decoded: Decoded, partition: string, state: State): EngineReply {
    const op = plan.op;
    const part = state.part(collection.name, partition);
    const records = part?.records ?? [];
    const pagination = op.pagination;
    const template = collection.page ?? this.#pageTemplate(op);
    const media = successMedia(op);
    const headers = { ...this.#headersFor(op, op.successStatus), 'content-type': media?.mediaType ?? JSON_TYPE };
    const filters: Array<[string, unknown]> = [];
    for (const [param, field] of collection.filters) if (decoded.values.has(param)) filters.push([field, decoded.values.get(param)]);
    const matches = (record: StoredRecord) =>
      filters.every(([field, wanted]) => {
        const actual = record.value[field];
        return Array.isArray(wanted) ? wanted.some((w) => w === actual) : Array.isArray(actual) ? actual.includes(wanted) : actual === wanted;
      });
    if (!template) return this.#example(op, op.successStatus, undefined);
    if (template.bare || !pagination) {
      const items = records.filter(matches);
      if (collection.order === 'newest-first') items.reverse();
      return { status: op.successStatus, headers, body: `[${items.map((r) => r.json).join(',')}]` };
    }
    const binding = `${collection.name}\0${partition}\0${filters.map(([f, v]) => `${f}=${JSON.stringify(v)}`).join('&')}`;
    const limitValue = pagination.limitParam ? decoded.values.get(pagination.limitParam) : undefined;
    const limit = typeof limitValue === 'number' && limitValue > 0 ? Math.floor(limitValue) : DEFAULT_PAGE_SIZE;
    const cursor = decoded.values.get(pagination.cursorParam);
    const descending = collection.order === 'newest-first';
    let index = descending ? records.length - 1 : 0;
    if (cursor !== undefined) {
      const position = this.#cursors.decode(binding, String(cursor));
      if (position === undefined) {
        return this.#situation(op, 'invalid-cursor', `This \`${pagination.cursorParam}\` was not issued for this list, or it was altered. Restart from the first page.`);
      }
      const lower = part ? part.lowerBound(position) : 0;
      index = descending ? (records[lower]?.seq === position ? lower : lower - 1) : lower;
    }
    const page: string[] = [];
    let next: number | undefined;
    while (index >= 0 && index < records.length) {
      const record = records[index]!;
      if (matches(record)) {
        if (page.length === limit) {
          next = record.seq;
          break;
        }
        page.push(record.json);
      }
      index += descending ? -1 : 1;
    }
    const items = `[${page.join(',')}]`;
    let body: string;
    if (next !== undefined) {
      body = `${template.withCursor[0]}${items}${template.withCursor[1]}${JSON.stringify(this.#cursors.encode(binding, next))}${template.withCursor[2]}`;
    } else if (template.withoutCursor) {
      body = `${template.withoutCursor[0]}${items}${template.withoutCursor[1]}`;
    } else {
      body = `${template.withCursor[0]}${items}${template.withCursor[1]}null${template.withCursor[2]}`;
    }
    return { status: op.successStatus, headers, body };
  }

  #create(plan: OperationPlan, collection: CollectionPlan, partition: string, body: unknown, state: State): EngineReply {
    const op = plan.op;
    state.counter += 1;
    const key = `${collection.name}\0${state.counter}\0${this.#store.heldRecords}`;
    const value = this.#newRecord(collection, body, partition, key, state);
    if (typeof value === 'string') return this.#situation(op, 'invalid-request', value);
    const part = state.writable(collection.name, partition, 1);
    const record = storedRecord(part.nextSeq++, String(value[collection.idField]), value);
    part.insert(record);
    const reply = this.#itemReply(op, record.json);
    const location = Object.keys(reply.headers).find((h) => h.toLowerCase() === 'location');
    if (location && collection.itemPath && collection.idParam) {
      const path = collection.itemPath.replace(`{${collection.idParam}}`, encodeURIComponent(record.id));
      const by = this.#options.fixtures.partitionBy;
      const query = by && partition && collection.read?.parameters.some((p) => p.name === by && p.in === 'query') ? `?${new URLSearchParams({ [by]: partition })}` : '';
      reply.headers[location] = `${this.#options.basePath}${path}${query}`;
    }
    return reply;
  }

  /** A new item: generated from the item schema, with the request's fields that the item also has. */
  #newRecord(collection: CollectionPlan, body: unknown, partition: string, key: string, state: State): Record<string, unknown> | string {
    const base = collection.template
      ? expandTemplate(collection.template, `${this.#seed}\0new\0${key}`, state.counter)
      : collection.itemPointer
        ? this.#sample(collection.itemPointer, hashNumber(key), true)
        : {};
    const generated: Json = base && typeof base === 'object' && !Array.isArray(base) ? (base as Json) : {};
    const record: Json = { ...generated };
    const given = body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {};
    const overlaid: string[] = [];
    for (const [name, value] of Object.entries(given)) {
      if (collection.itemFields.has(name) && name !== collection.idField) {
        record[name] = value;
        overlaid.push(name);
      }
    }
    const by = this.#options.fixtures.partitionBy;
    if (by && partition && collection.itemFields.has(by)) record[by] = partition;
    const partitions = state.partitions(collection.name);
    const taken = { has: (id: string) => partitions.some((p) => state.part(collection.name, p)?.byId.has(id) === true) };
    record[collection.idField] = this.#newId(collection, key, taken);
    if (!collection.itemCheck) return record;
    let issues = collection.itemCheck(record);
    // A request field the item schema words differently (a longer maxLength…) falls back to the generated value.
    for (const issue of issues) {
      const field = issue.pointer.split('/')[1];
      if (field && overlaid.includes(field)) {
        if (field in generated) record[field] = generated[field];
        else delete record[field];
      }
    }
    issues = collection.itemCheck(record);
    if (issues.length > 0) return `The mock cannot make a valid ${collection.name} from this request: ${issueText(issues, 'item')}.`;
    return record;
  }

  #update(plan: OperationPlan, collection: CollectionPlan, found: { partition: string; record: StoredRecord }, body: unknown, state: State, merge: boolean): EngineReply {
    const op = plan.op;
    const given = body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {};
    const value: Json = { ...found.record.value };
    if (op.method === 'put') {
      const bodyFields = plan.body?.media[0] ? declaredProperties(this.#document, getPointer(this.#document, op.requestBody?.content[0]?.schemaPointer ?? '#/none')) : new Set<string>();
      for (const name of bodyFields) if (!(name in given) && name !== collection.idField) delete value[name];
    }
    for (const [name, field] of Object.entries(given)) {
      if (name === collection.idField || !collection.itemFields.has(name)) continue;
      if (field === null && merge) delete value[name];
      else value[name] = field;
    }
    const issues = collection.itemCheck?.(value) ?? [];
    if (issues.length > 0) return this.#situation(op, 'invalid-request', `The change would make the ${collection.name} invalid: ${issueText(issues, 'item')}.`);
    const part = state.writable(collection.name, found.partition, 0);
    const record = storedRecord(found.record.seq, found.record.id, value);
    part.replace(record);
    return this.#itemReply(op, record.json);
  }

  /** The documented response of `status` from its example (`name` picks a named one), else generated. */
  #example(op: OperationModel, status: number, name: string | undefined): EngineReply {
    const key = `${op.operationId}\0${status}\0${name ?? ''}`;
    const cached = this.#examples.get(key);
    if (cached) return cached;
    const response = responseFor(op, status);
    const headers = this.#headersFor(op, status);
    const media = response?.content.find((m) => isJsonMediaType(m.mediaType)) ?? response?.content[0];
    let reply: EngineReply;
    if (!response || !media) {
      reply = { status, headers, body: '' };
    } else {
      let value: unknown = exampleOf(this.#document, response.pointer, media);
      if (name !== undefined) {
        const raw = getPointer(this.#document, `${response.pointer}/content/${media.mediaType.replace(/~/g, '~0').replace(/\//g, '~1')}/examples`);
        const named = raw?.[name] ? resolve(this.#document, raw[name]).node : undefined;
        if (!named) {
          const known = Object.keys(raw ?? {});
          return this.#refusePreference(op, `Prefer example=${name} is not an example of ${op.operationId} ${status} (examples: ${known.join(', ') || 'none'}).`);
        }
        value = named.value;
      }
      if (value === undefined && media.schemaPointer) value = this.#sample(media.schemaPointer, hashNumber(key));
      const body = isJsonMediaType(media.mediaType) ? JSON.stringify(value ?? null) : typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
      reply = { status, headers: { ...headers, 'content-type': media.mediaType }, body, bytes: Buffer.from(body) };
    }
    this.#examples.set(key, reply);
    return reply;
  }

  readonly #headerValues = new Map<string, Record<string, string>>();

  #headersFor(op: OperationModel, status: number): Record<string, string> {
    const key = `${op.operationId}\0${status}`;
    const cached = this.#headerValues.get(key);
    if (cached) return { ...cached };
    const response = responseFor(op, status);
    const headers: Record<string, string> = {};
    for (const header of response?.headers ?? []) {
      if (header.name.toLowerCase() === 'content-type') continue;
      const schema = header.schema as Json;
      const example = Array.isArray(schema.examples) ? schema.examples[0] : schema.example ?? schema.default ?? schema.const ?? (Array.isArray(schema.enum) ? schema.enum[0] : undefined);
      if (example === undefined && !header.required) continue;
      const at = `${response!.pointer}/headers/${header.name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const headerPointer = resolve(this.#document, getPointer(this.#document, at), at).pointer;
      const value = example ?? this.#sample(`${headerPointer}/schema`, 7);
      headers[header.name.toLowerCase()] = headerValue({ explode: false }, value);
    }
    this.#headerValues.set(key, headers);
    return { ...headers };
  }
}

function schemaTypes(schema: Json): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.enum)) return [...new Set(schema.enum.map((v: unknown) => (Number.isInteger(v) ? 'integer' : typeof v)))] as string[];
  return [];
}

function mediaMatches(documented: string, actual: string): boolean {
  const [type, subtype] = documented.toLowerCase().split(';')[0]!.trim().split('/');
  const [actualType, actualSubtype] = actual.split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
}

function readCookie(header: string | string[] | undefined, name: string): string | undefined {
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text) return undefined;
  for (const pair of text.split(';')) {
    const equals = pair.indexOf('=');
    if (equals !== -1 && pair.slice(0, equals).trim() === name) return pair.slice(equals + 1).trim();
  }
  return undefined;
}

/** A path value without its `label` (`.x`) or `matrix` (`;name=x`) prefix. */
function stripPathStyle(raw: string | undefined, model: ParameterModel): string | undefined {
  if (raw === undefined) return undefined;
  if (model.style === 'label') return raw.startsWith('.') ? raw.slice(1) : raw;
  if (model.style === 'matrix') {
    const prefix = `;${model.name}=`;
    return raw.startsWith(prefix) ? raw.slice(prefix.length) : raw;
  }
  return raw;
}
