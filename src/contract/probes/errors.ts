// Errors on demand: against a target that honours `Prefer: code=N, type=T` (the mock does, as
// Prism does for `code`), ask for every documented error type and check that exactly that error
// comes back. The response checks then judge each one's body, envelope and headers (Retry-After).
import type { RunContext } from '../context.js';
import type { OperationInfo } from '../spec.js';
import { expectError } from './expect.js';

export async function preferredErrorProbes(ctx: RunContext, op: OperationInfo): Promise<void> {
  const check = 'errors.preferred';
  if (!ctx.settings.preferErrors) {
    return ctx.skip(check, op.operationId, '-', 'the target is not known to honour Prefer: code=N, type=T (pass --prefer-errors; on for the in-process mock)');
  }
  const pairs = op.statuses
    .filter((status) => status >= 400)
    .flatMap((status) => Object.keys(ctx.spec.errorCatalog[String(status)]?.types ?? {}).map((type) => [status, type] as const));
  if (pairs.length === 0) return ctx.skip(check, op.operationId, '-', 'the operation documents no error types');
  await Promise.all(pairs.map(([status, type]) => {
    const subject = `Prefer: code=${status}, type=${type}`;
    return ctx.probe(check, op, subject, async () => {
      const request = ctx.baseRequest(op);
      const exchange = await ctx.send(op, subject, { ...request, headers: { ...request.headers, prefer: `code=${status}, type=${type}` } }, false);
      expectError(ctx, check, op, subject, exchange, status, [type]);
    });
  }));
}
