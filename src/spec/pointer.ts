// JSON pointers and local `$ref`s inside one (bundled) document.
export type Json = Record<string, any>;

// The fast paths (no `~` or `/` to escape) matter: a 500-operation spec resolves tens of thousands
// of pointers before the kit's first request.
export function escapePointer(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(token: string): string {
  if (!token.includes('~')) return token;
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Lookups remembered while one synchronous pass over an unchanging document runs (withPointerMemo). */
let memo: { document: unknown; nodes: Map<string, any> } | undefined;

/**
 * Runs `pass` (synchronous, not changing `document`) with the document's pointer lookups
 * remembered: a model of 500 operations otherwise resolves the same shared components thousands
 * of times.
 */
export function withPointerMemo<T>(document: unknown, pass: () => T): T {
  const outer = memo;
  memo = { document, nodes: new Map() };
  try {
    return pass();
  } finally {
    memo = outer;
  }
}

/** The node at a `#/a/b` pointer, or undefined. */
export function getPointer(document: unknown, pointer: string): any {
  if (!memo || memo.document !== document) return lookUp(document, pointer);
  const nodes = memo.nodes;
  let node = nodes.get(pointer);
  if (node === undefined && !nodes.has(pointer)) nodes.set(pointer, (node = lookUp(document, pointer)));
  return node;
}

function lookUp(document: unknown, pointer: string): any {
  if (pointer === '#' || pointer === '') return document;
  const parts = (pointer.startsWith('#') ? pointer.slice(1) : pointer).split('/');
  let node: any = document;
  for (let i = 1; i < parts.length; i++) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[unescapePointer(parts[i]!)];
  }
  return node;
}

/**
 * Follows local `$ref`s until a node that is not one; returns it with its pointer. A missing
 * target, a non-local or a circular chain gives `node: undefined` (callers report it).
 */
export function resolve(document: Json, node: unknown, pointer = ''): { node: Json | undefined; pointer: string } {
  let current = node as Json | undefined;
  let at = pointer;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (!ref.startsWith('#') || seen.has(ref)) return { node: undefined, pointer: at };
    seen.add(ref);
    at = ref;
    current = getPointer(document, ref);
  }
  return { node: current, pointer: at };
}

/**
 * A copy of `node` with every local `$ref` replaced by its target. A `$ref` already being
 * inlined further up (recursion) is kept as it is, so the result is always finite.
 */
export function inlineRefs(document: Json, node: unknown, active: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(node)) return node.map((n) => inlineRefs(document, n, active));
  if (!node || typeof node !== 'object') return node;
  const object = node as Json;
  if (typeof object.$ref === 'string' && object.$ref.startsWith('#') && !active.has(object.$ref)) {
    const target = getPointer(document, object.$ref);
    if (target === undefined) return object;
    const { $ref, ...siblings } = object;
    const inlined = inlineRefs(document, target, new Set([...active, $ref])) as Json;
    return Object.keys(siblings).length === 0 ? inlined : { ...inlined, ...(inlineRefs(document, siblings, active) as Json) };
  }
  const copy: Json = {};
  for (const [key, value] of Object.entries(object)) copy[key] = inlineRefs(document, value, active);
  return copy;
}
