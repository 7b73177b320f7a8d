// Spectral on the second core when a compiled worker is available (see threads.ts), else here.
import { SPEC_ROOT } from './paths.js';
import type { Problem } from './problems.js';
import { runInWorker } from './threads.js';

export async function lintWithSpectral(root = SPEC_ROOT): Promise<Problem[]> {
  const done = await runInWorker<Problem[]>('spectral', { root });
  return done ? done.result : (await import('./spectral.js')).lintWithSpectral(root);
}
