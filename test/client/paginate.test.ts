// The paginator on its own, with a scripted page source: which cursors it sends, where it stops,
// and what its errors say.
import { describe, expect, it } from 'vitest';
import { createPaginator } from '../../src/client/paginate.js';
import { PostpressError } from '../../src/client/problems.js';

const spec = { cursorParam: 'cursor', cursorField: 'next', itemsField: 'items' };

/** Pages keyed by the cursor that asks for them ('' for the first); records every request. */
function source(pages: Record<string, { items: unknown[]; next: string | null }>) {
  const asked: Array<Record<string, unknown>> = [];
  const fetchPage = async (params: Record<string, unknown>) => {
    asked.push(params);
    return { ok: true as const, status: 200, data: pages[(params.cursor as string | undefined) ?? '']! };
  };
  return { fetchPage, asked };
}

async function caught(walk: () => Promise<unknown>): Promise<PostpressError> {
  try {
    await walk();
  } catch (error) {
    if (error instanceof PostpressError) return error;
    throw error;
  }
  throw new Error('the walk ended without an error');
}

describe('the paginator', () => {
  it('sends the caller\'s parameters, then each cursor, and stops at a null cursor', async () => {
    const { fetchPage, asked } = source({ '': { items: [1, 2], next: 'b' }, b: { items: [3], next: null } });
    const items: unknown[] = [];
    for await (const item of createPaginator(fetchPage, spec, { limit: 2 })) items.push(item);
    expect(items).toEqual([1, 2, 3]);
    expect(asked).toEqual([{ limit: 2 }, { limit: 2, cursor: 'b' }]);
  });

  it('a cycle names the page that closed it', async () => {
    const { fetchPage } = source({ '': { items: [], next: 'b' }, b: { items: [], next: 'c' }, c: { items: [], next: 'b' } });
    const error = await caught(async () => {
      for await (const _ of createPaginator(fetchPage, spec, {}).pages()) void _;
    });
    expect(error.error).toEqual({
      type: 'client/repeated_cursor', title: 'Repeated cursor', status: 0, attempts: 0,
      detail: 'page 3 returned a cursor that was already followed; stopping instead of looping',
    });
  });

  it('the cursor the caller starts from counts as followed', async () => {
    const { fetchPage, asked } = source({ a: { items: [1], next: 'a' } });
    const error = await caught(async () => {
      for await (const _ of createPaginator(fetchPage, spec, { cursor: 'a' }).pages()) void _;
    });
    expect(error.error.detail).toBe('page 1 returned a cursor that was already followed; stopping instead of looping');
    expect(asked).toEqual([{ cursor: 'a' }]);
  });

  it('an abort stops the items at once, with its own message', async () => {
    const controller = new AbortController();
    const { fetchPage } = source({ '': { items: [1, 2, 3], next: null } });
    const seen: unknown[] = [];
    const error = await caught(async () => {
      for await (const item of createPaginator(fetchPage, spec, {}, { signal: controller.signal })) {
        seen.push(item);
        controller.abort();
      }
    });
    expect(seen).toEqual([1]);
    expect(error.error).toEqual({ type: 'client/aborted', title: 'Aborted', status: 0, attempts: 0, detail: "pagination was aborted by the caller's signal" });
  });
});
