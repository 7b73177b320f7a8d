// The faithful mock as a pure function of (method, path, query, headers): no sockets here.
// Order of checks: route, method, X-API-KEY, Prefer, query parameters, account, cursor.
import type { IncomingHttpHeaders } from 'node:http';
import { CursorCodec } from './cursor.js';
import { buildDataset, MOCK_ACCOUNT_SIZES } from './dataset.js';
import { readPreference } from './prefer.js';
import {
  API_BASE_PATH,
  compileParameters,
  errorTitle,
  errorTypeDescription,
  operations,
  RETRY_AFTER_STATUSES,
  type CompiledParameter,
  type OperationSpec,
} from './spec.js';

export interface MockReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A reply plus its encoded body, cached for the hot path. Never handed to user code. */
export interface EncodedReply extends MockReply {
  readonly bytes: Buffer;
}

/** Mock-only types for requests outside the spec (it documents no 404 or 405). */
export const MOCK_ONLY_ERROR_TYPES = { notFound: 'errors/not_found', methodNotAllowed: 'errors/method_not_allowed' } as const;

const JSON_TYPE = 'application/json';
const RETRY_AFTER_SECONDS = '1';
/** Memory the page and reply caches may hold (body as string and as bytes, plus keys) before they are emptied. */
const CACHE_BUDGET_BYTES = 64 * 1024 * 1024;

interface Route {
  readonly operation: OperationSpec;
  readonly parameters: readonly CompiledParameter[];
}

type QueryValues = Record<string, string | number | undefined>;

