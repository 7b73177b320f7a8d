// A small static file server for dist/site/ (preview, browser test, benchmark). GET and HEAD
// only, files inside the folder only, `/` serves index.html. Binds 127.0.0.1 unless told otherwise.
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { requestPathname } from '../shared/request-target.js';

/** Content types of the files the docs servers send (by extension). */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The file under `root` a URL path names (a folder means its index.html), never outside `root`. */
export async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  let file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat?.isDirectory()) file = path.join(file, 'index.html');
  else if (!stat) return undefined;
  return (await fs.stat(file).catch(() => undefined))?.isFile() ? file : undefined;
}

export interface StaticServerOptions {
  port?: number;
  host?: string;
  /** Called once per request with e.g. `GET /openapi.yaml 200`. */
  log?: (line: string) => void;
  /** Answers some paths itself (docs:serve's local services); returns false to serve files. */
  hook?: (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => Promise<boolean>;
}

export async function startStaticServer(dir: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const root = path.resolve(dir);
  if (!(await fs.stat(root).catch(() => undefined))?.isDirectory()) {
    throw new Error(`${root} does not exist: run \`npm run build\` (or \`npm run generate\`) first`);
  }
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer(async (req, res) => {
    const pathname = requestPathname(req.url);
    res.on('finish', () => options.log?.(`${req.method} ${pathname} ${res.statusCode}`));
    if (options.hook && (await options.hook(req, res, pathname).catch(() => false))) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    const file = await resolveFile(root, pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}\n`);
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('cannot read file\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
