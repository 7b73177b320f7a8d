// The state of one run shared by all probes: the spec, the transport, the outcomes being recorded,
// and `send`, which runs every response through the response checks.
import { CHECKS, RESPONSE_CHECKS, type CheckId } from './checks.js';
import type { CheckOutcome, Exchange, Finding, ProbeRequest, RecordedRequest } from './model.js';
import { Redactor, toCurl } from './redact.js';
import { bodyOf, checkResponse, type RawFinding } from './response-checks.js';
import type { ContractSpec, Json, OperationInfo } from './spec.js';
import { BudgetExhausted, type Transport } from './transport.js';
import type { SpecValidators } from './validator.js';

export const EVERY_RESPONSE = 'every response';

export interface RunSettings {
  apiKey: string;
  accountId: string;
  seed: number;
  maxPages: number;
  propertyRuns: number;
  allowUnsafe: boolean;
  preferErrors: boolean;
}

export class RunContext {
  private readonly outcomes = new Map<string, CheckOutcome>();
  private readonly responseCounts = new Map<string, number>();
  private readonly responseFindings = new Map<string, Finding>();

  constructor(
    readonly spec: ContractSpec,
    readonly validators: SpecValidators,
    readonly transport: Transport,
    readonly redactor: Redactor,
    readonly settings: RunSettings,
  ) {}

  outcome(check: CheckId, operationId: string, subject: string): CheckOutcome {
    const key = `${check}\u0000${operationId}\u0000${subject}`;
    let outcome = this.outcomes.get(key);
    if (!outcome) {
      outcome = { check, operationId, subject, status: 'passed', findings: [], durationMs: 0 };
      this.outcomes.set(key, outcome);
    }
    return outcome;
  }

  skip(check: CheckId, operationId: string, subject: string, reason: string): void {
    const outcome = this.outcome(check, operationId, subject);
    outcome.status = 'skipped';
    outcome.note = reason;
  }

  fail(check: CheckId, op: OperationInfo, subject: string, exchange: Exchange | undefined, finding: RawFinding): void {
    this.outcome(check, op.operationId, subject).findings.push({
      ...(exchange ? { request: this.record(exchange), status: exchange.response?.status } : {}),
      ...finding,
      check,
      operationId: op.operationId,
      subject,
    });
  }

  /** Runs a probe; a spent budget turns the check into a skip instead of a failure. */
  async probe(check: CheckId, op: OperationInfo, subject: string, run: () => Promise<void>): Promise<void> {
    const outcome = this.outcome(check, op.operationId, subject);
    const started = performance.now();
    try {
      await run();
    } catch (error) {
      if (!(error instanceof BudgetExhausted)) throw error;
      outcome.status = 'skipped';
      outcome.note = error.message;
    } finally {
      outcome.durationMs += performance.now() - started;
    }
  }

  record(exchange: Exchange): RecordedRequest {
    return { method: exchange.request.method.toUpperCase(), url: exchange.url, curl: toCurl(exchange.request.method, exchange.url, exchange.request.headers, this.settings.apiKey) };
  }

  /** Sends a request and applies the response checks, attributing findings to `subject`. */
  async send(op: OperationInfo, subject: string, request: ProbeRequest, retry429 = true): Promise<Exchange> {
    const exchange = await this.transport.send(request, retry429);
    if (exchange.response) {
      const json = bodyOf(exchange.response);
      if (json.ok) this.redactor.observe(json.value);
    }
    for (const [check, findings] of checkResponse(this.spec, this.validators, op, exchange)) {
      for (const finding of findings) {
        // The same defect on many items or responses is reported once (its first instance), with a
        // count: the key ignores array indices (`/items/3/id` and `/items/7/id` are one defect).
        const shape = (text: string | undefined) => (text ?? '').replace(/\/\d+(?=\/|$| )/g, '/*');
        const key = [op.operationId, check, finding.status, shape(finding.pointer), finding.schemaPointer, shape(finding.message)].join('\u0000');
        const earlier = this.responseFindings.get(key);
        if (earlier) {
          earlier.occurrences = (earlier.occurrences ?? 1) + 1;
          continue;
        }
        this.fail(check, op, EVERY_RESPONSE, exchange, { ...finding, message: `${finding.message} (request: ${subject})` });
        const outcome = this.outcome(check, op.operationId, EVERY_RESPONSE);
        this.responseFindings.set(key, outcome.findings[outcome.findings.length - 1]!);
      }
    }
    this.countResponse(op, exchange);
    return exchange;
  }

