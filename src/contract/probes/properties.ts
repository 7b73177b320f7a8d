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
import { arbitraryFor, generatesFormat, sampleFor } from '../../spec/values.js';
import { describeParam, withQuery } from './negatives.js';

/** Extra requests shrinking may spend to minimise a counterexample. */
const MAX_SHRINK_REQUESTS = 30;
const INT32 = 2 ** 31 - 1;
const SUBJECT = 'generated requests';

type Assignment = { name: string; value: string | undefined };

/** Text values of an optional query parameter its schema accepts; null when there is none to send. */
function validValue(ctx: RunContext, param: OperationParameter): fc.Arbitrary<string> | null {
  const schema: Json = param.schema;
  // A string schema bounded by length only (annotations aside) takes any characters.
  const lengthOnly = ['type', 'minLength', 'maxLength', 'title', 'description', 'default', 'example', 'examples', 'deprecated', '$comment'];
  if (schema.type === 'string' && Object.keys(schema).every((k) => lengthOnly.includes(k))) {
    const minLength = schema.minLength ?? 0;
    return fc.string({ minLength, maxLength: Math.min(schema.maxLength ?? Infinity, minLength + 32) });
  }
  // Arrays and objects that travel in several parts (exploded) are left to the base request, and
  // so are string formats with no generator: which strings they accept is the server's to say.
  if (schema.type === 'object' || (schema.type === 'array' && param.explode)) return null;
  if ([schema.type].flat().includes('string') && typeof schema.format === 'string' && !generatesFormat(schema.format)) return null;
  // Every other value is drawn from its schema and kept only when the spec's validator accepts it.
  const check = ctx.validator.schemaAt(`${param.pointer}/schema`);
  if (sampleFor(ctx.spec.document, schema, ctx.settings.seed, { check }) === undefined) return null;
  return arbitraryFor(ctx.spec.document, schema, { check }).map((v) => serialize(param, v).join(','));
}

/** Whole numbers past a bound (below it or above it), as text; null when the edge is not a safe integer. */
function past(edge: number, side: 'below' | 'above'): fc.Arbitrary<string> | null {
  if (!Number.isSafeInteger(edge)) return null;
  return (side === 'below' ? fc.integer({ min: Math.min(edge, -INT32), max: edge }) : fc.integer({ min: edge, max: Math.max(edge, INT32) })).map(String);
}

function invalidValues(op: OperationInfo, param: OperationParameter): fc.Arbitrary<Assignment> | null {
  const schema: Json = param.schema;
  const options: Array<fc.Arbitrary<string | undefined> | null> = [];
  if (param.required) options.push(fc.constant(undefined));
  if (schema.type === 'integer' || schema.type === 'number') {
    // (A bound that is absent or no number makes no edge: past() leaves it out.)
    options.push(past(Math.ceil(schema.minimum) - 1, 'below'), past(Math.floor(schema.exclusiveMinimum), 'below'));
    options.push(past(Math.floor(schema.maximum) + 1, 'above'), past(Math.ceil(schema.exclusiveMaximum), 'above'));
    if (schema.type === 'integer') {
      // A whole number and a half, within the bounds when they leave room for one.
      const from = Math.ceil(schema.minimum ?? (typeof schema.maximum === 'number' ? schema.maximum - 2e6 : -1e6));
      const to = Math.floor(schema.maximum ?? from + 2e6) - 1;
      if (Number.isSafeInteger(from) && Number.isSafeInteger(to) && from <= to) options.push(fc.integer({ min: from, max: to }).map((n) => String(n + 0.5)));
    }
    // Not a number in any notation: it starts with a letter no notation starts with.
    options.push(fc.string({ maxLength: 11 }).map((s) => `x${s}`));
  }
  if (typeof schema.minLength === 'number' && schema.minLength > 0) options.push(fc.string({ maxLength: schema.minLength - 1 }));
  if (typeof schema.maxLength === 'number') options.push(fc.string({ minLength: schema.maxLength + 1, maxLength: schema.maxLength + 16 }));
  if (op.pagination?.cursorParam === param.name) options.push(fc.string({ minLength: 1, maxLength: 64 }).map((s) => `pp-${s}`));
  const choices = options.filter((o): o is fc.Arbitrary<string | undefined> => o !== null);
  return choices.length === 0 ? null : fc.oneof(...choices).map((value) => ({ name: param.name, value }));
}

export async function propertyProbes(ctx: RunContext, op: OperationInfo, base: ProbeRequest, budget: number): Promise<void> {
  // Fewer than two runs asked for (one valid, one invalid): off by choice, not for want of budget.
  if (ctx.settings.propertyRuns < 2) {
    for (const check of ['property.valid-requests', 'property.invalid-requests'] as const) ctx.skip(check, op.operationId, SUBJECT, `generated requests are off (${ctx.settings.propertyRuns} property runs asked for)`);
    return;
  }
  const query = op.parameters.filter((p) => p.in === 'query');
  const optional = query.filter((p) => !p.required && p.name !== op.pagination?.cursorParam);
  // Each optional parameter with values to draw is sent or left out; the others stay as the base request has them.
  const validArbitrary = fc.tuple(...optional.flatMap((p) => {
    const value = validValue(ctx, p);
    return value ? [fc.option(value, { nil: undefined }).map((v) => ({ name: p.name, value: v }))] : [];
  }));
  const invalidChoices = query.map((p) => invalidValues(op, p)).filter((a): a is fc.Arbitrary<Assignment> => a !== null);
  const runsEach = Math.floor(Math.min(ctx.settings.propertyRuns, budget) / 2);

  const build = (assignments: readonly Assignment[]): ProbeRequest =>
    assignments.reduce((request, a) => withQuery(request, a.name, a.value), base);
  const describe = (assignments: readonly Assignment[]) => assignments.map((a) => describeParam(a.name, a.value)).join('&') || '(required parameters only)';
  const describeSent = (assignments: readonly Assignment[]) => describe(assignments.filter((a) => a.value !== undefined));

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
  }, describeSent);

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
