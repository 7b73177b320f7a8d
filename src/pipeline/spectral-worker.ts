// The Spectral worker thread (see spectral-thread.ts): loads Spectral at once, lints on request.
import { parentPort } from 'node:worker_threads';
import { lintWithSpectral } from './spectral.js';

parentPort!.once('message', async ({ root }: { root: string }) => {
  try {
    parentPort!.postMessage({ problems: await lintWithSpectral(root) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
