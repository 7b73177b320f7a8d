// Spectral on the second core. `scripts/run-compiled.mjs` compiles src/pipeline/spectral-worker.ts
// and, for the scripts that lint, starts it before the main bundle loads, so Spectral's modules and
// ruleset load while the main thread loads Redocly and the rest. Elsewhere (tsx, vitest) there is
// no compiled worker and Spectral runs in this thread, loaded on first use.
import { Worker } from 'node:worker_threads';
import { SPEC_ROOT } from './paths.js';
import type { Problem } from './problems.js';

export const PRESTARTED_WORKER = Symbol.for('postpress.spectralWorker');

function takeWorker(): Worker | undefined {
  const registry = globalThis as Record<symbol, Worker | undefined>;
  const prestarted = registry[PRESTARTED_WORKER];
  if (prestarted) {
    registry[PRESTARTED_WORKER] = undefined;
    return prestarted;
  }
  const file = process.env.POSTPRESS_SPECTRAL_WORKER;
  return file ? new Worker(file) : undefined;
}

function lintInWorker(worker: Worker, root: string): Promise<Problem[]> {
  return new Promise((resolve, reject) => {
    worker.once('message', (reply: { problems?: Problem[]; error?: string }) => (reply.error ? reject(new Error(reply.error)) : resolve(reply.problems ?? [])));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the Spectral worker exited (${code}) before answering`)));
    worker.ref();
    worker.postMessage({ root });
  });
}

export async function lintWithSpectral(root = SPEC_ROOT): Promise<Problem[]> {
  const worker = takeWorker();
  if (worker) {
    try {
      return await lintInWorker(worker, root);
    } finally {
      void worker.terminate();
    }
  }
  return (await import('./spectral.js')).lintWithSpectral(root);
}
