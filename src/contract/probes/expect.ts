// Shared expectations of probes: "this request must get HTTP N with one of these error types".
import type { CheckId } from '../checks.js';
import type { RunContext } from '../context.js';
import type { Exchange } from '../model.js';
import { bodyOf } from '../response-checks.js';
import { escapePointer, type OperationInfo } from '../spec.js';

/** The rule a probe's request breaks on purpose, shown in place of the response's schema. */
export interface BrokenRule { schemaPointer: string; schemaFragment: unknown }

export function expectError(ctx: RunContext, check: CheckId, op: OperationInfo, subject: string, exchange: Exchange, status: number, types: readonly string[], broken?: BrokenRule): void {
  const response = exchange.response;
  if (!response) return ctx.fail(check, op, subject, exchange, { message: `no response: ${exchange.error}`, expected: status });
  const json = bodyOf(response);
  const type = json.ok && json.value && typeof json.value === 'object' ? (json.value as Record<string, unknown>).type : undefined;
  const expectedText = `HTTP ${status} ${types.length > 0 ? types.join(' or ') : 'with a documented type'}`;
  if (response.status !== status) {
    return ctx.fail(check, op, subject, exchange, {
      message: `${broken ? `the request breaks ${formatRule(broken)}: ` : ''}expected ${expectedText}, got HTTP ${response.status}${typeof type === 'string' ? ` ${type}` : ''}`,
      ...(broken ?? { schemaPointer: `#/paths/${escapePointer(op.path)}/${op.method}/responses/${status}` }),
      expected: status,
      actual: response.status,
    });
  }
  if (types.length > 0 && !types.includes(String(type))) {
    ctx.fail(check, op, subject, exchange, { message: `${broken ? `the request breaks ${formatRule(broken)}: ` : ''}expected ${expectedText}, got type ${JSON.stringify(type)}`, pointer: '/type', expected: types, actual: type });
  }
}

function formatRule(broken: BrokenRule): string {
  return Object.entries(broken.schemaFragment as Record<string, unknown>).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ');
}

export function expectSuccess(ctx: RunContext, check: CheckId, op: OperationInfo, subject: string, exchange: Exchange): boolean {
  const response = exchange.response;
  if (!response) {
    ctx.fail(check, op, subject, exchange, { message: `no response: ${exchange.error}`, expected: op.successStatus });
    return false;
  }
  if (response.status !== op.successStatus) {
    const json = bodyOf(response);
    const type = json.ok && json.value && typeof json.value === 'object' ? (json.value as Record<string, unknown>).type : undefined;
    ctx.fail(check, op, subject, exchange, {
      message: `expected HTTP ${op.successStatus}, got HTTP ${response.status}${typeof type === 'string' ? ` ${type}` : ''}`,
      expected: op.successStatus,
      actual: response.status,
    });
    return false;
  }
  return true;
}

/** The 400 types a schema violation of `param` may get; [] = any type documented for 400. */
export function invalidParameterTypes(ctx: RunContext, op: OperationInfo, param: string): string[] {
  const documented = Object.keys(ctx.spec.errorCatalog['400']?.types ?? {});
  return ['errors/invalid_parameters', ...(op.pagination?.cursorParam === param ? ['errors/invalid_cursor'] : [])].filter((t) => documented.includes(t));
}
