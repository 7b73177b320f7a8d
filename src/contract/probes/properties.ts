// Property-based requests with fast-check: valid requests must succeed with a page within `limit`,
// requests with exactly one invalid parameter must get the documented 400. Seeded and replayable;
// each run is one request, and the whole thing stops when the request budget is spent.
import fc from 'fast-check';
import type { CheckId } from '../checks.js';
import type { RunContext } from '../context.js';
import type { ProbeRequest } from '../model.js';
import { bodyOf } from '../response-checks.js';
import type { Json, OperationInfo, OperationParameter } from '../spec.js';
import { expectError, expectSuccess, invalidStatus } from './expect.js';
import { serialize } from '../context.js';
import { arbitraryFor } from '../../spec/values.js';
import { describeParam, withQuery } from './negatives.js';

/** Extra requests shrinking may spend to minimise a counterexample. */
const MAX_SHRINK_REQUESTS = 30;
const INT32 = 2 ** 31 - 1;
const SUBJECT = 'generated requests';

type Assignment = { name: string; value: string | undefined };

function validValue(ctx: RunContext, param: OperationParameter): fc.Arbitrary<string> | null {
  const schema: Json = param.schema;
  if (schema.type === 'integer') return fc.integer({ min: schema.minimum ?? -INT32, max: schema.maximum ?? INT32 }).map(String);
  if (schema.type === 'string' && !schema.enum && !schema.pattern && !schema.format) {
    return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 32, 32) });
  }
  if (param.in === 'query' && (schema.enum || schema.type === 'array' || schema.type === 'boolean')) {
    const check = ctx.validator.schemaAt(`${param.pointer}/schema`);
    // Arrays travel as one text here (comma-joined); exploded arrays are left to the base request.
    if (schema.type === 'array' && param.explode) return null;
    return arbitraryFor(ctx.spec.document, schema, { check }).map((v) => serialize(param, v).join(','));
  }
  return null;
}

function invalidValues(op: OperationInfo, param: OperationParameter): fc.Arbitrary<Assignment> | null {
  const schema: Json = param.schema;
  const options: fc.Arbitrary<string | undefined>[] = [];
  if (param.required) options.push(fc.constant(undefined));
  if (schema.type === 'integer' || schema.type === 'number') {
    if (typeof schema.minimum === 'number') options.push(fc.integer({ min: -INT32, max: schema.minimum - 1 }).map(String));
    if (typeof schema.maximum === 'number') options.push(fc.integer({ min: schema.maximum + 1, max: INT32 }).map(String));
    if (schema.type === 'integer') {
      options.push(fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true })
        .filter((x) => !Number.isInteger(x)).map(String));
    }
    // Not a number in any notation: at least one character no number parser accepts.
    options.push(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/^[\s\d.eE+-]*$/.test(s) && !/^\s*[+-]?(Infinity|NaN)\s*$/.test(s)));
  }
  if (schema.type === 'string') {
    if (typeof schema.minLength === 'number' && schema.minLength > 0) options.push(fc.string({ maxLength: schema.minLength - 1 }));
    if (typeof schema.maxLength === 'number') options.push(fc.string({ minLength: schema.maxLength + 1, maxLength: schema.maxLength + 16 }));
    if (op.pagination?.cursorParam === param.name) options.push(fc.string({ minLength: 1, maxLength: 64 }).map((s) => `pp-${s}`));
  }
  return options.length === 0 ? null : fc.oneof(...options).map((value) => ({ name: param.name, value }));
}

