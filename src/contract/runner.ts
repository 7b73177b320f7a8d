// Runs every applicable check on every operation of a spec against a target (or the in-process
// mock) and returns the report: three verdicts (conforming, violations, inconclusive), coverage
// per operation, what was not tested and what could not be cleaned up.
import { commandLine } from '../shared/cli.js';
import { CHECK_IDS, type CheckId } from './checks.js';
import { EVERY_RESPONSE, MissingValue, RunContext, type RunSettings } from './context.js';
import { INCONCLUSIVE_KINDS, type ContractReport, type Exchange, type OperationCoverage, type ProbeRequest, type Verdict } from './model.js';
import { authProbes, boundaryProbes, cursorProbes, parameterProbes, unprobedParameterConstraints } from './probes/negatives.js';
import { bodyProbes } from './probes/body.js';
import { preferredErrorProbes } from './probes/errors.js';
import { methodProbes } from './probes/methods.js';
import { paginationProbes } from './probes/pagination.js';
import { propertyProbes } from './probes/properties.js';
import { cleanup, createdChecks, deletedChecks } from './probes/stateful.js';
import { Redactor, secretFieldNames } from './redact.js';
import { defaultSpec, loadKitSpec, type KitSpec, type OperationInfo } from './spec.js';
import { BudgetExhausted, Transport } from './transport.js';
import { responseFor } from '../spec/model.js';

export interface ContractOptions {
  /** Base URL including the API prefix. Without it the kit starts the mock in-process (on the same spec) and tests that. */
  baseUrl?: string;
  /** The spec: a file (YAML or JSON, OpenAPI 3.1) or one loaded with loadKitSpec. Default: our bundled spec. */
  spec?: string | KitSpec;
  /** The credential for every security scheme not named in `auth`. */
  apiKey?: string;
  /** Credentials per security scheme name (`--auth NAME=VALUE`). HTTP basic: `user:password`. */
  auth?: Record<string, string>;
  /** Parameter values by `name` or `operationId.name` (`--param`, `--fixtures`). */
  parameters?: Record<string, string>;
  /** Seed of the generated values; random (and printed) when absent. */
  seed?: number;
  /** Hard cap on requests for the whole run, shared fairly between operations. Default 1000. */
  maxRequests?: number;
  /** Requests per second. Default 50 against a --base-url, unlimited against the in-process mock; 0 = unlimited. */
  rate?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Per-request timeout. Default 10 000 ms. */
  timeoutMs?: number;
  /** Page cap of a pagination walk. Default 50. */
  maxPages?: number;
  /** Property-based requests per operation (split between valid and invalid), within its budget. Default 100. */
  propertyRuns?: number;
  /** Also probe operations that are not read-only, create and delete. Off by default: nothing is written. */
  allowUnsafe?: boolean;
  /** Ask for each documented error with `Prefer: code=N, type=T`. Default: on for the in-process mock only. */
  preferErrors?: boolean;
  /** Percentage of documented statuses and error types that must be observed; below it the run fails. */
  minCoverage?: number;
  fetch?: typeof fetch;
  onProgress?: (progress: { requests: number; maxRequests: number; phase: string }) => void;
}

export const DEFAULTS = { maxRequests: 1000, remoteRate: 50, concurrency: 4, timeoutMs: 10_000, maxPages: 50, propertyRuns: 100 } as const;

/** Exit statuses of postpress-contract. */
export const EXIT = { conforming: 0, violations: 1, usage: 2, inconclusive: 3 } as const;

export class TargetUnreachableError extends Error {
  constructor(readonly target: string, detail: string) {
    super(`The target ${target} is unreachable: ${detail}`);
    this.name = 'TargetUnreachableError';
  }
}

/** RFC 9110 order: lists first (they teach ids), then creates, reads, updates, deletes last. */
function rank(op: OperationInfo): number {
  const hasPath = op.parameters.some((p) => p.in === 'path');
  if (op.safe && !hasPath) return 0;
  if (op.method === 'post' && !hasPath) return 1;
  if (op.safe) return 2;
  if (op.method === 'delete') return 4;
  return 3;
}

