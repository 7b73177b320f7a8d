// The data the kit records: requests, responses, findings, outcomes and the final report.
import type { CheckId } from './checks.js';

export interface ProbeRequest {
  method: string;
  /** The operation path, appended to the base URL. */
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  /** Absolute URL, secrets redacted. */
  url: string;
  /** A runnable curl command; the API key is read from $POSTPRESS_API_KEY. */
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

export type OutcomeStatus = 'passed' | 'failed' | 'skipped';

export interface CheckOutcome {
  check: CheckId;
  operationId: string;
  subject: string;
  status: OutcomeStatus;
  /** Why the check was skipped, or what it covered when it passed. */
  note?: string;
  findings: Finding[];
  durationMs: number;
}

export interface ContractReport {
  target: string;
  accountId: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  requests: number;
  maxRequests: number;
  /** The safety limits the run kept to. */
  limits: { rate: number; concurrency: number; timeoutMs: number; maxPages: number };
  conforming: boolean;
  outcomes: CheckOutcome[];
  /** All findings of all outcomes, in report order. */
  findings: Finding[];
  /** The command that replays this run (same seed), without the key. */
  replay: string;
  /** Things a person should know to read the verdict, e.g. the base request did not succeed. */
  warnings: string[];
}
