// Runs every applicable check against a target (or the in-process mock) and returns the report.
import { CHECK_IDS, type CheckId } from './checks.js';
import { EVERY_RESPONSE, RunContext, type RunSettings } from './context.js';
import type { ContractReport, Exchange } from './model.js';
import { authProbes, boundaryProbes, cursorProbes, parameterProbes, unprobedParameterConstraints } from './probes/negatives.js';
import { preferredErrorProbes } from './probes/errors.js';
import { paginationProbes } from './probes/pagination.js';
import { propertyProbes } from './probes/properties.js';
import { API_KEY_ENV, Redactor, secretFieldNames } from './redact.js';
import { defaultSpec, type ContractSpec, type OperationInfo } from './spec.js';
import { Transport } from './transport.js';
import { validatorsFor } from './validator.js';

export interface ContractOptions {
  /** Base URL including the API prefix. Without it the kit starts the mock in-process and tests that. */
  baseUrl?: string;
  apiKey?: string;
  accountId?: string;
  /** Seed of the property-based requests; random (and printed) when absent. */
  seed?: number;
  /** Hard cap on requests for the whole run. Default 300. */
  maxRequests?: number;
  /** Requests per second. Default 50 against a --base-url, unlimited against the in-process mock; 0 = unlimited. */
  rate?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Per-request timeout. Default 10 000 ms. */
  timeoutMs?: number;
  /** Page cap of a pagination walk. Default 50. */
  maxPages?: number;
  /** Property-based requests (split between valid and invalid). Default 100, within the budget. */
  propertyRuns?: number;
  /** Also probe operations that are not read-only (GET, HEAD, OPTIONS). Off by default. */
  allowUnsafe?: boolean;
  /** Ask for each documented error with `Prefer: code=N, type=T`. Default: on for the in-process mock only. */
  preferErrors?: boolean;
  /** Test against another spec (same shape as the generated one). */
  spec?: ContractSpec;
  fetch?: typeof fetch;
  onProgress?: (progress: { requests: number; maxRequests: number; phase: string }) => void;
}

export const DEFAULTS = { maxRequests: 300, remoteRate: 50, concurrency: 4, timeoutMs: 10_000, maxPages: 50, propertyRuns: 100 } as const;

export class TargetUnreachableError extends Error {
  constructor(readonly target: string, detail: string) {
    super(`The target ${target} is unreachable: ${detail}`);
    this.name = 'TargetUnreachableError';
  }
}

export async function runContract(options: ContractOptions = {}): Promise<ContractReport> {
  const spec = options.spec ?? defaultSpec();
  const validators = validatorsFor(spec); // refuses unenforceable keywords before any request
  const startedAt = new Date();
  const started = performance.now();
  let target = options.baseUrl;
  let apiKey = options.apiKey;
  let accountId = options.accountId;
  let closeMock: (() => Promise<void>) | undefined;
  if (!target) {
    const mock = await import('../mock/index.js');
    apiKey ??= mock.MOCK_API_KEY;
    accountId ??= mock.MOCK_ACCOUNTS.large;
    const running = await mock.startMockServer({ apiKey });
    target = running.url;
    closeMock = () => running.close();
  }
  if (!apiKey) throw new Error('An API key is required with a base URL');
  if (!accountId) throw new Error('An account id is required with a base URL');
  try {
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    const maxRequests = options.maxRequests ?? DEFAULTS.maxRequests;
    let phase = 'preflight';
    const rate = options.rate ?? (closeMock ? 0 : DEFAULTS.remoteRate);
    const concurrency = options.concurrency ?? DEFAULTS.concurrency;
    const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    const transport = new Transport({
      baseUrl: target,
      fetch: options.fetch ?? globalThis.fetch,
      maxRequests,
      rate,
      concurrency,
      timeoutMs,
      onExchange: () => options.onProgress?.({ requests: transport.sent, maxRequests, phase }),
    });
    const settings: RunSettings = {
      apiKey,
      accountId,
      seed,
      maxPages: options.maxPages ?? DEFAULTS.maxPages,
      propertyRuns: options.propertyRuns ?? DEFAULTS.propertyRuns,
      allowUnsafe: options.allowUnsafe ?? false,
      preferErrors: options.preferErrors ?? Boolean(closeMock),
    };
    const ctx = new RunContext(spec, validators, transport, new Redactor(apiKey, secretFieldNames(spec)), settings);

    const warnings: string[] = [];
    let firstRequest = true;
    for (const op of Object.values(spec.operations)) {
      const reason = notProbedReason(op, settings);
      if (reason) {
        for (const check of CHECK_IDS) ctx.skip(check, op.operationId, '-', reason);
        continue;
      }
      phase = `${op.operationId}: preflight`;
      const firstPage: Exchange = await ctx.send(op, 'preflight (the base request)', ctx.baseRequest(op));
      if (firstRequest && firstPage.error) throw new TargetUnreachableError(target, firstPage.error);
      firstRequest = false;
      if (firstPage.response && firstPage.response.status !== op.successStatus) {
        warnings.push(`${op.operationId}: the base request (valid key and account) answered HTTP ${firstPage.response.status}, not ${op.successStatus}; `
          + 'check --base-url, --api-key and --account-id, as most checks expect it to succeed');
      }
      const unprobed = unprobedParameterConstraints(op);
      if (unprobed.length > 0) {
        warnings.push(`${op.operationId}: no parameter negative is derived from ${unprobed.join(', ')}; those constraints are not probed`);
      }
      phase = `${op.operationId}: negatives, boundaries, pagination`;
      await Promise.all([
        authProbes(ctx, op),
        parameterProbes(ctx, op),
        boundaryProbes(ctx, op),
        cursorProbes(ctx, op, firstPage),
        paginationProbes(ctx, op),
        preferredErrorProbes(ctx, op),
      ]);
      phase = `${op.operationId}: property-based requests`;
      await propertyProbes(ctx, op, transport.remaining);
      ctx.finishResponseChecks(op);
    }

    const outcomes = ctx.results();
    const findings = outcomes.flatMap((o) => o.findings);
    const replay = [
      'postpress-contract',
      ...(closeMock ? [] : [`--base-url ${target}`]),
      ...(closeMock && !options.accountId ? [] : [`--account-id ${accountId}`]),
      `--seed ${seed}`,
      ...(maxRequests !== DEFAULTS.maxRequests ? [`--max-requests ${maxRequests}`] : []),
      ...(settings.maxPages !== DEFAULTS.maxPages ? [`--max-pages ${settings.maxPages}`] : []),
      ...(settings.preferErrors && !closeMock ? ['--prefer-errors'] : []),
    ].join(' ');
    return ctx.redactor.value({
      target: closeMock ? `${target} (in-process mock)` : target,
      accountId,
      seed,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      requests: transport.sent,
      maxRequests,
      limits: { rate, concurrency, timeoutMs, maxPages: settings.maxPages },
      conforming: findings.length === 0,
      outcomes,
      findings,
      replay: closeMock ? replay : `${API_KEY_ENV}=... ${replay}`,
      warnings,
    });
  } finally {
    await closeMock?.();
  }
}

function notProbedReason(op: OperationInfo, settings: RunSettings): string | null {
  if (!op.safe && !settings.allowUnsafe) return `${op.method.toUpperCase()} is not read-only; pass --allow-unsafe to probe it`;
  if (op.parameters.some((p) => p.in === 'path')) return 'path parameters need values the kit cannot invent';
  return null;
}

export { EVERY_RESPONSE };
export type { CheckId };
