// The mock server: any OpenAPI 3.1 document served over node:http, with state, fixtures and
// faults (docs/mock.md). `startMock` loads the spec and its fixtures, checks the seed against the
// schemas, and listens; `transform` lets tests (and the contract kit's mutants) rewrite any reply.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { buildSpecModel, type SpecModel } from '../spec/model.js';
import { loadSpec } from '../spec/load.js';
import type { Json } from '../spec/pointer.js';
import { requestUrl } from '../shared/request-target.js';
import { listen } from '../shared/cli.js';
import { MockEngine, MockSeedError, type EngineReply, type NotServed } from './engine.js';
import { bundledFixturesFile, fixturesBesideSpec, FixturesError, loadFixtures, NO_FIXTURES, parseFixtures, type MockFixtures } from './fixtures.js';
import { basePathOf } from './routes.js';

export { MockSeedError, FixturesError };
export type { NotServed };

import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_RECORDS, MOCK_API_KEY, MOCK_DEFAULT_SEED, RESET_PATH } from './constants.js';

export { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_RECORDS, MOCK_API_KEY, MOCK_DEFAULT_SEED, RESET_PATH };

const CLOSE_GRACE_MS = 2000;
const CACHE_BYTES = 64 * 1024 * 1024;

export interface MockReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface MockExchange {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The request body as sent (empty when none). */
  body: Buffer;
  /** What the faithful mock would send. */
  reply: MockReply;
  /**
   * Re-runs the faithful mock with changed input; `undefined` removes a header or parameter.
   * A write (POST, PUT, PATCH, DELETE) takes effect again.
   */
  respondAs(overrides: { headers?: Record<string, string | undefined>; query?: Record<string, string | undefined>; body?: Buffer }): Promise<MockReply>;
}

export type ReplyTransform = (exchange: MockExchange) => MockReply | Promise<MockReply>;

export interface MockOptions {
  /** The spec file to serve (YAML or JSON, OpenAPI 3.1). Default: our bundled spec. */
  spec?: string;
  /** A bundled document to serve instead of a file (no external `$ref`s). */
  document?: Json;
  /**
   * The fixtures file; `false` for none. Default: `mock-fixtures.yaml` beside `spec`, or
   * openapi/mock-fixtures.yaml for the bundled spec.
   */
  fixtures?: string | false;
  /** Keys accepted by the spec's `apiKey` schemes. Default {@link MOCK_API_KEY}. */
  apiKey?: string | readonly string[];
  /** The only bearer token `http bearer` schemes accept. Default: any. */
  bearerToken?: string;
  /** The only `user:password` `http basic` schemes accept. Default: any. */
  basicCredentials?: string;
  /** Seed of generated data, generated fixtures and cursor keys. Default {@link MOCK_DEFAULT_SEED}. */
  seed?: number;
  /** Written records held over all API keys before writes get the capacity answer. */
  maxRecords?: number;
  /** Latency added to every reply, in milliseconds (a request's `Prefer: delay=…` overrides it). */
  delayMs?: number;
  /** Adds CORS headers (any origin, or the one given) and answers preflight requests. */
  cors?: boolean | string;
  /** Rewrites each reply before it is sent. */
  transform?: ReplyTransform;
  /** Called once each reply has been sent (the CLI's `--log`). */
  onReply?: (entry: { method: string; target: string; status: number; milliseconds: number }) => void;
  port?: number;
  host?: string;
  maxBodyBytes?: number;
}

export interface RunningMock {
  /** Base URL including the spec's base path, e.g. `http://127.0.0.1:4010/api/v1`. */
  url: string;
  port: number;
  /** The spec served: its file (or `(bundled postpress spec)`) and model. */
  spec: { file: string; model: SpecModel };
  /** The fixtures file read, if any. */
  fixturesFile: string | undefined;
  /** Operations the mock cannot serve, and why (each answers with a documented error). */
  notServed: readonly NotServed[];
  /** Start-up warnings: operations not served, parameters not validated, fixtures unused. */
  warnings: readonly string[];
  /** The fixtures' data set labels → partition value (e.g. `small` → an account id). */
  labels: Readonly<Record<string, string>>;
  /** Forgets everything written since start (or the last reset), for every API key. */
  reset(): void;
  close(): Promise<void>;
}

export interface MockApp {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  engine: MockEngine;
  basePath: string;
  spec: { file: string; model: SpecModel };
  fixturesFile: string | undefined;
}

