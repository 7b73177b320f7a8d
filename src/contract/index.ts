// The contract-test kit as a library: run it from vitest (or any script) and assert on the report.
export { CHECKS, CHECK_IDS, RESPONSE_CHECKS, type CheckId } from './checks.js';
export { runContract, DEFAULTS, TargetUnreachableError, type ContractOptions } from './runner.js';
export { formatHuman, formatJson, formatJUnit, formatFinding } from './report.js';
export { UnenforceableKeywordError, ENFORCED_FORMATS } from './keywords.js';
export { SpecValidators, type SchemaIssue } from './validator.js';
export { defaultSpec, type ContractSpec, type OperationInfo } from './spec.js';
export { REDACTED, API_KEY_ENV } from './redact.js';
export type { ContractReport, CheckOutcome, Finding, RecordedRequest } from './model.js';
export { main as runCli } from './cli.js';

import { formatHuman } from './report.js';
import type { ContractReport } from './model.js';

/** Throws with the human report when the run found violations; for `await expectConforming(...)` in tests. */
export function assertConforming(report: ContractReport): void {
  if (!report.conforming) throw new Error(`The target does not conform to the spec:\n\n${formatHuman(report)}`);
}
