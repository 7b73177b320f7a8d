// No name from a spec is written in src/: every operationId, path, parameter name and error type
// of our spec (generated/openapi.json) and of the grown fixture (bundled here by the pipeline's
// own function) is searched for in every file under src/. That knowledge must come from the
// spec, or from an `x-` extension documented in openapi/README.md.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleWithRedocly } from '../../src/pipeline/redocly.js';
import { HTTP_METHODS } from '../../src/spec/model.js';
import { resolve } from '../../src/spec/pointer.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = path.join(ROOT, 'src');

/** A parameter name that is HTTP's own word: every response and error envelope has a `status`. */
const HTTP_WORDS = new Set(['status']);
/**
 * Names that are also the words of the documented `x-pagination` extension (its keys are
 * `cursorParam` and `limitParam`). In src/ they may appear as words (a variable, a comment), never
 * as a quoted string ('limit', "cursor"), which would be the code naming the spec's parameter.
 */
const WORDS: Readonly<Record<string, string>> = {
  cursor: 'the pagination concept (x-pagination.cursorParam / cursorField)',
  limit: 'the pagination concept (x-pagination.limitParam)',
};

/**
 * Names still written in src/ by modules this round has not reached yet, per file. The test fails
 * on a hit not listed here, and on a listed hit that is gone (then delete its line): the list can
 * only shrink. Issue 9, item 5.
 */
const NOT_YET_REMOVED: Readonly<Record<string, readonly string[]>> = {};

type Json = Record<string, any>;

/** Every operationId, path, parameter name and error type of a bundled document. */
function namesOf(document: Json): Map<string, string> {
  const names = new Map<string, string>();
  for (const [pathName, rawItem] of Object.entries<Json>(document.paths ?? {})) {
    names.set(pathName, 'path');
    const item = resolve(document, rawItem).node ?? {};
    const parameters: unknown[] = [...(item.parameters ?? [])];
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      if (typeof op.operationId === 'string') names.set(op.operationId, 'operationId');
      parameters.push(...(op.parameters ?? []));
      for (const raw of Object.values<Json>(op.responses ?? {})) {
        for (const media of Object.values<Json>(resolve(document, raw).node?.content ?? {})) {
          for (const type of errorTypes(document, media.schema)) names.set(type, 'error type');
        }
      }
    }
    for (const raw of parameters) {
      const p = resolve(document, raw).node;
      if (typeof p?.name === 'string') names.set(p.name, 'parameter');
    }
  }
  return names;
}

function errorTypes(document: Json, schema: unknown, depth = 0): string[] {
  const node = resolve(document, schema).node;
  if (!node || depth > 8) return [];
  const type = node.properties?.type && resolve(document, node.properties.type).node;
  const own: unknown[] = type ? [...(type.enum ?? []), ...(type.const !== undefined ? [type.const] : [])] : [];
  return [...own.filter((t): t is string => typeof t === 'string'), ...(node.allOf ?? []).flatMap((m: unknown) => errorTypes(document, m, depth + 1))];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** A name as a whole token: not inside a longer identifier or path. */
function matcher(name: string): RegExp {
  // A quoted word, not an HTML attribute value (class="limit").
  if (Object.hasOwn(WORDS, name)) return new RegExp(`(?<![=\\w])(['"])${escape(name)}\\1`);
  return new RegExp(`(?<![\\w$/{-])${escape(name)}(?![\\w$/{}-])`);
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))));
  return nested.flat().filter((f) => /\.(ts|mts|js|mjs|css|html)$/.test(f));
}

const ours = JSON.parse(await readFile(path.join(ROOT, 'generated/openapi.json'), 'utf8')) as Json;
const grown = await bundleWithRedocly(path.join(ROOT, 'test/fixtures/grown/openapi/openapi.yaml'));
const names = new Map([...namesOf(ours), ...namesOf(grown.document)].filter(([name]) => !HTTP_WORDS.has(name)));

describe('no spec name in src/', () => {
  it('collects the names of both specs', () => {
    const kinds = [...names.values()];
    for (const kind of ['path', 'operationId', 'parameter', 'error type']) expect(kinds.filter((k) => k === kind).length, kind).toBeGreaterThan(2);
    expect(names.get('listSentInvitations')).toBe('operationId');
  });

  it('the matcher finds a name as a token and as a literal, not inside another name', () => {
    expect(matcher('listSentInvitations').test('client.listSentInvitations(')).toBe(true);
    expect(matcher('listSentInvitations').test('client.listSentInvitationsPage(')).toBe(false);
    expect(matcher('/users/invite').test("GET '/users/invite'")).toBe(true);
    expect(matcher('/users/invite').test("GET '/users/invite/sent'")).toBe(false);
    expect(matcher('limit').test('const limit = 3; // the limit')).toBe(false);
    expect(matcher('limit').test("params['limit']")).toBe(true);
    expect(matcher('limit').test('<span class="limit">')).toBe(false);
    expect(names.has('status')).toBe(false);
  });

  it('finds none outside the shrinking list', async () => {
    const found: Record<string, string[]> = {};
    for (const file of await sourceFiles(SRC)) {
      const text = await readFile(file, 'utf8');
      const hits = [...names.keys()].filter((name) => matcher(name).test(text)).sort();
      if (hits.length > 0) found[path.relative(ROOT, file).split(path.sep).join('/')] = hits;
    }
    const unexpected = Object.entries(found).flatMap(([file, hits]) => hits.filter((h) => !NOT_YET_REMOVED[file]?.includes(h)).map((h) => `${file}: ${names.get(h)} ${h}`));
    expect(unexpected, 'read it from the spec (or an x- extension documented in openapi/README.md)').toEqual([]);
    const gone = Object.entries(NOT_YET_REMOVED).flatMap(([file, listed]) => listed.filter((h) => !found[file]?.includes(h)).map((h) => `${file}: ${h}`));
    expect(gone, 'no longer in src/: delete these lines from NOT_YET_REMOVED').toEqual([]);
  });
});
