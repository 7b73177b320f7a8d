// When to retry and how long to wait. The `retryable` advice of an error type comes from the
// spec's `x-retryable` extension, read from the operation's own error set.

export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 disables retries). */
  maxRetries?: number;
  /** Backoff base: retry n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^n)) (default 200). */
  baseDelayMs?: number;
  /** Cap of the backoff (default 5000). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the result is returned (default 60000). */
  maxRetryAfterMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

const NEVER_RETRIED = new Set([401, 403, 501]);
const RETRIED_BY_STATUS = new Set([429, 503, 504]);

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 200, maxDelayMs: 5000, maxRetryAfterMs: 60_000, ...(options || {}) };
  if (options === false) policy.maxRetries = 0;
  for (const [key, value] of Object.entries(policy)) {
    if (typeof value !== 'number' || !(value >= 0)) throw new TypeError(`retry.${key} must be a number >= 0`);
  }
  return policy;
}

/** Whether a response with this status, whose error type the spec advises as `retryable`, may succeed when sent again. */
export function isRetryableResponse(status: number, retryable: boolean | undefined): boolean {
  if (NEVER_RETRIED.has(status)) return false;
  return RETRIED_BY_STATUS.has(status) || retryable === true;
}

/** `Retry-After` in milliseconds from either form (delta-seconds or HTTP-date), or undefined. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN; // HTTP-dates name a day or month
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: retry `n` (0-based) waits in [0, min(cap, base * 2^n)). */
export function backoffDelay(policy: RetryPolicy, retryIndex: number, random = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex));
}
