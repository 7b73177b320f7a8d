// The second core. `scripts/run-compiled.mjs` compiles src/pipeline/pipeline-worker.ts and, for
// a script that lints or generates types, starts one worker per role before the script loads, so
// Spectral and openapi-typescript load while the main thread loads Redocly and the rest. Where
// there is no compiled worker (tsx, vitest), the callers run the job in their own thread.
import { Worker } from 'node:worker_threads';

export type WorkerRole = 'spectral' | 'types';

const registry = () => globalThis as Record<symbol, Worker | undefined>;
export const prestartedKey = (role: WorkerRole) => Symbol.for(`postpress.worker.${role}`);

/** Runs the job in a worker, or returns undefined when there is none to run it. */
export async function runInWorker<T>(role: WorkerRole, job: Record<string, unknown>): Promise<{ result: T } | undefined> {
  let worker = registry()[prestartedKey(role)];
  registry()[prestartedKey(role)] = undefined;
  const file = process.env.POSTPRESS_PIPELINE_WORKER;
  if (!worker && file && process.env.POSTPRESS_THREADS !== 'off') worker = new Worker(file, { workerData: { role } });
  if (!worker) return undefined;
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', (reply: { result?: T; error?: string }) => (reply.error ? reject(new Error(reply.error)) : resolve({ result: reply.result as T })));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the ${role} worker exited (${code}) before answering`)));
      worker.ref();
      worker.postMessage(job);
    });
  } finally {
    void worker.terminate();
  }
}
