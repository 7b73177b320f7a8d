// A pipeline worker thread (see threads.ts). Its role, given at start, says which modules it
// loads at once: Spectral and the ruleset, or openapi-typescript and TypeScript. Then it runs
// the one job the main thread sends.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerRole } from './threads.js';

const role = (workerData as { role: WorkerRole }).role;
const spectral = role === 'spectral' ? import('./spectral.js') : undefined;
const types = role === 'types' ? import('./typescript-types.js').then((m) => (m.loadOpenapiTypescript(), m)) : undefined;
// A failed load is reported with the job.
spectral?.catch(() => {});
types?.catch(() => {});

parentPort!.once('message', async (job: { root?: string; bundled?: Record<string, unknown> }) => {
  try {
    const result = spectral ? await (await spectral).lintWithSpectral(job.root) : await (await types!).generateTypesInThisThread(job.bundled!);
    parentPort!.postMessage({ result });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
