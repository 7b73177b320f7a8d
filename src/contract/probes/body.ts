// Request bodies: generated valid bodies (fast-check, from the schema) must not be rejected as
// invalid; bodies with exactly one violation (src/spec/values.ts negatives), and a missing
// required body, must get the documented 400. What a valid body creates is tracked for cleanup.
import fc from 'fast-check';
import { withBody, type RunContext } from '../context.js';
import type { ProbeRequest } from '../model.js';
import { bodyOf, documentsJson } from '../response-checks.js';
import { getPointer, type OperationInfo } from '../spec.js';
import { arbitraryFor, negativesFor, NEGATIVE_KEYWORDS } from '../../spec/values.js';
import { expectError, invalidStatus } from './expect.js';

/** Valid bodies per operation, within its budget. */
const VALID_BODIES = 3;

// Stryker disable all: built once when the module loads, before Stryker activates a mutant, so no test can kill one (stryker-js#6144); the walk's tests pin these lists (test/contract/runner.test.ts)
// JSON Schema 2020-12 keywords whose value is a schema, a list of schemas, or a map of them.
const SCHEMA_VALUED = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Maps whose own name says nothing about the constraint (`properties`, `$defs`)… */
const SCHEMA_MAPS = new Set(['properties', '$defs']);
/** …and maps that are constraints the negatives do not break. */
const SCHEMA_MAPS_NAMED = new Set(['patternProperties', 'dependentSchemas']);
/** Keywords that describe or compose rather than constrain, and `items`/`allOf`, whose members are walked. */
const DESCRIPTIVE = new Set(['items', 'allOf', 'title', 'description', 'examples', 'example', 'default', 'deprecated', 'readOnly', 'writeOnly', '$comment', 'discriminator', '$schema', '$id', '$anchor']);
// Stryker restore all

export async function bodyProbes(ctx: RunContext, op: OperationInfo, base: ProbeRequest): Promise<string[]> {
  const notProbed: string[] = [];
  // (A body without a JSON media type never gets here: the runner does not probe such operations.)
  const requestBody = op.requestBody;
  const media = requestBody?.content.find((m) => documentsJson(m.mediaType));
  if (!requestBody || !media) {
    for (const check of ['body.valid', 'body.invalid'] as const) ctx.skip(check, op.operationId, '-', 'the operation takes no request body');
    return notProbed;
  }
  const schemaPointer = media.schemaPointer;
  if (!schemaPointer) {
    ctx.skip('body.valid', op.operationId, '-', 'the request body has no schema');
    ctx.skip('body.invalid', op.operationId, '-', 'the request body has no schema');
    return notProbed;
  }
  const schema = getPointer(ctx.spec.document, schemaPointer);
  const check = ctx.validator.schemaAt(schemaPointer);
  const status = invalidStatus(op);

  // Valid bodies: the base request's (an example or a sample), then generated ones.
  const samples = fc.sample(arbitraryFor(ctx.spec.document, schema, { check }), { seed: ctx.settings.seed, numRuns: VALID_BODIES });
  await Promise.all(samples.map((value, i) => {
    const subject = `generated valid body #${i + 1}`;
    return ctx.probe('body.valid', op, subject, async () => {
      const exchange = await ctx.send(op, subject, withBody(base, media.mediaType, value));
      const got = exchange.response?.status;
      if (got === undefined) return;
      if (got === 400 || got === 422) {
        const json = bodyOf(exchange.response!);
        ctx.fail('body.valid', op, subject, exchange, {
          message: `a body valid against ${schemaPointer} was rejected with HTTP ${got}${json.ok && typeof (json.value as any)?.detail === 'string' ? `: ${(json.value as any).detail}` : ''}`,
          schemaPointer,
          expected: 'not 400 or 422',
          actual: got,
        });
      }
    });
  }));

  // One violation each.
  if (status === undefined) {
    ctx.skip('body.invalid', op.operationId, '-', 'the operation documents no 400 (or 422) response');
    return notProbed;
  }
  const baseBody = ctx.validBody(op)?.value ?? samples[0];
  const negatives = negativesFor(ctx.spec.document, schema, baseBody, { schemaPointer, check, seed: ctx.settings.seed });
  const probes: Array<[string, ProbeRequest, { schemaPointer: string; schemaFragment: unknown } | undefined]> = negatives.map((n) => [
    n.description,
    withBody(base, media.mediaType, n.value),
    { schemaPointer: n.schemaPointer, schemaFragment: { [n.keyword]: getPointer(ctx.spec.document, n.schemaPointer) } },
  ]);
  if (requestBody.required) probes.unshift(['no body (the request body is required)', withBody(base, media.mediaType, undefined), { schemaPointer: `${requestBody.pointer}/required`, schemaFragment: { required: true } }]);
  await Promise.all(probes.map(([subject, request, broken]) => ctx.probe('body.invalid', op, subject, async () => {
    const exchange = await ctx.send(op, subject, request);
    expectError(ctx, 'body.invalid', op, subject, exchange, status, [], broken);
  })));
  // Keywords of the body schema the negatives do not break: named, not passed over. Only the values
  // of subschema keywords are walked: an example's or a default's fields are no keywords.
  const used = new Set<string>();
  const walk = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node) || depth > 12) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref') {
        if (typeof v === 'string' && v.startsWith('#')) walk(getPointer(ctx.spec.document, decodeURIComponent(v)), depth + 1);
        continue;
      }
      if (!SCHEMA_MAPS.has(k)) used.add(k);
      if (SCHEMA_VALUED.has(k)) walk(v, depth + 1);
      else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) v.forEach((s) => walk(s, depth + 1));
      else if (SCHEMA_MAPS.has(k) || SCHEMA_MAPS_NAMED.has(k)) Object.values(v && typeof v === 'object' ? v : {}).forEach((s) => walk(s, depth + 1));
    }
  };
  walk(schema, 0);
  for (const keyword of used) if (!NEGATIVE_KEYWORDS.has(keyword) && !DESCRIPTIVE.has(keyword) && !keyword.startsWith('x-')) notProbed.push(`${op.operationId} request body: ${keyword}`);
  return notProbed;
}
