// Stryker's vitest runner names the running test only from `beforeEach`, so what a file's
// `beforeAll`/`afterAll` hooks run (a mock or a server started once for the file) counts as
// "static" coverage, and a mutant reached only there is tried against none of the file's tests
// (with `ignoreStatic`) although they all depend on it. In Stryker's coverage run this setup file
// hands what the hooks ran, after the file's modules had loaded, to every test of the file.
// Outside Stryker it does nothing.
import { afterAll, beforeAll, inject } from 'vitest';

type Hits = Record<string, number>;
interface Coverage {
  static: Hits;
  perTest: Record<string, Hits>;
}
interface Task {
  type: string;
  name: string;
  suite?: Task;
  file?: { filepath: string };
  tasks?: Task[];
}

const namespace = inject('globalNamespace' as never) as string | undefined;
const mode = inject('mode' as never) as string | undefined;

if (namespace !== undefined && mode === 'dry-run') {
  const ns = ((globalThis as Record<string, unknown>)[namespace] ??= {}) as { mutantCoverage?: Coverage };
  let loaded: Hits = {};
  beforeAll(() => {
    loaded = { ...ns.mutantCoverage?.static };
  });
  afterAll((_context, suite) => {
    const coverage = ns.mutantCoverage;
    if (!coverage) return;
    const byHooks: Hits = {};
    for (const [id, hits] of Object.entries(coverage.static)) {
      const extra = hits - (loaded[id] ?? 0);
      if (extra > 0) byHooks[id] = extra;
    }
    if (Object.keys(byHooks).length === 0) return;
    for (const testId of testIds(suite as unknown as Task)) {
      const hits = (coverage.perTest[testId] ??= {});
      for (const [id, extra] of Object.entries(byHooks)) hits[id] = (hits[id] ?? 0) + extra;
    }
    for (const [id, extra] of Object.entries(byHooks)) {
      coverage.static[id]! -= extra;
      if (coverage.static[id]! <= 0) delete coverage.static[id];
    }
  });
}

/** The ids Stryker's setup gives the tests (its `toRawTestId`): file path, '#', suite names and test name. */
function testIds(suite: Task): string[] {
  const ids: string[] = [];
  const visit = (task: Task) => {
    if (task.type === 'test') ids.push(`${task.file?.filepath ?? 'unknown.js'}#${fullName(task)}`);
    for (const child of task.tasks ?? []) visit(child);
  };
  visit(suite);
  return ids;
}

function fullName(task: Task): string {
  const parts = [task.name];
  for (let suite = task.suite; suite; suite = suite.suite) parts.unshift(suite.name);
  return parts.join(' ').trim();
}
