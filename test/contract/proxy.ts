// A proxy on 127.0.0.1 in front of the third-party server (third-party-server.ts) that rewrites
// one kind of answer: broken variants of a server the kit must catch (stateful.test.ts,
// probes.test.ts). Servers started here are closed after each test.
import { Buffer } from 'node:buffer';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { runContract, type ContractOptions, type ContractReport, type KitSpec } from '../../src/contract/index.js';
import { startThirdPartyServer, THIRD_PARTY_TOKEN } from './third-party-server.js';

export const SPEC = 'test/fixtures/third-party/openapi.yaml';
/** `drop`: the connection is closed without an answer. */
export interface Answer { status: number; contentType: string | null; text: string; headers?: Record<string, string>; drop?: true }
export interface Asked { method: string; path: string; body?: string }
export type Rewrite = (asked: Asked, answer: Answer) => Answer | undefined;

export const closing: Array<() => Promise<void>> = [];
afterEach(async () => { await Promise.all(closing.splice(0).map((close) => close())); });

export async function startProxy(target: string, rewrite: Rewrite): Promise<string> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept']) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}), redirect: 'manual' });
    const answer: Answer = { status: upstream.status, contentType: upstream.headers.get('content-type'), text: await upstream.text() };
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/v2/, '');
    const out = rewrite({ method: req.method!, path, ...(chunks.length > 0 ? { body: Buffer.concat(chunks).toString('utf8') } : {}) }, answer) ?? answer;
    if (out.drop) return void req.socket.destroy();
    res.writeHead(out.status, { ...(out.contentType ? { 'content-type': out.contentType } : {}), ...out.headers }).end(out.text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closing.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export const json = (status: number, body: unknown): Answer => ({ status, contentType: 'application/json', text: JSON.stringify(body) });
export const isItem = (asked: Asked) => /^\/customers\/[^/]+$/.test(asked.path);

export async function runBroken(rewrite: Rewrite, spec: string | KitSpec = SPEC, parameters: Record<string, string> = {}, options: Partial<ContractOptions> = {}): Promise<{ report: ContractReport; customers: Map<string, unknown> }> {
  const upstream = await startThirdPartyServer();
  closing.push(() => upstream.close());
  const proxy = await startProxy(new URL(upstream.url).origin, rewrite);
  const report = await runContract({ spec, baseUrl: `${proxy}/v2`, auth: { bearerAuth: THIRD_PARTY_TOKEN }, seed: 7, rate: 0, propertyRuns: 0, allowUnsafe: true, parameters, ...options });
  return { report, customers: upstream.customers };
}
