// The data the kit records: requests, responses, findings, outcomes and the final report.
import type { CheckId } from './checks.js';

export interface ProbeRequest {
  method: string;
  /** The operation path, appended to the base URL. */
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  /** The request body as sent (with its content-type header). */
  body?: string;
}

export interface RecordedRequest {
  method: string;
  /** Absolute URL, secrets redacted. */
  url: string;
  /** A runnable curl command; credentials are read from environment variables. */
  curl: string;
}

export interface ReceivedResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface Exchange {
  request: ProbeRequest;
  url: string;
  response?: ReceivedResponse;
  /** Set when no response arrived (timeout, connection error). */
  error?: string;
  durationMs: number;
}

export interface Finding {
  check: CheckId;
  operationId: string;
  /** What was probed, e.g. `limit=0`; for response checks, the probe that sent the request. */
  subject: string;
  message: string;
  request?: RecordedRequest;
  status?: number;
  /** JSON pointer into the response body (`/items/3/id`) or `/headers/Name`. */
  pointer?: string;
  /** JSON pointer into the spec of the rule that was broken. */
  schemaPointer?: string;
  schemaFragment?: unknown;
  /** The JSON Schema keyword that failed, for schema findings. */
  keyword?: string;
  expected?: unknown;
  actual?: unknown;
  /** How often this same defect showed, at any array index and in any response (response checks report it once). */
  occurrences?: number;
}

/** `not-exercised`: the check judged nothing here (it never counts as passed). */
export type OutcomeStatus = 'passed' | 'failed' | 'not-exercised';

/**
 * Why a check was not exercised. `not-applicable` (nothing to judge: the operation is not
 * paginated) and `unsafe` (needs --allow-unsafe) leave the verdict alone; `budget`,
 * `missing-value` and `precondition` (e.g. the resource could not be created) make it inconclusive.
 */
export type NotExercisedKind = 'not-applicable' | 'unsafe' | 'budget' | 'missing-value' | 'precondition';
export const INCONCLUSIVE_KINDS: ReadonlySet<NotExercisedKind> = new Set(['budget', 'missing-value', 'precondition']);

export interface CheckOutcome {
  check: CheckId;
  operationId: string;
  subject: string;
  status: OutcomeStatus;
  /** Why the check was not exercised, or what it covered when it passed. */
  note?: string;
  kind?: NotExercisedKind;
  findings: Finding[];
  durationMs: number;
}

export type Verdict = 'conforming' | 'violations' | 'inconclusive';

export interface OperationCoverage {
  operationId: string;
  method: string;
  path: string;
  /** Whether any request of the operation got a response. */
  tested: boolean;
  /** Documented response keys (`200`, `4XX`, `default`) and which of them were observed. */
  documented: string[];
  observed: string[];
  /** Documented error types (`404 errors/x`) and which were observed. */
  errorTypes: string[];
  observedErrorTypes: string[];
  passed: string[];
  failed: string[];
  notExercised: string[];
}

export interface ContractReport {
  target: string;
  /** The spec file tested against. */
  spec: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  requests: number;
  maxRequests: number;
  /** The safety limits the run kept to. */
  limits: { rate: number; concurrency: number; timeoutMs: number; maxPages: number };
  verdict: Verdict;
  /** Same as verdict === 'conforming'. */
  conforming: boolean;
  /** Why the verdict is inconclusive (checks not exercised for a budget, a missing value, a precondition). */
  inconclusiveBecause: string[];
  outcomes: CheckOutcome[];
  /** All findings of all outcomes, in report order. */
  findings: Finding[];
  coverage: { operations: OperationCoverage[]; percent: number; minimum?: number; belowMinimum: boolean };
  /** What the kit does not test or validate: webhooks, unknown formats, keywords not probed. */
  notTested: string[];
  /** Things the kit created and could not delete. */
  leftovers: string[];
  /** The command that replays this run (same seed), without credentials. */
  replay: string;
  /** Things a person should know to read the verdict, e.g. the base request did not succeed. */
  warnings: string[];
}