export class FaithfulMock {
  readonly #apiKey: string;
  readonly #cursors: CursorCodec;
  /** Path -> upper-case method -> route. */
  readonly #routes = new Map<string, Map<string, Route>>();
  readonly #itemsJson = new Map<string, readonly string[]>();
  readonly #pages = new Map<string, EncodedReply>();
  readonly #replyByTarget = new Map<string, EncodedReply>();
  #cachedBytes = 0;
  #errorReplies = 0;
  readonly #implementations: Readonly<Record<string, (values: QueryValues) => EncodedReply | MockReply>> = {
    listSentInvitations: (values) => this.#listSentInvitations(values),
  };

  readonly #cacheBudget: number;

  constructor(options: {
    apiKey: string;
    seed: number;
    cacheBudgetBytes?: number;
    /** The operation table to serve; the generated one unless a test swaps it. */
    operations?: Readonly<Record<string, OperationSpec>>;
  }) {
    this.#cacheBudget = options.cacheBudgetBytes ?? CACHE_BUDGET_BYTES;
    if (options.apiKey.trim() === '') throw new Error('mock: the API key must not be empty');
    if (!Number.isSafeInteger(options.seed)) throw new Error(`mock: the seed must be an integer, got ${options.seed}`);
    this.#apiKey = options.apiKey;
    this.#cursors = new CursorCodec(options.seed);
    for (const [accountId, items] of buildDataset(options.seed)) {
      this.#itemsJson.set(accountId, items.map((item) => JSON.stringify(item)));
    }
    for (const operation of Object.values<OperationSpec>(options.operations ?? operations)) {
      const path = API_BASE_PATH + operation.path;
      if (path.includes('{')) throw new Error(`mock: path templates are not supported (${operation.path})`);
      const methods = this.#routes.get(path) ?? new Map<string, Route>();
      methods.set(operation.method.toUpperCase(), { operation, parameters: compileParameters(operation) });
      this.#routes.set(path, methods);
    }
  }

  /** Replies to a request target such as `/api/v1/users/invite/sent?account_id=...`. */
  respond(method: string, target: string, headers: IncomingHttpHeaders): EncodedReply | MockReply {
    // Hot path: an authenticated GET without Prefer depends on nothing but its target.
    const memoizable = method === 'GET' && headers['prefer'] === undefined && headers['x-api-key'] === this.#apiKey;
    if (memoizable) {
      const known = this.#replyByTarget.get(target);
      if (known) return known;
    }
    const mark = target.indexOf('?');
    const path = mark === -1 ? target : target.slice(0, mark);
    const query = new URLSearchParams(mark === -1 ? '' : target.slice(mark + 1));
    const reply = this.respondTo(method, path, query, headers);
    if (memoizable && 'bytes' in reply) {
      this.#charge(2 * target.length);
      this.#replyByTarget.set(target, reply);
    }
    return reply;
  }

  respondTo(method: string, path: string, query: URLSearchParams, headers: IncomingHttpHeaders): EncodedReply | MockReply {
    const methods = this.#routes.get(path);
    if (!methods) {
      const known = [...this.#routes].flatMap(([known, byMethod]) => [...byMethod.keys()].map((m) => `${m} ${known}`));
      return this.#error(404, MOCK_ONLY_ERROR_TYPES.notFound, `No operation at ${path}. This mock serves ${known.join(', ')}.`);
    }
    const route = methods.get(method);
    if (!route) {
      const allow = [...methods.keys()].join(', ');
      const reply = this.#error(405, MOCK_ONLY_ERROR_TYPES.methodNotAllowed, `${path} accepts ${allow} only.`);
      reply.headers['allow'] = allow;
      return reply;
    }
    const { operation } = route;

    const sentKey = headers['x-api-key'];
    const key = Array.isArray(sentKey) ? sentKey.join(', ') : sentKey;
    if (key === undefined || key.trim() === '') {
      return this.#documentedError(401, 'errors/missing_credentials', 'Send your API key in the X-API-KEY header.');
    }
    if (key !== this.#apiKey) return this.#documentedError(401, 'errors/invalid_credentials', 'The X-API-KEY is not valid.');

    const preference = readPreference(headers['prefer'], operation.statuses);
    let applied: string | undefined;
    if (preference.kind === 'invalid') {
      return this.#documentedError(400, 'errors/invalid_parameters', `${preference.problem}.`);
    }
    if (preference.kind === 'apply') {
      applied = preference.applied;
      if (preference.type !== undefined) {
        const reply = this.#documentedError(preference.status, preference.type);
        reply.headers['preference-applied'] = applied;
        return reply;
      }
    }

    const problems: string[] = [];
    const values: QueryValues = {};
    for (const parameter of route.parameters) {
      const given = query.getAll(parameter.name);
      const [raw] = given;
      if (given.length > 1) problems.push(`\`${parameter.name}\` is given ${given.length} times; give it once`);
      else if (raw === undefined) {
        if (parameter.required) problems.push(`\`${parameter.name}\` is required`);
        values[parameter.name] = parameter.defaultValue;
      } else {
        const checked = parameter.check(raw);
        if (checked.ok) values[parameter.name] = checked.value;
        else problems.push(checked.problem);
      }
    }
    if (problems.length > 0) {
      const noun = problems.length === 1 ? 'query parameter' : 'query parameters';
      return this.#documentedError(400, 'errors/invalid_parameters', `Invalid ${noun}: ${problems.join('; ')}.`);
    }

    const implementation = this.#implementations[operation.operationId];
    const reply = implementation
      ? implementation(values)
      : this.#documentedError(501, 'errors/feature_not_implemented', `The mock does not implement ${operation.operationId} yet.`);
    if (applied === undefined) return reply;
    return { status: reply.status, headers: { ...reply.headers, 'preference-applied': applied }, body: reply.body };
  }

  #listSentInvitations(values: QueryValues): EncodedReply | MockReply {
    const accountId = String(values['account_id']);
    const items = this.#itemsJson.get(accountId);
    if (!items) {
      const known = Object.keys(MOCK_ACCOUNT_SIZES).join(', ');
      return this.#documentedError(
        403,
        'errors/resource_access_restricted',
        `No linked account ${JSON.stringify(accountId)} for this API key. The mock's accounts: ${known}.`,
      );
    }
    const limit = Number(values['limit']);
    const cursor = values['cursor'];
    let offset = 0;
    if (cursor !== undefined) {
      const decoded = this.#cursors.decode(accountId, String(cursor));
      if (decoded === undefined || decoded >= items.length) {
        return this.#documentedError(
          400,
          'errors/invalid_cursor',
          'This `cursor` was not issued for this `account_id`, or it was altered. Restart from the first page.',
        );
      }
      offset = decoded;
    }
    const pageKey = `${accountId}\0${offset}\0${limit}`;
    const cached = this.#pages.get(pageKey);
    if (cached) return cached;
    const end = Math.min(offset + limit, items.length);
    const next = end < items.length ? JSON.stringify(this.#cursors.encode(accountId, end)) : 'null';
    const body = `{"object":"InvitationList","items":[${items.slice(offset, end).join(',')}],"cursor":${next}}`;
    const reply: EncodedReply = { status: 200, headers: { 'content-type': JSON_TYPE }, body, bytes: Buffer.from(body) };
    this.#charge(2 * body.length + reply.bytes.length + 2 * pageKey.length);
    this.#pages.set(pageKey, reply);
    return reply;
  }

  /** Bytes held by the page and reply caches (for tests). */
  get cachedBytes(): number {
    return this.#cachedBytes;
  }

  /** Accounts for a cache entry about to be added; empties both caches when over budget. */
  #charge(bytes: number): void {
    this.#cachedBytes += bytes;
    if (this.#cachedBytes <= this.#cacheBudget) return;
    this.#pages.clear();
    this.#replyByTarget.clear();
    this.#cachedBytes = bytes;
  }

  #documentedError(status: number, type: string, detail?: string): MockReply {
    return this.#error(status, type, detail ?? errorTypeDescription(status, type));
  }

  #error(status: number, type: string, detail: string | undefined): MockReply {
    this.#errorReplies += 1;
    const envelope = { title: errorTitle(status), type, status, detail, instance: `req_mock_${this.#errorReplies}` };
    const headers: Record<string, string> = { 'content-type': JSON_TYPE };
    if (RETRY_AFTER_STATUSES.has(status)) headers['retry-after'] = RETRY_AFTER_SECONDS;
    return { status, headers, body: JSON.stringify(envelope) };
  }
}
