// `npm run bench:client`: this client vs raw fetch vs plain openapi-fetch, side by side in one
// run against a loopback server in a child process; then heap growth while paginating
// 100,000 items (400 pages of 250). Prints ratio lines; exits 1 when a target is missed.
import http from 'node:http';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import createClient from 'openapi-fetch';
import type { paths } from '../generated/schema.js';

// The client is loaded as a plain ESM bundle of src/client, as an application would ship it:
// importing the TypeScript through tsx would add tsx's per-closure `__name` calls to every call.
async function loadClient(): Promise<typeof import('../src/client/index.js')> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/client/index.ts', import.meta.url))],
    bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', write: false, logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0]!.contents).toString('base64')}`);
}
const { createPostpressClient } = await loadClient();

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const WARMUP = 2_000;
const PAGES = 400;
const PER_PAGE = 250;
const LATENCY_TARGET = 1.05;
const HEAP_TARGET_MB = 20;
const API_KEY = 'pp_bench_key';

function invitation(i: number) {
  return {
    object: 'InvitationSent', id: `inv_${i}`, invited_user: `User ${i}`, invited_user_id: `u${i}`, invited_user_public_id: `user-${i}`,
    invited_user_description: 'Engineer at Example', date: '2 days ago', parsed_datetime: null, invitation_text: 'Hello, let us connect',
    specifics: { provider: 'LINKEDIN', shared_secret: `AQH${i}` },
  };
}

function serve(): void {
  const small = JSON.stringify({ object: 'InvitationList', items: [invitation(0)], cursor: null });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let body = small;
    if (url.searchParams.get('limit') === String(PER_PAGE)) {
      const k = Number((url.searchParams.get('cursor') ?? 'c0').slice(1));
      body = JSON.stringify({
        object: 'InvitationList', items: Array.from({ length: PER_PAGE }, (_, j) => invitation(k * PER_PAGE + j)), cursor: k + 1 < PAGES ? `c${k + 1}` : null,
      });
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as { port: number }).port));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

async function latency(baseUrl: string): Promise<boolean> {
  const client = createPostpressClient({ apiKey: API_KEY, baseUrl });
  const noDeadline = createPostpressClient({ apiKey: API_KEY, baseUrl, timeoutMs: Infinity });
  const plain = createClient<paths>({ baseUrl, headers: { 'X-API-KEY': API_KEY, accept: 'application/json' } });
  const headers = { 'X-API-KEY': API_KEY, accept: 'application/json' };
  const accountId = 'acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR';
  const variants: Record<string, () => Promise<unknown>> = {
    'raw fetch': async () => {
      const res = await fetch(`${baseUrl}/users/invite/sent?account_id=${encodeURIComponent(accountId)}&limit=10`, { headers });
      if (!res.ok) throw new Error(`raw fetch: ${res.status}`);
      return res.json();
    },
    'raw fetch + AbortSignal + timer': async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      const res = await fetch(`${baseUrl}/users/invite/sent?account_id=${encodeURIComponent(accountId)}&limit=10`, { headers, signal: controller.signal });
      if (!res.ok) throw new Error(`raw fetch: ${res.status}`);
      const data = await res.json();
      clearTimeout(timer);
      return data;
    },
    'openapi-fetch': async () => {
      const { data, error } = await plain.GET('/users/invite/sent', { params: { query: { account_id: accountId, limit: 10 } } });
      if (error !== undefined || !data) throw new Error('openapi-fetch failed');
      return data;
    },
    'this client': async () => {
      const r = await client.listSentInvitations({ account_id: accountId, limit: 10 });
      if (!r.ok) throw new Error(`client: ${r.error.type}`);
      return r.data;
    },
    'this client, timeoutMs: Infinity': async () => {
      const r = await noDeadline.listSentInvitations({ account_id: accountId, limit: 10 });
      if (!r.ok) throw new Error(`client: ${r.error.type}`);
      return r.data;
    },
  };
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  // Round-robin, one request of each variant in turn, so drift hits all equally.
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    for (const name of names) {
      const started = process.hrtime.bigint();
      await variants[name]!();
      if (i >= WARMUP) samples[name]!.push(Number(process.hrtime.bigint() - started) / 1000);
    }
    if ((i - WARMUP + 1) % 5000 === 0 && i >= WARMUP) console.error(`  ${i - WARMUP + 1}/${REQUESTS} requests per variant`);
  }
  const medians = Object.fromEntries(names.map((n) => [n, median(samples[n]!)]));
  console.log(`\nLatency: median of ${REQUESTS} sequential requests per variant (loopback, keep-alive, interleaved)`);
  if (REQUESTS < 20_000) console.log(`  (BENCH_REQUESTS=${REQUESTS}: fewer than the 20,000 the target is defined on)`);
  for (const name of names) console.log(`  ${name.padEnd(34)} ${medians[name]!.toFixed(1)} us`);
  const ratioOf = (a: string, b: string) => medians[a]! / medians[b]!;
  const ratio = ratioOf('this client', 'raw fetch');
  console.log(`ratio this client / raw fetch:                              ${ratio.toFixed(3)} (target <= ${LATENCY_TARGET}) ${ratio <= LATENCY_TARGET ? 'OK' : 'MISSED'}`);
  console.log(`ratio this client / raw fetch + AbortSignal + timer:        ${ratioOf('this client', 'raw fetch + AbortSignal + timer').toFixed(3)} (raw fetch made abortable with a deadline)`);
  console.log(`ratio this client, timeoutMs: Infinity / raw fetch:         ${ratioOf('this client, timeoutMs: Infinity', 'raw fetch').toFixed(3)}`);
  console.log(`ratio raw fetch + AbortSignal + timer / raw fetch:          ${ratioOf('raw fetch + AbortSignal + timer', 'raw fetch').toFixed(3)} (cost of an abortable fetch)`);
  console.log(`ratio openapi-fetch / raw fetch:                            ${ratioOf('openapi-fetch', 'raw fetch').toFixed(3)}`);
  console.log(`ratio this client / openapi-fetch:                          ${ratioOf('this client', 'openapi-fetch').toFixed(3)}`);
  return ratio <= LATENCY_TARGET;
}

