// The client's runtime, for any spec: it takes the operation table and error sets that
// `npm run generate` writes (generated/operations.ts) as parameters, and knows no operation of
// its own. One method per operation: input checked against the spec, the request built from each
// parameter's style, results narrowed by status against the operation's own error sets, typed
// client-side problems, retries (idempotent operations, or one idempotency key per call),
// deadlines, pagination.
import type { ErrorSetEntry, OperationEntry } from '../../generated/operations.js';
import { clientProblem, type AnyError, type ClientProblem, type ClientProblemType } from './problems.js';
import { backoffDelay, isRetryableResponse, parseRetryAfter, retryPolicy, type RetryOptions } from './retry.js';
import { inputViolation } from './validate.js';
import { createPaginator } from './paginate.js';
import { cookiePair, headerValue, planRequest, requestTarget, type RequestPlan } from './serialize.js';
import type { AnyResult, CallOptions, ClientFor } from './types.js';

/** The safety deadline when no `timeoutMs` is set: the call returns on time without aborting. */
export const DEFAULT_TIMEOUT_MS = 30_000;

interface EventBase { operationId: string; method: string; url: string }
/** Passed to `onEvent`. URLs hold no secret (the API key travels in a header); no bodies. */
export type ClientEvent =
  | (EventBase & { type: 'request'; attempt: number })
  | (EventBase & { type: 'response'; attempt: number; status: number; durationMs: number })
  | (EventBase & { type: 'retry'; attempt: number; reason: string; delayMs: number })
  | (EventBase & { type: 'error'; attempts: number; status: number; error: AnyError });

export interface ClientOptions {
  /** Sent in the spec's API-key header; never appears in errors, events or inspected objects. */
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

/** What the runtime reads of a spec: its generated table and error sets, its server and API-key header. */
export interface ClientSpec {
  readonly operations: { readonly [operationId: string]: OperationEntry };
  readonly errorSets: { readonly [id: string]: ErrorSetEntry };
  /** `servers[0].url`, used when the options give no `baseUrl`. */
  readonly defaultBaseUrl?: string;
  /** The header of the spec's `apiKey` security scheme. */
  readonly apiKeyHeader: string;
}

type Outcome = { result: AnyResult; retryReason?: string; retryAfterMs?: number };
interface Prepared {
  readonly op: OperationEntry;
  readonly method: string;
  readonly plan: RequestPlan;
  /** The headers of every call (accept, API key); with only query parameters, all of them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly simple: boolean;
  /** Idempotent by method, or made so by an idempotency key. */
  readonly retriable: boolean;
  /** Each documented 2xx status and how its body is read. */
  readonly successes: ReadonlyMap<number, 'none' | 'json' | 'text'>;
}

/** A call's deadline: `stop` ends its wait (and aborts it, when abortable). */
interface Deadline { readonly at: number; expired: boolean; stop: () => void; wake: () => void }

/**
 * The safety deadlines of one client's default calls, on one shared timer: arming and clearing a
 * timer per call costs about 1.5% of a loopback request (Node starts and stops a libuv timer and
 * toggles its ref each time). The timer stays armed across calls and is unref'd: it never keeps
 * the process alive on its own, and fires only to stop calls past their deadline.
 */
function deadlineKeeper() {
  const pending = new Set<Deadline>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The deadline the timer was set for: when it fires, that one has passed whatever the clock says. */
  let armedFor: Deadline | undefined;
  const arm = (deadline: Deadline, delayMs: number) => {
    armedFor = deadline;
    timer = setTimeout(sweep, Math.max(0, delayMs));
    (timer as { unref?: () => void }).unref?.();
  };
  function sweep() {
    const passed = armedFor;
    timer = armedFor = undefined;
    const now = Date.now();
    let next: Deadline | undefined;
    for (const deadline of pending) {
      if (deadline === passed || deadline.at <= now) {
        pending.delete(deadline);
        deadline.stop();
      } else if (!next || deadline.at < next.at) next = deadline;
    }
    if (next) arm(next, next.at - now);
  }
  return {
    watch(deadline: Deadline, delayMs: number) {
      pending.add(deadline);
      if (!armedFor || deadline.at < armedFor.at) {
        clearTimeout(timer);
        arm(deadline, delayMs);
      }
    },
    release(deadline: Deadline) {
      pending.delete(deadline);
    },
  };
}

const INTERRUPTED = Symbol('interrupted');
const INVALID_JSON = Symbol('invalid json');
const noop = () => {};

function checkTimeout(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value > 0)) throw new TypeError(`${name} must be a number > 0 (or Infinity)`);
  return value;
}

