// One regeneration after a save, in two passes inside the long-lived process:
//  1. fast: YAML syntax, bundle, types and operation table -> generated/ (the editor sees new types);
//  2. full: `produceOutputs` (Redocly + Spectral lint, docs, site) -> every output folder.
// A save that fails either pass is reported with file and line, and every output folder is left
// as (or put back to) the last save that passed both.
import { produceOutputs, readyBundle, renderGenerated } from '../pipeline/pipeline.js';
import { writeOutputs, type OutputSet } from '../pipeline/outputs.js';
import { GENERATED_DIR, SPEC_ROOT } from '../pipeline/paths.js';
import { PipelineError, formatProblem, type Problem } from '../pipeline/problems.js';
import { SpecSnapshot } from './spec-snapshot.js';

/** How long a save's full pass waits for a newer save that would make it moot. */
export const FULL_PASS_SETTLE_MS = 150;

export type RunOutcome =
  | { ok: true; typesMs: number; totalMs: number; changed: string[] }
  | { ok: false; stage: 'fast' | 'full'; problems: Problem[]; typesMs?: number; totalMs: number; restored: boolean }
  /** A newer save came in: this run wrote what it had (its types, if any) and stopped there. */
  | { ok: 'superseded'; typesMs?: number; totalMs: number };

/** generated/ as `produceOutputs` makes it, without the lint (which the full pass runs). */
export async function produceGenerated(snapshot = new SpecSnapshot(), root = SPEC_ROOT): Promise<Map<string, string>> {
  const { problems: syntax } = await snapshot.refresh();
  if (syntax.length > 0) throw new PipelineError(syntax);
  return renderGenerated(await readyBundle(await snapshot.bundle(root), root));
}

function problemsOf(error: unknown): Problem[] {
  if (error instanceof PipelineError) return error.problems;
  // Anything else (openapi-typescript choking on a schema, say) still gets a place to look.
  const message = error instanceof Error ? error.message : String(error);
  return [{ tool: 'pipeline', rule: 'failed', severity: 'error', message, file: 'openapi/openapi.yaml', line: 1, column: 1 }];
}

export class Regenerator {
  /** The outputs of the last save that passed both passes. */
  private lastGood: OutputSet | undefined;
  private readonly snapshot = new SpecSnapshot();
  private generation = 0;
  private readonly fastTurn = new Turns();
  private readonly fullTurn = new Turns();
  /** Every write of an output folder: writeOutputs stages in folders named by process id. */
  private readonly writeTurn = new Turns();

  constructor(private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  /** The first run: the full pass only. */
  async start(): Promise<RunOutcome> {
    const start = performance.now();
    try {
      await this.snapshot.refresh();
      const { outputs } = await produceOutputs();
      const { changed } = await writeOutputs(outputs);
      this.lastGood = outputs;
      return { ok: true, typesMs: performance.now() - start, totalMs: performance.now() - start, changed };
    } catch (error) {
      return { ok: false, stage: 'full', problems: problemsOf(error), totalMs: performance.now() - start, restored: false };
    }
  }

  /** `savedAt`: when the save was seen (performance.now()), so the times include the debounce.
   * Runs may overlap: a save's fast pass never waits for an earlier save's full pass. Fast passes
   * take turns, full passes take turns, and a run a newer save has superseded writes nothing more. */
  async run(savedAt = performance.now()): Promise<RunOutcome> {
    const generation = ++this.generation;
    const superseded = () => generation !== this.generation;
    let typesMs: number | undefined;
    let fastWrote = false;
    const fast = await this.fastTurn.run(async () => {
      if (superseded()) return undefined;
      try {
        const generated = await produceGenerated(this.snapshot);
        fastWrote = await this.writeTurn.run(async () => (await writeOutputs(new Map([[GENERATED_DIR, generated]]))).changed.length > 0);
        typesMs = performance.now() - savedAt;
        this.log(`types    ${typesMs.toFixed(0).padStart(5)} ms  generated/ ${fastWrote ? 'updated' : 'unchanged'}`);
        return undefined;
      } catch (error) {
        return { ok: false, stage: 'fast', problems: problemsOf(error), totalMs: performance.now() - savedAt, restored: false } as const;
      }
    });
    if (fast) return fast;
    // While saves keep coming, the full pass of each would only compete with the next fast pass.
    await new Promise((resolve) => setTimeout(resolve, FULL_PASS_SETTLE_MS));
    return this.fullTurn.run(async (): Promise<RunOutcome> => {
      if (superseded()) return { ok: 'superseded', typesMs, totalMs: performance.now() - savedAt };
      try {
        const { outputs } = await produceOutputs();
        return await this.writeTurn.run(async (): Promise<RunOutcome> => {
          if (superseded()) return { ok: 'superseded', typesMs, totalMs: performance.now() - savedAt };
          const { changed } = await writeOutputs(outputs);
          this.lastGood = outputs;
          return { ok: true, typesMs: typesMs!, totalMs: performance.now() - savedAt, changed };
        });
      } catch (error) {
        // The fast pass wrote types from a spec that does not lint: put the last good ones back.
        const restored = await this.writeTurn.run(async () => {
          const good = this.lastGood?.get(GENERATED_DIR);
          if (!fastWrote || !good || superseded()) return false;
          return (await writeOutputs(new Map([[GENERATED_DIR, good]]))).changed.length > 0;
        });
        return { ok: false, stage: 'full', problems: problemsOf(error), typesMs, totalMs: performance.now() - savedAt, restored };
      }
    });
  }
}

/** Runs tasks one at a time, in the order they were handed in. */
class Turns {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export function describeFailure(outcome: Extract<RunOutcome, { ok: false }>): string[] {
  return [
    `spec broken (${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}); outputs kept from the last good save${outcome.restored ? ' (generated/ put back)' : ''}:`,
    ...outcome.problems.map((p) => `  ${formatProblem(p)}`),
  ];
}
