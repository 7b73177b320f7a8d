// The checks applied to every response, whichever probe asked for it: documented status,
// content type, body schema, documented headers, the error envelope, and "a response came back".
import type { CheckId } from './checks.js';
import type { Exchange, Finding, ReceivedResponse } from './model.js';
import { escapePointer, type ContractSpec, type OperationInfo } from './spec.js';
import type { SpecValidators } from './validator.js';

export type RawFinding = Omit<Finding, 'check' | 'operationId' | 'subject' | 'request'>;

export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJson(text: string): ParsedBody {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

const parsedBodies = new WeakMap<ReceivedResponse, ParsedBody>();

/** The body of a response as JSON, parsed once however many checks read it. Treat as read-only. */
export function bodyOf(response: ReceivedResponse): ParsedBody {
  let parsed = parsedBodies.get(response);
  if (!parsed) {
    parsed = parseJson(response.text);
    parsedBodies.set(response, parsed);
  }
  return parsed;
}

export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function mediaTypeMatches(documented: string, actual: string): boolean {
  const [type, subtype] = documented.toLowerCase().split('/');
  const [actualType, actualSubtype] = actual.split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
}

const isJsonMediaType = (mediaType: string) => /^application\/(.+\+)?json$/i.test(mediaType);

export function checkResponse(spec: ContractSpec, validators: SpecValidators, op: OperationInfo, exchange: Exchange): Map<CheckId, RawFinding[]> {
  const found = new Map<CheckId, RawFinding[]>();
  const add = (check: CheckId, finding: RawFinding) => found.set(check, [...(found.get(check) ?? []), finding]);
  const response = exchange.response;
  if (!response) {
    add('transport.response', { message: `no response: ${exchange.error ?? 'unknown error'}` });
    return found;
  }
  const { status } = response;
  const documented = validators.response(op.operationId, status);
  const responsesPointer = `#/paths/${escapePointer(op.path)}/${op.method}/responses`;
  if (!documented) {
    add('response.status-documented', {
      status,
      message: `HTTP ${status} is not documented for ${op.operationId}`,
      schemaPointer: responsesPointer,
      expected: [...validators.operation(op.operationId).responses.keys()],
      actual: status,
    });
  }

  const actualType = mediaTypeOf(response.headers['content-type']);
  const json = bodyOf(response);
  if (documented) {
    const media = documented.content.find((m) => mediaTypeMatches(m.mediaType, actualType));
    if (documented.content.length === 0) {
      if (response.text.length > 0) add('response.content-type', { status, message: `HTTP ${status} documents no body, got ${response.text.length} bytes`, schemaPointer: documented.pointer, actual: actualType || '(none)' });
    } else if (!media) {
      add('response.content-type', {
        status,
        pointer: '/headers/content-type',
        message: `Content-Type ${actualType || '(none)'} is not documented for HTTP ${status}`,
        schemaPointer: `${documented.pointer}/content`,
        expected: documented.content.map((m) => m.mediaType),
        actual: response.headers['content-type'] ?? null,
      });
    }
    // Validate against the matched media type, or the only documented one when the header is wrong.
    const target = media ?? (documented.content.length === 1 ? documented.content[0] : undefined);
    if (target?.validate && isJsonMediaType(target.mediaType)) {
      if (!json.ok) {
        add('response.body-schema', { status, pointer: '', message: `the body is not JSON (${json.error})`, schemaPointer: target.schemaPointer, actual: response.text.slice(0, 200) });
      } else {
        for (const issue of target.validate(json.value)) add('response.body-schema', { status, ...issue, message: `${issue.pointer || '(root)'} ${issue.message}` });
      }
    }
    for (const header of documented.headers) {
      const value = response.headers[header.name.toLowerCase()];
      if (value === undefined) {
        if (header.required) add('response.headers-schema', { status, pointer: `/headers/${header.name}`, message: `required header ${header.name} is missing`, schemaPointer: header.schemaPointer.replace(/\/schema$/, '/required'), actual: undefined });
      } else if (header.validate) {
        for (const issue of header.validate(value)) {
          add('response.headers-schema', { status, ...issue, pointer: `/headers/${header.name}${issue.pointer}`, message: `header ${header.name} ${issue.message}` });
        }
      }
    }
  }

  if (status >= 400) {
    const catalog = spec.errorCatalog[String(status)];
    const envelope = json.ok && json.value && typeof json.value === 'object' && !Array.isArray(json.value) ? (json.value as Record<string, unknown>) : null;
    if (!envelope) {
      add('error.envelope-status', { status, pointer: '', message: `HTTP ${status} carries no JSON error envelope`, actual: response.text.slice(0, 200) });
    } else {
      if (envelope.status !== status) {
        add('error.envelope-status', { status, pointer: '/status', message: `body status ${JSON.stringify(envelope.status)} differs from HTTP status ${status}`, expected: status, actual: envelope.status });
      }
      if (catalog && !(typeof envelope.type === 'string' && envelope.type in catalog.types)) {
        add('error.envelope-type', {
          status,
          pointer: '/type',
          message: `type ${JSON.stringify(envelope.type)} is not documented for HTTP ${status}`,
          schemaPointer: `#/components/schemas/${catalog.schema}/properties/type/enum`,
          schemaFragment: { enum: Object.keys(catalog.types) },
          actual: envelope.type,
        });
      }
      if (typeof envelope.title !== 'string' || envelope.title.trim() === '') {
        add('error.envelope-title', { status, pointer: '/title', message: 'the error envelope has no non-empty title', actual: envelope.title });
      }
    }
  }
  return found;
}
