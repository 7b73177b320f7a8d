// The typed client: one method per operation of the generated table, on top of openapi-fetch
// (its URL and query serialisation, and `client.raw`). Adds what openapi-fetch leaves out:
// results narrowed by status, typed client-side problems, retries, deadlines, pagination.
import createClient, { createFinalURL, createQuerySerializer, defaultPathSerializer, removeTrailingSlash, type Client } from 'openapi-fetch';
import type { paths } from '../../generated/schema.js';
import { errorCatalog, operations, type ErrorStatusEntry, type OperationEntry } from '../../generated/operations.js';
import { clientProblem, type AnyError, type ClientProblem, type ClientProblemType } from './problems.js';
import { backoffDelay, isRetryableResponse, parseRetryAfter, retryPolicy, type RetryOptions } from './retry.js';
import { parameterViolation } from './validate.js';
import { createPaginator } from './paginate.js';
import type {
  AnyResult, CallOptions, OperationId, OperationMethod, OperationParams, PageItem, OperationData, PaginatedOperationId, Paginator,
} from './types.js';

/** The server URL of the spec (`servers[0].url`); a test keeps the two equal. */
export const DEFAULT_BASE_URL = 'https://api.postpress.ai/api/v1';
/** The safety deadline when no `timeoutMs` is set: the call returns on time without aborting. */
export const DEFAULT_TIMEOUT_MS = 30_000;

interface EventBase { operationId: string; method: string; url: string }
/** Passed to `onEvent`. URLs hold no secret (the API key travels in a header); no bodies. */
export type ClientEvent =
  | (EventBase & { type: 'request'; attempt: number })
  | (EventBase & { type: 'response'; attempt: number; status: number; durationMs: number })
  | (EventBase & { type: 'retry'; attempt: number; reason: string; delayMs: number })
  | (EventBase & { type: 'error'; attempts: number; status: number; error: AnyError });

export interface PostpressClientOptions {
  /** Sent as `X-API-KEY`; never appears in errors, events or inspected objects. */
  apiKey: string;
  /** Default: the spec's server URL. */
  baseUrl?: string;
  /** A fetch implementation (default: `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch;
  /** Deadline for each call including its retries; aborts the request in flight (`Infinity` for none). Unset: a 30 s safety deadline that returns on time without aborting. */
  timeoutMs?: number;
  /** Retry settings, or `false` for no retries. */
  retry?: RetryOptions | false;
  /** Called synchronously for each request, response, retry and failed call; errors it throws are ignored. */
  onEvent?: (event: ClientEvent) => void;
}

export type PostpressClient = { [Op in OperationId]: OperationMethod<Op> } & {
  /** Iterates every item of a paginated operation, following `cursor` until it is null. */
  paginate<Op extends PaginatedOperationId>(operationId: Op, params: OperationParams<Op>, options?: CallOptions): Paginator<PageItem<Op>, OperationData<Op>>;
  /** The underlying openapi-fetch client (same base URL, fetch and API key header). */
  readonly raw: Client<paths>;
};

type Operation = OperationEntry;
type Outcome = { result: AnyResult; retryReason?: string; retryAfterMs?: number };

const table = operations as unknown as Record<string, Operation>;
const catalog: Record<string, ErrorStatusEntry | undefined> = errorCatalog;
const INTERRUPTED = Symbol('interrupted');
const INVALID_JSON = Symbol('invalid json');
const noop = () => {};

function checkTimeout(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value > 0)) throw new TypeError(`${name} must be a number > 0 (or Infinity)`);
  return value;
}

