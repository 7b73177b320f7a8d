// The kit on the grown fixture spec against the mock serving it: every operation tested (path
// values learned from list and create responses), stateful checks on, zero findings, coverage
// complete, nothing left behind. The broken variants (test/contract/grown-mutants.ts) run in
// `npm run test:kit-mutants` (they take minutes); a few run here.
import { describe, expect, test } from 'vitest';
import { formatHuman } from '../../src/contract/index.js';
import { GROWN_MUTANTS } from './grown-mutants.js';
import { runGrown } from './grown-run.js';

describe('the faithful mock of the grown spec', () => {
  test('passes with zero findings, every operation tested, every status and error type observed, nothing left behind', async () => {
    const phases: string[] = [];
    const report = await runGrown(undefined, { preferErrors: true, onProgress: ({ phase }) => { if (phases.at(-1) !== phase) phases.push(phase); } });
    expect(report.findings, formatHuman(report)).toEqual([]);
    // Lists first (they teach ids), then creates, reads, updates, and deletes last; then the cleanup.
    const byId = new Map(report.coverage.operations.map((o) => [o.operationId, o]));
    const stage = (id: string) => {
      const { method, path } = byId.get(id)!;
      const item = path.includes('{');
      return method === 'GET' ? (item ? 'read' : 'list') : method === 'POST' && !item ? 'create' : method === 'DELETE' ? 'delete' : 'update';
    };
    expect(phases.at(-1)).toBe('cleanup');
    const stages = phases.slice(0, -1).map(stage);
    const order = ['list', 'create', 'read', 'update', 'delete'];
    expect(stages).toEqual([...stages].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect([...new Set(stages)]).toEqual(order);
    expect(phases.slice(0, -1).sort()).toEqual([...byId.keys()].sort());
    expect(report.verdict, formatHuman(report)).toBe('conforming');
    expect(report.coverage.operations.map((o) => [o.operationId, o.tested])).toEqual(report.coverage.operations.map((o) => [o.operationId, true]));
    expect(report.coverage.percent).toBe(100);
    // Every documented error type (status and type) was observed, the grown errors among them.
    for (const op of report.coverage.operations) expect(op.observedErrorTypes, op.operationId).toEqual(op.errorTypes);
    expect(report.coverage.operations.find((o) => o.operationId === 'sendInvitation')!.errorTypes).toEqual(expect.arrayContaining(['400 errors/invalid_parameters', '409 errors/already_invited', '504 errors/request_timeout']));
    // Each documented error type is asked for by name; a status without types, by its code alone.
    const asked = report.outcomes.filter((o) => o.operationId === 'sendInvitation' && o.check === 'errors.preferred').map((o) => o.subject);
    const invitation = byId.get('sendInvitation')!;
    expect(asked.sort()).toEqual(invitation.errorTypes.map((t) => t.replace(/^(\d+) (.+)$/, 'Prefer: code=$1, type=$2')).sort());
    expect(invitation.errorTypes.length).toBeGreaterThan(2);
    expect(report.outcomes.filter((o) => o.operationId === 'listWebhooks' && o.check === 'errors.preferred').map((o) => o.subject)).toContain('Prefer: code=401, type=errors/missing_credentials');
    expect(report.leftovers).toEqual([]);
    expect(report.notTested).toEqual(['listReceivedInvitations parameter sender_types (query): uniqueItems: no negative breaks this keyword (not probed)']);
    // Boundary positives and generated requests go to read-only operations only.
    const notesOf = (id: string) => report.outcomes.filter((o) => o.operationId === id && (o.check.startsWith('boundary.') || o.check.startsWith('property.'))).map((o) => [o.check, o.status, o.note]);
    const writeOnly = 'boundary positives are sent to read-only operations only';
    const generated = 'generated parameter requests are sent to read-only operations only';
    expect(notesOf('updateWebhook')).toEqual([
      ['boundary.minimum', 'not-exercised', writeOnly],
      ['boundary.maximum', 'not-exercised', writeOnly],
      ['property.valid-requests', 'not-exercised', generated],
      ['property.invalid-requests', 'not-exercised', generated],
    ]);
    // A paginated list: its first page without a limit, a short walk at a small limit, and two walks at the maximum.
    expect(report.outcomes.filter((o) => o.operationId === 'listWebhooks' && o.check.startsWith('pagination.')).map((o) => [o.check, o.subject, o.status])).toEqual([
      ['pagination.terminates', 'walk limit=250', 'passed'],
      ['pagination.unique-ids', 'walk limit=250', 'passed'],
      ['pagination.page-size', '3 pages at limit=7', 'passed'],
      ['pagination.page-size', 'first page without limit', 'passed'],
      ['pagination.page-size', 'walk limit=250', 'passed'],
      ['pagination.stable-order', 'two walks limit=250', 'passed'],
    ]);
    const passed = new Set(report.outcomes.filter((o) => o.status === 'passed').map((o) => o.check));
    for (const check of ['body.valid', 'body.invalid', 'stateful.created-readable', 'stateful.created-listed', 'stateful.deleted-gone', 'method.not-allowed', 'params.not-in-enum', 'params.pattern-mismatch'] as const) {
      expect(passed.has(check), check).toBe(true);
    }
  });

  test('without --allow-unsafe nothing is written and the write operations make the verdict inconclusive', async () => {
    const writes: string[] = [];
    const report = await runGrown((x) => { if (x.method !== 'GET') writes.push(`${x.method} ${x.url.pathname}`); return x.reply; }, { allowUnsafe: false });
    expect(writes).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('inconclusive');
    expect(report.coverage.operations.filter((o) => !o.tested).map((o) => o.operationId).sort()).toEqual(['cancelInvitation', 'createWebhook', 'deleteWebhook', 'sendInvitation', 'updateWebhook']);
  });
});

describe('broken variants (a sample; all in npm run test:kit-mutants)', () => {
  const sample = ['createWebhook ignores its body (any body creates a webhook)', 'a deleted webhook can still be read (delete without effect)'];
  test.concurrent.each(GROWN_MUTANTS.filter((m) => sample.includes(m.name)).map((m) => [m.name, m] as const))('%s is caught', async (_name, mutant) => {
    const report = await runGrown(mutant.transform(), { propertyRuns: 0 });
    const caught = report.outcomes.filter((o) => o.check === mutant.caughtBy && o.status === 'failed');
    expect(caught.length, `${mutant.caughtBy} did not fail:\n${formatHuman(report)}`).toBeGreaterThan(0);
    expect(report.verdict).toBe('violations');
  });
});
