// The spec-pair corpus: base.yaml and the pairs made from it with JSON Patch.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { ChangeClass } from '../../src/spec-diff/classify.js';
import { applyPatch, type PatchOperation } from './json-patch.js';
import { schemaEditPairs } from './schema-edits.js';

const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');

export interface Pair {
  name: string;
  area: string;
  old?: PatchOperation[];
  new?: PatchOperation[];
  /** Every change the diff must report, in order, and nothing else: pointer, rule id and classes. */
  expect: Array<{ pointer: string; kind: string; clients: ChangeClass; implementations: ChangeClass }>;
}

export const base = parse(fs.readFileSync(path.join(CORPUS, 'base.yaml'), 'utf8')) as Record<string, any>;
/** Hand-written pairs (pairs.yaml): operations, parameters, bodies, statuses, headers, security, servers. */
export const handWrittenPairs = parse(fs.readFileSync(path.join(CORPUS, 'pairs.yaml'), 'utf8')) as Pair[];
/** Every pair: the hand-written ones and the generated schema edits (schema-edits.ts). */
export const pairs: Pair[] = [...handWrittenPairs, ...schemaEditPairs()];

export function specsOf(pair: Pair): [Record<string, any>, Record<string, any>] {
  return [applyPatch(base, pair.old ?? []), applyPatch(base, pair.new ?? [])];
}