export async function runContract(options: ContractOptions = {}): Promise<ContractReport> {
  const spec = typeof options.spec === 'string' ? await loadKitSpec(options.spec) : options.spec ?? defaultSpec();
  const startedAt = new Date();
  const started = performance.now();
  let target = options.baseUrl;
  const credentials: Record<string, string> = {};
  let closeMock: (() => Promise<void>) | undefined;
  const preflightWarnings: string[] = [];
  if (!target) {
    const mock = await import('../mock/index.js');
    const key = options.apiKey ?? mock.MOCK_API_KEY;
    // Our own spec is mocked with its fixtures (openapi/mock-fixtures.yaml); another spec without.
    // The mock accepts only the credentials the kit sends, so a wrong one is refused as it must be.
    const accepted = { apiKey: key, bearerToken: key, basicCredentials: `contract:${key}` };
    const running = await mock.startMock((spec.file === defaultSpec().file ? accepted : { document: spec.document, ...accepted, fixtures: false }) as never);
    target = running.url;
    closeMock = () => running.close();
    for (const [name, scheme] of Object.entries(spec.model.securitySchemes)) {
      credentials[name] = scheme.type === 'http' && scheme.scheme === 'basic' ? accepted.basicCredentials : key;
    }
    preflightWarnings.push(...(running.warnings ?? []).map((w: string) => `mock: ${w}`));
  }
  for (const name of Object.keys(spec.model.securitySchemes)) if (options.apiKey !== undefined) credentials[name] = options.apiKey;
  Object.assign(credentials, options.auth ?? {});
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
      credentials,
      parameters: options.parameters ?? {},
      seed,
      maxPages: options.maxPages ?? DEFAULTS.maxPages,
      propertyRuns: options.propertyRuns ?? DEFAULTS.propertyRuns,
      allowUnsafe: options.allowUnsafe ?? false,
      preferErrors: options.preferErrors ?? Boolean(closeMock),
    };
    const ctx = new RunContext(spec, transport, new Redactor(Object.values(credentials), secretFieldNames(spec.document)), settings);
    const warnings = [...preflightWarnings];
    // Keywords, formats and schemes not probed are named in the report, and read after the run:
    // walking every schema before the first request would make start-up grow with the spec.
    const notTested: string[] = [];
    const untested = new Map<string, string>();

    const operations = [...spec.model.operations].sort((a, b) => rank(a) - rank(b));
    const reserve = settings.allowUnsafe ? Math.min(50, Math.ceil(maxRequests * 0.1)) : 0;
    const pathsProbed = new Set<string>();
    let firstRequest = true;
    for (const [index, op] of operations.entries()) {
      const skipAll = (reason: string, kind: Parameters<RunContext['skip']>[4]) => {
        for (const check of CHECK_IDS) ctx.skip(check, op.operationId, '-', reason, kind);
        untested.set(op.operationId, reason);
      };
      if (op.unsupported.length > 0) {
        skipAll(`the kit cannot handle this operation: ${op.unsupported.map((u) => `${u.reason} (at ${u.pointer})`).join('; ')}`, 'precondition');
        continue;
      }
      if (!op.safe && !settings.allowUnsafe) {
        skipAll(`${op.method.toUpperCase()} is not read-only; pass --allow-unsafe to test it (the kit then deletes what it creates)`, 'unsafe');
        continue;
      }
      // A fair share of what is left, keeping a reserve for the cleanup.
      const share = Math.max(0, Math.floor((transport.remaining - reserve) / (operations.length - index)));
      ctx.setQuota(op, share);
      phase = `${op.operationId}`;
      let base: ProbeRequest;
      try {
        base = ctx.baseRequest(op);
      } catch (error) {
        if (!(error instanceof MissingValue)) throw error;
        skipAll(error.message, error.kind);
        continue;
      }
      const resourceDeleted = spec.model.resources.find((r) => r.delete === op.operationId);
      let firstPage: Exchange | undefined;
      try {
        if (!resourceDeleted) {
          firstPage = await ctx.send(op, 'preflight (the base request)', base);
          if (firstRequest && firstPage.error) throw new TargetUnreachableError(target, firstPage.error);
          firstRequest = false;
          if (firstPage.response && firstPage.response.status !== op.successStatus) {
            warnings.push(`${op.operationId}: the base request answered HTTP ${firstPage.response.status}, not ${op.successStatus}; `
              + 'check --base-url, the credentials (--auth, --api-key) and the parameter values (--param, --fixtures), as most checks expect it to succeed');
          }
          const createdBy = spec.model.resources.find((r) => r.create === op.operationId);
          const created = createdBy && ctx.created.find((c) => c.resource === createdBy && !c.deleted);
          if (createdBy && created) await createdChecks(ctx, createdBy, created);
          else if (createdBy) {
            const answer = firstPage.response ? `HTTP ${firstPage.response.status}` : firstPage.error;
            for (const check of ['stateful.created-readable', 'stateful.created-listed'] as const) ctx.skip(check, op.operationId, createdBy.name, `the create did not succeed (${answer}), so there is nothing to read back`, 'precondition');
          }
        }
      } catch (error) {
        if (!(error instanceof BudgetExhausted)) throw error;
        skipAll(error.message, 'budget');
        continue;
      }
      await Promise.all([
        authProbes(ctx, op, base),
        parameterProbes(ctx, op, base),
        op.safe ? boundaryProbes(ctx, op, base) : skipFor(ctx, op, ['boundary.minimum', 'boundary.maximum'], 'boundary positives are sent to read-only operations only'),
        cursorProbes(ctx, op, base, firstPage),
        paginationProbes(ctx, op, base),
        bodyProbes(ctx, op, base),
        preferredErrorProbes(ctx, op, base),
      ]).then((results) => {
        const body = results[5];
        if (body.length > 0) notTested.push(...body.map((k) => `${k}: no negative breaks this keyword (not probed)`));
      });
      if (!pathsProbed.has(op.path)) {
        pathsProbed.add(op.path);
        const documented = spec.model.operations.filter((o) => o.path === op.path).map((o) => o.method);
        await methodProbes(ctx, op, documented);
      }
      // Generated requests last, with what is left of the share (a few kept for the delete).
      if (op.safe) await propertyProbes(ctx, op, base, Math.max(0, ctx.remainingFor(op) - 2));
      else skipFor(ctx, op, ['property.valid-requests', 'property.invalid-requests'], 'generated parameter requests are sent to read-only operations only');
      if (resourceDeleted) {
        // Last: the delete itself, on something the kit created, then use-after-free.
        await ctx.probe('stateful.deleted-gone', op, 'delete', async () => {
          const victim = ctx.created.find((c) => c.resource === resourceDeleted && !c.deleted);
          if (!victim) return ctx.skip('stateful.deleted-gone', op.operationId, 'delete', 'nothing the kit created is left to delete', 'precondition');
          const exchange = await ctx.send(op, `delete ${victim.id}`, ctx.baseRequest(op, { values: { [resourceDeleted.idParam]: victim.id } }));
          if (exchange.response && exchange.response.status === op.successStatus) {
            victim.deleted = true;
            await deletedChecks(ctx, resourceDeleted, victim);
          } else {
            ctx.fail('stateful.deleted-gone', op, 'delete', exchange, { message: `deleting ${victim.id}, created by the kit, answered ${exchange.response?.status ?? exchange.error}, not ${op.successStatus}`, expected: op.successStatus, actual: exchange.response?.status });
          }
        });
      }
      ctx.finishResponseChecks(op);
      for (const check of unprobedParameterConstraints(op)) notTested.push(`${op.operationId} parameter ${check}: no negative breaks this keyword (not probed)`);
    }
    phase = 'cleanup';
    const leftovers = settings.allowUnsafe ? await cleanup(ctx) : [];

    const outcomes = ctx.results();
    // A check judged per subject: its "-" placeholder goes when a subject of it ran.
    const findings = outcomes.flatMap((o) => o.findings);
    const coverage = coverageOf(ctx, outcomes);
    const inconclusiveBecause = [
      ...[...untested].map(([id, reason]) => `${id} not tested: ${reason}`),
      ...outcomes.filter((o) => o.status === 'not-exercised' && o.kind && INCONCLUSIVE_KINDS.has(o.kind) && !untested.has(o.operationId))
        .map((o) => `${o.check} · ${o.operationId}${o.subject === '-' ? '' : ` · ${o.subject}`}: ${o.note}`),
    ];
    if (leftovers.length > 0) warnings.push(`${leftovers.length} thing(s) the kit created could not be deleted: see "Not cleaned up"`);
    const verdict: Verdict = findings.length > 0 ? 'violations' : inconclusiveBecause.length > 0 ? 'inconclusive' : 'conforming';
    const minimum = options.minCoverage;
    const replay = commandLine([
      'npx', 'postpress-contract',
      ...(spec.file === defaultSpec().file ? [] : ['--spec', spec.file]),
      ...(closeMock ? [] : ['--base-url', target]),
      ...Object.entries(settings.parameters).flatMap(([k, v]) => ['--param', `${k}=${v}`]),
      '--seed', String(seed),
      ...(maxRequests !== DEFAULTS.maxRequests ? ['--max-requests', String(maxRequests)] : []),
      ...(settings.maxPages !== DEFAULTS.maxPages ? ['--max-pages', String(settings.maxPages)] : []),
      ...(settings.allowUnsafe ? ['--allow-unsafe'] : []),
      ...(settings.preferErrors && !closeMock ? ['--prefer-errors'] : []),
      ...(minimum !== undefined ? ['--min-coverage', String(minimum)] : []),
    ]);
    return ctx.redactor.value({
      target: closeMock ? `${target} (in-process mock)` : target,
      spec: spec.file,
      seed,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      requests: transport.sent,
      maxRequests,
      limits: { rate, concurrency, timeoutMs, maxPages: settings.maxPages },
      verdict,
      conforming: verdict === 'conforming',
      inconclusiveBecause,
      outcomes,
      findings,
      coverage: { ...coverage, ...(minimum !== undefined ? { minimum } : {}), belowMinimum: minimum !== undefined && coverage.percent < minimum },
      notTested: [...new Set([...describeNotTested(spec), ...notTested])],
      leftovers,
      replay,
      warnings,
    });
  } finally {
    await closeMock?.();
  }
}