export async function propertyProbes(ctx: RunContext, op: OperationInfo, base: ProbeRequest, budget: number): Promise<void> {
  // Fewer than two runs asked for (one valid, one invalid): off by choice, not for want of budget.
  if (ctx.settings.propertyRuns < 2) {
    for (const check of ['property.valid-requests', 'property.invalid-requests'] as const) ctx.skip(check, op.operationId, SUBJECT, `generated requests are off (${ctx.settings.propertyRuns} property runs asked for)`);
    return;
  }
  const query = op.parameters.filter((p) => p.in === 'query');
  const optional = query.filter((p) => !p.required && p.name !== op.pagination?.cursorParam);
  const validArbitrary = fc.tuple(...optional.map((p) => {
    const value = validValue(ctx, p);
    return value ? fc.option(value, { nil: undefined }).map((v) => ({ name: p.name, value: v })) : fc.constant({ name: p.name, value: undefined });
  }));
  const invalidChoices = query.map((p) => invalidValues(op, p)).filter((a): a is fc.Arbitrary<Assignment> => a !== null);
  const runsEach = Math.floor(Math.min(ctx.settings.propertyRuns, budget) / 2);

  const build = (assignments: readonly Assignment[]): ProbeRequest =>
    assignments.reduce((request, a) => withQuery(request, a.name, a.value), base);
  const describe = (assignments: readonly Assignment[]) => assignments.filter((a) => a.value !== undefined || query.find((p) => p.name === a.name)?.required).map((a) => describeParam(a.name, a.value)).join('&') || '(required parameters only)';

  await runProperty(ctx, op, 'property.valid-requests', runsEach, validArbitrary, async (assignments, described) => {
    const exchange = await ctx.send(op, described, build(assignments));
    if (!expectSuccess(ctx, 'property.valid-requests', op, SUBJECT, exchange)) return;
    const limitName = op.pagination?.limitParam;
    const limitParam = query.find((p) => p.name === limitName);
    const limit = Number(assignments.find((a) => a.name === limitName)?.value ?? limitParam?.schema.default);
    const body = bodyOf(exchange.response!);
    const items = body.ok && op.pagination ? (body.value as Json)?.[op.pagination.itemsField] : undefined;
    if (Array.isArray(items) && Number.isFinite(limit) && items.length > limit) {
      ctx.fail('property.valid-requests', op, SUBJECT, exchange, { message: `the page holds ${items.length} items, more than limit ${limit}`, pointer: `/${op.pagination!.itemsField}`, expected: `at most ${limit} items`, actual: items.length });
    }
  }, describe);

  const status = invalidStatus(op);
  if (invalidChoices.length === 0 || status === undefined) return ctx.skip('property.invalid-requests', op.operationId, SUBJECT, status === undefined ? 'the operation documents no 400 response' : 'no parameter constraint to violate');
  await runProperty(ctx, op, 'property.invalid-requests', runsEach, fc.oneof(...invalidChoices).map((a) => [a]), async (assignments, described) => {
    const exchange = await ctx.send(op, described, build(assignments));
    expectError(ctx, 'property.invalid-requests', op, SUBJECT, exchange, status, []);
  }, describe);
}

async function runProperty(
  ctx: RunContext,
  op: OperationInfo,
  check: CheckId,
  numRuns: number,
  arbitrary: fc.Arbitrary<readonly Assignment[]>,
  run: (assignments: readonly Assignment[], subject: string) => Promise<void>,
  describe: (assignments: readonly Assignment[]) => string,
): Promise<void> {
  if (numRuns < 1) return ctx.skip(check, op.operationId, SUBJECT, 'the request budget is spent', 'budget');
  const outcome = ctx.outcome(check, op.operationId, SUBJECT);
  let executed = 0;
  const started = performance.now();
  const result = await fc.check(fc.asyncProperty(arbitrary, async (assignments) => {
    if (executed >= numRuns + MAX_SHRINK_REQUESTS || ctx.remainingFor(op) === 0) return true;
    executed++;
    const before = outcome.findings.length;
    await run(assignments, describe(assignments));
    if (outcome.findings.length === before) return true;
    outcome.findings.splice(0, before); // keep only the latest (smallest) counterexample
    return false;
  }), { seed: ctx.settings.seed, numRuns });
  outcome.durationMs += performance.now() - started;
  const replay = `fast-check seed ${result.seed}${result.counterexamplePath ? `, path ${result.counterexamplePath}` : ''}; replay with --seed ${result.seed}`;
  if (result.failed) {
    for (const finding of outcome.findings) finding.message += ` [counterexample after ${result.numShrinks} shrinks; ${replay}]`;
  } else outcome.note = `${result.numRuns} generated requests (${replay})`;
}
