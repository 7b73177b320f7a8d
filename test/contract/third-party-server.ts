// A small server for the third-party fixture spec (test/fixtures/third-party/openapi.yaml), written
// the way such servers usually are: by hand, without reading the spec at run time. It has the two
// habits the kit reports (docs/contract.md): an undocumented method gets 404 (not 405 with Allow),
// and a malformed customer id is looked up (404) instead of refused with 400.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const THIRD_PARTY_TOKEN = 'tok_third_party_test';

interface Customer { id: string; name: string; email?: string; country: string; created: string }

function send(res: ServerResponse, status: number, body?: unknown, type = 'application/json'): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
}

const problem = (res: ServerResponse, status: number, title: string, detail?: string) =>
  send(res, status, { type: 'about:blank', title, status, ...(detail ? { detail } : {}) }, 'application/problem+json');

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startThirdPartyServer(): Promise<{ url: string; close(): Promise<void>; customers: Map<string, Customer> }> {
  const customers = new Map<string, Customer>();
  let next = 1;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/v2/, '');
    if (path === '/health' && req.method === 'GET') return send(res, 200, { status: 'ok' });
    if (req.headers.authorization !== `Bearer ${THIRD_PARTY_TOKEN}`) return problem(res, 401, 'Unauthorized');
    if (path === '/customers' && req.method === 'GET') {
      const limitText = url.searchParams.get('limit');
      const limit = limitText === null ? 20 : Number(limitText);
      if (!/^\d+$/.test(limitText ?? '20') || limit < 1 || limit > 50) return problem(res, 400, 'Bad Request', 'limit must be an integer from 1 to 50');
      const country = url.searchParams.get('country');
      if (country !== null && !/^[A-Za-z]{2}$/.test(country)) return problem(res, 400, 'Bad Request', 'country must be two letters');
      const data = [...customers.values()].reverse().filter((c) => country === null || c.country === country.toUpperCase()).slice(0, limit);
      return send(res, 200, { data });
    }
    if (path === '/customers' && req.method === 'POST') {
      let body: any;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return problem(res, 400, 'Bad Request', 'the body is not JSON');
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) return problem(res, 400, 'Bad Request', 'the body must be an object');
      if (typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 100) return problem(res, 400, 'Bad Request', 'name is required (1 to 100 characters)');
      if (typeof body.country !== 'string' || body.country.length !== 2) return problem(res, 400, 'Bad Request', 'country is required (2 letters)');
      if (body.email !== undefined && (typeof body.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email))) return problem(res, 400, 'Bad Request', 'email is not an email address');
      const customer: Customer = { id: `cus_${(next++).toString(36)}x`, name: body.name, ...(body.email ? { email: body.email } : {}), country: body.country.toUpperCase(), created: new Date().toISOString() };
      customers.set(customer.id, customer);
      return send(res, 201, customer);
    }
    const match = /^\/customers\/([^/]+)$/.exec(path);
    if (match) {
      const id = decodeURIComponent(match[1]!);
      const customer = customers.get(id);
      if (req.method === 'GET') return customer ? send(res, 200, customer) : problem(res, 404, 'Not Found', `no customer ${id}`);
      if (req.method === 'DELETE') {
        if (!customer) return problem(res, 404, 'Not Found', `no customer ${id}`);
        customers.delete(id);
        return send(res, 204);
      }
    }
    return problem(res, 404, 'Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2`,
    customers,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
