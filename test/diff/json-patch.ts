// RFC 6902 add / replace / remove on a copy, enough to describe the corpus pairs.
export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

export function applyPatch<T>(document: T, operations: PatchOperation[]): T {
  const result = structuredClone(document) as any;
  for (const { op, path, value } of operations) {
    const keys = path.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    if (last === undefined) throw new Error(`cannot ${op} the whole document`);
    const parent = keys.reduce((node, key) => {
      if (node?.[key] === undefined) throw new Error(`${path}: ${key} does not exist`);
      return node[key];
    }, result);
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (op === 'add') parent.splice(index, 0, structuredClone(value));
      else if (op === 'replace') parent[index] = structuredClone(value);
      else parent.splice(index, 1);
    } else {
      if (op !== 'add' && !(last in parent)) throw new Error(`${path}: nothing to ${op}`);
      if (op === 'remove') delete parent[last];
      else parent[last] = structuredClone(value);
    }
  }
  return result;
}
