// Unit properties of the retry policy (Retry-After forms, full-jitter backoff) and of the
// parameter checks, with fast-check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableResponse, parseRetryAfter, retryPolicy } from '../../src/client/retry.js';
import { inputViolation, schemaViolation } from '../../src/client/validate.js';
import { errorSets, operations } from '../../generated/operations.js';

describe('Retry-After', () => {
  const now = Date.parse('2026-11-27T10:00:00Z');
  it('reads delta-seconds and HTTP-dates, and ignores garbage', () => {
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 09:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('round-trips any date a server would format', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 86_400 }), (seconds) => {
      expect(parseRetryAfter(new Date(now + seconds * 1000).toUTCString(), now)).toBe(seconds * 1000);
    }));
  });
});

describe('backoff with full jitter', () => {
  it('stays in [0, min(cap, base * 2^n)) and uses the whole range', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (baseDelayMs, maxDelayMs, n, r) => {
        const policy = retryPolicy({ baseDelayMs, maxDelayMs });
        const delay = backoffDelay(policy, n, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.max(1, Math.min(maxDelayMs, baseDelayMs * 2 ** n)));
      },
    ));
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
    expect(backoffDelay(policy, 10, () => 0.999)).toBe(999); // capped
    expect(backoffDelay(policy, 0, () => 0)).toBe(0);
  });
});

describe('what is retried', () => {
  it('follows the advice of each error set and the 429/503/504 rule, never 401/403/501', () => {
    for (const set of Object.values(errorSets)) {
      for (const [type, { retryable }] of Object.entries(set.types)) {
        const expected = [429, 503, 504].includes(set.status) || (retryable && ![401, 403, 501].includes(set.status));
        expect(isRetryableResponse(set.status, retryable), `${set.status} ${type}`).toBe(expected);
      }
    }
    expect(isRetryableResponse(502, undefined)).toBe(false);
    expect(isRetryableResponse(500, true)).toBe(true);
    expect(isRetryableResponse(401, true)).toBe(false);
    expect(isRetryableResponse(503, undefined)).toBe(true);
  });
});

describe('parameter checks', () => {
  const specs = operations.listSentInvitations.parameters;
  it('accept every valid combination and reject every limit outside 1..250', () => {
    fc.assert(fc.property(
      fc.string({ minLength: 1, maxLength: 256, unit: 'grapheme' }), fc.option(fc.integer({ min: 1, max: 250 }), { nil: undefined }),
      (account_id, limit) => {
        expect(inputViolation({ account_id, limit }, specs)).toBeUndefined();
      },
    ));
    fc.assert(fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 251 })), (limit) => {
      expect(inputViolation({ account_id: 'a', limit }, specs)).toMatch(/"limit"/);
    }));
  });

  it('cover every keyword the parameter schemas of the spec use', () => {
    // What schemaViolation enforces, and annotations that assert nothing.
    const checked = new Set(['type', 'enum', 'const', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'format']);
    const annotations = new Set(['default', 'description', 'title', 'example', 'examples', 'deprecated']);
    for (const op of Object.values(operations)) {
      for (const { name, schema } of op.parameters as readonly { name: string; schema: Record<string, unknown> }[]) {
        for (const keyword of Object.keys(schema)) expect(checked.has(keyword) || annotations.has(keyword), `${op.operationId} ${name}: ${keyword}`).toBe(true);
        if (schema.format !== undefined) expect(['int32', 'int64'], `${op.operationId} ${name}: format`).toContain(schema.format);
      }
    }
    expect(schemaViolation(2 ** 53, { type: 'integer', format: 'int64' })).toMatch(/safe integer/);
    expect(schemaViolation(1, { const: 2 })).toMatch(/must be 2/);
    expect(schemaViolation(0, { exclusiveMinimum: 0 })).toMatch(/> 0/);
    expect(schemaViolation(1, { exclusiveMaximum: 1 })).toMatch(/< 1/);
  });

  it('counts characters as code points, as JSON Schema does', () => {
    expect(schemaViolation('😀'.repeat(256), { type: 'string', maxLength: 256 })).toBeUndefined();
    expect(schemaViolation('😀'.repeat(257), { type: 'string', maxLength: 256 })).toMatch(/at most 256/);
  });

  it('checks enum, pattern, int32 and non-finite numbers', () => {
    expect(schemaViolation('c', { enum: ['a', 'b'] })).toMatch(/one of "a", "b"/);
    expect(schemaViolation('abc', { type: 'string', pattern: '^a+$' })).toMatch(/must match/);
    expect(schemaViolation(2 ** 31, { type: 'integer', format: 'int32' })).toMatch(/int32/);
    expect(schemaViolation(Number.NaN, { type: 'number' })).toMatch(/finite/);
    expect(schemaViolation(5, { type: 'number' })).toBeUndefined();
  });
});
