// For the browser test and the benchmark: dist/site/ as `npm run build` leaves it. When the folder
// is missing or was built from another spec than generated/openapi.json, it is rendered again
// (and only it) from generated/openapi.{yaml,json} and CHANGELOG.md, exactly as the pipeline
// renders it, and written all-or-nothing like `npm run generate` does.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { writeOutputs } from '../pipeline/outputs.js';
import { GENERATED_DIR } from '../pipeline/paths.js';
import { SITE_FILES } from './layout.js';
import { SITE_DIR, readChangelog, renderSite } from './site.js';

/** Returns true when it had to rebuild. */
export async function ensureSiteBuilt(log: (line: string) => void = () => {}): Promise<boolean> {
  const [built, specJson, specYaml] = await Promise.all([
    fsp.readFile(path.join(SITE_DIR, SITE_FILES.specJson), 'utf8').catch(() => undefined),
    fsp.readFile(path.join(GENERATED_DIR, SITE_FILES.specJson), 'utf8'),
    fsp.readFile(path.join(GENERATED_DIR, SITE_FILES.specYaml), 'utf8'),
  ]);
  if (built === specJson) return false;
  log(built === undefined ? 'dist/site is missing: building it' : 'dist/site is out of date: rebuilding it');
  const site = await renderSite({ bundled: JSON.parse(specJson), specJson, specYaml, changelogMarkdown: await readChangelog() });
  await writeOutputs(new Map([[SITE_DIR, site]]));
  return true;
}
