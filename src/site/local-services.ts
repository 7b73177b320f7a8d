// What `npm run docs:serve` adds to the static site for the Try it console (never part of
// dist/site): `GET /__docs/local.json` says whether a local mock runs and where, and
// `POST /__docs/check` judges a response the browser received with the contract kit's own
// response checks (src/contract/response-checks.ts), so the console's verdict is the kit's.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkResponse } from '../contract/response-checks.js';
import { kitSpecOf, type KitSpec } from '../contract/spec.js';
import type { Exchange } from '../contract/model.js';

export const LOCAL_SERVICES = { info: '/__docs/local.json', check: '/__docs/check' } as const;
const MAX_CHECK_BYTES = 8 * 1024 * 1024;

export interface CheckRequest {
  operationId: string;
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface CheckVerdict {
  conforms: boolean;
  /** How many of the kit's checks judged the response. */
  checks: number;
  findings: Array<{ check: string; message: string }>;
}

/** The kit's response checks on one response of one operation. */
export function judgeResponse(spec: KitSpec, request: CheckRequest): CheckVerdict {
  const op = spec.model.operationsById.get(request.operationId);
  if (!op) throw new Error(`no operation ${request.operationId} in the spec`);
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const exchange: Exchange = {
    request: { method: op.method.toUpperCase(), path: op.path, query: [], headers: {} },
    url: op.path,
    response: { status: request.status, headers, text: request.text ?? '' },
    durationMs: 0,
  };
  const { findings, judged } = checkResponse(spec, op, exchange);
  const list = [...findings].flatMap(([check, found]) => found.map((f) => ({ check, message: f.message })));
  return { conforms: list.length === 0, checks: judged.length, findings: list };
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) }).end(body);
}

/** A request hook for the static server: answers the two paths above, or returns false. */
export function localServicesHandler(options: { document: Record<string, any>; mockUrl: string | null }) {
  let spec: KitSpec | undefined;
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (pathname === LOCAL_SERVICES.info && (req.method === 'GET' || req.method === 'HEAD')) {
      json(res, 200, { mock: options.mockUrl, check: true });
      return true;
    }
    if (pathname !== LOCAL_SERVICES.check) return false;
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_CHECK_BYTES) {
        json(res, 413, { error: `the response to check is over ${MAX_CHECK_BYTES} bytes` });
        return true;
      }
      chunks.push(chunk as Buffer);
    }
    try {
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CheckRequest;
      spec ??= kitSpecOf(options.document, '(docs site spec)');
      json(res, 200, judgeResponse(spec, request));
    } catch (error) {
      json(res, 400, { error: (error as Error).message });
    }
    return true;
  };
}
