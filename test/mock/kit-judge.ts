// The contract kit's own response checks (src/contract/response-checks.ts) as a judge for the
// mock tests: documented status, content type, body and header schemas, the error envelope.
import { checkResponse } from '../../src/contract/response-checks.js';
import { kitSpecOf } from '../../src/contract/spec.js';
import type { SpecModel } from '../../src/spec/model.js';
import type { WireReply } from './spec-conformance.js';

/** Every finding of the kit's response checks on `reply` to `operationId`, as `check: message`. */
export function kitViolations(model: SpecModel, operationId: string, reply: WireReply): string[] {
  const spec = kitSpecOf(model.document, '(mock test)', model);
  const op = model.operationsById.get(operationId);
  if (!op) return [`no operation ${operationId}`];
  const exchange = {
    request: { method: op.method.toUpperCase(), path: op.path, query: [], headers: {} },
    url: op.path,
    response: { status: reply.status, headers: reply.headers, text: reply.body },
    durationMs: 0,
  };
  const { findings } = checkResponse(spec, op, exchange);
  return [...findings].flatMap(([check, list]) => list.map((finding) => `${check}: ${finding.message}`));
}
