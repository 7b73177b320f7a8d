// Generated values for the mock: the one place it asks for data made from a schema (answers
// without an example, new records, headers). The shared generator (src/spec/values.ts) makes
// them; `check` keeps only values the shared validator accepts.
import { getPointer, type Json } from '../spec/pointer.js';
import type { SchemaCheck } from '../spec/validator.js';
import { sampleFor } from '../spec/values.js';

/** A value of the schema at `pointer`, the same for the same seed; undefined when none validates. */
export function sampleValue(document: Json, pointer: string, seed: number, check?: SchemaCheck): unknown {
  const schema = getPointer(document, pointer) as Json | boolean | undefined;
  if (schema === undefined) return undefined;
  return sampleFor(document, schema, seed | 0, check ? { check } : {});
}
