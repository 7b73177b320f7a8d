// Request targets that `new URL(target, base)` cannot parse (`//`, `//x`) must get an answer
// (never a 5xx) and leave every server we ship running.
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../src/site/static-server.js';
import { startDocsServer } from '../../src/watch/docs-server.js';
import { startMockServer, MOCK_API_KEY } from '../../src/mock/index.js';
import { requestPathname, requestUrl } from '../../src/shared/request-target.js';

const ODD_TARGETS = ['//', '//x', '//x?y=1', '/%', '/a/../../etc/passwd'];

/** Sends one raw request line (fetch normalises targets, so a socket is needed) and returns the status. */
function rawStatus(url: string, target: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nX-API-KEY: ${MOCK_API_KEY}\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on('error', reject);
    socket.setTimeout(5000, () => reject(new Error(`no answer to ${target}`)));
  });
}

describe('requestPathname and requestUrl', () => {
  it('never throw and keep the path', () => {
    expect(requestPathname('//')).toBe('//');
    expect(requestPathname('/a?b=1#c')).toBe('/a');
    expect(requestPathname(undefined)).toBe('/');
    expect(requestPathname('x')).toBe('/x');
    expect(requestUrl('//').pathname).toBe('//');
    expect(requestUrl('/a?b=1', 'bad host').searchParams.get('b')).toBe('1');
  });
});

describe('servers answer odd request targets and stay up', () => {
  let dir: string;
  const servers: Array<{ name: string; url: string; close(): Promise<void> }> = [];

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'postpress-odd-'));
    await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>ok</title>');
    const site = await startStaticServer(dir, { port: 0 });
    servers.push({ name: 'docs:serve', url: site.url, close: () => site.close() });
    const docs = await startDocsServer([dir], { port: 0 });
    servers.push({ name: 'dev docs server', url: docs.url, close: () => docs.close() });
    const mock = await startMockServer({ port: 0 });
    servers.push({ name: 'mock', url: mock.url, close: () => mock.close() });
    const transformed = await startMockServer({ port: 0, transform: (exchange) => exchange.reply });
    servers.push({ name: 'mock with a transform', url: transformed.url, close: () => transformed.close() });
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('each answers every odd target without a 5xx and still serves afterwards', async () => {
    for (const server of servers) {
      for (const target of ODD_TARGETS) {
        const status = await rawStatus(server.url, target);
        expect(status, `${server.name} ${target}`).toBeGreaterThanOrEqual(200);
        expect(status, `${server.name} ${target}`).toBeLessThan(500);
      }
      expect(await rawStatus(server.url, new URL(server.url).pathname.replace(/\/?$/, '/')), server.name).toBeGreaterThan(0);
    }
  });
});
