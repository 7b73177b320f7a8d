// "Does the spec accept this reply?" for the mock tests, on any spec: the shared validator's
// response expectations (documented status, content type, body schema, documented headers) plus
// the error envelope rules the contract kit holds servers to (body status = HTTP status, a title,
// a documented `type` when the error set enumerates them).
import { bundledSpecModel } from '../../src/spec/load.js';
import { errorSetFor, type SpecModel } from '../../src/spec/model.js';
import { specValidator } from '../../src/spec/validator.js';

export interface WireReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const mediaType = (value: string | undefined) => (value ?? '').split(';')[0]!.trim().toLowerCase();

/** Every way `reply` to `operationId` departs from the spec, as `check: message`; empty when it conforms. */
export function violationsOf(model: SpecModel, operationId: string, reply: WireReply): string[] {
  const validator = specValidator(model);
  const op = model.operationsById.get(operationId);
  if (!op) return [`no operation ${operationId}`];
  const found: string[] = [];
  const expected = validator.response(operationId, reply.status);
  if (!expected) return [`response.status-documented: HTTP ${reply.status} is not documented for ${operationId}`];
  const type = mediaType(reply.headers['content-type']);
  let json: unknown;
  if (expected.content.length === 0) {
    if (reply.body.length > 0) found.push(`response.content-type: HTTP ${reply.status} documents no body, got ${reply.body.length} bytes`);
  } else {
    const media = expected.content.find((m) => m.mediaType.toLowerCase() === type);
    if (!media) found.push(`response.content-type: Content-Type ${type || '(none)'} is not documented for HTTP ${reply.status}`);
    try {
      json = JSON.parse(reply.body);
    } catch {
      found.push('response.body-schema: the body is not JSON');
    }
    for (const issue of media?.validate?.(json) ?? []) found.push(`response.body-schema: ${issue.pointer || '(root)'} ${issue.message}`);
  }
  for (const header of expected.headers) {
    const value = reply.headers[header.name.toLowerCase()];
    if (value === undefined) {
      if (header.required) found.push(`response.headers-schema: required header ${header.name} is missing`);
    } else for (const issue of header.validate?.(value) ?? []) found.push(`response.headers-schema: header ${header.name} ${issue.message}`);
  }
  if (reply.status >= 400 && json && typeof json === 'object') {
    const envelope = json as Record<string, unknown>;
    if ('status' in envelope && envelope.status !== reply.status) found.push(`error.envelope-status: body status ${String(envelope.status)} differs from HTTP status ${reply.status}`);
    if ('title' in envelope && (typeof envelope.title !== 'string' || envelope.title.trim() === '')) found.push('error.envelope-title: the error envelope has no non-empty title');
    const types = Object.keys(errorSetFor(model, op, reply.status)?.types ?? {});
    if (types.length > 0 && !types.includes(String(envelope.type))) found.push(`error.envelope-type: ${String(envelope.type)} is not documented for ${reply.status}`);
  }
  return found;
}

/** The product spec's one list operation, judged as before. */
export function specViolations(reply: WireReply): string[] {
  const { model } = bundledSpecModel();
  return violationsOf(model, model.operations[0]!.operationId, reply);
}

/** The headers the bundled spec documents for a status of its first operation, by lower-case name. */
export function documentedHeaders(status: number): Record<string, { name: string; required: boolean }> {
  const { model } = bundledSpecModel();
  const headers = specValidator(model).response(model.operations[0]!.operationId, status)?.headers ?? [];
  return Object.fromEntries(headers.map((header) => [header.name.toLowerCase(), header]));
}

/** Reads a fetch Response into a WireReply. */
export async function wireReply(response: Response): Promise<WireReply> {
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}
