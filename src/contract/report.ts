// The report in three forms: text for a person, JUnit XML and JSON for CI.
import { rename, writeFile } from 'node:fs/promises';
import { CHECKS } from './checks.js';
import type { CheckOutcome, ContractReport, Finding } from './model.js';

const MAX_VALUE_CHARS = 300;

export function formatValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length} chars)` : text;
}

const indent = (text: string, prefix: string) => text.split('\n').join(`\n${prefix}`);

export function formatFinding(finding: Finding): string {
  const lines = [`FAIL ${finding.check} · ${finding.operationId} · ${finding.subject}`, `  ${finding.message}${finding.occurrences ? ` (${finding.occurrences} occurrences, at other indices or in other responses too)` : ''}`];
  if (finding.request) lines.push(`  request:  ${indent(finding.request.curl, '            ')}`);
  if (finding.status !== undefined) lines.push(`  status:   ${finding.status}`);
  if (finding.pointer !== undefined) lines.push(`  pointer:  ${finding.pointer || '(root)'}`);
  if (finding.schemaPointer !== undefined) {
    lines.push(`  schema:   ${finding.schemaPointer}${finding.schemaFragment !== undefined ? `  ${formatValue(finding.schemaFragment)}` : ''}`);
  }
  if (finding.expected !== undefined) lines.push(`  expected: ${formatValue(finding.expected)}`);
  if ('actual' in finding || finding.pointer !== undefined) lines.push(`  actual:   ${formatValue(finding.actual)}`);
  return lines.join('\n');
}

/** `checks`: distinct check IDs that ran or were not exercised; `runs`: one per check and subject. */
export function summarize(report: ContractReport): { checks: number; runs: number; passed: number; failed: number; notExercised: number } {
  const count = (status: CheckOutcome['status']) => report.outcomes.filter((o) => o.status === status).length;
  const checks = new Set(report.outcomes.map((o) => o.check)).size;
  return { checks, runs: report.outcomes.length, passed: count('passed'), failed: count('failed'), notExercised: count('not-exercised') };
}

const VERDICT_LINE = {
  conforming: 'Verdict: CONFORMING (exit 0)',
  violations: 'Verdict: VIOLATIONS FOUND (exit 1)',
  inconclusive: 'Verdict: INCONCLUSIVE (exit 3): some checks could not be exercised (see above)',
} as const;

export function formatHuman(report: ContractReport): string {
  const out: string[] = [];
  out.push(`postpress-contract: ${report.target}, spec ${report.spec}, seed ${report.seed}`);
  const { rate, concurrency, timeoutMs, maxPages } = report.limits;
  out.push(`${report.requests} requests (budget ${report.maxRequests}; ${rate > 0 ? `${rate}/s` : 'no rate limit'}, ${concurrency} at once, timeout ${timeoutMs} ms, page cap ${maxPages}) in ${(report.durationMs / 1000).toFixed(2)} s`);
  for (const warning of report.warnings) out.push(`WARNING ${warning}`);
  out.push('');
  for (const finding of report.findings) out.push(formatFinding(finding), '');
  const idle = report.outcomes.filter((o) => o.status === 'not-exercised');
  const blocking = idle.filter((o) => o.kind !== 'not-applicable');
  if (idle.length > 0) {
    out.push(`NOT EXERCISED (${idle.length}; never counted as passed): ${idle.length - blocking.length} not applicable (in the JSON and JUnit reports)${blocking.length > 0 ? ', and:' : ''}`);
    for (const o of blocking) out.push(`  ${o.check} · ${o.operationId}${o.subject === '-' ? '' : ` · ${o.subject}`}: ${o.note} [${o.kind}]`);
    out.push('');
  }
  if (report.notTested.length > 0) {
    out.push(`NOT TESTED OR NOT VALIDATED (${report.notTested.length})`);
    for (const line of report.notTested) out.push(`  ${line}`);
    out.push('');
  }
  if (report.leftovers.length > 0) {
    out.push(`NOT CLEANED UP (${report.leftovers.length}): delete these yourself`);
    for (const line of report.leftovers) out.push(`  ${line}`);
    out.push('');
  }
  out.push('COVERAGE (documented statuses and error types observed; checks passed / failed / not exercised)');
  for (const op of report.coverage.operations) {
    out.push(`  ${op.operationId} (${op.method} ${op.path})${op.tested ? '' : ': NOT TESTED'}`);
    out.push(`    statuses ${op.observed.length}/${op.documented.length}: ${op.documented.map((s) => (op.observed.includes(s) ? s : `(${s})`)).join(' ')}`);
    if (op.errorTypes.length > 0) {
      const missing = op.errorTypes.filter((t) => !op.observedErrorTypes.includes(t));
      out.push(`    error types ${op.observedErrorTypes.length}/${op.errorTypes.length}${missing.length > 0 ? `, not observed: ${missing.slice(0, 6).join(', ')}${missing.length > 6 ? ` and ${missing.length - 6} more` : ''}` : ''}`);
    }
    out.push(`    checks: ${op.passed.length} passed, ${op.failed.length} failed${op.failed.length > 0 ? ` (${op.failed.join(', ')})` : ''}, ${op.notExercised.length} not exercised`);
  }
  const c = report.coverage;
  out.push(`  overall ${c.percent}% of documented statuses and error types observed${c.minimum !== undefined ? ` (--min-coverage ${c.minimum}: ${c.belowMinimum ? 'BELOW, the run fails' : 'met'})` : ''}`);
  out.push('');
  const s = summarize(report);
  out.push(`${s.checks} checks in ${s.runs} runs: ${s.passed} passed, ${s.failed} failed (${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}), ${s.notExercised} not exercised.`);
  if (report.verdict === 'inconclusive') for (const why of report.inconclusiveBecause.slice(0, 10)) out.push(`  inconclusive: ${why}`);
  out.push(VERDICT_LINE[report.verdict]);
  if (c.belowMinimum) out.push(`Coverage ${c.percent}% is below --min-coverage ${c.minimum}: FAILED (exit 1)`);
  out.push(`Replay: ${report.replay}`);
  return out.join('\n') + '\n';
}

export function formatJson(report: ContractReport): string {
  return JSON.stringify({ ...report, summary: summarize(report), checks: CHECKS }, null, 2) + '\n';
}

function xml(text: string): string {
  return text
    // Characters XML 1.0 cannot carry, and lone surrogates.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function formatJUnit(report: ContractReport): string {
  const byOperation = new Map<string, CheckOutcome[]>();
  for (const o of report.outcomes) byOperation.set(o.operationId, [...(byOperation.get(o.operationId) ?? []), o]);
  const s = summarize(report);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="postpress-contract" tests="${s.runs}" failures="${s.failed}" errors="0" skipped="${s.notExercised}" time="${seconds(report.durationMs)}">`,
  ];
  for (const [operationId, outcomes] of byOperation) {
    const failed = outcomes.filter((o) => o.status === 'failed').length;
    const skipped = outcomes.filter((o) => o.status === 'not-exercised').length;
    lines.push(`  <testsuite name="${xml(operationId)}" tests="${outcomes.length}" failures="${failed}" errors="0" skipped="${skipped}" time="${seconds(outcomes.reduce((t, o) => t + o.durationMs, 0))}" timestamp="${report.startedAt}">`);
    lines.push('    <properties>');
    for (const [name, value] of [['target', report.target], ['spec', report.spec], ['verdict', report.verdict], ['seed', String(report.seed)], ['replay', report.replay]] as const) {
      lines.push(`      <property name="${name}" value="${xml(value)}"/>`);
    }
    lines.push('    </properties>');
    for (const o of outcomes) {
      const name = `${o.check}${o.subject === '-' ? '' : `: ${o.subject}`}`;
      lines.push(`    <testcase classname="postpress-contract.${xml(operationId)}" name="${xml(name)}" time="${seconds(o.durationMs)}">`);
      if (o.status === 'not-exercised') lines.push(`      <skipped message="${xml(`not exercised: ${o.note ?? ''}`)}"/>`);
      if (o.status === 'failed') {
        const first = o.findings[0]!;
        const message = o.findings.length === 1 ? first.message : `${first.message} (and ${o.findings.length - 1} more)`;
        lines.push(`      <failure message="${xml(message)}" type="${xml(o.check)}">${xml(o.findings.map(formatFinding).join('\n\n'))}</failure>`);
      }
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

/** Writes next to the target, then renames: a reader never sees half a report. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}
