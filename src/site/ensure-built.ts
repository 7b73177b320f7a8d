// For the browser test and the benchmark: dist/site/ as `npm run build` leaves it. When the folder
// is missing or was built from another spec than generated/openapi.json, it is rebuilt (and only
// it) with the pipeline, written all-or-nothing like `npm run generate` does.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { produceOutputs } from '../pipeline/pipeline.js';
import { writeOutputs } from '../pipeline/outputs.js';
import { GENERATED_DIR } from '../pipeline/paths.js';
import { SITE_FILES } from './layout.js';
import { SITE_DIR } from './site.js';

/** Returns true when it had to rebuild. */
export async function ensureSiteBuilt(log: (line: string) => void = () => {}): Promise<boolean> {
  const [built, current] = await Promise.all([
    fsp.readFile(path.join(SITE_DIR, SITE_FILES.specJson), 'utf8').catch(() => undefined),
    fsp.readFile(path.join(GENERATED_DIR, 'openapi.json'), 'utf8').catch(() => undefined),
  ]);
  if (built !== undefined && built === current) return false;
  log(built === undefined ? 'dist/site is missing: building it' : 'dist/site is out of date: rebuilding it');
  const { outputs } = await produceOutputs();
  const site = outputs.get(SITE_DIR);
  if (!site) throw new Error('the pipeline produced no dist/site folder');
  await writeOutputs(new Map([[SITE_DIR, site]]));
  return true;
}
