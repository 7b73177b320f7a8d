// Model-based test (fast-check `commands`): random sequences of create, list, read, update and
// delete against the mock on the grown spec, compared after every step with a plain in-memory
// model (a Map in insertion order). Each run starts from a reset mock and the seeded records.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import type { ResourceModel } from '../../src/spec/resources.js';
import { specValidator } from '../../src/spec/validator.js';
import { arbitraryFor } from '../../src/spec/values.js';
import { call, GROWN_SPEC, operation } from './grown-helpers.js';

let mock: RunningMock;
let resource: ResourceModel;
let seeded: Array<[string, Record<string, unknown>]>;

/** The model: records by id, in the order the list shows them (oldest first). */
interface Model {
  records: Map<string, Record<string, unknown>>;
  deleted: string[];
}

type Real = RunningMock;

function bodyArbitrary(operationId: string): fc.Arbitrary<Record<string, unknown>> {
  const media = operation(mock, operationId).requestBody!.content[0]!;
  const check = specValidator(mock.spec.model).schemaAt(media.schemaPointer!);
  return arbitraryFor(mock.spec.model.document, { $ref: media.schemaPointer }, { check, maxDepth: 2 }) as fc.Arbitrary<Record<string, unknown>>;
}

async function listAll(): Promise<Array<Record<string, unknown>>> {
  const list = operation(mock, resource.list!);
  const items: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const reply = await call(mock, list.operationId, { query: { limit: '2', ...(cursor ? { [list.pagination!.cursorParam]: cursor } : {}) } });
    expect(reply.status).toBe(200);
    items.push(...reply.json[list.pagination!.itemsField]);
    cursor = reply.json[list.pagination!.cursorField] ?? null;
  } while (cursor);
  return items;
}

/** Picks an id the model holds, one it deleted, or one never issued. */
const idChoice = fc.oneof(fc.constant('held' as const), fc.constant('deleted' as const), fc.constant('unknown' as const));
function pickId(model: Model, choice: 'held' | 'deleted' | 'unknown', index: number): string {
  const held = [...model.records.keys()];
  if (choice === 'held' && held.length > 0) return held[index % held.length]!;
  if (choice === 'deleted' && model.deleted.length > 0) return model.deleted[index % model.deleted.length]!;
  return `wh_neverIssued${index}`;
}

class Create implements fc.AsyncCommand<Model, Real> {
  constructor(readonly body: Record<string, unknown>) {}
  check = () => true;
  async run(model: Model): Promise<void> {
    const reply = await call(mock, resource.create!, { body: this.body });
    expect(reply.status).toBe(201);
    const id = String(reply.json[resource.idField]);
    expect(model.records.has(id)).toBe(false);
    for (const [name, value] of Object.entries(this.body)) expect(reply.json[name]).toEqual(value);
    model.records.set(id, reply.json);
  }
  toString = () => `create(${JSON.stringify(this.body)})`;
}

class Read implements fc.AsyncCommand<Model, Real> {
  constructor(readonly choice: 'held' | 'deleted' | 'unknown', readonly index: number) {}
  check = () => true;
  async run(model: Model): Promise<void> {
    const id = pickId(model, this.choice, this.index);
    const reply = await call(mock, resource.read!, { path: { [resource.idParam]: id } });
    if (model.records.has(id)) expect([reply.status, reply.json]).toEqual([200, model.records.get(id)]);
    else expect(reply.status).toBe(404);
  }
  toString = () => `read(${this.choice}#${this.index})`;
}

class Update implements fc.AsyncCommand<Model, Real> {
  constructor(readonly choice: 'held' | 'deleted' | 'unknown', readonly index: number, readonly body: Record<string, unknown>) {}
  check = () => true;
  async run(model: Model): Promise<void> {
    const id = pickId(model, this.choice, this.index);
    const reply = await call(mock, resource.update[0]!, { path: { [resource.idParam]: id }, body: this.body });
    if (!model.records.has(id)) {
      expect(reply.status).toBe(404);
      return;
    }
    const expected = { ...model.records.get(id), ...this.body };
    expect([reply.status, reply.json]).toEqual([200, expected]);
    model.records.set(id, expected);
  }
  toString = () => `update(${this.choice}#${this.index}, ${JSON.stringify(this.body)})`;
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly choice: 'held' | 'deleted' | 'unknown', readonly index: number) {}
  check = () => true;
  async run(model: Model): Promise<void> {
    const id = pickId(model, this.choice, this.index);
    const reply = await call(mock, resource.delete!, { path: { [resource.idParam]: id } });
    if (model.records.has(id)) {
      expect(reply.status).toBe(204);
      model.records.delete(id);
      model.deleted.push(id);
    } else expect(reply.status).toBe(404);
  }
  toString = () => `delete(${this.choice}#${this.index})`;
}

class List implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model): Promise<void> {
    expect(await listAll()).toEqual([...model.records.values()]);
  }
  toString = () => 'list()';
}

beforeAll(async () => {
  mock = await startMock({ spec: GROWN_SPEC });
  resource = mock.spec.model.resources.find((r) => r.update.length > 0 && r.create && r.delete && r.read && r.list)!;
  seeded = (await listAll()).map((item) => [String(item[resource.idField]), item]);
});
afterAll(async () => {
  await mock?.close();
});

describe('the mock against an in-memory model', () => {
  it('agrees after every step of random create/read/update/delete/list sequences', async () => {
    const index = fc.nat({ max: 50 });
    const commands = [
      bodyArbitrary(resource.create!).map((body) => new Create(body)),
      fc.tuple(idChoice, index).map(([choice, i]) => new Read(choice, i)),
      fc.tuple(idChoice, index, bodyArbitrary(resource.update[0]!)).map(([choice, i, body]) => new Update(choice, i, body)),
      fc.tuple(idChoice, index).map(([choice, i]) => new Delete(choice, i)),
      fc.constant(new List()),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (sequence) => {
        mock.reset();
        const model: Model = { records: new Map(seeded), deleted: [] };
        await fc.asyncModelRun(() => ({ model, real: mock }), sequence);
        expect(await listAll()).toEqual([...model.records.values()]);
      }),
      { numRuns: 25, seed: 20260527 },
    );
  });
});