/** Loads the spec and fixtures and builds the request handler (no socket). */
export async function createMock(options: MockOptions = {}): Promise<MockApp> {
  const seed = options.seed ?? MOCK_DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new Error(`mock: the seed must be an integer, got ${seed}`);
  const apiKeys = typeof options.apiKey === 'string' ? [options.apiKey] : [...(options.apiKey ?? [MOCK_API_KEY])];
  if (apiKeys.length === 0 || apiKeys.some((key) => key.trim() === '')) throw new Error('mock: the API key must not be empty');
  const spec = options.document
    ? { file: '(document)', model: buildSpecModel(options.document) }
    : await loadSpec(options.spec).then((loaded) => ({ file: loaded.file, model: loaded.model }));
  let fixturesFile: string | undefined;
  if (options.fixtures !== false) {
    fixturesFile = options.fixtures ?? (options.spec ? fixturesBesideSpec(options.spec) : options.document ? undefined : bundledFixturesFile());
  }
  const fixtures: MockFixtures = fixturesFile ? await loadFixtures(fixturesFile, seed) : NO_FIXTURES;
  const basePath = basePathOf(spec.model.document);
  const engine = new MockEngine({
    model: spec.model,
    fixtures,
    seed,
    apiKeys,
    ...(options.bearerToken !== undefined ? { bearerToken: options.bearerToken } : {}),
    ...(options.basicCredentials !== undefined ? { basicCredentials: options.basicCredentials } : {}),
    maxRecords: options.maxRecords ?? DEFAULT_MAX_RECORDS,
    cacheBytes: CACHE_BYTES,
    delayMs: options.delayMs ?? 0,
    basePath,
  });
  const handler = withReplyLog(requestHandler(engine, options), options.onReply);
  return { handler, engine, basePath, spec, fixturesFile };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function withReplyLog(handler: Handler, onReply: MockOptions['onReply']): Handler {
  if (!onReply) return handler;
  return (req, res) => {
    const started = performance.now();
    res.once('close', () => {
      onReply({ method: req.method ?? 'GET', target: req.url ?? '/', status: res.headersSent ? res.statusCode : 0, milliseconds: performance.now() - started });
    });
    handler(req, res);
  };
}

function corsHeaders(cors: MockOptions['cors'], req: IncomingMessage): Record<string, string> {
  if (!cors) return {};
  return {
    'access-control-allow-origin': typeof cors === 'string' ? cors : '*',
    'access-control-expose-headers': '*',
    ...(req.headers['access-control-request-method'] ? { 'access-control-allow-methods': String(req.headers['access-control-request-method']) } : {}),
    ...(req.headers['access-control-request-headers'] ? { 'access-control-allow-headers': String(req.headers['access-control-request-headers']) } : {}),
    'access-control-max-age': '600',
  };
}

function send(res: ServerResponse, reply: EngineReply | MockReply, extra: Record<string, string>): void {
  if (res.destroyed) return;
  const bytes = 'bytes' in reply && reply.bytes ? reply.bytes : Buffer.from(reply.body);
  const fault = 'fault' in reply ? reply.fault : undefined;
  const headers = { ...withoutContentLength(reply.headers), ...extra, 'content-length': String(bytes.length) };
  if (fault === 'reset') {
    res.socket?.resetAndDestroy?.() ?? res.destroy();
    return;
  }
  res.writeHead(reply.status, headers);
  if (fault === 'truncate') {
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    // Give the first half a chance to leave, then cut the connection mid-body.
    setImmediate(() => res.destroy());
    return;
  }
  res.end(bytes);
}

function withoutContentLength(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'content-length') kept[name] = value;
  return kept;
}

/** The operation's documented 500 for a failure of the mock or a transform; never crashes the server. */
function failure(engine: MockEngine, req: IncomingMessage, detail: string): MockReply {
  try {
    return engine.failure(req.method ?? 'GET', req.url ?? '/', detail);
  } catch {
    return { status: 500, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail }) };
  }
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

function requestHandler(engine: MockEngine, options: MockOptions): Handler {
  const transform = options.transform;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const answer = (req: IncomingMessage, res: ServerResponse, body: Buffer | undefined) => {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const extra = corsHeaders(options.cors, req);
    let reply: EngineReply;
    try {
      reply = engine.respond({ method, target, headers: req.headers, body });
    } catch (error) {
      send(res, failure(engine, req, `The mock failed: ${error instanceof Error ? error.message : String(error)}`), extra);
      return;
    }
    const delay = reply.delayMs ?? 0;
    const deliver = (final: EngineReply | MockReply) => {
      if (delay > 0) setTimeout(() => send(res, final, extra), delay).unref();
      else send(res, final, extra);
    };
    if (!transform) {
      deliver(reply);
      return;
    }
    const url = requestUrl(target, req.headers.host ?? 'localhost');
    const exchange: MockExchange = {
      method,
      url,
      headers: req.headers,
      body: body ?? Buffer.alloc(0),
      reply: { status: reply.status, headers: { ...reply.headers }, body: reply.body },
      async respondAs(overrides) {
        const headers: IncomingHttpHeaders = { ...req.headers };
        for (const [name, value] of Object.entries(overrides.headers ?? {})) {
          if (value === undefined) delete headers[name.toLowerCase()];
          else headers[name.toLowerCase()] = value;
        }
        const query = new URLSearchParams(url.search);
        for (const [name, value] of Object.entries(overrides.query ?? {})) {
          if (value === undefined) query.delete(name);
          else query.set(name, value);
        }
        const search = query.toString();
        const again = engine.respond({ method, target: `${url.pathname}${search ? `?${search}` : ''}`, headers, body: overrides.body ?? body });
        return { status: again.status, headers: { ...again.headers }, body: again.body };
      },
    };
    Promise.resolve()
      .then(() => transform(exchange))
      .then((changed) => deliver({ ...changed, ...(reply.fault ? { fault: reply.fault } : {}) }))
      .catch((error: unknown) => send(res, failure(engine, req, `The mock's reply transform failed: ${error instanceof Error ? error.message : String(error)}`), extra));
  };
  return (req, res) => {
    const method = req.method ?? 'GET';
    if (options.cors && method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      res.writeHead(204, corsHeaders(options.cors, req));
      res.end();
      return;
    }
    if (method === 'POST' && (req.url === RESET_PATH || req.url?.startsWith(`${RESET_PATH}?`))) {
      engine.reset();
      req.resume();
      res.writeHead(204, corsHeaders(options.cors, req));
      res.end();
      return;
    }
    if (!hasBody(req)) {
      answer(req, res, undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBody) {
        refused = true;
        const body = JSON.stringify({ type: 'about:blank', title: 'Content Too Large', status: 413, detail: `The request body is larger than ${maxBody} bytes.` });
        send(res, { status: 413, headers: { 'content-type': 'application/problem+json', connection: 'close' }, body }, corsHeaders(options.cors, req));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) answer(req, res, Buffer.concat(chunks));
    });
    req.on('error', () => res.destroy());
  };
}

