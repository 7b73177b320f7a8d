// The checks applied to every response, whichever probe asked for it: documented status,
// content type, body schema, documented headers, the error envelope, and "a response came back".
import type { CheckId } from './checks.js';
import type { Exchange, Finding, ReceivedResponse } from './model.js';
import { escapePointer, getPointer, resolve, type KitSpec, type OperationInfo } from './spec.js';
import { errorSetFor } from '../spec/model.js';
import { flatten } from '../spec/values.js';
import { decodeParameter, type MediaTypeExpectation } from '../spec/validator.js';

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

/** JSON media types: `application/json` and any `+json` suffix. */
export const documentsJson = (mediaType: string) => /^application\/(.+\+)?json$/i.test(mediaType.split(';')[0]!.trim());

const errorSchemaCache = new WeakMap<object, Map<string, { title: boolean; status: boolean }>>();

/** Whether an error body's schema has `title` and `status` properties (looking through `$ref` and `allOf`). */
function envelopeOf(spec: KitSpec, schemaPointer: string): { title: boolean; status: boolean } {
  let byPointer = errorSchemaCache.get(spec.document);
  if (!byPointer) errorSchemaCache.set(spec.document, byPointer = new Map());
  let found = byPointer.get(schemaPointer);
  if (!found) {
    const flat = flatten(spec.document, getPointer(spec.document, schemaPointer) ?? true);
    const properties = typeof flat === 'object' ? flat.properties ?? {} : {};
    found = { title: 'title' in properties, status: 'status' in properties };
    byPointer.set(schemaPointer, found);
  }
  return found;
}

/** A header's text as the value its schema describes (style simple): `3` is 3, `a,b` two items. */
function decodedHeader(spec: KitSpec, schemaPointer: string, text: string): unknown {
  const schema = resolve(spec.document, getPointer(spec.document, schemaPointer)).node ?? {};
  const items = schema.items === undefined ? undefined : resolve(spec.document, schema.items).node;
  return decodeParameter({ schema: items === undefined ? schema : { ...schema, items }, style: 'simple', explode: false }, text);
}

/** Every finding of the response checks on one exchange, and which checks judged something. */
export function checkResponse(spec: KitSpec, op: OperationInfo, exchange: Exchange): { findings: Map<CheckId, RawFinding[]>; judged: CheckId[] } {
  const found = new Map<CheckId, RawFinding[]>();
  const judged: CheckId[] = ['transport.response'];
  const add = (check: CheckId, finding: RawFinding) => found.set(check, [...(found.get(check) ?? []), finding]);
  const response = exchange.response;
  if (!response) {
    add('transport.response', { message: `no response: ${exchange.error ?? 'unknown error'}` });
    return { findings: found, judged };
  }
  const { status } = response;
  const validator = spec.validator;
  const documented = validator.response(op.operationId, status);
  const responsesPointer = `${op.pointer}/responses`;
  judged.push('response.status-documented');
  if (!documented) {
    add('response.status-documented', {
      status,
      message: `HTTP ${status} is not documented for ${op.operationId}`,
      schemaPointer: responsesPointer,
      expected: op.responses.map((r) => r.status),
      actual: status,
    });
  }

  const actualType = mediaTypeOf(response.headers['content-type']);
  const json = bodyOf(response);
  let target: MediaTypeExpectation | undefined;
  if (documented) {
    judged.push('response.content-type');
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
    target = media ?? (documented.content.length === 1 ? documented.content[0] : undefined);
    if (target?.validate && documentsJson(target.mediaType)) {
      judged.push('response.body-schema');
      if (!json.ok) {
        add('response.body-schema', { status, pointer: '', message: `the body is not JSON (${json.error})`, schemaPointer: target.schemaPointer, actual: response.text.slice(0, 200) });
      } else {
        for (const issue of target.validate(json.value)) add('response.body-schema', { status, ...issue, message: `${issue.pointer || '(root)'} ${issue.message}` });
      }
    }
    if (documented.headers.length > 0) judged.push('response.headers-schema');
    for (const header of documented.headers) {
      const value = response.headers[header.name.toLowerCase()];
      if (value === undefined) {
        if (header.required) add('response.headers-schema', { status, pointer: `/headers/${header.name}`, message: `required header ${header.name} is missing`, schemaPointer: header.schemaPointer.replace(/\/schema$/, '/required'), actual: undefined });
      } else if (header.validate) {
        for (const issue of header.validate(decodedHeader(spec, header.schemaPointer, value))) {
          add('response.headers-schema', { status, ...issue, pointer: `/headers/${header.name}${issue.pointer}`, message: `header ${header.name} ${issue.message}` });
        }
      }
    }
  }

  if (status >= 400) {
    const set = errorSetFor(spec.model, op, status);
    const envelope = json.ok && json.value && typeof json.value === 'object' && !Array.isArray(json.value) ? (json.value as Record<string, unknown>) : null;
    const jsonDocumented = target ? documentsJson(target.mediaType) : Boolean(set && documentsJson(set.mediaType));
    if (!envelope) {
      if (jsonDocumented) {
        judged.push('error.envelope-status');
        add('error.envelope-status', { status, pointer: '', message: `HTTP ${status} carries no JSON error body although the spec documents one`, actual: response.text.slice(0, 200) });
      }
    } else {
      const shape = target?.schemaPointer ? envelopeOf(spec, target.schemaPointer) : { title: false, status: false };
      if (envelope.status !== undefined) {
        judged.push('error.envelope-status');
        if (envelope.status !== status) {
          add('error.envelope-status', { status, pointer: '/status', message: `body status ${JSON.stringify(envelope.status)} differs from HTTP status ${status}`, expected: status, actual: envelope.status });
        }
      }
      const types = set ? Object.keys(set.types) : [];
      if (set && types.length > 0) {
        judged.push('error.envelope-type');
        if (!(typeof envelope.type === 'string' && types.includes(envelope.type))) {
          add('error.envelope-type', {
            status,
            pointer: '/type',
            message: `type ${JSON.stringify(envelope.type)} is not documented for HTTP ${status} of ${op.operationId}`,
            schemaPointer: set.schema ? `#/components/schemas/${escapePointer(set.schema)}/properties/type/enum` : `${responsesPointer}/${status}`,
            schemaFragment: { enum: types },
            actual: envelope.type,
          });
        }
      }
      if (shape.title || envelope.title !== undefined) {
        judged.push('error.envelope-title');
        if (typeof envelope.title !== 'string' || envelope.title.trim() === '') {
          add('error.envelope-title', { status, pointer: '/title', message: 'the error body has no non-empty title', actual: envelope.title });
        }
      }
    }
  }
  return { findings: found, judged };
}
