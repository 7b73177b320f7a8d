// The static docs site (dist/site/): the reference, the changelog, and the bundled spec
// for download. Every file is self-contained: copy the folder to any static host as it is.
import fs from 'node:fs/promises';
import path from 'node:path';
import { marked } from 'marked';
import { DIST_DIR, PROJECT_ROOT } from '../pipeline/paths.js';
import { gzipSync } from 'node:zlib';
import { MONO_FONTS, SITE_FILES, renderPage, siteInfo, type SiteInfo } from './layout.js';
import { referenceScript } from './browser-bundle.js';
import { renderReference } from './reference.js';
import { REFERENCE_CSS, THEME_CSS } from './theme.js';

export { RETRY_ADVICE } from './schema-html.js';

export const SITE_DIR = path.join(DIST_DIR, 'site');
export const CHANGELOG = path.join(PROJECT_ROOT, 'CHANGELOG.md');

export function readChangelog(file = CHANGELOG): Promise<string> {
  return fs.readFile(file, 'utf8');
}

export interface SiteInput {
  /** The bundled spec, code samples injected. */
  bundled: Record<string, any>;
  /** The exact texts of generated/openapi.yaml and generated/openapi.json. */
  specYaml: string;
  specJson: string;
  changelogMarkdown: string;
}

/**
 * The operations' bodies as gzip in base64: HTML repeats itself (tables, field rows), so a
 * 500-operation spec's 5 MB of bodies ship as ~0.2 MB; the page inflates them with the browser's
 * DecompressionStream, without any request.
 */
export function packReferenceData(data: unknown): string {
  return gzipSync(JSON.stringify(data), { level: 9 }).toString('base64');
}

/**
 * The reference page: the static shell (intro, sidebar, one heading per operation, the error type
 * catalog), each operation's body in a JSON data block, and the script that puts bodies in place
 * as they near the viewport (src/site/client/). No other host is ever contacted.
 */
export async function renderReferencePage(bundled: Record<string, any>, info: SiteInfo = siteInfo(bundled)): Promise<string> {
  const { body, data } = renderReference(bundled);
  return renderPage({
    info,
    current: 'reference',
    title: `${info.title} ${info.version} reference`,
    css: `${THEME_CSS}${REFERENCE_CSS}`,
    body: `${body}\n<script type="application/gzip" id="docs-data" data-encoding="base64">${packReferenceData(data)}</script>`,
    inlineScripts: [await referenceScript()],
  });
}

const CHANGELOG_CSS = `
.changelog{max-width:760px;margin:0 auto;padding:32px 20px 64px;line-height:1.6;font-size:16px}
.changelog h1{font-size:32px;margin:0 0 16px}
.changelog h2{font-size:22px;margin:40px 0 8px;padding-bottom:6px;border-bottom:1px solid var(--border)}
.changelog h3{font-size:18px;margin:24px 0 8px}
.changelog code{font-family:${MONO_FONTS};font-size:.9em}
.changelog pre{background:var(--inline-code-bg);padding:12px;overflow-x:auto;border-radius:4px}
.changelog pre code{background:none;padding:0}
`;

export function renderChangelogPage(markdown: string, info: SiteInfo): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return renderPage({
    info,
    current: 'changelog',
    title: `${info.title} changelog`,
    css: `${THEME_CSS}${CHANGELOG_CSS}`,
    body: `<main class="changelog">\n${html}</main>`,
  });
}

/** dist/site/: file name -> content. */
export async function renderSite(input: SiteInput): Promise<Map<string, string>> {
  const info = siteInfo(input.bundled);
  return new Map([
    [SITE_FILES.reference, await renderReferencePage(input.bundled, info)],
    [SITE_FILES.changelog, renderChangelogPage(input.changelogMarkdown, info)],
    [SITE_FILES.specYaml, input.specYaml],
    [SITE_FILES.specJson, input.specJson],
  ]);
}
