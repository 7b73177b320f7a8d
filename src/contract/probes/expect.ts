// Shared expectations of probes: "this request must get HTTP N with one of these error types".
import type { CheckId } from '../checks.js';
import type { RunContext } from '../context.js';
import type { Exchange } from '../model.js';
import { bodyOf } from '../response-checks.js';
import { escapePointer, getPointer, type OperationInfo } from '../spec.js';
import { errorSetFor } from '../../spec/model.js';

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
      ...(broken ?? { schemaPointer: `${op.pointer}/responses/${status}` }),
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

/** The error types an operation documents for a status ([] when its body enumerates none). */
export function documentedTypes(ctx: RunContext, op: OperationInfo, status: number): string[] {
  return Object.keys(errorSetFor(ctx.spec.model, op, status)?.types ?? {});
}

/** The status a request with an invalid parameter or body gets: 400, else 422 when only that is documented. */
export function invalidStatus(op: OperationInfo): number | undefined {
  return op.statuses.includes(400) ? 400 : op.statuses.includes(422) ? 422 : undefined;
}

/**
 * The type a well-formed but unknown value of a parameter gets (a tampered cursor): the parameter's
 * `x-unknown-value-type` extension, when the spec documents that type for the status; [] = any.
 */
export function unknownValueTypes(ctx: RunContext, op: OperationInfo, paramName: string, status: number): string[] {
  const param = op.parameters.find((p) => p.name === paramName);
  const raw = param ? getPointer(ctx.spec.document, param.pointer) : undefined;
  const declared = raw?.['x-unknown-value-type'];
  const list = Array.isArray(declared) ? declared.map(String) : typeof declared === 'string' ? [declared] : [];
  const documented = documentedTypes(ctx, op, status);
  return list.filter((t) => documented.includes(t));
}

export { escapePointer };