async function pagination(baseUrl: string): Promise<boolean> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heapMb = () => {
    gc();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const client = createPostpressClient({ apiKey: API_KEY, baseUrl });
  const query = { account_id: 'acc_1', limit: PER_PAGE };

  async function run(keep: boolean): Promise<{ items: number; growthMb: number; rawPeakMb: number; ms: number }> {
    const kept: unknown[] = [];
    const baseline = heapMb();
    let items = 0;
    let peak = -Infinity;
    let rawPeak = -Infinity; // heapUsed without forcing a GC: includes garbage not yet collected
    const started = performance.now();
    for await (const inv of client.paginate('listSentInvitations', query)) {
      if (inv.id !== `inv_${items}`) throw new Error(`item ${items} out of order: ${inv.id}`);
      if (keep) kept.push(inv);
      if (++items % PER_PAGE === 0) rawPeak = Math.max(rawPeak, process.memoryUsage().heapUsed / 2 ** 20 - baseline);
      if (items % (PER_PAGE * 20) === 0) peak = Math.max(peak, heapMb() - baseline);
    }
    const ms = performance.now() - started;
    peak = Math.max(peak, heapMb() - baseline);
    if (kept.length !== (keep ? items : 0)) throw new Error('unreachable');
    return { items, growthMb: peak, rawPeakMb: rawPeak, ms };
  }

  await run(false); // warm-up, so the measured run starts from a settled heap
  const streamed = await run(false);
  const collected = await run(true); // control: proves the measure sees retained items
  console.log(`\nPagination: ${PAGES} pages of ${PER_PAGE} items, heap after GC sampled every 20 pages`);
  console.log(`  streamed (for await):  ${streamed.items} items in ${(streamed.ms / 1000).toFixed(2)} s, heap growth ${streamed.growthMb.toFixed(2)} MB (peak without forced GC: ${streamed.rawPeakMb.toFixed(2)} MB)`);
  console.log(`  control (kept in array): ${collected.items} items, heap growth ${collected.growthMb.toFixed(2)} MB`);
  const ok = streamed.items === PAGES * PER_PAGE && streamed.growthMb <= HEAP_TARGET_MB;
  console.log(`heap growth while paginating 100,000 items: ${streamed.growthMb.toFixed(2)} MB (target <= ${HEAP_TARGET_MB} MB) ${ok ? 'OK' : 'MISSED'}`);
  return ok;
}

if (process.argv.includes('--serve')) {
  serve();
} else {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m) => resolve(Number(m)));
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const baseUrl = `http://127.0.0.1:${port}/api/v1`;
    console.log(`bench:client  node ${process.version}, server in a child process on 127.0.0.1:${port}`);
    const latencyOk = await latency(baseUrl);
    const heapOk = await pagination(baseUrl);
    if (!latencyOk || !heapOk) process.exitCode = 1;
  } finally {
    child.kill();
  }
}
