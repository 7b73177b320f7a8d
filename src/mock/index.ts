// The postpress mock server: a node:http handler answering as the spec documents, over a seeded
// data set. `transform` lets tests (and the contract kit's mutants) rewrite any reply.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MOCK_ACCOUNTS, MOCK_ACCOUNT_SIZES, MOCK_DEFAULT_SEED, buildDataset } from './dataset.js';
import { FaithfulMock, MOCK_ONLY_ERROR_TYPES, type EncodedReply, type MockReply } from './responder.js';
import { API_BASE_PATH } from './spec.js';
import { requestUrl } from '../shared/request-target.js';

export { MOCK_ACCOUNTS, MOCK_ACCOUNT_SIZES, MOCK_DEFAULT_SEED, MOCK_ONLY_ERROR_TYPES, API_BASE_PATH, buildDataset };
export type { MockReply };
export type { InvitationSent } from './dataset.js';

export const MOCK_API_KEY = 'pp_test_mock_key';

const CLOSE_GRACE_MS = 2000;

export interface MockExchange {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** What the faithful mock would send. */
  reply: MockReply;
  /** Re-runs the faithful mock with changed input; `undefined` removes a header or parameter. */
  respondAs(overrides: {
    headers?: Record<string, string | undefined>;
    query?: Record<string, string | undefined>;
  }): Promise<MockReply>;
}

export type ReplyTransform = (exchange: MockExchange) => MockReply | Promise<MockReply>;

export interface MockOptions {
  /** The only key accepted in X-API-KEY. Default {@link MOCK_API_KEY}. */
  apiKey?: string;
  /** Seed of the data set and of the cursor key. Default {@link MOCK_DEFAULT_SEED}. */
  seed?: number;
  /** Rewrites each reply before it is sent. */
  transform?: ReplyTransform;
  /** Called once each reply has been sent (the CLI's `--log`). */
  onReply?: (entry: { method: string; target: string; status: number; milliseconds: number }) => void;
}

export interface RunningMock {
  /** Base URL including the API prefix, e.g. `http://127.0.0.1:4010/api/v1`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function copyReply(reply: MockReply): MockReply {
  return { status: reply.status, headers: { ...reply.headers }, body: reply.body };
}

function send(res: ServerResponse, reply: MockReply | EncodedReply): void {
  const bytes = 'bytes' in reply ? reply.bytes : Buffer.from(reply.body);
  res.setHeader('content-length', bytes.length);
  res.writeHead(reply.status, reply.headers);
  res.end(bytes);
}

/** A documented 500 for a failure inside the mock (or a transform); never crashes the server. */
function sendFailure(res: ServerResponse, detail: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ title: 'Internal Server Error', type: 'errors/unexpected_error', status: 500, detail });
  send(res, { status: 500, headers: { 'content-type': 'application/json' }, body });
}

function withoutContentLength(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'content-length') kept[name] = value;
  return kept;
}

function urlOf(req: IncomingMessage): URL {
  return requestUrl(req.url, req.headers.host ?? 'localhost');
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Calls `onReply` once each reply is sent; the hot path is untouched when there is none. */
function withReplyLog(handler: Handler, onReply: MockOptions['onReply']): Handler {
  if (!onReply) return handler;
  return (req, res) => {
    const started = performance.now();
    res.once('finish', () => {
      onReply({ method: req.method ?? 'GET', target: req.url ?? '/', status: res.statusCode, milliseconds: performance.now() - started });
    });
    handler(req, res);
  };
}

export function createMockHandler(options: MockOptions = {}): Handler {
  return withReplyLog(createReplyHandler(options), options.onReply);
}

function createReplyHandler(options: MockOptions): Handler {
  const mock = new FaithfulMock({ apiKey: options.apiKey ?? MOCK_API_KEY, seed: options.seed ?? MOCK_DEFAULT_SEED });
  const transform = options.transform;
  if (!transform) {
    return (req, res) => {
      try {
        send(res, mock.respond(req.method ?? 'GET', req.url ?? '/', req.headers));
      } catch (error) {
        sendFailure(res, `The mock failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }
  return (req, res) => {
    const method = req.method ?? 'GET';
    const url = urlOf(req);
    const exchange: MockExchange = {
      method,
      url,
      headers: req.headers,
      reply: copyReply(mock.respond(method, req.url ?? '/', req.headers)),
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
        return copyReply(mock.respondTo(method, url.pathname, query, headers));
      },
    };
    Promise.resolve()
      .then(() => transform(exchange))
      .then((reply) => send(res, { status: reply.status, headers: withoutContentLength(reply.headers), body: reply.body }))
      .catch((error: unknown) => {
        sendFailure(res, `The mock's reply transform failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  };
}

/** Starts the mock on `host` (default 127.0.0.1) and `port` (default 0: any free port). */
export async function startMockServer(options: MockOptions & { port?: number; host?: string } = {}): Promise<RunningMock> {
  const server = createServer(createMockHandler(options));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}${API_BASE_PATH}`,
    port,
    /** Stops accepting, lets replies in flight finish (at most 2 s), then closes every connection. */
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        // Keep-alive connections become idle once their reply is sent: sweep them until all are gone.
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
