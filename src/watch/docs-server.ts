// The docs server of watch mode: serves dist/site (or dist/docs before a site exists), and tells
// open pages to reload over Server-Sent Events after each regeneration.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { CONTENT_TYPES, resolveFile } from '../site/static-server.js';
import { listen } from '../shared/cli.js';
import { requestPathname } from '../shared/request-target.js';

export const EVENTS_PATH = '/__dev/events';
const RELOAD_SCRIPT = `new EventSource(${JSON.stringify(EVENTS_PATH)}).addEventListener('reload', () => location.reload());`;
const RELOAD_HASH = `'sha256-${createHash('sha256').update(RELOAD_SCRIPT).digest('base64')}'`;

/** Adds the reload script, and allows it in the page's Content-Security-Policy if it has one. */
export function injectReloadScript(html: string): string {
  const withPolicy = html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*?script-src)([^;"]*)/i, (_m, head: string, sources: string) => {
    const kept = sources.replace(/'none'/g, '').trim();
    return `${head} ${RELOAD_HASH}${kept ? ` ${kept}` : ''}`;
  });
  const tag = `<script>${RELOAD_SCRIPT}</script>`;
  return /<\/body>/i.test(withPolicy) ? withPolicy.replace(/<\/body>(?![\s\S]*<\/body>)/i, `${tag}</body>`) : withPolicy + tag;
}

export interface DocsServer {
  url: string;
  /** Tells every open page to reload. */
  reload(detail?: unknown): void;
  /** Open event streams (for tests and the status line). */
  clients(): number;
  close(): Promise<void>;
}

/** `folders`: tried in order per request, so dist/site takes over as soon as it exists. */
export async function startDocsServer(folders: string[], options: { port?: number; host?: string } = {}): Promise<DocsServer> {
  const streams = new Set<http.ServerResponse>();

  async function servingRoot(): Promise<string | undefined> {
    for (const folder of folders) {
      if ((await fs.stat(folder).catch(() => undefined))?.isDirectory()) return folder;
    }
    return undefined;
  }

  async function fileFor(urlPath: string): Promise<string | undefined> {
    const root = await servingRoot();
    return root ? resolveFile(root, urlPath) : undefined;
  }

  const server = http.createServer(async (req, res) => {
    const pathname = requestPathname(req.url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (pathname === EVENTS_PATH) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    const file = await fileFor(pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}\n`);
      return;
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    let body: Buffer | string = await fs.readFile(file).catch(() => Buffer.alloc(0));
    if (type.startsWith('text/html')) body = injectReloadScript(body.toString('utf8'));
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });

  // Keeps idle streams open through proxies and browsers' timeouts.
  const heartbeat = setInterval(() => streams.forEach((s) => s.write(': ping\n\n')), 15_000);
  heartbeat.unref();

  // A busy port rejects with the shared CannotListenError (one message and exit code for all tools).
  const { port, address } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1').catch((error: unknown) => {
    clearInterval(heartbeat);
    throw error;
  });
  return {
    url: `http://${address}:${port}/`,
    reload(detail = {}) {
      for (const stream of streams) stream.write(`event: reload\ndata: ${JSON.stringify(detail)}\n\n`);
    },
    clients: () => streams.size,
    async close() {
      clearInterval(heartbeat);
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
