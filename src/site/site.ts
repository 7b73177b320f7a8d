// The static docs site (dist/site/): the Redoc reference, the changelog, and the bundled spec
// for download. Every file is self-contained: copy the folder to any static host as it is.
import fs from 'node:fs/promises';
import path from 'node:path';
import { marked } from 'marked';
import { DIST_DIR, PROJECT_ROOT } from '../pipeline/paths.js';
import { REDOC_OPTIONS, redocStandaloneScript, scriptSafeJson } from '../pipeline/docs-page.js';
import { HEADER_HEIGHT, MONO_FONTS, SITE_FILES, SYSTEM_FONTS, renderPage, siteInfo, type SiteInfo } from './layout.js';

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

export const SITE_REDOC_OPTIONS = {
  ...REDOC_OPTIONS,
  // Every status open, so each error type and its description is on the page (and Ctrl+F finds it).
  expandResponses: 'all',
  scrollYOffset: '.site-header',
  downloadDefinitionUrl: SITE_FILES.specYaml,
  downloadFileName: SITE_FILES.specYaml,
  theme: {
    typography: {
      fontFamily: SYSTEM_FONTS,
      headings: { fontFamily: SYSTEM_FONTS },
      code: { fontFamily: MONO_FONTS },
    },
  },
} as const;

const REFERENCE_CSS = `
#redoc-container{min-height:calc(100vh - ${HEADER_HEIGHT}px)}
/* Long enum values (errors/invalid_credentials_but_valid_account_imap) wrap instead of pushing
   the enum description table under the right panel. */
#redoc-container td{overflow-wrap:anywhere}
/* Code samples wrap in the narrow right panel rather than hide their line ends. */
#redoc-container .react-tabs__tab-panel pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:12px}
`;

/** What the page says after each error type's description, from the spec's `x-retryable`. */
export const RETRY_ADVICE = {
  true: 'Retry advice: repeating the same request can succeed.',
  false: 'Retry advice: repeating the same request will not help.',
} as const;

/**
 * The spec as the reference page shows it: each error type's description followed by its retry
 * advice, so readers see what the client does. The downloads stay the bundled spec, byte for byte.
 */
export function withRetryAdvice(bundled: Record<string, any>): Record<string, any> {
  const shown = structuredClone(bundled);
  for (const schema of Object.values<any>(shown.components?.schemas ?? {})) {
    const type = schema?.properties?.type;
    const descriptions: Record<string, string> | undefined = type?.['x-enumDescriptions'];
    const retryable: Record<string, boolean> | undefined = type?.['x-retryable'];
    if (!descriptions || !retryable) continue;
    for (const [value, description] of Object.entries(descriptions)) {
      const advice = retryable[value];
      if (typeof advice === 'boolean') descriptions[value] = `${description} ${RETRY_ADVICE[`${advice}`]}`;
    }
  }
  return shown;
}

export async function renderReferencePage(bundled: Record<string, any>, info: SiteInfo = siteInfo(bundled)): Promise<string> {
  const init = `Redoc.init(${scriptSafeJson(withRetryAdvice(bundled))}, ${scriptSafeJson(SITE_REDOC_OPTIONS)}, document.getElementById('redoc-container'));`;
  return renderPage({
    info,
    current: 'reference',
    title: `${info.title} ${info.version} reference`,
    css: REFERENCE_CSS,
    body: '<main id="redoc-container"></main>',
    inlineScripts: [await redocStandaloneScript(), init],
  });
}

const CHANGELOG_CSS = `
.changelog{max-width:760px;margin:0 auto;padding:32px 20px 64px;line-height:1.6;font-size:16px}
.changelog h1{font-size:32px;margin:0 0 16px}
.changelog h2{font-size:22px;margin:40px 0 8px;padding-bottom:6px;border-bottom:1px solid #e4e7eb}
.changelog h3{font-size:18px;margin:24px 0 8px}
.changelog code{font-family:${MONO_FONTS};font-size:.9em;background:#f0f2f4;padding:1px 4px;border-radius:3px}
.changelog pre{background:#f0f2f4;padding:12px;overflow-x:auto;border-radius:4px}
.changelog pre code{background:none;padding:0}
.changelog a{color:#1d63b8}
`;

export function renderChangelogPage(markdown: string, info: SiteInfo): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return renderPage({
    info,
    current: 'changelog',
    title: `${info.title} changelog`,
    css: CHANGELOG_CSS,
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
