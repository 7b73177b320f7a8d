// Which response answers a situation (bad credentials, invalid request, not found …), and the
// bodies of error responses. The spec decides: a documented status and error type when the
// operation has one (the fixtures file may name the type per situation), otherwise an RFC 9457
// problem with the conventional status. Error bodies follow the documented schema: the
// documented example or a generated value, with the problem fields (`type`, `title`, `status`,
// `detail`, `instance`) set where the schema has them, kept only when the result still validates.
import { STATUS_CODES } from 'node:http';
import { isJsonMediaType, responseFor, type OperationModel, type SpecModel } from '../spec/model.js';
import { getPointer, resolve, type Json } from '../spec/pointer.js';
import type { SchemaCheck } from '../spec/validator.js';
import type { Situation } from './fixtures.js';

/** The statuses that may answer each situation, best first. */
export const SITUATION_STATUSES: Readonly<Record<Situation, readonly number[]>> = {
  'missing-credentials': [401],
  'invalid-credentials': [401, 403],
  'invalid-request': [400, 422],
  'invalid-cursor': [400, 422],
  'not-found': [404, 410],
  'unknown-partition': [403, 404],
  capacity: [507, 413, 429, 503, 500],
  'not-served': [501, 500],
  failure: [500],
};

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface AnswerTools {
  readonly model: SpecModel;
  readonly answers: Readonly<Record<string, string>>;
  check(pointer: string): SchemaCheck;
  sample(pointer: string, seed: number): unknown;
  /** Values for the documented headers of a response (required ones, and those with an example). */
  headersFor(op: OperationModel, status: number): Record<string, string>;
}

const PROBLEM_JSON = 'application/problem+json';

/** Property names an object schema (through `$ref` and `allOf`) declares. */
export function declaredProperties(document: Json, schema: unknown, depth = 0): Set<string> {
  const names = new Set<string>();
  const node = resolve(document, schema).node;
  if (!node || typeof node !== 'object' || depth > 8) return names;
  for (const name of Object.keys(node.properties ?? {})) names.add(name);
  for (const member of node.allOf ?? []) for (const name of declaredProperties(document, member, depth + 1)) names.add(name);
  return names;
}

/**
 * The example of a response's media type: `example`, else the first of `examples` (its `$ref`
 * followed, as a bundled document has them).
 */
export function exampleOf(document: Json, responsePointer: string, media: { mediaType: string; example?: unknown }): unknown {
  if (media.example !== undefined) return media.example;
  const node = resolve(document, getPointer(document, `${responsePointer}/content/${media.mediaType.replace(/~/g, '~0').replace(/\//g, '~1')}`)).node;
  if (node?.example !== undefined) return node.example;
  const first = node?.examples && typeof node.examples === 'object' ? Object.values<unknown>(node.examples)[0] : undefined;
  return first === undefined ? undefined : resolve(document, first).node?.value;
}

export class Answers {
  #instances = 0;
  readonly #bases = new Map<string, unknown>();

  constructor(readonly tools: AnswerTools) {}

  /** Status and type that answer `situation` for `op`: documented when possible. */
  choose(op: OperationModel, situation: Situation): { status: number; type: string | undefined; documented: boolean } {
    const wanted = this.tools.answers[situation];
    if (wanted !== undefined) {
      for (const [status, setId] of Object.entries(op.errors)) {
        if (wanted in (this.tools.model.errorSets[setId]?.types ?? {})) return { status: Number(status), type: wanted, documented: true };
      }
    }
    for (const status of SITUATION_STATUSES[situation]) {
      if (op.statuses.includes(status)) return { status, type: this.firstType(op, status), documented: true };
    }
    return { status: SITUATION_STATUSES[situation][0]!, type: undefined, documented: false };
  }

  firstType(op: OperationModel, status: number): string | undefined {
    const set = this.tools.model.errorSets[op.errors[String(status)] ?? ''];
    return set ? Object.keys(set.types)[0] : undefined;
  }

  /** The documented error `status` of `op` with `type` (or a problem body when undocumented). */
  error(op: OperationModel | undefined, status: number, type: string | undefined, detail: string | undefined): Reply {
    this.#instances += 1;
    const instance = `req_mock_${this.#instances}`;
    const title = STATUS_CODES[status] ?? 'Error';
    const response = op && op.statuses.includes(status) ? responseFor(op, status) : undefined;
    const media = response?.content.find((m) => isJsonMediaType(m.mediaType)) ?? response?.content[0];
    if (!op || !response || !media || !isJsonMediaType(media.mediaType)) {
      // Undocumented, or documented without a JSON body: an RFC 9457 problem (or the documented bodiless answer).
      if (response && !media) return { status, headers: this.tools.headersFor(op!, status), body: '' };
      const problem = { type: 'about:blank', title, status, ...(detail ? { detail } : {}), instance };
      return { status, headers: { 'content-type': PROBLEM_JSON }, body: JSON.stringify(problem) };
    }
    const headers = { ...this.tools.headersFor(op, status), 'content-type': media.mediaType };
    const base = this.#base(op, status, { schemaPointer: media.schemaPointer, example: exampleOf(this.tools.model.document, response.pointer, media) });
    if (!media.schemaPointer) return { status, headers, body: JSON.stringify(base ?? { title, status, detail }) };
    const check = this.tools.check(media.schemaPointer);
    const fields = declaredProperties(this.tools.model.document, getPointer(this.tools.model.document, media.schemaPointer));
    const overlay: Record<string, unknown> = { title, status, type: type ?? (base as Json | undefined)?.type, detail, instance };
    let body: unknown = base;
    if (base && typeof base === 'object' && !Array.isArray(base)) {
      const candidate: Json = { ...(base as Json) };
      for (const [name, value] of Object.entries(overlay)) if (fields.has(name) && value !== undefined) candidate[name] = value;
      // Keep what validates: drop overlaid fields the schema refuses, one pass.
      const issues = check(candidate);
      for (const issue of issues) {
        const field = issue.pointer.split('/')[1];
        if (field !== undefined && field in overlay && field in (base as Json)) candidate[field] = (base as Json)[field];
        else if (field !== undefined && field in overlay) delete candidate[field];
      }
      body = check(candidate).length === 0 ? candidate : base;
    }
    return { status, headers, body: JSON.stringify(body) };
  }

  /** The documented example of an error response, else a generated value (made once). */
  #base(op: OperationModel, status: number, media: { example?: unknown; schemaPointer: string | undefined }): unknown {
    const key = `${op.operationId}\0${status}`;
    if (this.#bases.has(key)) return this.#bases.get(key);
    let base: unknown = media.example;
    if (media.schemaPointer && (base === undefined || this.tools.check(media.schemaPointer)(base).length > 0)) {
      base = this.tools.sample(media.schemaPointer, status);
    }
    this.#bases.set(key, base);
    return base;
  }

  /** A problem for a request outside the spec (no operation at the path, wrong method). */
  outside(status: number, detail: string, headers: Record<string, string> = {}): Reply {
    const reply = this.error(undefined, status, undefined, detail);
    return { ...reply, headers: { ...reply.headers, ...headers } };
  }
}