function isJsonMediaType(mediaType: string): boolean {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json');
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

function prepare(op: OperationEntry, apiKeyHeader: string, apiKey: string): Prepared {
  const mediaTypes = new Set(Object.values(op.responses).flatMap((r) => r.mediaTypes));
  const successes = new Map<number, 'none' | 'json' | 'text'>();
  for (const status of op.statuses) {
    const response = op.responses[status];
    if (status < 200 || status > 299 || !response) continue;
    successes.set(status, response.bodiless ? 'none' : response.mediaTypes.some(isJsonMediaType) ? 'json' : 'text');
  }
  return {
    op,
    method: op.method.toUpperCase(),
    plan: planRequest(op),
    headers: { accept: mediaTypes.size === 0 ? 'application/json' : [...mediaTypes].join(', '), [apiKeyHeader]: apiKey },
    simple: op.requestBody === null && op.idempotencyKeyHeader === null && op.parameters.every((p) => p.in === 'query'),
    retriable: op.idempotent || op.idempotencyKeyHeader !== null,
    successes,
  };
}

/** The runtime client of a spec: `Types` and `Table` type it (see `ClientFor`). */
export function createClientFor<Types, Table>(spec: ClientSpec, clientOptions: ClientOptions): ClientFor<Types, Table> {
  const options = clientOptions ?? ({} as ClientOptions);
  const { apiKey, onEvent } = options;
  if (typeof apiKey !== 'string' || !/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new TypeError('apiKey must be a non-empty string of visible ASCII characters');
  }
  if (options.baseUrl !== undefined && typeof options.baseUrl !== 'string') throw new TypeError('baseUrl must be a string');
  const given = options.baseUrl ?? spec.defaultBaseUrl;
  if (given === undefined) throw new TypeError('baseUrl is required (the spec names no server)');
  const baseUrl = given.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const trustedFetch = doFetch === globalThis.fetch;
  if (typeof doFetch !== 'function') throw new TypeError('fetch must be a function (no global fetch found)');
  const defaultTimeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
  const explicitTimeout = options.timeoutMs !== undefined;
  const policy = retryPolicy(options.retry);
  const keeper = deadlineKeeper();
  const table = spec.operations;
  const prepared = new Map<string, Prepared>();
  const preparedOf = (operationId: string): Prepared => {
    let entry = prepared.get(operationId);
    if (!entry) prepared.set(operationId, (entry = prepare(table[operationId]!, spec.apiKeyHeader, apiKey)));
    return entry;
  };

  const redact = (text: string): string => (text.includes(apiKey) ? text.split(apiKey).join('[redacted]') : text);
  const emit = (event: ClientEvent): void => {
    try {
      onEvent!(event);
    } catch {
      // a failing logger must not fail the call
    }
  };

  /** The documented error a body is, by the operation's own error set for that status. */
  function documentedError(op: OperationEntry, status: number, body: unknown): { error: AnyError; retryable: boolean | undefined } | undefined {
    const set = spec.errorSets[op.errors[status] ?? ''];
    if (!set || !isRecord(body)) return undefined;
    const types = Object.keys(set.types);
    if (types.length > 0 && (body.status !== status || typeof body.title !== 'string' || typeof body.type !== 'string' || !Object.hasOwn(set.types, body.type))) return undefined;
    // Only the envelope's own fields, so nothing else the server sent can leak into logs. A set
    // that lists no types takes any JSON object; its `type` defaults to about:blank (RFC 9457).
    const type = typeof body.type === 'string' ? body.type : 'about:blank';
    const error: AnyError = { title: typeof body.title === 'string' ? redact(body.title) : '', type, status };
    if (typeof body.detail === 'string') error.detail = redact(body.detail);
    if (typeof body.instance === 'string') error.instance = redact(body.instance);
    return { error, retryable: set.types[type]?.retryable };
  }

  function readOutcome({ op, successes }: Prepared, response: Response, text: string, attempt: number): Outcome {
    const status = response.status;
    const invalid = (detail: string): Outcome => ({ result: failure(clientProblem('client/invalid_response', detail, attempt, status)) });
    const kind = successes.get(status);
    if (kind !== undefined) {
      if (kind === 'none') return { result: { ok: true, status, data: undefined } };
      if (kind === 'text') return { result: { ok: true, status, data: text } };
      const data = parseJson(text);
      if (data === INVALID_JSON) return invalid(`the ${status} response body is not valid JSON (${text.length} characters)`);
      const pagination = op.pagination;
      if (pagination && (!isRecord(data) || !Array.isArray(data[pagination.itemsField]) || !(data[pagination.cursorField] === null || typeof data[pagination.cursorField] === 'string'))) {
        return invalid(`the ${status} response body has no "${pagination.itemsField}" array or no "${pagination.cursorField}" string or null`);
      }
      return { result: { ok: true, status, data } };
    }
    const body = parseJson(text);
    const known = op.errors[status] !== undefined;
    const found = known ? documentedError(op, status, body) : undefined;
    const outcome: Outcome = found
      ? { result: failure(found.error) }
      : invalid(known
        ? `the ${status} response body is not a documented error body of that status for ${op.operationId} (${body === INVALID_JSON ? 'not JSON' : 'unknown shape or type'})`
        : `status ${status} is not documented for ${op.operationId}`);
    if (status >= 400 && isRetryableResponse(status, found?.retryable)) {
      outcome.retryReason = `status ${status}${found ? ` ${found.error.type}` : ''}`;
      outcome.retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    }
    return outcome;
  }

  async function call(operationId: string, input: unknown, callOptions?: CallOptions): Promise<AnyResult> {
    const entry = preparedOf(operationId);
    const { op, method } = entry;
    const violation = inputViolation(input, op.parameters, op.requestBody, op.idempotencyKeyHeader);
    if (violation) return finish(entry, '', failure(clientProblem('client/invalid_input', `${operationId}: ${violation}`, 0)), 0);
    const timeoutMs = callOptions?.timeoutMs ?? defaultTimeoutMs;
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) return finish(entry, '', failure(clientProblem('client/invalid_input', `${operationId}: timeoutMs must be a number > 0 (or Infinity)`, 0)), 0);
    const values = (input ?? {}) as Record<string, unknown>;
    const target = requestTarget(entry.plan, values);
    if (typeof target !== 'string') return finish(entry, '', failure(clientProblem('client/invalid_input', `${operationId}: ${target.problem}`, 0)), 0);
    const url = baseUrl + target;
    const init: RequestInit = { method, headers: entry.headers };
    if (!entry.simple) {
      const headers: Record<string, string> = { ...entry.headers };
      init.headers = headers;
      for (const p of entry.plan.headers) if (values[p.name] !== undefined) headers[p.name] = headerValue(p, values[p.name]);
      const cookies = entry.plan.cookies.filter((p) => values[p.name] !== undefined).map((p) => cookiePair(p, values[p.name]));
      if (cookies.length > 0) headers.cookie = cookies.join('; ');
      // One key per call, the same on every retry; a key the caller gave is kept.
      const keyHeader = op.idempotencyKeyHeader;
      if (keyHeader !== null && values[keyHeader] === undefined) headers[keyHeader] = globalThis.crypto.randomUUID();
      if (op.requestBody && values.body !== undefined) {
        headers['content-type'] = op.requestBody.mediaType;
        init.body = JSON.stringify(values.body);
      }
    }

    const signal = callOptions?.signal;
    const finite = Number.isFinite(timeoutMs);
    // A deadline the caller set, or a signal, aborts the request in flight. The built-in safety
    // deadline only stops the wait: the call returns `client/timeout` on time, and the abandoned
    // response is discarded when it arrives. This spares every default call the cost of an
    // abortable fetch (about 6% of a loopback request on Node 20).
    const abortable = Boolean(signal) || (finite && (callOptions?.timeoutMs !== undefined || explicitTimeout));
    const controller = abortable ? new AbortController() : undefined;
    if (controller) init.signal = controller.signal;
    const interruption = (attempts: number): AnyResult => {
      const timedOut = !signal?.aborted;
      const problem = timedOut
        ? clientProblem('client/timeout', `${operationId} did not complete within ${timeoutMs} ms`, attempts)
        : clientProblem('client/aborted', `${operationId} was aborted by the caller's signal`, attempts);
      return failure(problem);
    };
    if (signal?.aborted) return finish(entry, url, interruption(0), 0);

    const interruptible = Boolean(signal) || finite;
    const deadline: Deadline = {
      at: Date.now() + timeoutMs,
      expired: false,
      wake: noop,
      stop() {
        this.expired = true;
        controller?.abort();
        this.wake();
      },
    };
    const stop = () => deadline.stop();
    // A deadline the caller set has its own timer; the default one shares the client's.
    const timer = finite && controller ? setTimeout(stop, timeoutMs) : undefined;
    if (finite && !controller) keeper.watch(deadline, timeoutMs);
    signal?.addEventListener('abort', stop);
    // Without a controller only the race ends the wait. With one, a custom fetch that ignores its
    // signal still cannot make the call hang (the global fetch honours it, so it skips the race).
    const race = <T>(promise: Promise<T>, always = false): Promise<T | typeof INTERRUPTED> => {
      if (!interruptible || (controller && trustedFetch && !always)) return promise;
      promise.catch(noop);
      if (deadline.expired) return Promise.resolve(INTERRUPTED);
      return new Promise((resolve, reject) => {
        deadline.wake = () => resolve(INTERRUPTED);
        promise.then(resolve, reject);
      });
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
          if (exchange === INTERRUPTED) return finish(entry, url, interruption(attempt), attempt);
          const { response, text } = exchange;
          if (onEvent) emit({ type: 'response', operationId, method, url, attempt, status: response.status, durationMs: performance.now() - started });
          outcome = readOutcome(entry, response, text, attempt);
        } catch (cause) {
          if (controller?.signal.aborted) return finish(entry, url, interruption(attempt), attempt);
          outcome = { result: failure(clientProblem('client/network_error', redact(describe(cause)), attempt)), retryReason: 'network_error' };
        }
        const { result, retryReason, retryAfterMs } = outcome;
        if (result.ok || !retryReason || !entry.retriable || attempt > policy.maxRetries) return finish(entry, url, result, attempt);
        if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) return finish(entry, url, result, attempt);
        const delayMs = retryAfterMs ?? backoffDelay(policy, attempt - 1);
        if (Date.now() + delayMs >= deadline.at) return finish(entry, url, result, attempt); // waiting could not help
        if (onEvent) emit({ type: 'retry', operationId, method, url, attempt, reason: retryReason, delayMs });
        let wait: ReturnType<typeof setTimeout> | undefined;
        const waited = await race(new Promise((resolve) => (wait = setTimeout(resolve, delayMs))), true);
        clearTimeout(wait);
        if (waited === INTERRUPTED) return finish(entry, url, interruption(attempt), attempt);
      }
    } finally {
      clearTimeout(timer);
      keeper.release(deadline);
      signal?.removeEventListener('abort', stop);
    }
  }

  function finish({ op, method }: Prepared, url: string, result: AnyResult, attempts: number): AnyResult {
    if (!result.ok && onEvent) {
      emit({ type: 'error', operationId: op.operationId, method, url, attempts, status: result.status, error: result.error });
    }
    return result;
  }

  const client: Record<string, unknown> = {};
  for (const [operationId, op] of Object.entries(table)) {
    if (op.requestBody && op.parameters.some((p) => p.name === 'body')) {
      throw new TypeError(`${operationId} has a request body and a parameter named "body": the client passes the body as \`body\`, so it cannot call this operation`);
    }
    client[operationId] = (input?: unknown, callOptions?: CallOptions) => call(operationId, input, callOptions);
  }
  client.paginate = (operationId: string, input: Record<string, unknown>, callOptions?: CallOptions) => {
    const pagination = Object.hasOwn(table, operationId) ? table[operationId]!.pagination : null;
    if (!pagination) throw new TypeError(`${String(operationId)} is not a paginated operation`);
    return createPaginator((pageInput, o) => call(operationId, pageInput, o), pagination, input ?? {}, callOptions);
  };
  return client as ClientFor<Types, Table>;
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
