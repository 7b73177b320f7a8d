// The client's own code stays within its budget (scripts/size.ts) minified + gzipped, on top of openapi-fetch.
import { describe, expect, it } from 'vitest';
import { CLIENT_SIZE_BUDGET_BYTES, measureClientSize, measureClientWithTablesSize } from '../../scripts/size.js';

describe('bundle size (esbuild, minified, gzipped, openapi-fetch excluded)', () => {
  it(`src/client is at most ${CLIENT_SIZE_BUDGET_BYTES} bytes`, async () => {
    const size = await measureClientSize();
    expect(size.minifiedBytes).toBeGreaterThan(1000); // it did bundle the client
    expect(size.gzippedBytes).toBeLessThanOrEqual(CLIENT_SIZE_BUDGET_BYTES);
  });

  it('the generated tables are bundled in, not openapi-fetch', async () => {
    const [own, withTables] = await Promise.all([measureClientSize(), measureClientWithTablesSize()]);
    expect(withTables.minifiedBytes).toBeGreaterThan(own.minifiedBytes);
  });
});
