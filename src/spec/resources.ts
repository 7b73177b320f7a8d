// Resources: which operations list, create, read, update and delete the same things, so the mock
// can keep state and the contract kit can check it. The rule (documented in docs/spec.md):
//   1. `x-resource: { name, role, idField? }` on operations groups them explicitly;
//   2. otherwise a path `/things/{id}` whose parent `/things` is also a path is one resource:
//      GET parent lists, POST parent creates, GET/PUT/PATCH/DELETE item read/update/delete.
// The id of an item is the response field named by `idField`, else the field named like the
// path parameter, else `id`.
import type { OperationModel } from './model.js';
import { resolve, type Json } from './pointer.js';

export type ResourceRole = 'list' | 'create' | 'read' | 'update' | 'delete';
const ROLES: readonly ResourceRole[] = ['list', 'create', 'read', 'update', 'delete'];

export interface ResourceModel {
  readonly name: string;
  /** The item path template, e.g. `/things/{id}`, and its id parameter. */
  readonly itemPath: string;
  readonly idParam: string;
  /** The body field that holds an item's id. */
  readonly idField: string;
  readonly list?: string;
  readonly create?: string;
  readonly read?: string;
  readonly update: readonly string[];
  readonly delete?: string;
  readonly source: 'x-resource' | 'paths';
}

const LAST_TEMPLATE = /\/\{([^}/]+)\}$/;

function roleOf(operation: OperationModel, itemPath: string): ResourceRole | undefined {
  if (operation.path === itemPath) {
    return ({ get: 'read', put: 'update', patch: 'update', delete: 'delete' } as const)[operation.method as 'get'];
  }
  return ({ get: 'list', post: 'create' } as const)[operation.method as 'get'];
}

/** The property names of the schema an operation's success response returns (one level). */
function successFields(document: Json, operation: OperationModel): string[] {
  const response = operation.responses.find((r) => r.status === String(operation.successStatus));
  const schema = response?.content[0]?.schema && resolve(document, response.content[0].schema).node;
  return schema?.properties ? Object.keys(schema.properties) : [];
}

function idFieldFor(document: Json, idParam: string, read: OperationModel | undefined, explicit: unknown): string {
  if (typeof explicit === 'string') return explicit;
  const fields = read ? successFields(document, read) : [];
  if (fields.includes(idParam)) return idParam;
  return 'id';
}

export function inferResources(document: Json, operations: readonly OperationModel[]): ResourceModel[] {
  const resources: ResourceModel[] = [];
  const claimed = new Set<string>();
  const rawOf = (op: OperationModel): Json => resolve(document, { $ref: op.pointer }).node ?? {};

  // 1. Explicit groups.
  const groups = new Map<string, Array<{ op: OperationModel; role: ResourceRole; idField?: unknown }>>();
  for (const op of operations) {
    const ext = rawOf(op)['x-resource'];
    if (!ext || typeof ext.name !== 'string' || !ROLES.includes(ext.role)) continue;
    const list = groups.get(ext.name) ?? [];
    list.push({ op, role: ext.role, idField: ext.idField });
    groups.set(ext.name, list);
  }
  for (const [name, members] of groups) {
    const itemOp = members.find((m) => ['read', 'update', 'delete'].includes(m.role) && LAST_TEMPLATE.test(m.op.path));
    if (!itemOp) continue;
    const idParam = LAST_TEMPLATE.exec(itemOp.op.path)![1]!;
    const find = (role: ResourceRole) => members.find((m) => m.role === role)?.op.operationId;
    const read = members.find((m) => m.role === 'read')?.op;
    members.forEach((m) => claimed.add(m.op.operationId));
    resources.push({
      name,
      itemPath: itemOp.op.path,
      idParam,
      idField: idFieldFor(document, idParam, read, members.find((m) => m.idField !== undefined)?.idField),
      ...optional('list', find('list')),
      ...optional('create', find('create')),
      ...optional('read', find('read')),
      update: members.filter((m) => m.role === 'update').map((m) => m.op.operationId),
      ...optional('delete', find('delete')),
      source: 'x-resource',
    });
  }

  // 2. Inferred from the paths.
  const paths = new Set(operations.map((o) => o.path));
  for (const itemPath of [...paths].sort()) {
    const match = LAST_TEMPLATE.exec(itemPath);
    if (!match) continue;
    const collectionPath = itemPath.slice(0, match.index);
    if (!paths.has(collectionPath)) continue;
    const members = operations.filter((o) => (o.path === itemPath || o.path === collectionPath) && !claimed.has(o.operationId));
    const byRole = new Map<ResourceRole, OperationModel[]>();
    for (const op of members) {
      const role = roleOf(op, itemPath);
      if (role) byRole.set(role, [...(byRole.get(role) ?? []), op]);
    }
    if (!byRole.has('read') && !byRole.has('delete') && !byRole.has('update')) continue;
    const idParam = match[1]!;
    const read = byRole.get('read')?.[0];
    resources.push({
      name: collectionPath.split('/').filter(Boolean).join('.') || itemPath,
      itemPath,
      idParam,
      idField: idFieldFor(document, idParam, read, undefined),
      ...optional('list', byRole.get('list')?.[0]?.operationId),
      ...optional('create', byRole.get('create')?.[0]?.operationId),
      ...optional('read', read?.operationId),
      update: (byRole.get('update') ?? []).map((o) => o.operationId),
      ...optional('delete', byRole.get('delete')?.[0]?.operationId),
      source: 'paths',
    });
  }
  return resources;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
