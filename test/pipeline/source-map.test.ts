// The bundle -> source map: every node of Redocly's bundle is placed at the file and line it was
// written at, through the refs the bundler rewrote (components) and the ones it inlined (path items).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWithRedocly, type Bundle } from '../../src/pipeline/redocly.js';
import { SPEC_DIR, SPEC_ROOT } from '../../src/pipeline/paths.js';
import { fromPointer, toPointer } from '../../src/pipeline/source-map.js';

/** 1-based line of the first line of `file` that contains `text`. */
async function lineOf(file: string, text: string): Promise<number> {
  const lines = (await fs.readFile(file, 'utf8')).split('\n');
  const index = lines.findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`${file} has no line with ${text}`);
  return index + 1;
}

describe('the product spec', () => {
  let bundle: Bundle;
  beforeAll(async () => {
    bundle = await bundleWithRedocly(SPEC_ROOT);
  });
  const op = ['paths', '/users/invite/sent', 'get'];

  it('places an inlined path item node in its paths/ file', async () => {
    const file = path.join(SPEC_DIR, 'paths/users_invite_sent.yaml');
    expect(bundle.sourceMap().locate([...op, 'operationId'])).toMatchObject({ file, pointer: '/get/operationId', line: await lineOf(file, 'operationId:') });
    expect(bundle.sourceMap().locate(`#${toPointer([...op, 'x-pagination'])}`)).toMatchObject({ file, line: await lineOf(file, 'x-pagination:') + 1 });
  });

  it('places a component by the file the source $ref named, and a node inside it by its line', async () => {
    const file = path.join(SPEC_DIR, 'components/schemas/Inviter.yaml');
    const located = bundle.sourceMap().locate('#/components/schemas/Inviter/properties/inviter_name');
    expect(located).toMatchObject({ file, pointer: '/properties/inviter_name', line: (await lineOf(file, '  inviter_name:')) + 1 });
  });

  it('maps a route through refs (as Spectral reports nodes of the resolved document) to where the node is written', () => {
    const route = [...op, 'responses', '200', 'content', 'application/json', 'schema', 'properties', 'items', 'items', 'properties', 'inviter', 'properties', 'inviter_id'];
    expect(toPointer(bundle.sourceMap().home(route))).toBe('/components/schemas/Inviter/properties/inviter_id');
    expect(bundle.sourceMap().locate(route).file).toBe(path.join(SPEC_DIR, 'components/schemas/Inviter.yaml'));
    // Through a shared response into its error schema:
    expect(toPointer(bundle.sourceMap().home([...op, 'responses', '403', 'content', 'application/json', 'schema', 'properties', 'title']))).toBe('/components/schemas/ErrorTitle');
    expect(bundle.sourceMap().place([...op, 'parameters', 0]).file).toBe(path.join(SPEC_DIR, 'components/parameters/Cursor.yaml'));
  });

  it('keeps a missing property on the route and places it at its closest existing node', async () => {
    const route = ['info', 'contact', 'email'];
    expect(bundle.sourceMap().home(route)).toEqual(route);
    expect(bundle.sourceMap().locate(route)).toMatchObject({ file: SPEC_ROOT, pointer: '/info/contact', line: await lineOf(SPEC_ROOT, 'contact:') + 1 });
  });

  it('round-trips pointers with ~ and /', () => {
    expect(fromPointer(toPointer(['paths', '/a~b/{c}', 'get']))).toEqual(['paths', '/a~b/{c}', 'get']);
    expect(toPointer(['paths', '/a~b'])).toBe('/paths/~1a~0b');
    expect(fromPointer('#')).toEqual([]);
  });
});

describe('a tree with two schema files of the same name in different folders', () => {
  let dir: string;
  let bundle: Bundle;
  const write = async (file: string, text: string) => {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), text);
  };
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'source-map-'));
    const op = (schema: string) => `get:\n  operationId: op\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema:\n            $ref: ${schema}\n`;
    await write('openapi.yaml', 'openapi: 3.1.0\ninfo:\n  title: t\n  version: 1.0.0\npaths:\n  /a:\n    $ref: paths/a.yaml\n  /b:\n    $ref: paths/b.yaml\n');
    await write('paths/a.yaml', op('../one/Thing.yaml'));
    await write('paths/b.yaml', op('../two/Thing.yaml').replace('operationId: op', 'operationId: op2'));
    await write('one/Thing.yaml', 'type: object\nproperties:\n  first:\n    type: string\n');
    await write('two/Thing.yaml', 'type: object\ndescription: the second\nproperties:\n  second:\n    type: integer\n');
    bundle = await bundleWithRedocly(path.join(dir, 'openapi.yaml'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('places each renamed component in its own file', () => {
    const schemas = Object.keys((bundle.document.components as Record<string, Record<string, unknown>>).schemas!);
    expect(schemas).toHaveLength(2); // Redocly renamed one of them
    const map = bundle.sourceMap();
    const of = (route: string) => map.locate(['paths', route, 'get', 'responses', '200', 'content', 'application/json', 'schema', 'properties']);
    expect(of('/a')).toMatchObject({ file: path.join(dir, 'one/Thing.yaml'), line: 3 });
    expect(of('/b')).toMatchObject({ file: path.join(dir, 'two/Thing.yaml'), line: 4 });
    for (const name of schemas) {
      const file = map.place(['components', 'schemas', name]).file;
      expect([path.join(dir, 'one/Thing.yaml'), path.join(dir, 'two/Thing.yaml')]).toContain(file);
    }
    expect(new Set(schemas.map((n) => map.place(['components', 'schemas', n]).file)).size).toBe(2);
  });
});
