// The spec the kit tests against: the bundled OpenAPI document and the generated operation table.
import specDocument from '../../generated/openapi.json' with { type: 'json' };
import { operations, errorCatalog, type OperationEntry, type OperationParameterEntry } from '../../generated/operations.js';

export type Json = Record<string, any>;

/** One operation of the spec, as the generated table describes it. */
export type OperationParameter = OperationParameterEntry;
export type OperationInfo = OperationEntry;

export interface ErrorCatalogEntry {
  readonly schema: string;
  readonly types: Readonly<Record<string, { readonly description: string; readonly retryable: boolean }>>;
}

export interface ContractSpec {
  /** The bundled OpenAPI 3.1 document (generated/openapi.json). */
  readonly document: Json;
  readonly operations: Readonly<Record<string, OperationInfo>>;
  /** Per error status, the documented `type` values. */
  readonly errorCatalog: Readonly<Record<string, ErrorCatalogEntry>>;
}

let cachedDefault: ContractSpec | undefined;

export function defaultSpec(): ContractSpec {
  cachedDefault ??= { document: specDocument as Json, operations, errorCatalog };
  return cachedDefault;
}

/** Follows local `$ref`s (`#/...`) until a non-reference node; returns it with its JSON pointer. */
export function resolveRef(document: Json, node: Json, pointer: string): { node: Json; pointer: string } {
  let current = node;
  let at = pointer;
  const seen = new Set<string>();
  while (current && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) throw new Error(`Unresolvable $ref ${ref} at ${at}`);
    seen.add(ref);
    at = ref;
    current = getPointer(document, ref);
    if (current === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  }
  return { node: current, pointer: at };
}

export function getPointer(document: unknown, pointer: string): any {
  const parts = pointer.replace(/^#/, '').split('/').slice(1).map(unescapePointer);
  return parts.reduce<any>((n, key) => (n === null || typeof n !== 'object' ? undefined : n[key]), document);
}

export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
