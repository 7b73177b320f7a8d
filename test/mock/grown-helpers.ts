// Calling the mock by operation id on the grown fixture spec (or any spec), every reply judged by
// the spec check. Tests derive requests from the spec model; only the fixtures' labels are named.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { RunningMock } from '../../src/mock/index.js';
import { isJsonMediaType, type OperationModel } from '../../src/spec/model.js';
import { specValidator } from '../../src/spec/validator.js';
import { sampleFor } from '../../src/spec/values.js';
import { kitViolations } from './kit-judge.js';
import { violationsOf, wireReply, type WireReply } from './spec-conformance.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GROWN_SPEC = path.join(root, 'test/fixtures/grown/openapi/openapi.yaml');

export interface Request {
  path?: Record<string, string>;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
}

export interface Reply extends WireReply {
  json: any;
}

export function operation(mock: RunningMock, operationId: string): OperationModel {
  const op = mock.spec.model.operationsById.get(operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  return op;
}

export function urlFor(mock: RunningMock, op: OperationModel, request: Request = {}): string {
  const filled = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(request.path?.[name] ?? ''));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) for (const v of [value].flat()) query.append(name, v);
  const search = query.toString();
  return `${mock.url}${filled}${search ? `?${search}` : ''}`;
}

/** Sends a request to an operation; fails the test when the reply departs from the spec. */
export async function call(mock: RunningMock, operationId: string, request: Request = {}, key = 'pp_test_mock_key'): Promise<Reply> {
  const op = operation(mock, operationId);
  const headers: Record<string, string> = { 'x-api-key': key, ...request.headers };
  let body: string | undefined = request.rawBody;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const reply = await wireReply(await fetch(urlFor(mock, op, request), { method: op.method.toUpperCase(), headers, ...(body !== undefined ? { body } : {}) }));
  expect(violationsOf(mock.spec.model, operationId, reply), `${operationId} -> ${reply.status} ${reply.body}`).toEqual([]);
  expect(kitViolations(mock.spec.model, operationId, reply), `contract kit on ${operationId} -> ${reply.status} ${reply.body}`).toEqual([]);
  return { ...reply, json: reply.body ? JSON.parse(reply.body) : undefined };
}

/** A valid request body for an operation: its example, else one generated from its schema. */
export function validBody(mock: RunningMock, op: OperationModel, seed = 1): unknown {
  const media = op.requestBody?.content.find((m) => isJsonMediaType(m.mediaType));
  if (!media?.schemaPointer) return undefined;
  if (media.example !== undefined) return media.example;
  const check = specValidator(mock.spec.model).schemaAt(media.schemaPointer);
  return sampleFor(mock.spec.model.document, { $ref: media.schemaPointer }, seed, { check });
}
