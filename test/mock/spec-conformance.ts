// "Does the spec accept this reply?" for the mock tests: documented status, JSON content type,
// body valid against the status's schema (Ajv 2020-12 + ajv-formats, compiled from
// generated/openapi.json), error envelope consistent with the status, documented headers valid.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { errorCatalog } from '../../generated/operations.js';
import { bundled, createAjv, resolve } from '../spec/compiled-schemas.js';

export interface WireReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const ajv = createAjv();
const operation = bundled.paths['/users/invite/sent'].get;
const bodyValidators = new Map<number, ValidateFunction>();
const headerValidators = new Map<string, ValidateFunction>();

function documentedResponse(status: number): any {
  return resolve(operation.responses[String(status)]);
}

function bodyValidator(status: number): ValidateFunction {
  let validate = bodyValidators.get(status);
  if (!validate) {
    const schema = documentedResponse(status).content['application/json'].schema;
    validate = ajv.compile({ $ref: `https://postpress.ai/openapi.json${String(schema.$ref).replace('#/components/schemas/', '#/$defs/')}` });
    bodyValidators.set(status, validate);
  }
  return validate;
}

/** Statuses that document a response header, with the header's schema. */
export function documentedHeaders(status: number): Record<string, any> {
  const headers = documentedResponse(status)?.headers ?? {};
  return Object.fromEntries(Object.entries<any>(headers).map(([name, header]) => [name.toLowerCase(), resolve(header).schema]));
}

/** Every way `reply` departs from the spec; empty when it conforms. */
export function specViolations(reply: WireReply): string[] {
  const problems: string[] = [];
  if (!documentedResponse(reply.status)) return [`status ${reply.status} is not documented`];
  const contentType = reply.headers['content-type'] ?? '';
  if (contentType.split(';')[0]?.trim().toLowerCase() !== 'application/json') problems.push(`content-type is ${contentType}`);
  let body: any;
  try {
    body = JSON.parse(reply.body);
  } catch {
    return [...problems, 'body is not JSON'];
  }
  const validate = bodyValidator(reply.status);
  if (!validate(body)) problems.push(...(validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message}`));
  const entry = (errorCatalog as Record<string, { types: Record<string, unknown> }>)[String(reply.status)];
  if (entry) {
    if (body?.status !== reply.status) problems.push(`body status ${body?.status} differs from HTTP ${reply.status}`);
    if (!Object.hasOwn(entry.types, body?.type)) problems.push(`type ${body?.type} is not documented for ${reply.status}`);
  }
  for (const [name, schema] of Object.entries(documentedHeaders(reply.status))) {
    const value = reply.headers[name];
    if (value === undefined) continue;
    let validateHeader = headerValidators.get(`${reply.status} ${name}`);
    if (!validateHeader) {
      validateHeader = ajv.compile(schema);
      headerValidators.set(`${reply.status} ${name}`, validateHeader);
    }
    if (!validateHeader(value)) problems.push(`header ${name}: ${JSON.stringify(validateHeader.errors)}`);
  }
  return problems;
}

/** Reads a fetch Response into a WireReply. */
export async function wireReply(response: Response): Promise<WireReply> {
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}
