// A synthetic spec of N operations in the house style, written as a multi-file tree like
// openapi/: the product's root document (info, servers, security), its shared error responses,
// headers, parameters and error schemas, copied as they are, plus generated resources. Each
// resource has up to four operations: a cursor-paginated list, a GET by id, a POST with a JSON
// body and a DELETE (204). Resource strings are provider-filled response fields, like the
// product's; request fields are bounded. Used by bench/scale.ts and the pipeline tests.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from '../watch/temp-project.js';

const PRODUCT = path.join(REPO_ROOT, 'openapi');
/** The product's components every operation shares: kept as they are. */
const SHARED = ['components/responses', 'components/headers', 'components/parameters'];
const SHARED_SCHEMA = /(Error|ErrorDetail|ErrorInstance|ErrorTitle)\.yaml$/;
const SHARED_EXAMPLE = /^(BadRequest|Unauthorized|Forbidden|TooManyRequests|InternalServerError|NotImplemented|ServiceUnavailable|GatewayTimeout)[A-Z]\w*\.yaml$/;
const SHAPES = ['list', 'get', 'create', 'delete'] as const;

/** The product's shared error responses, as each operation references them. */
async function sharedResponses(): Promise<Record<string, { $ref: string }>> {
  const product = parse(await fs.readFile(path.join(PRODUCT, 'paths', 'users_invite_sent.yaml'), 'utf8')) as Record<string, any>;
  const responses = Object.entries<{ $ref?: string }>(product.get.responses).filter(([status, r]) => /^[45]/.test(status) && r.$ref);
  return Object.fromEntries(responses.map(([status, r]) => [status, { $ref: r.$ref! }]));
}

const write = async (file: string, value: unknown) => {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, stringify(value, { lineWidth: 0 }));
};

function resourceSchema(name: string): Record<string, unknown> {
  return {
    type: 'object',
    title: name,
    description: `A ${name} as the provider reports it.`,
    required: ['object', 'id', 'display_name', 'headline'],
    properties: {
      object: { description: `The object type, always \`${name}\`.`, type: 'string', const: name },
      id: { type: 'string', description: 'A unique identifier.', minLength: 1 },
      display_name: { type: 'string', description: 'Display name, as the provider shows it.' },
      headline: { type: 'string', description: 'Headline, as the provider shows it.' },
      created_at: { type: ['string', 'null'], format: 'date-time', description: 'When it was created, when the provider says.' },
    },
  };
}

function listSchema(name: string): Record<string, unknown> {
  return {
    type: 'object',
    title: `${name}List`,
    description: `One page of ${name} items.`,
    required: ['object', 'items', 'cursor'],
    properties: {
      object: { description: `The object type, always \`${name}List\`.`, type: 'string', const: `${name}List` },
      items: { type: 'array', description: 'The items of this page; never more than 250.', maxItems: 250, items: { $ref: `./${name}.yaml` } },
      cursor: { type: ['string', 'null'], description: 'Cursor for the next page, or `null` on the last page.', minLength: 1, maxLength: 4096 },
    },
  };
}

function createSchema(name: string): Record<string, unknown> {
  return {
    type: 'object',
    title: `${name}Create`,
    description: `What a new ${name} is made of.`,
    required: ['display_name'],
    additionalProperties: false,
    properties: {
      display_name: { type: 'string', description: 'Display name to give it.', minLength: 1, maxLength: 200, pattern: '^\\S(.*\\S)?$' },
    },
  };
}

const example = (name: string) => ({
  summary: `A page of one ${name}`,
  value: { object: `${name}List`, items: [{ object: name, id: 'id_01', display_name: 'Jordan Walke', headline: 'Engineer at Acme', created_at: null }], cursor: null },
});

/**
 * Writes the tree to `dir` (which must be empty or missing) and returns its root file. The tree
 * has exactly `operations` operations (resources of list, get, create, delete, in that order).
 */