/** Starts the mock on `host` (default 127.0.0.1) and `port` (default 0: any free port). */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const app = await createMock(options);
  const server = createServer(app.handler);
  const host = options.host ?? '127.0.0.1';
  const { port } = await listen(server, options.port ?? 0, host);
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  const warnings = [...app.engine.notServed.map((n) => `${n.operationId} (${n.method} ${n.path}) is not served: ${n.reason}`), ...app.engine.warnings];
  return {
    url: `http://${urlHost}:${port}${app.basePath}`,
    port,
    spec: app.spec,
    fixturesFile: app.fixturesFile,
    notServed: app.engine.notServed,
    warnings,
    labels: app.engine.labels(),
    reset: () => app.engine.reset(),
    /** Stops accepting, lets replies in flight finish (at most 2 s), then closes every connection. */
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        const sweep = setInterval(() => server.closeIdleConnections(), 20).unref();
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
        server.close((error) => {
          clearInterval(sweep);
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/** The earlier name of {@link startMock}. */
export const startMockServer = startMock;

// ---- the bundled spec's fixtures, for tests and examples ------------------------------------------

interface BundledSummary {
  labels: Record<string, string>;
  sizes: Record<string, number>;
}

let summary: BundledSummary | undefined;

/** Labels and sizes of the bundled fixtures' data sets, read without expanding generators. */
function bundledSummary(): BundledSummary {
  if (summary) return summary;
  const raw = parse(readFileSync(bundledFixturesFile(), 'utf8')) as Json;
  const labels: Record<string, string> = {};
  const sizes: Record<string, number> = {};
  for (const collection of Object.values<Json>(raw?.collections ?? {})) {
    for (const data of collection?.data ?? []) {
      const partition = String(data.partition ?? '');
      if (typeof data.label === 'string') labels[data.label] = partition;
      sizes[partition] = (Array.isArray(data.records) ? data.records.length : 0) + (Number(data.generate?.count) || 0);
    }
  }
  summary = { labels, sizes };
  return summary;
}

/** A read-only record whose entries are read on first use. */
function lazyRecord<T>(read: () => Record<string, T>): Readonly<Record<string, T>> {
  return new Proxy({} as Record<string, T>, {
    get: (_, name) => Reflect.get(read(), name),
    has: (_, name) => Reflect.has(read(), name),
    ownKeys: () => Reflect.ownKeys(read()),
    getOwnPropertyDescriptor: (_, name) => Reflect.getOwnPropertyDescriptor(read(), name),
    set: () => false,
    deleteProperty: () => false,
    defineProperty: () => false,
  });
}

type Labelled = Readonly<Record<string, string>> & { readonly empty: string; readonly small: string; readonly large: string };

/** The bundled fixtures' accounts by label (`empty`, `small`, `large`), read from openapi/mock-fixtures.yaml. */
export const MOCK_ACCOUNTS = lazyRecord(() => bundledSummary().labels) as Labelled;

/** Records per account of the bundled fixtures. */
export const MOCK_ACCOUNT_SIZES: Readonly<Record<string, number>> = lazyRecord(() => bundledSummary().sizes);

/** Every record of the bundled fixtures by partition (e.g. account id), for one seed. */
export function buildDataset(seed: number = MOCK_DEFAULT_SEED): ReadonlyMap<string, ReadonlyArray<Record<string, any>>> {
  const file = bundledFixturesFile();
  const fixtures = parseFixtures(file, parse(readFileSync(file, 'utf8')), seed);
  const dataset = new Map<string, Array<Record<string, any>>>();
  for (const collection of fixtures.collections.values()) {
    for (const data of collection.data) dataset.set(data.partition, [...(dataset.get(data.partition) ?? []), ...(data.records as Array<Record<string, any>>)]);
  }
  return dataset;
}
