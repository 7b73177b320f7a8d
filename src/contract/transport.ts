// Sends the kit's requests within the run's limits: a request budget, a rate, a concurrency cap
// and a per-request timeout. A 429 with a short Retry-After is retried (it is the server asking
// for patience, not a verdict on the request).
import { parseRetryAfter } from '../client/retry.js';
import type { Exchange, ProbeRequest } from './model.js';

export interface TransportOptions {
  baseUrl: string;
  fetch: typeof fetch;
  /** Hard cap on requests for the whole run. */
  maxRequests: number;
  /** Requests per second; 0 for no limit. */
  rate: number;
  concurrency: number;
  timeoutMs: number;
  onExchange?: (exchange: Exchange) => void;
}

export class BudgetExhausted extends Error {
  constructor(max: number, message = `the request budget (--max-requests ${max}) is spent`) {
    super(message);
    this.name = 'BudgetExhausted';
  }
}

const MAX_RETRY_AFTER_MS = 5_000;

export class Transport {
  sent = 0;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private nextSlot = 0;

  constructor(private readonly options: TransportOptions) {}

  get maxRequests(): number {
    return this.options.maxRequests;
  }

  get remaining(): number {
    return Math.max(0, this.options.maxRequests - this.sent);
  }

  url(request: ProbeRequest): string {
    const url = new URL(this.options.baseUrl.replace(/\/+$/, '') + request.path);
    url.search = new URLSearchParams(request.query).toString();
    return url.toString();
  }

  /** Sends `request`; a 429 is waited out and retried unless `retry429` is false. */
  async send(request: ProbeRequest, retry429 = true): Promise<Exchange> {
    for (let attempt = 0; ; attempt++) {
      const exchange = await this.sendOnce(request);
      const retryAfter = retry429 && exchange.response?.status === 429 ? parseRetryAfter(exchange.response.headers['retry-after'] ?? null) : undefined;
      if (retryAfter === undefined || retryAfter > MAX_RETRY_AFTER_MS || attempt >= 2 || this.remaining === 0) return exchange;
      await new Promise((resolve) => setTimeout(resolve, retryAfter));
    }
  }

  private async sendOnce(request: ProbeRequest): Promise<Exchange> {
    if (this.sent >= this.options.maxRequests) throw new BudgetExhausted(this.options.maxRequests);
    this.sent++;
    await this.acquire();
    try {
      await this.pace();
      const url = this.url(request);
      const started = performance.now();
      try {
        const response = await this.options.fetch(url, {
          method: request.method.toUpperCase(),
          headers: request.headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
          signal: AbortSignal.timeout(this.options.timeoutMs),
          redirect: 'manual',
        });
        const text = await response.text();
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
        const exchange: Exchange = { request, url, response: { status: response.status, headers, text }, durationMs: performance.now() - started };
        this.options.onExchange?.(exchange);
        return exchange;
      } catch (error) {
        const exchange: Exchange = { request, url, error: describeError(error, this.options.timeoutMs), durationMs: performance.now() - started };
        this.options.onExchange?.(exchange);
        return exchange;
      }
    } finally {
      this.release();
    }
  }

  private async pace(): Promise<void> {
    if (this.options.rate <= 0) return;
    const now = performance.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.options.rate;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => { this.active++; resolve(); }));
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

export function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no response within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
