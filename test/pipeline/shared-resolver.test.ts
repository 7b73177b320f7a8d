// Redocly's lint and the bundle share one parse of the spec's files (`sharedResolver`): the
// bundle edits copies, so a lint that reads the documents after a bundle still sees them as
// written, and each file's content as parsed is what the source map pairs the bundle with.
import { describe, expect, it } from 'vitest';
import { bundleWithRedocly, lintWithRedocly, sharedResolver } from '../../src/pipeline/redocly.js';
import { GROWN_ROOT } from '../client/grown.js';

describe('one parse for the lint and the bundle', () => {
  it('a bundle first leaves the lint its documents as written: same findings, same bundle', async () => {
    const alone = await bundleWithRedocly(GROWN_ROOT);
    const resolver = await sharedResolver();
    const shared = await bundleWithRedocly(GROWN_ROOT, resolver);
    const lintAfter = await lintWithRedocly(GROWN_ROOT, resolver);
    expect(lintAfter).toEqual(await lintWithRedocly(GROWN_ROOT));
    expect(lintAfter).toEqual([]);
    expect(shared.document).toEqual(alone.document);
    // A second bundle from the same parse is the same too (nothing the first edited is reused).
    expect((await bundleWithRedocly(GROWN_ROOT, resolver)).document).toEqual(alone.document);
  });

  it('the source map of a shared bundle places nodes in the files they were written in', async () => {
    const resolver = await sharedResolver();
    const [bundle] = await Promise.all([bundleWithRedocly(GROWN_ROOT, resolver), lintWithRedocly(GROWN_ROOT, resolver)]);
    const alone = await bundleWithRedocly(GROWN_ROOT);
    const routes = Object.keys(bundle.document.paths as object).map((p) => ['paths', p]);
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) expect(bundle.sourceMap().place(route)).toEqual(alone.sourceMap().place(route));
  });
});
