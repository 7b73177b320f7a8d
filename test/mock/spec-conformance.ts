// "Does the spec accept this reply?" for the mock tests: the contract kit's own response checks
// (documented status, content type, body against the status's schema with Ajv 2020-12 +
// ajv-formats compiled from generated/openapi.json, error envelope consistent with the status,
// documented headers valid), so the mock is held to exactly what the kit holds any server to.
import { operations } from '../../generated/operations.js';
import { defaultSpec } from '../../src/contract/spec.js';
import { checkResponse } from '../../src/contract/response-checks.js';
import { validatorsFor } from '../../src/contract/validator.js';

export interface WireReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const spec = defaultSpec();
const validators = validatorsFor(spec);
const operation = operations.listSentInvitations;

/** The headers the spec documents for a status, by lower-case name. */
export function documentedHeaders(status: number): Record<string, { name: string; required: boolean }> {
  const headers = validators.response(operation.operationId, status)?.headers ?? [];
  return Object.fromEntries(headers.map((header) => [header.name.toLowerCase(), header]));
}

/** Every way `reply` departs from the spec, as `check-id: message`; empty when it conforms. */
export function specViolations(reply: WireReply): string[] {
  const request = { method: operation.method, path: operation.path, query: [], headers: {} };
  const exchange = { request, url: operation.path, response: { ...reply, text: reply.body }, durationMs: 0 };
  return [...checkResponse(spec, validators, operation, exchange)].flatMap(([check, findings]) => findings.map((f) => `${check}: ${f.message}`));
}

/** Reads a fetch Response into a WireReply. */
export async function wireReply(response: Response): Promise<WireReply> {
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}