  private countResponse(op: OperationInfo, exchange: Exchange): void {
    const bump = (check: CheckId) => {
      const key = `${check}\u0000${op.operationId}`;
      this.responseCounts.set(key, (this.responseCounts.get(key) ?? 0) + 1);
    };
    bump('transport.response');
    if (!exchange.response) return;
    bump('response.status-documented');
    const documented = this.validators.response(op.operationId, exchange.response.status);
    if (documented) {
      bump('response.content-type');
      if (documented.content.some((m) => m.validate)) bump('response.body-schema');
      if (documented.headers.length > 0) bump('response.headers-schema');
    }
    if (exchange.response.status >= 400) for (const check of ['error.envelope-status', 'error.envelope-type', 'error.envelope-title'] as const) bump(check);
  }

  /** The valid request every probe starts from: required parameters, the key, `accept`. */
  baseRequest(op: OperationInfo): ProbeRequest {
    const query: Array<[string, string]> = [];
    for (const param of op.parameters) {
      if (param.in === 'query' && param.required) query.push([param.name, this.requiredValue(param.name)]);
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    const scheme = apiKeyScheme(this.spec, op);
    if (scheme) headers[scheme.name] = this.settings.apiKey;
    return { method: op.method, path: op.path, query, headers };
  }

  requiredValue(name: string): string {
    if (name === 'account_id') return this.settings.accountId;
    throw new Error(`No value for the required parameter ${name}`);
  }

  /** Response-check outcomes with how many responses they judged; unexercised ones become skips. */
  finishResponseChecks(op: OperationInfo): void {
    for (const check of RESPONSE_CHECKS) {
      const count = this.responseCounts.get(`${check}\u0000${op.operationId}`) ?? 0;
      const outcome = this.outcome(check, op.operationId, EVERY_RESPONSE);
      if (count === 0 && outcome.findings.length === 0) {
        outcome.status = 'skipped';
        outcome.note = check === 'response.headers-schema'
          ? `no response came back with a status that documents headers (${documentedHeaderStatuses(this.validators, op).join(', ') || 'none'})`
          : 'no response it applies to came back';
      } else outcome.note = `${count} response${count === 1 ? '' : 's'} checked`;
    }
  }

  results(): CheckOutcome[] {
    const order = new Map(Object.keys(CHECKS).map((id, i) => [id, i]));
    return [...this.outcomes.values()]
      // Findings win over a skip (a walk can find a duplicate before the budget runs out).
      .map((o) => ({ ...o, status: o.findings.length > 0 ? 'failed' as const : o.status === 'skipped' ? 'skipped' as const : 'passed' as const }))
      .sort((a, b) => a.operationId.localeCompare(b.operationId) || order.get(a.check)! - order.get(b.check)! || a.subject.localeCompare(b.subject));
  }
}

export function apiKeyScheme(spec: ContractSpec, op: OperationInfo): { name: string; scheme: string } | null {
  const operation = spec.document.paths?.[op.path]?.[op.method] as Json | undefined;
  const requirements: Json[] = operation?.security ?? spec.document.security ?? [];
  for (const requirement of requirements) {
    for (const schemeName of Object.keys(requirement)) {
      const scheme = spec.document.components?.securitySchemes?.[schemeName];
      if (scheme?.type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string') return { name: scheme.name, scheme: schemeName };
    }
  }
  return null;
}

function documentedHeaderStatuses(validators: SpecValidators, op: OperationInfo): string[] {
  return [...validators.operation(op.operationId).responses.values()].filter((r) => r.headers.length > 0).map((r) => r.key);
}

export type { Finding };
