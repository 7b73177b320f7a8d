// Every broken spec of broken-specs.ts stops `npm run generate` with its file:line and rule and
// leaves generated/ and dist/ untouched (npm test runs two of them; each spawns ~4 s of tsx).
import { describe, it } from 'vitest';
import { BROKEN, expectGenerateStops } from './broken-specs.js';

describe('npm run generate on each broken spec', { timeout: 180_000 }, () => {
  it.concurrent.each(BROKEN)('stops on $name with file and line, leaving generated/ and dist/ untouched', async (brokenCase) => {
    await expectGenerateStops(brokenCase);
  });
});
