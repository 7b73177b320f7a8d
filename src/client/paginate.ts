// Auto-pagination: follows the operation's cursor until it is null, one page in memory at a time.
import { clientProblem, PostpressError } from './problems.js';
import type { OperationEntry } from '../../generated/operations.js';
import type { AnyResult, CallOptions, Paginator } from './types.js';

/** How many past cursors are remembered to detect a cycle (bounded so memory stays flat). */
export const REMEMBERED_CURSORS = 1000;

export function createPaginator(
  fetchPage: (params: Record<string, unknown>, options?: CallOptions) => Promise<AnyResult>,
  spec: NonNullable<OperationEntry['pagination']>,
  params: Record<string, unknown>,
  options?: CallOptions,
): Paginator<unknown, unknown> {
  async function* pages(): AsyncGenerator<Record<string, unknown>> {
    let cursor = params[spec.cursorParam];
    const seen = new Set<unknown>(cursor === undefined ? [] : [cursor]);
    let pageCount = 0;
    for (;;) {
      const result = await fetchPage(cursor === undefined ? params : { ...params, [spec.cursorParam]: cursor }, options);
      if (!result.ok) throw new PostpressError(result.error);
      pageCount++;
      const page = result.data as Record<string, unknown>;
      yield page;
      const next = page[spec.cursorField];
      if (next === null || next === undefined) return;
      if (seen.has(next)) {
        throw new PostpressError(
          clientProblem('client/repeated_cursor', `page ${pageCount} returned a cursor that was already followed; stopping instead of looping`, 0),
        );
      }
      seen.add(next);
      if (seen.size > REMEMBERED_CURSORS) seen.delete(seen.values().next().value);
      cursor = next;
    }
  }
  async function* items(): AsyncGenerator<unknown> {
    const signal = options?.signal;
    for await (const page of pages()) {
      for (const item of page[spec.itemsField] as unknown[]) {
        // An abort stops the iteration at once, not at the end of the page in memory.
        if (signal?.aborted) throw new PostpressError(clientProblem('client/aborted', "pagination was aborted by the caller's signal", 0));
        yield item;
      }
    }
  }
  return { pages, [Symbol.asyncIterator]: items };
}
