// The site as rendered in memory, without a browser: its files, the Content-Security-Policy that
// keeps every page to its own host, and the header values taken from the spec.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { redocStandaloneScript } from '../../src/pipeline/docs-page.js';
import { SITE_FILES } from '../../src/site/layout.js';
import { readChangelog, renderChangelogPage, renderSite } from '../../src/site/site.js';
import { siteInfo } from '../../src/site/layout.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const generated = (name: string) => fs.readFileSync(path.resolve(here, '../../generated', name), 'utf8');
const specYaml = generated('openapi.yaml');
const specJson = generated('openapi.json');
const bundled = JSON.parse(specJson);

let site: Map<string, string>;
beforeAll(async () => {
  site = await renderSite({ bundled, specYaml, specJson, changelogMarkdown: await readChangelog() });
});

const inlineScripts = (html: string) => [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
const csp = (html: string) => {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  return content?.replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
};

describe('dist/site files', () => {
  it('are the reference, the changelog and the two spec downloads, byte for byte generated/', () => {
    expect([...site.keys()].sort()).toEqual(['changelog.html', 'index.html', 'openapi.json', 'openapi.yaml']);
    expect(site.get(SITE_FILES.specYaml)).toBe(specYaml);
    expect(site.get(SITE_FILES.specJson)).toBe(specJson);
  });

  it('link both downloads and the changelog from every page', () => {
    for (const page of [SITE_FILES.reference, SITE_FILES.changelog]) {
      const html = site.get(page)!;
      for (const target of Object.values(SITE_FILES)) expect(html, `${page} -> ${target}`).toContain(`href="${target}"`);
    }
  });

  it('load nothing from another host: no remote src/href except plain links', () => {
    for (const page of [SITE_FILES.reference, SITE_FILES.changelog]) {
      const html = site.get(page)!;
      const remote = [...html.matchAll(/<(script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)="(https?:)?\/\/[^"]+"/gi)].map((m) => m[0]);
      expect(remote, page).toEqual([]);
      expect(html).not.toContain('cdn.redoc.ly');
      expect(html).not.toContain('fonts.googleapis');
    }
  });

  it('carry a CSP that allows exactly their own inline scripts, by hash', () => {
    for (const page of [SITE_FILES.reference, SITE_FILES.changelog]) {
      const html = site.get(page)!;
      const policy = csp(html)!;
      expect(policy, page).toMatch(/^default-src 'none'; /);
      const allowed = [...policy.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
      const hashes = inlineScripts(html).map((s) => crypto.createHash('sha256').update(s, 'utf8').digest('base64'));
      expect(allowed, page).toEqual(hashes);
      expect(policy).not.toContain('unsafe-eval');
      expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
    expect(inlineScripts(site.get(SITE_FILES.reference)!)).toHaveLength(1);
    expect(inlineScripts(site.get(SITE_FILES.changelog)!)).toHaveLength(0);
  });
});

describe('Redoc bundle as inlined in dist/docs', () => {
  it('has its remote sidebar logo replaced and no early </script>', async () => {
    const script = await redocStandaloneScript();
    expect(script).not.toContain('cdn.redoc.ly');
    expect(script).not.toMatch(/<\/script/i);
    expect(script.length).toBeGreaterThan(1_000_000);
  });
});

describe('header from the spec', () => {
  it('shows title, version and x-updated, and leaves out "updated" when the spec has none', () => {
    const withDate = renderChangelogPage('# Changelog\n', siteInfo(bundled));
    expect(withDate).toContain(`>${bundled.info.title}</a>`);
    expect(withDate).toContain(`>v${bundled.info.version}</span>`);
    expect(withDate).toContain(`>Updated ${bundled.info['x-updated']}</span>`);
    const { 'x-updated': _, ...info } = bundled.info;
    const withoutDate = renderChangelogPage('# Changelog\n', siteInfo({ ...bundled, info: { ...info, title: 'A <b>&' } }));
    expect(withoutDate).not.toContain('site-updated');
    expect(withoutDate).toContain('>A &lt;b&gt;&amp;</a>');
  });

  it('renders CHANGELOG.md headings and code', async () => {
    const changelog = await readChangelog();
    const html = site.get(SITE_FILES.changelog)!;
    const firstVersion = /^## (.+)$/m.exec(changelog)![1]!;
    expect(html).toContain(`<h2>${firstVersion}</h2>`);
    expect(html).toContain('<code>listSentInvitations</code>');
  });
});
