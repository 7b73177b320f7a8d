// An undocumented method on a documented path must get 405 Method Not Allowed with an `Allow`
// header naming the documented methods (RFC 9110 §15.5.6). Without --allow-unsafe only an
// undocumented GET is sent: a write method could do something on a server that handles it.
import type { RunContext } from '../context.js';
import type { OperationInfo } from '../spec.js';

const CANDIDATES = ['get', 'patch', 'put', 'post', 'delete'] as const;

export async function methodProbes(ctx: RunContext, op: OperationInfo, documented: readonly string[]): Promise<void> {
  const check = 'method.not-allowed';
  const undocumented = CANDIDATES.filter((m) => !documented.includes(m));
  const method = undocumented.find((m) => m === 'get' || ctx.settings.allowUnsafe);
  if (!method) {
    return ctx.skip(check, op.operationId, op.path, undocumented.length === 0 ? 'every method is documented on this path' : `only write methods are undocumented on ${op.path} (${undocumented.join(', ').toUpperCase()}): pass --allow-unsafe to send one`, undocumented.length === 0 ? 'not-applicable' : 'unsafe');
  }
  const subject = `${method.toUpperCase()} ${op.path}`;
  await ctx.probe(check, op, subject, async () => {
    const base = ctx.baseRequest(op, { body: false });
    const { body: _none, ...request } = base;
    const exchange = await ctx.send(op, subject, { ...request, method }, { judge: false });
    const response = exchange.response;
    if (!response) return ctx.fail(check, op, subject, exchange, { message: `no response: ${exchange.error}` });
    if (response.status !== 405) {
      return ctx.fail(check, op, subject, exchange, { message: `${method.toUpperCase()} is not documented on ${op.path}; expected HTTP 405, got HTTP ${response.status}`, expected: 405, actual: response.status });
    }
    const allow = (response.headers.allow ?? '').split(',').map((m) => m.trim().toLowerCase()).filter(Boolean);
    const missing = documented.filter((m) => !allow.includes(m));
    if (response.headers.allow === undefined || missing.length > 0) {
      ctx.fail(check, op, subject, exchange, {
        message: response.headers.allow === undefined ? 'the 405 has no Allow header' : `the Allow header does not name ${missing.map((m) => m.toUpperCase()).join(', ')}`,
        pointer: '/headers/allow',
        expected: documented.map((m) => m.toUpperCase()).join(', '),
        actual: response.headers.allow,
      });
    }
  });
}
