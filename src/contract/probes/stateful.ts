// Stateful checks on the resources of the spec (src/spec/resources.ts): what was created can be
// read back and is listed; what was deleted answers the documented 404 and leaves the list; and
// at the end the kit deletes what it created, reporting what it could not.
import type { RunContext, Created } from '../context.js';
import type { Exchange } from '../model.js';
import { bodyOf } from '../response-checks.js';
import type { Json, OperationInfo } from '../spec.js';
import type { ResourceModel } from '../../spec/resources.js';
import { withQuery } from './negatives.js';

function op(ctx: RunContext, id: string | undefined): OperationInfo | undefined {
  return id === undefined ? undefined : ctx.spec.model.operationsById.get(id);
}

/** Walks a list (up to the page cap) looking for an id; undefined when the walk could not be done. */
async function listed(ctx: RunContext, list: OperationInfo, resource: ResourceModel, id: string, subject: string, charge: OperationInfo): Promise<{ found: boolean; exchange: Exchange } | undefined> {
  let request = ctx.baseRequest(list);
  let exchange: Exchange | undefined;
  for (let page = 0; page < ctx.settings.maxPages; page++) {
    exchange = await ctx.send(list, subject, request, { charge });
    const body = exchange.response?.status === list.successStatus ? bodyOf(exchange.response) : undefined;
    if (!body?.ok) return undefined;
    const value = body.value as Json;
    // Without x-pagination: the body itself when it is an array, else its first array property.
    const items: unknown = list.pagination ? value?.[list.pagination.itemsField]
      : Array.isArray(value) ? value : Object.values(value ?? {}).find((v) => Array.isArray(v));
    if (!Array.isArray(items)) return undefined;
    if (items.some((item) => item && String((item as Json)[resource.idField]) === id)) return { found: true, exchange };
    const next = list.pagination ? value?.[list.pagination.cursorField] : null;
    if (typeof next !== 'string' || !list.pagination) return { found: false, exchange };
    request = withQuery(ctx.baseRequest(list), list.pagination.cursorParam, next);
  }
  return exchange ? { found: false, exchange } : undefined;
}

/** Right after a create: the created thing can be read and is listed. */
export async function createdChecks(ctx: RunContext, resource: ResourceModel, created: Created): Promise<void> {
  const read = op(ctx, resource.read);
  const list = op(ctx, resource.list);
  const create = op(ctx, resource.create)!;
  const subject = `${resource.name} ${created.id} created by ${created.operationId}`;
  if (!read) ctx.skip('stateful.created-readable', create.operationId, resource.name, `resource ${resource.name} has no read operation`);
  else {
    await ctx.probe('stateful.created-readable', create, subject, async () => {
      const exchange = await ctx.send(read, `read back ${subject}`, ctx.baseRequest(read, { values: { [resource.idParam]: created.id } }), { charge: create });
      const response = exchange.response;
      if (!response) return ctx.fail('stateful.created-readable', create, subject, exchange, { message: `no response: ${exchange.error}` });
      if (response.status !== read.successStatus) {
        return ctx.fail('stateful.created-readable', create, subject, exchange, { message: `${read.operationId} of what was just created answered HTTP ${response.status}, not ${read.successStatus}`, expected: read.successStatus, actual: response.status });
      }
      const body = bodyOf(response);
      const id = body.ok ? (body.value as Json)?.[resource.idField] : undefined;
      if (String(id) !== created.id) ctx.fail('stateful.created-readable', create, subject, exchange, { message: `${read.operationId} returned ${resource.idField} ${JSON.stringify(id)}, not the created ${created.id}`, pointer: `/${resource.idField}`, expected: created.id, actual: id });
    });
  }
  if (!list) ctx.skip('stateful.created-listed', create.operationId, resource.name, `resource ${resource.name} has no list operation`);
  else {
    await ctx.probe('stateful.created-listed', create, subject, async () => {
      const result = await listed(ctx, list, resource, created.id, `look for ${subject}`, create);
      if (!result) return ctx.skip('stateful.created-listed', create.operationId, subject, `${list.operationId} did not return a list to look in`, 'precondition');
      if (!result.found) ctx.fail('stateful.created-listed', create, subject, result.exchange, { message: `${created.id} is not in ${list.operationId} (walked up to ${ctx.settings.maxPages} pages)`, expected: created.id });
    });
  }
}

/** After the delete operation deleted something the kit created: read answers 404, the list no longer has it. */
export async function deletedChecks(ctx: RunContext, resource: ResourceModel, created: Created): Promise<void> {
  const remove = op(ctx, resource.delete)!;
  const read = op(ctx, resource.read);
  const list = op(ctx, resource.list);
  const subject = `${resource.name} ${created.id} deleted`;
  await ctx.probe('stateful.deleted-gone', remove, subject, async () => {
    if (read) {
      const exchange = await ctx.send(read, `read ${subject}`, ctx.baseRequest(read, { values: { [resource.idParam]: created.id } }), { charge: remove });
      const status = exchange.response?.status;
      if (status !== 404 || !read.statuses.includes(404)) {
        ctx.fail('stateful.deleted-gone', remove, subject, exchange, {
          message: read.statuses.includes(404) ? `${read.operationId} of what was deleted answered HTTP ${status ?? exchange.error}, not the documented 404` : `${read.operationId} documents no 404, and answered HTTP ${status} for what was deleted`,
          expected: 404,
          actual: status,
        });
      }
    }
    if (list) {
      const result = await listed(ctx, list, resource, created.id, `look for ${subject}`, remove);
      if (result?.found) ctx.fail('stateful.deleted-gone', remove, subject, result.exchange, { message: `${created.id} is still in ${list.operationId} after it was deleted`, actual: created.id });
    }
  });
}

/** Deletes what the kit created and has not deleted; returns what could not be deleted. */
export async function cleanup(ctx: RunContext): Promise<string[]> {
  const leftovers = [...ctx.uncleanable];
  for (const created of ctx.created.filter((c) => !c.deleted)) {
    const remove = op(ctx, created.resource.delete);
    const what = `${created.resource.name} ${created.id} (created by ${created.operationId})`;
    if (!remove) {
      leftovers.push(`${what}: the spec has no delete operation for ${created.resource.name}`);
      continue;
    }
    try {
      ctx.setQuota(remove, 1);
      const exchange = await ctx.send(remove, `cleanup of ${what}`, ctx.baseRequest(remove, { values: { [created.resource.idParam]: created.id } }));
      const status = exchange.response?.status ?? 0;
      const gone = (status >= 200 && status < 300) || status === 404; // 404: already gone
      if (!gone) leftovers.push(`${what}: ${remove.operationId} answered ${exchange.response?.status ?? exchange.error}`);
    } catch (error) {
      leftovers.push(`${what}: ${(error as Error).message}`);
    }
  }
  return leftovers;
}
