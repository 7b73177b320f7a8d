// Generated values for the mock: the one place the mock asks for data made from a schema.
// INTERIM until src/spec/values.ts (sampleFor) lands: a minimal deterministic walk.
import { getPointer, resolve, type Json } from '../spec/pointer.js';

function pick<T>(list: readonly T[], seed: number): T {
  return list[Math.abs(seed) % list.length]!;
}

function walk(document: Json, schema: unknown, seed: number, depth: number): unknown {
  const node = resolve(document, schema).node;
  if (!node || typeof node !== 'object' || depth > 12) return null;
  if (node.const !== undefined) return node.const;
  if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
  if (node.example !== undefined) return node.example;
  if (Array.isArray(node.enum) && node.enum.length > 0) return pick(node.enum, seed);
  if (node.default !== undefined) return node.default;
  if (Array.isArray(node.oneOf) || Array.isArray(node.anyOf)) return walk(document, pick(node.oneOf ?? node.anyOf, seed), seed, depth + 1);
  if (Array.isArray(node.allOf)) {
    const merged: Json = {};
    for (const member of node.allOf) Object.assign(merged, walk(document, member, seed, depth + 1));
    return merged;
  }
  const types: string[] = Array.isArray(node.type) ? node.type.filter((t: string) => t !== 'null') : node.type ? [node.type] : node.properties ? ['object'] : ['string'];
  const type = types[0] ?? 'null';
  if (type === 'object') {
    const out: Json = {};
    for (const [name, member] of Object.entries<unknown>(node.properties ?? {})) out[name] = walk(document, member, seed + name.length, depth + 1);
    return out;
  }
  if (type === 'array') return node.minItems ? Array.from({ length: node.minItems }, (_, i) => walk(document, node.items ?? {}, seed + i, depth + 1)) : [];
  if (type === 'integer' || type === 'number') return typeof node.minimum === 'number' ? node.minimum : 1;
  if (type === 'boolean') return seed % 2 === 0;
  if (type === 'null') return null;
  if (node.format === 'date-time') return '2026-01-01T00:00:00Z';
  if (node.format === 'uri') return 'https://example.com/';
  const text = `value${Math.abs(seed) % 1000}`;
  return text.slice(0, node.maxLength ?? text.length).padEnd(node.minLength ?? 0, 'x');
}

/** A value of the schema at `pointer`, the same for the same seed. */
export function sampleValue(document: Json, pointer: string, seed: number): unknown {
  return walk(document, getPointer(document, pointer), seed, 0);
}
