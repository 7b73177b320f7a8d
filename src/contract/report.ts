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

/** `checks`: distinct check IDs that ran or were skipped; `runs`: one per check and subject. */
export function summarize(report: ContractReport): { checks: number; runs: number; passed: number; failed: number; skipped: number } {
  const count = (status: CheckOutcome['status']) => report.outcomes.filter((o) => o.status === status).length;
  const checks = new Set(report.outcomes.map((o) => o.check)).size;
  return { checks, runs: report.outcomes.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

export function formatHuman(report: ContractReport): string {
  const out: string[] = [];
  out.push(`postpress-contract: ${report.target}, account ${report.accountId}, seed ${report.seed}`);
  const { rate, concurrency, timeoutMs, maxPages } = report.limits;
  out.push(`${report.requests} requests (budget ${report.maxRequests}; ${rate > 0 ? `${rate}/s` : 'no rate limit'}, ${concurrency} at once, timeout ${timeoutMs} ms, page cap ${maxPages}) in ${(report.durationMs / 1000).toFixed(2)} s`);
  for (const warning of report.warnings) out.push(`WARNING ${warning}`);
  out.push('');
  for (const finding of report.findings) out.push(formatFinding(finding), '');
  const skipped = report.outcomes.filter((o) => o.status === 'skipped');
  if (skipped.length > 0) {
    out.push(`SKIPPED (${skipped.length})`);
    for (const o of skipped) out.push(`  ${o.check} · ${o.operationId}${o.subject === '-' ? '' : ` · ${o.subject}`}: ${o.note}`);
    out.push('');
  }
  const s = summarize(report);
  out.push(`${s.checks} checks in ${s.runs} runs: ${s.passed} passed, ${s.failed} failed (${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}), ${s.skipped} skipped.`);
  out.push(report.conforming ? 'Verdict: CONFORMING' : 'Verdict: VIOLATIONS FOUND');
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
    `<testsuites name="postpress-contract" tests="${s.runs}" failures="${s.failed}" errors="0" skipped="${s.skipped}" time="${seconds(report.durationMs)}">`,
  ];
  for (const [operationId, outcomes] of byOperation) {
    const failed = outcomes.filter((o) => o.status === 'failed').length;
    const skipped = outcomes.filter((o) => o.status === 'skipped').length;
    lines.push(`  <testsuite name="${xml(operationId)}" tests="${outcomes.length}" failures="${failed}" errors="0" skipped="${skipped}" time="${seconds(outcomes.reduce((t, o) => t + o.durationMs, 0))}" timestamp="${report.startedAt}">`);
    lines.push('    <properties>');
    for (const [name, value] of [['target', report.target], ['account_id', report.accountId], ['seed', String(report.seed)], ['replay', report.replay]] as const) {
      lines.push(`      <property name="${name}" value="${xml(value)}"/>`);
    }
    lines.push('    </properties>');
    for (const o of outcomes) {
      const name = `${o.check}${o.subject === '-' ? '' : `: ${o.subject}`}`;
      lines.push(`    <testcase classname="postpress-contract.${xml(operationId)}" name="${xml(name)}" time="${seconds(o.durationMs)}">`);
      if (o.status === 'skipped') lines.push(`      <skipped message="${xml(o.note ?? '')}"/>`);
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
