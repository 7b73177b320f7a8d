// Reads the spec a run is about: our bundled spec by default, or any OpenAPI 3.1 file given with
// `--spec FILE` (YAML or JSON; external `$ref`s are bundled in-process). Every failure is a
// SpecLoadError whose message names the file, the line when known, and what to do.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import bundledSpec from '../../generated/openapi.json' with { type: 'json' };
import { buildSpecModel, type SpecModel } from './model.js';
import type { Json } from './pointer.js';

export interface LoadedSpec {
  /** The file read, or `(bundled postpress spec)`. */
  readonly file: string;
  readonly document: Json;
  readonly model: SpecModel;
}

export class SpecLoadError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, readonly reason: string) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'SpecLoadError';
  }
}

export const BUNDLED_SPEC_NAME = '(bundled postpress spec)';
let bundledModel: LoadedSpec | undefined;

/** Our own spec, as `npm run generate` bundled it; built once per process. */
export function bundledSpecModel(): LoadedSpec {
  bundledModel ??= { file: BUNDLED_SPEC_NAME, document: bundledSpec as Json, model: buildSpecModel(bundledSpec as Json) };
  return bundledModel;
}

function hasExternalRef(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasExternalRef);
  if (!node || typeof node !== 'object') return false;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && !ref.startsWith('#')) return true;
  for (const key in node) if (hasExternalRef((node as Record<string, unknown>)[key])) return true;
  return false;
}

/** Parses YAML or JSON (JSON is YAML), with the line of the first syntax error. */
function parseSpecText(file: string, text: string): Json {
  // JSON first: JSON.parse reads a 500-operation bundle ~100x faster than the YAML parser; any
  // failure falls through to the YAML parser, which gives the line of the error.
  if (/^\s*\{/.test(text)) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Json;
    } catch {
      // fall through
    }
  }
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = parsed.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new SpecLoadError(file, line, `not valid YAML or JSON: ${error.message.split('\n')[0]}`);
  }
  const document = parsed.toJS({ maxAliasCount: 10_000 }) as unknown;
  if (!document || typeof document !== 'object' || Array.isArray(document)) {
    throw new SpecLoadError(file, 1, 'not an OpenAPI document (the top level is not a mapping)');
  }
  return document as Json;
}

function checkVersion(file: string, document: Json): void {
  const version = document.openapi;
  if (typeof version !== 'string') {
    const hint = document.swagger ? ' (this is a Swagger 2.0 document: convert it to OpenAPI 3.1 first)' : '';
    throw new SpecLoadError(file, undefined, `no \`openapi\` version field${hint}`);
  }
  if (!/^3\.1\.\d+$/.test(version)) throw new SpecLoadError(file, undefined, `OpenAPI ${version} is not supported: only 3.1.x documents are`);
  if (document.paths !== undefined && (typeof document.paths !== 'object' || document.paths === null || Array.isArray(document.paths))) {
    throw new SpecLoadError(file, undefined, '`paths` must be a mapping of paths to path items');
  }
}

async function bundleExternalRefs(file: string): Promise<Json> {
  let core: typeof import('@redocly/openapi-core');
  try {
    core = await import('@redocly/openapi-core');
  } catch {
    throw new SpecLoadError(file, undefined, 'the spec has $refs to other files: install @redocly/openapi-core, or pass a bundled spec (redocly bundle)');
  }
  const config = await core.createConfig({});
  const result = await core.bundle({ ref: file, config, dereference: false });
  const unresolved = result.problems.find((p) => p.severity === 'error');
  if (unresolved) {
    const at = unresolved.location[0];
    let line: number | undefined;
    try {
      line = at ? core.getLineColLocation(at).start.line : undefined;
    } catch {
      line = undefined;
    }
    const where = at ? path.relative(process.cwd(), at.source.absoluteRef.replace(/^file:\/\//, '')) : file;
    throw new SpecLoadError(where, line, unresolved.message);
  }
  return result.bundle.parsed as Json;
}

/**
 * Loads and models a spec file; without one, our bundled spec. The model lists the shapes it
 * cannot handle (`model.unsupported`) instead of refusing the whole document.
 */
export async function loadSpec(file?: string): Promise<LoadedSpec> {
  if (file === undefined) return bundledSpecModel();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecLoadError(file, undefined, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a spec file' : `cannot be read (${code ?? String(error)})`);
  }
  let document = parseSpecText(file, text);
  checkVersion(file, document);
  // In JSON text a `$ref` to another file shows as such; YAML is walked.
  const external = /^\s*\{/.test(text) ? /"\$ref"\s*:\s*"(?!#)/.test(text) : hasExternalRef(document);
  if (external) document = await bundleExternalRefs(path.resolve(file));
  return { file, document, model: buildSpecModel(document) };
}
