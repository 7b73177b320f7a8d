// The contract-test kit as a library: run it from vitest (or any script) and assert on the report.
export { CHECKS, CHECK_IDS, RESPONSE_CHECKS, type CheckId } from './checks.js';
export { runContract, DEFAULTS, EXIT, TargetUnreachableError, type ContractOptions } from './runner.js';
export { formatHuman, formatJson, formatJUnit, formatFinding } from './report.js';
export { UnenforceableKeywordError, ENFORCED_FORMATS } from '../spec/keywords.js';
export { type SchemaIssue } from '../spec/validator.js';
export { defaultSpec, loadKitSpec, kitSpecOf, type KitSpec, type OperationInfo } from './spec.js';
export { REDACTED, API_KEY_ENV } from './redact.js';
export type { ContractReport, CheckOutcome, Finding, RecordedRequest, Verdict, OperationCoverage } from './model.js';
export { main as runCli, AUTH_ENV_PREFIX } from './cli.js';

import { formatHuman } from './report.js';
import type { ContractReport } from './model.js';

/** Throws with the human report unless the run is conforming; for `await expectConforming(...)` in tests. */
export function assertConforming(report: ContractReport): void {
  if (report.verdict !== 'conforming') throw new Error(`The target does not conform to the spec (${report.verdict}):\n\n${formatHuman(report)}`);
}
