// Errors on demand: against a target that honours `Prefer: code=N, type=T` (the mock does, as
// Prism does for `code`), ask for every documented error type and check that exactly that error
// comes back. The response checks then judge each one's body, envelope and headers (Retry-After).
import type { RunContext } from '../context.js';
import type { OperationInfo, } from '../spec.js';
import type { ProbeRequest } from '../model.js';
import { documentedTypes, expectError } from './expect.js';

export async function preferredErrorProbes(ctx: RunContext, op: OperationInfo, base: ProbeRequest): Promise<void> {
  const check = 'errors.preferred';
  if (!ctx.settings.preferErrors) {
    return ctx.skip(check, op.operationId, '-', 'the target is not known to honour Prefer: code=N, type=T (pass --prefer-errors; on for the in-process mock)');
  }
  const pairs = op.statuses
    .filter((status) => status >= 400)
    .flatMap((status): Array<[number, string | undefined]> => {
      const types = documentedTypes(ctx, op, status);
      return types.length > 0 ? types.map((type): [number, string | undefined] => [status, type]) : [[status, undefined]];
    });
  if (pairs.length === 0) return ctx.skip(check, op.operationId, '-', 'the operation documents no error response');
  await Promise.all(pairs.map(([status, type]) => {
    const subject = type ? `Prefer: code=${status}, type=${type}` : `Prefer: code=${status}`;
    return ctx.probe(check, op, subject, async () => {
      const exchange = await ctx.send(op, subject, { ...base, headers: { ...base.headers, prefer: type ? `code=${status}, type=${type}` : `code=${status}` } }, { retry429: false });
      expectError(ctx, check, op, subject, exchange, status, type ? [type] : []);
    });
  }));
}
