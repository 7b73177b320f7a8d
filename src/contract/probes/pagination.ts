// Pagination semantics: the cursor walk ends with null within a page cap, no id twice, no page
// longer than `limit` (or its default), and two walks give the same order.
import type { RunContext } from '../context.js';
import type { Exchange, ProbeRequest } from '../model.js';
import { flatten } from '../../spec/values.js';
import { bodyOf } from '../response-checks.js';
import { getPointer, type Json, type OperationInfo } from '../spec.js';
import { withQuery } from './negatives.js';

interface Walk { ids: string[]; complete: boolean }

const MAX_DUPLICATES_REPORTED = 5;
/** Limit of the short walk, which checks page sizes away from the maximum. */
const SMALL_LIMIT = 7;
const SMALL_WALK_PAGES = 3;

export async function paginationProbes(ctx: RunContext, op: OperationInfo, base: ProbeRequest): Promise<void> {
  const pagination = op.pagination;
  const checks = ['pagination.terminates', 'pagination.unique-ids', 'pagination.page-size', 'pagination.stable-order'] as const;
  if (!pagination) return checks.forEach((c) => ctx.skip(c, op.operationId, '-', 'the operation is not paginated'));
  const limitParam = op.parameters.find((p) => p.name === pagination.limitParam);
  const idField = itemIdField(ctx, op);
  if (!idField) ctx.skip('pagination.unique-ids', op.operationId, '-', 'the items have no `id` property');
  const maxLimit: number | undefined = limitParam?.schema.maximum ?? limitParam?.schema.default;
  const defaultLimit: number | undefined = limitParam?.schema.default;

  const walk = async (limit: number | undefined, maxPages: number, subject: string, judgeEnd: boolean): Promise<Walk> => {
    const ids: string[] = [];
    const seen = new Map<string, string>();
    const cursors = new Set<string>();
    let duplicates = 0;
    let cursor: string | null = null;
    for (let page = 1; page <= maxPages; page++) {
      let request = base;
      if (limit !== undefined && pagination.limitParam) request = withQuery(request, pagination.limitParam, String(limit));
      if (cursor !== null) request = withQuery(request, pagination.cursorParam, cursor);
      const pageSubject = `${subject}, page ${page}`;
      const exchange: Exchange = await ctx.send(op, pageSubject, request);
      const body = exchange.response?.status === op.successStatus ? bodyOf(exchange.response) : undefined;
      const value = body?.ok ? (body.value as Json) : undefined;
      const items = value?.[pagination.itemsField];
      if (!value || !Array.isArray(items)) {
        const why = exchange.response ? `HTTP ${exchange.response.status}` : exchange.error;
        ctx.fail('pagination.terminates', op, subject, exchange, { message: `page ${page} has no ${pagination.itemsField} page (${why}); the walk cannot go on` });
        return { ids, complete: false };
      }
      const pageLimit = limit ?? defaultLimit;
      if (pageLimit !== undefined && items.length > pageLimit) {
        ctx.fail('pagination.page-size', op, subject, exchange, {
          message: `page ${page} holds ${items.length} items, more than the ${limit === undefined ? 'default ' : ''}limit ${pageLimit}`,
          pointer: `/${pagination.itemsField}`,
          schemaPointer: limit === undefined ? undefined : `${limitParam?.pointer ?? op.pointer}/schema`,
          expected: `at most ${pageLimit} items`,
          actual: items.length,
        });
      }
      if (idField) {
        items.forEach((item: Json, index: number) => {
          const raw = item?.[idField];
          if (raw === undefined || raw === null) return; // a missing id is response.body-schema's finding
          const id = String(raw);
          const where = `page ${page} item ${index}`;
          const first = seen.get(id);
          if (first !== undefined) {
            if (++duplicates <= MAX_DUPLICATES_REPORTED) {
              ctx.fail('pagination.unique-ids', op, subject, exchange, { message: `id ${id} on ${where} was already on ${first}`, pointer: `/${pagination.itemsField}/${index}/${idField}`, actual: id });
            }
          } else seen.set(id, where);
          ids.push(id);
        });
      }
      const next = value[pagination.cursorField];
      if (next === null || next === undefined) return { ids, complete: true };
      if (typeof next !== 'string') return { ids, complete: false };
      if (cursors.has(next)) {
        ctx.fail('pagination.terminates', op, subject, exchange, { message: `page ${page} returns a cursor already returned earlier in the walk: it loops`, pointer: `/${pagination.cursorField}`, actual: next });
        return { ids, complete: false };
      }
      cursors.add(next);
      cursor = next;
      if (page === maxPages && judgeEnd) {
        ctx.fail('pagination.terminates', op, subject, exchange, {
          message: `the cursor is still not null after ${maxPages} pages (the page cap, --max-pages)`,
          pointer: `/${pagination.cursorField}`,
          expected: null,
          actual: next,
        });
      }
    }
    return { ids, complete: false };
  };

  const defaultSubject = pagination.limitParam ? `first page without ${pagination.limitParam}` : 'first page';
  await ctx.probe('pagination.page-size', op, defaultSubject, async () => {
    await walk(undefined, 1, defaultSubject, false);
  });
  if (maxLimit !== undefined && maxLimit > SMALL_LIMIT && pagination.limitParam) {
    const smallSubject = `${SMALL_WALK_PAGES} pages at ${pagination.limitParam}=${SMALL_LIMIT}`;
    await ctx.probe('pagination.page-size', op, smallSubject, async () => {
      await walk(SMALL_LIMIT, SMALL_WALK_PAGES, smallSubject, false);
    });
  }
  const label = maxLimit === undefined ? 'with the default limit' : `${pagination.limitParam}=${maxLimit}`;
  let first: Walk | undefined;
  let second: Walk | undefined;
  await ctx.probe('pagination.terminates', op, `walk ${label}`, async () => {
    first = await walk(maxLimit, ctx.settings.maxPages, `walk ${label}`, true);
  });
  await ctx.probe('pagination.stable-order', op, `two walks ${label}`, async () => {
    if (!first?.complete) return ctx.skip('pagination.stable-order', op.operationId, `two walks ${label}`, 'the first walk did not complete');
    second = await walk(maxLimit, ctx.settings.maxPages, `two walks ${label}`, false);
    if (!second.complete) return ctx.skip('pagination.stable-order', op.operationId, `two walks ${label}`, 'the second walk did not complete');
    const a = first.ids;
    const b = second.ids;
    const at = a.findIndex((id, i) => b[i] !== id);
    if (at !== -1 || a.length !== b.length) {
      const position = at === -1 ? Math.min(a.length, b.length) : at;
      ctx.fail('pagination.stable-order', op, `two walks ${label}`, undefined, {
        message: `the walks differ at position ${position}: ${a[position] ?? '(end)'} then ${b[position] ?? '(end)'} (${a.length} and ${b.length} items)`,
        expected: a[position] ?? null,
        actual: b[position] ?? null,
      });
    }
  });
  // The main walk also judged page sizes and (when items have ids) uniqueness: list it under both.
  ctx.outcome('pagination.page-size', op.operationId, `walk ${label}`);
  if (idField) ctx.outcome('pagination.unique-ids', op.operationId, `walk ${label}`);
}

/** The field that holds an item's id: the resource's idField, else `id` when the item schema has one. */
function itemIdField(ctx: RunContext, op: OperationInfo): string | null {
  const resource = ctx.spec.model.resources.find((r) => r.list === op.operationId);
  if (resource) return resource.idField;
  const pointer = ctx.validator.response(op.operationId, op.successStatus)?.content[0]?.schemaPointer;
  if (!pointer) return null;
  const list = flatten(ctx.spec.document, getPointer(ctx.spec.document, pointer) ?? true);
  const items = typeof list === 'object' ? list.properties?.[op.pagination!.itemsField]?.items : undefined;
  const item = items ? flatten(ctx.spec.document, items) : undefined;
  if (item && typeof item === 'object') {
    if (item.properties?.id) return 'id';
    // oneOf items: every branch has an id.
    const branches = (item.oneOf ?? item.anyOf) as Json[] | undefined;
    if (branches?.every((b) => { const f = flatten(ctx.spec.document, b); return typeof f === 'object' && f.properties?.id; })) return 'id';
  }
  return null;
}