export async function writeSyntheticSpec(dir: string, operations: number): Promise<string> {
  if (!Number.isInteger(operations) || operations < 1) throw new Error(`operations must be a positive integer, got ${operations}`);
  for (const folder of SHARED) await fs.cp(path.join(PRODUCT, folder), path.join(dir, folder), { recursive: true });
  for (const [folder, pattern] of [['components/schemas', SHARED_SCHEMA], ['components/examples', SHARED_EXAMPLE]] as const) {
    await fs.mkdir(path.join(dir, folder), { recursive: true });
    for (const file of await fs.readdir(path.join(PRODUCT, folder))) {
      if (pattern.test(file)) await fs.copyFile(path.join(PRODUCT, folder, file), path.join(dir, folder, file));
    }
  }
  const errors = await sharedResponses();
  const root = parse(await fs.readFile(path.join(PRODUCT, 'openapi.yaml'), 'utf8')) as Record<string, any>;
  root.tags = [{ name: 'Parcels', description: 'Synthetic resources in the house style.' }];
  root.paths = {};
  const resources = Math.ceil(operations / SHAPES.length);
  const pad = String(resources).length;
  for (let r = 1; r <= resources; r++) {
    const n = String(r).padStart(pad, '0');
    const name = `Parcel${n}`;
    const plural = `parcels${n}`;
    const idParam = `parcel${n}_id`;
    const shapes = SHAPES.slice(0, Math.min(SHAPES.length, operations - (r - 1) * SHAPES.length));
    const collection: Record<string, unknown> = {};
    const item: Record<string, unknown> = {};
    const common = (shape: string, summary: string) => ({ operationId: `${shape}${name}`, tags: ['Parcels'], summary, description: `${summary}. A synthetic operation in the house style.` });
    if (shapes.includes('list')) {
      collection.get = {
        ...common('list', `List ${plural}`),
        'x-pagination': { cursorParam: 'cursor', cursorField: 'cursor', itemsField: 'items', limitParam: 'limit' },
        parameters: ['Cursor', 'Limit', 'AccountId'].map((p) => ({ $ref: `../components/parameters/${p}.yaml` })),
        responses: {
          '200': {
            description: `A page of ${plural}.`,
            content: { 'application/json': { schema: { $ref: `../components/schemas/${name}List.yaml` }, examples: { [`${name}ListPage`]: { $ref: `../components/examples/${name}ListPage.yaml` } } } },
          },
          ...errors,
        },
      };
      await write(path.join(dir, 'components/schemas', `${name}List.yaml`), listSchema(name));
      await write(path.join(dir, 'components/examples', `${name}ListPage.yaml`), example(name));
    }
    await write(path.join(dir, 'components/schemas', `${name}.yaml`), resourceSchema(name));
    const byId = [{ $ref: `../components/parameters/${name}Id.yaml` }, { $ref: '../components/parameters/AccountId.yaml' }];
    const single = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: `../components/schemas/${name}.yaml` } } } });
    if (shapes.includes('get')) {
      item.get = { ...common('get', `Get one ${name}`), parameters: byId, responses: { '200': single(`The ${name}.`), ...errors } };
    }
    if (shapes.includes('create')) {
      collection.post = {
        ...common('create', `Create a ${name}`),
        parameters: [{ $ref: '../components/parameters/AccountId.yaml' }],
        requestBody: { required: true, description: `The new ${name}.`, content: { 'application/json': { schema: { $ref: `../components/schemas/${name}Create.yaml` } } } },
        responses: { '201': single(`The ${name} made.`), ...errors },
      };
      await write(path.join(dir, 'components/schemas', `${name}Create.yaml`), createSchema(name));
    }
    if (shapes.includes('delete')) {
      item.delete = { ...common('delete', `Delete a ${name}`), parameters: byId, responses: { '204': { description: 'Deleted.' }, ...errors } };
    }
    if (Object.keys(item).length > 0) {
      await write(path.join(dir, 'components/parameters', `${name}Id.yaml`), {
        name: idParam,
        in: 'path',
        required: true,
        description: `The id of the ${name}.`,
        schema: { type: 'string', minLength: 1, maxLength: 256 },
      });
    }
    const collectionFile = `paths/${plural}.yaml`;
    const itemFile = `paths/${plural}_{${idParam}}.yaml`;
    await write(path.join(dir, collectionFile), collection);
    root.paths[`/${plural}`] = { $ref: collectionFile };
    if (Object.keys(item).length > 0) {
      await write(path.join(dir, itemFile), item);
      root.paths[`/${plural}/{${idParam}}`] = { $ref: itemFile };
    }
  }
  const file = path.join(dir, 'openapi.yaml');
  await write(file, root);
  return file;
}
