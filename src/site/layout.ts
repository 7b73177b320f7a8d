// The frame every page of the site shares: a header with the API's title, version and "updated"
// date (all from the spec's `info`), links to the reference, the changelog and both spec
// downloads, and a Content-Security-Policy that forbids loading anything from another host.
import crypto from 'node:crypto';
import { escapeHtml } from '../pipeline/docs-page.js';

export const SITE_FILES = {
  reference: 'index.html',
  changelog: 'changelog.html',
  specYaml: 'openapi.yaml',
  specJson: 'openapi.json',
} as const;

export interface SiteInfo {
  title: string;
  version: string;
  updated: string | undefined;
}

export function siteInfo(bundled: Record<string, any>): SiteInfo {
  const info = bundled.info ?? {};
  return {
    title: String(info.title ?? 'API'),
    version: String(info.version ?? ''),
    updated: info['x-updated'] === undefined ? undefined : String(info['x-updated']),
  };
}

export const SYSTEM_FONTS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
export const MONO_FONTS = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";
export const HEADER_HEIGHT = 48;

const HEADER_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:${SYSTEM_FONTS};color:#1f2933}
.site-header{position:sticky;top:0;z-index:100;height:${HEADER_HEIGHT}px;display:flex;align-items:center;gap:20px;padding:0 20px;background:#18212b;color:#e4e7eb;font-size:14px;overflow-x:auto;white-space:nowrap}
.site-header a{color:#e4e7eb;text-decoration:none}
.site-header a:hover,.site-header a:focus{color:#fff;text-decoration:underline}
.site-title{font-weight:600;font-size:15px;color:#fff}
.site-meta{color:#9aa5b1}
.site-nav{display:flex;gap:16px;margin-left:auto}
.site-nav a[aria-current=page]{color:#fff;font-weight:600}
`;

function sha256(text: string): string {
  return `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Only this site's own files and inline scripts (by hash). Requests (`connect-src`) go to the
 * site's own host and, from the reference's Try it console, to the base URL the reader picks:
 * nothing is fetched from another host unless the reader sends a request there.
 */
export function contentSecurityPolicy(inlineScripts: string[]): string {
  return [
    "default-src 'none'",
    `script-src ${inlineScripts.length ? inlineScripts.map(sha256).join(' ') : "'none'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${inlineScripts.length ? "'self' http: https:" : "'self'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderHeader(info: SiteInfo, current: keyof typeof SITE_FILES): string {
  const link = (key: keyof typeof SITE_FILES, text: string, extra = '') =>
    `<a href="${SITE_FILES[key]}"${key === current ? ' aria-current="page"' : ''}${extra}>${text}</a>`;
  return `<header class="site-header">
<a class="site-title" href="${SITE_FILES.reference}">${escapeHtml(info.title)}</a>
<span class="site-meta" data-testid="site-version">v${escapeHtml(info.version)}</span>
${info.updated ? `<span class="site-meta" data-testid="site-updated">Updated ${escapeHtml(info.updated)}</span>` : ''}
<nav class="site-nav" aria-label="Site">
${link('reference', 'Reference')}
${link('changelog', 'Changelog')}
${link('specYaml', 'openapi.yaml', ' download data-testid="download-yaml"')}
${link('specJson', 'openapi.json', ' download data-testid="download-json"')}
</nav>
</header>`;
}

export function renderPage(options: { info: SiteInfo; current: keyof typeof SITE_FILES; title: string; css: string; body: string; inlineScripts?: string[] }): string {
  const scripts = options.inlineScripts ?? [];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(scripts))}">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(options.title)}</title>
<style>${HEADER_CSS}${options.css}</style>
</head>
<body>
${renderHeader(options.info, options.current)}
${options.body}
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
}
