// The spec-pair corpus: base.yaml and the pairs made from it with JSON Patch.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { ChangeClass } from '../../src/spec-diff/classify.js';
import { applyPatch, type PatchOperation } from './json-patch.js';

const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');

export interface Pair {
  name: string;
  area: string;
  old?: PatchOperation[];
  new?: PatchOperation[];
  expect: Array<{ pointer: string; clients: ChangeClass; implementations: ChangeClass }>;
}

export const base = parse(fs.readFileSync(path.join(CORPUS, 'base.yaml'), 'utf8')) as Record<string, any>;
export const pairs = parse(fs.readFileSync(path.join(CORPUS, 'pairs.yaml'), 'utf8')) as Pair[];

export function specsOf(pair: Pair): [Record<string, any>, Record<string, any>] {
  return [applyPatch(base, pair.old ?? []), applyPatch(base, pair.new ?? [])];
}

