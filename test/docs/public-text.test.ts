// Public text is for callers: every description, summary and title the docs publish (and the
// servers' descriptions) says what the API does, never how the spec was written. The reasoning
// lives in openapi/README.md and `x-decision`, which the docs do not show.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR } from '../../src/pipeline/paths.js';
import { publicTexts } from '../../src/site/public-text.js';

const bundled = JSON.parse(fs.readFileSync(path.join(GENERATED_DIR, 'openapi.json'), 'utf8'));

/** Phrases that speak to the spec's authors, not to someone calling the API. */
const AUTHOR_TALK = [/\bthe page\b/i, /reference page/i, /\bthis spec\b/i, /decision/i, /verbatim/i, /openapi\/README\.md/i];

describe('public text of the bundled spec', () => {
  const texts = publicTexts(bundled);

  it('covers every kind of public text (descriptions, summaries, titles, server descriptions)', () => {
    const where = texts.map((t) => t.pointer);
    expect(where).toContain('#/info/description');
    expect(where).toContain('#/info/title');
    expect(where).toContain('#/servers/0/description');
    expect(where.some((p) => /^#\/paths\/.+\/summary$/.test(p))).toBe(true);
    expect(where.some((p) => /^#\/components\/schemas\/[^/]+\/properties\/[^/]+\/description$/.test(p))).toBe(true);
    expect(where.some((p) => /^#\/components\/parameters\/[^/]+\/description$/.test(p))).toBe(true);
    expect(where.some((p) => /^#\/components\/examples\/[^/]+\/summary$/.test(p))).toBe(true);
    expect(where.some((p) => /x-enumDescriptions/.test(p)), 'error type descriptions are public').toBe(true);
    expect(where.some((p) => p.includes('/x-decision')), 'x-decision is not public').toBe(false);
  });

  it('never speaks of the reference page, this spec, a decision or openapi/README.md', () => {
    const offending = texts.flatMap((t) => AUTHOR_TALK.filter((re) => re.test(t.text)).map((re) => `${t.pointer}: ${re} in "${t.text.trim()}"`));
    expect(offending).toEqual([]);
  });

  it('the check finds author talk where it is (a planted sentence in a description)', () => {
    const planted = structuredClone(bundled);
    const name = Object.keys(planted.components.parameters)[0]!;
    planted.components.parameters[name].description += ' The bound is this spec\'s decision.';
    planted.servers[0].description = 'As on the reference page.';
    const hits = publicTexts(planted).filter((t) => AUTHOR_TALK.some((re) => re.test(t.text))).map((t) => t.pointer);
    expect(hits).toEqual(['#/servers/0/description', `#/components/parameters/${name}/description`]);
  });

  it('the reasoning is kept in x-decision, next to the part it concerns', () => {
    const decisions: string[] = [];
    const walk = (node: unknown, pointer: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${pointer}/${i}`));
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'x-decision') decisions.push(pointer);
          else walk(value, `${pointer}/${key}`);
        }
      }
    };
    walk(bundled, '#');
    expect(decisions).toEqual(expect.arrayContaining(['#/servers/0', '#/components/parameters/Cursor', '#/components/schemas/InvitationList/properties/cursor']));
  });
});