function parseJson(text: string): unknown {
  if (text === '') return INVALID_JSON;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON; // the parser's message quotes the body, which may hold secrets
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function failure(error: AnyError): AnyResult {
  return { ok: false, status: error.status, error };
}

export function createPostpressClient(clientOptions: PostpressClientOptions): PostpressClient {
  const options = clientOptions ?? ({} as PostpressClientOptions);
  const { apiKey, onEvent } = options;
  if (typeof apiKey !== 'string' || !/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new TypeError('apiKey must be a non-empty string of visible ASCII characters');
  }
  if (options.baseUrl !== undefined && typeof options.baseUrl !== 'string') throw new TypeError('baseUrl must be a string');
  const baseUrl = removeTrailingSlash(options.baseUrl ?? DEFAULT_BASE_URL);
  const doFetch = options.fetch ?? globalThis.fetch;
  const trustedFetch = doFetch === globalThis.fetch;
  if (typeof doFetch !== 'function') throw new TypeError('fetch must be a function (no global fetch found)');
  const defaultTimeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
  const explicitTimeout = options.timeoutMs !== undefined;
  const policy = retryPolicy(options.retry);
  const headers = { 'X-API-KEY': apiKey, accept: 'application/json' };
  const querySerializer = createQuerySerializer();
  const raw = createClient<paths>({ baseUrl, fetch: (request: Request) => doFetch(request), headers: { 'X-API-KEY': apiKey } });

  const redact = (text: string): string => (text.includes(apiKey) ? text.split(apiKey).join('[redacted]') : text);
  const emit = (event: ClientEvent): void => {
    try {
      onEvent!(event);
    } catch {
      // a failing logger must not fail the call
    }
  };

  function envelopeOf(status: number, body: unknown): AnyError | undefined {
    const types = catalog[status]?.types;
    if (!types || !isRecord(body) || body.status !== status || typeof body.title !== 'string') return undefined;
    if (typeof body.type !== 'string' || !Object.hasOwn(types, body.type)) return undefined;
    // Only the envelope's own fields, so nothing else the server sent can leak into logs.
    const error: AnyError = { title: redact(body.title), type: body.type, status };
    if (typeof body.detail === 'string') error.detail = redact(body.detail);
    if (typeof body.instance === 'string') error.instance = redact(body.instance);
    return error;
  }

  function readOutcome(op: Operation, response: Response, text: string, attempt: number): Outcome {
    const status = response.status;
    const invalid = (detail: string): Outcome => ({ result: failure(clientProblem('client/invalid_response', detail, attempt, status)) });
    if (status === op.successStatus) {
      if (status === 204) return { result: { ok: true, status, data: undefined } };
      const data = parseJson(text);
      if (data === INVALID_JSON) return invalid(`the ${status} response body is not valid JSON (${text.length} characters)`);
      const pagination = op.pagination;
      if (pagination && (!isRecord(data) || !Array.isArray(data[pagination.itemsField]) || !(data[pagination.cursorField] === null || typeof data[pagination.cursorField] === 'string'))) {
        return invalid(`the ${status} response body has no "${pagination.itemsField}" array or no "${pagination.cursorField}" string or null`);
      }
      return { result: { ok: true, status, data } };
    }
    const body = parseJson(text);
    const error = op.statuses.includes(status) ? envelopeOf(status, body) : undefined;
    const retryable = isRetryableResponse(status, error?.type);
    const outcome: Outcome = error
      ? { result: failure(error) }
      : invalid(op.statuses.includes(status)
        ? `the ${status} response body is not a documented error body of that status (${body === INVALID_JSON ? 'not JSON' : 'unknown shape or type'})`
        : `status ${status} is not documented for ${op.operationId}`);
    if (retryable) {
      outcome.retryReason = `status ${status}${error ? ` ${error.type}` : ''}`;
      outcome.retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    }
    return outcome;
  }

  async function call(operationId: string, params: unknown, callOptions?: CallOptions): Promise<AnyResult> {
    const op = table[operationId]!;
    const violation = parameterViolation(params, op.parameters);
    if (violation) return finish(op, '', failure(clientProblem('client/invalid_input', `${operationId}: ${violation}`, 0)), 0);
    const timeoutMs = callOptions?.timeoutMs ?? defaultTimeoutMs;
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) return finish(op, '', failure(clientProblem('client/invalid_input', `${operationId}: timeoutMs must be a number > 0 (or Infinity)`, 0)), 0);
    const signal = callOptions?.signal;
    const given = (params ?? {}) as Record<string, unknown>;
    const finite = Number.isFinite(timeoutMs);
    // A deadline the caller set, or a signal, aborts the request in flight. The built-in safety
    // deadline only stops the wait: the call returns `client/timeout` on time, and the abandoned
    // response is discarded when it arrives. This spares every default call the cost of an
    // abortable fetch (about 6% of a loopback request on Node 20).
    const abortable = Boolean(signal) || (finite && (callOptions?.timeoutMs !== undefined || explicitTimeout));
    const controller = abortable ? new AbortController() : undefined;
    const method = op.method.toUpperCase();
    let url: string;
    let init: RequestInit;
    if (op.parameters.every((p) => p.in === 'query')) {
      url = createFinalURL(op.path, { baseUrl, params: { query: given }, querySerializer, pathSerializer: defaultPathSerializer });
      init = { method, headers };
    } else {
      const groups: Record<string, Record<string, unknown>> = { query: {}, path: {}, header: {} };
      for (const p of op.parameters) if (given[p.name] !== undefined) groups[p.in]![p.name] = given[p.name];
      url = createFinalURL(op.path, { baseUrl, params: groups, querySerializer, pathSerializer: defaultPathSerializer });
      init = { method, headers: { ...(groups.header as Record<string, string>), ...headers } };
    }
    if (controller) init.signal = controller.signal;
    const interruption = (attempts: number): AnyResult => {
      const timedOut = !signal?.aborted;
      const problem = timedOut
        ? clientProblem('client/timeout', `${operationId} did not complete within ${timeoutMs} ms`, attempts)
        : clientProblem('client/aborted', `${operationId} was aborted by the caller's signal`, attempts);
      return failure(problem);
    };
    if (signal?.aborted) return finish(op, url, interruption(0), 0);

    let wake!: (value: typeof INTERRUPTED) => void;
    const interrupted = (controller || finite) && new Promise<typeof INTERRUPTED>((resolve) => (wake = resolve));
    const stop = () => {
      controller?.abort();
      wake(INTERRUPTED);
    };
    const deadline = Date.now() + timeoutMs;
    const timer = finite ? setTimeout(stop, timeoutMs) : undefined;
    signal?.addEventListener('abort', stop);
    // Without a controller only the race ends the wait. With one, a custom fetch that ignores its
    // signal still cannot make the call hang (the global fetch honours it, so it skips the race).
    const race = <T>(promise: Promise<T>, always = false): Promise<T | typeof INTERRUPTED> => {
      if (!interrupted || (controller && trustedFetch && !always)) return promise;
      promise.catch(noop);
      return Promise.race([promise, interrupted]);
    };
    try {
      for (let attempt = 1; ; attempt++) {
        let outcome: Outcome;
        const started = onEvent ? performance.now() : 0;
        if (onEvent) emit({ type: 'request', operationId, method, url, attempt });
        try {
          // One race per attempt. Once interrupted, an unaborted exchange still reads its body to
          // the end: the late response is drained and its connection freed.
          const exchange = await race(doFetch(url, init).then(async (response) => ({ response, text: await response.text() })));
          if (exchange === INTERRUPTED) return finish(op, url, interruption(attempt), attempt);
          const { response, text } = exchange;
          if (onEvent) emit({ type: 'response', operationId, method, url, attempt, status: response.status, durationMs: performance.now() - started });
          outcome = readOutcome(op, response, text, attempt);
        } catch (cause) {
          if (controller?.signal.aborted) return finish(op, url, interruption(attempt), attempt);
          outcome = { result: failure(clientProblem('client/network_error', redact(describe(cause)), attempt)), retryReason: 'network_error' };
        }
        const { result, retryReason, retryAfterMs } = outcome;
        if (result.ok || !retryReason || !op.safe || attempt > policy.maxRetries) return finish(op, url, result, attempt);
        if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) return finish(op, url, result, attempt);
        const delayMs = retryAfterMs ?? backoffDelay(policy, attempt - 1);
        if (Date.now() + delayMs >= deadline) return finish(op, url, result, attempt); // waiting could not help
        if (onEvent) emit({ type: 'retry', operationId, method, url, attempt, reason: retryReason, delayMs });
        let wait: ReturnType<typeof setTimeout> | undefined;
        const waited = await race(new Promise((resolve) => (wait = setTimeout(resolve, delayMs))), true);
        clearTimeout(wait);
        if (waited === INTERRUPTED) return finish(op, url, interruption(attempt), attempt);
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    }
  }

  function finish(op: Operation, url: string, result: AnyResult, attempts: number): AnyResult {
    if (!result.ok && onEvent) {
      emit({ type: 'error', operationId: op.operationId, method: op.method.toUpperCase(), url, attempts, status: result.status, error: result.error });
    }
    return result;
  }

  const client: Record<string, unknown> = {};
  for (const operationId of Object.keys(table)) {
    client[operationId] = (params?: unknown, callOptions?: CallOptions) => call(operationId, params, callOptions);
  }
  client.paginate = (operationId: string, params: Record<string, unknown>, callOptions?: CallOptions) => {
    const pagination = table[operationId]?.pagination;
    if (!pagination) throw new TypeError(`${String(operationId)} is not a paginated operation`);
    return createPaginator((pageParams, o) => call(operationId, pageParams, o), pagination, params ?? {}, callOptions);
  };
  Object.defineProperty(client, 'raw', { value: raw, enumerable: false });
  return client as unknown as PostpressClient;
}

/** A short description of a fetch failure: its message and its cause's code, never a body. */
function describe(error: unknown): string {
  const err = error as { message?: unknown; cause?: { code?: unknown; message?: unknown } } | undefined;
  const cause = err?.cause;
  const causeText = cause ? (typeof cause.code === 'string' ? cause.code : String(cause.message ?? '')) : '';
  const message = typeof err?.message === 'string' ? err.message : String(error);
  return `${message}${causeText ? ` (${causeText})` : ''}`.slice(0, 300);
}

export type { ClientProblem, ClientProblemType };