function skipFor(ctx: RunContext, op: OperationInfo, checks: CheckId[], reason: string): Promise<void> {
  for (const check of checks) ctx.skip(check, op.operationId, '-', reason);
  return Promise.resolve();
}

function describeNotTested(spec: KitSpec): string[] {
  const out: string[] = [];
  for (const name of spec.model.webhooks) out.push(`webhook ${name}: not tested (webhooks are requests the API sends, not requests it answers)`);
  const notes = spec.validator.notes();
  for (const f of notes.formats) out.push(`format ${f.format} at ${f.pointer}: not validated (no validator for it: an annotation)`);
  for (const k of notes.keywords) out.push(`${k.keyword} at ${k.pointer}: not validated (${k.reason})`);
  const used = new Set(spec.model.operations.flatMap((op) => op.security.flatMap((r) => Object.keys(r))));
  for (const [name, scheme] of Object.entries(spec.model.securitySchemes)) {
    if (!used.has(name)) out.push(`security scheme ${name}: not probed (no operation requires it)`);
    else if (scheme.type !== 'apiKey' && scheme.type !== 'http') out.push(`security scheme ${name} (${scheme.type}): only its absence is probed`);
  }
  return out;
}

function coverageOf(ctx: RunContext, outcomes: ReturnType<RunContext['results']>): { operations: OperationCoverage[]; percent: number } {
  let documentedCount = 0;
  let observedCount = 0;
  const operations = ctx.spec.model.operations.map((op): OperationCoverage => {
    const seen = ctx.observed.get(op.operationId);
    const documented = op.responses.map((r) => r.status);
    const observed = [...new Set([...(seen?.statuses ?? [])].map((s) => responseFor(op, s)?.status).filter((s): s is string => s !== undefined))];
    const errorTypes = Object.entries(op.errors).flatMap(([status, set]) => Object.keys(ctx.spec.model.errorSets[set]?.types ?? {}).map((t) => `${status} ${t}`));
    const observedErrorTypes = errorTypes.filter((t) => seen?.types.has(t));
    documentedCount += documented.length + errorTypes.length;
    observedCount += observed.filter((s) => documented.includes(s)).length + observedErrorTypes.length;
    const mine = outcomes.filter((o) => o.operationId === op.operationId);
    const names = (status: string) => [...new Set(mine.filter((o) => o.status === status).map((o) => o.check))];
    const passed = names('passed');
    const failed = names('failed');
    return {
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      tested: (seen?.statuses.size ?? 0) > 0,
      documented,
      observed: documented.filter((s) => observed.includes(s)),
      errorTypes,
      observedErrorTypes,
      passed: passed.filter((c) => !failed.includes(c)),
      failed,
      notExercised: names('not-exercised').filter((c) => !passed.includes(c) && !failed.includes(c)),
    };
  });
  return { operations, percent: documentedCount === 0 ? 100 : Math.round((observedCount / documentedCount) * 1000) / 10 };
}

export { EVERY_RESPONSE };
export type { CheckId };
