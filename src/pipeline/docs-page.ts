// The Redoc reference page: the bundled spec and Redoc's standalone script inlined in one HTML
// file, so it opens from disk or any static host and requests nothing from any other host.
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const REDOC_OPTIONS = {
  expandResponses: '200',
  jsonSampleExpandLevel: 'all',
  hideDownloadButton: false,
  requiredPropsFirst: true,
  sortPropsAlphabetically: false,
  expandSingleSchemaField: true,
  schemaExpansionLevel: 2,
  pathInMiddlePanel: true,
  hideHostname: false,
  disableSearch: false,
} as const;

/** Makes JSON safe to put inside a <script> element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Redoc's sidebar footer loads its logo from cdn.redoc.ly: the only request Redoc makes to
// another host. It is swapped for an empty inline image (the "API docs by Redocly" link stays).
const REDOC_REMOTE_LOGO = '"https://cdn.redoc.ly/redoc/logo-mini.svg"';
const EMPTY_IMAGE = '"data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 width=%270%27 height=%270%27/%3E"';

// Read and patched once per process: the docs page and the site's reference page both inline it,
// on every run (and every save in watch mode).
let redocScript: Promise<string> | undefined;

export function redocStandaloneScript(): Promise<string> {
  redocScript ??= fs.readFile(require.resolve('redoc/bundles/redoc.standalone.js'), 'utf8').then((script) => {
    if (script.split(REDOC_REMOTE_LOGO).length !== 2) {
      throw new Error(`redoc.standalone.js: expected the remote logo ${REDOC_REMOTE_LOGO} exactly once; check the Redoc upgrade for requests to other hosts`);
    }
    // A literal "</script" inside the inlined bundle would end the element early.
    return script.replace(REDOC_REMOTE_LOGO, EMPTY_IMAGE).replace(/<\/script/gi, '<\\/script');
  });
  return redocScript;
}

export async function renderDocsPage(bundled: Record<string, any>, options: Record<string, unknown> = REDOC_OPTIONS): Promise<string> {
  const info = bundled.info ?? {};
  const title = `${info.title ?? 'API'} ${info.version ?? ''}`.trim();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} reference</title>
<style>body{margin:0;padding:0}</style>
</head>
<body>
<div id="redoc-container"></div>
<script>${await redocStandaloneScript()}</script>
<script>Redoc.init(${scriptSafeJson(bundled)}, ${scriptSafeJson(options)}, document.getElementById('redoc-container'));</script>
</body>
</html>
`;
}
