// A real node:http server on 127.0.0.1 (port 0) for the client tests, with scripted faults.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const API_KEY = 'pp_test_K3y-5ecret-0123456789abcdef';

export interface SeenRequest { method: string; url: URL; headers: http.IncomingHttpHeaders; body: string }
/** Answers request number `n` (0-based); may write anything, or destroy the socket. */
export type Responder = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

export interface TestServer {
  baseUrl: string;
  requests: SeenRequest[];
  /** Requests whose response the client abandoned (the socket closed before the end). */
  abandoned: number;
  respond(responder: Responder): void;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  let responder: Responder = (_req, res) => json(res, 404, {});
  const requests: SeenRequest[] = [];
  const state = { abandoned: 0 };
  const server = http.createServer((req, res) => {
    const n = requests.length;
    const seen: SeenRequest = { method: req.method ?? '', url: new URL(req.url ?? '/', 'http://127.0.0.1'), headers: req.headers, body: '' };
    requests.push(seen);
    res.on('close', () => {
      if (!res.writableFinished) state.abandoned++;
    });
    // The responder runs once the request body is in, so a test can read it from `requests`.
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (seen.body += chunk));
    req.once('end', () => responder(req, res, n));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    requests,
    get abandoned() {
      return state.abandoned;
    },
    respond(next) {
      responder = next;
      requests.length = 0;
      state.abandoned = 0;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function envelope(status: number, type: string, extra: Record<string, string> = {}) {
  return { title: `Title of ${type}`, type, status, ...extra };
}

export function secretOf(i: number): string {
  return `AQH-shared-secret-${i}-xq7`;
}

export function invitation(i: number) {
  return {
    object: 'InvitationSent',
    id: `inv_${i}`,
    invited_user: `User ${i}`,
    invited_user_id: `u${i}`,
    invited_user_public_id: `user-${i}`,
    invited_user_description: 'Engineer',
    date: '2 days ago',
    parsed_datetime: null,
    invitation_text: 'Hello',
    specifics: { provider: 'LINKEDIN', shared_secret: secretOf(i) },
  };
}

export function page(from: number, count: number, cursor: string | null) {
  return { object: 'InvitationList', items: Array.from({ length: count }, (_, k) => invitation(from + k)), cursor };
}

/** Serves `pages` pages of `perPage` items; cursor `c<k>` points at page k. */
export function pagedResponder(pages: number, perPage: number): Responder {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const k = Number((url.searchParams.get('cursor') ?? 'c0').slice(1));
    json(res, 200, page(k * perPage, perPage, k + 1 < pages ? `c${k + 1}` : null));
  };
}
