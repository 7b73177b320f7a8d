// npm run bench:docs [-- --loads 10]: the docs site against a plain `redocly build-docs` page of
// the same spec, side by side in one run:
//  - time from navigation to the operation being visible, in Chromium, over N loads each
//    (alternating, cache disabled, other hosts blocked and counted);
//  - total bytes, with the budget: site <= plain page + code samples + spec downloads.
// Exit code 1 when the site is over that byte budget.
import { execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import type { BrowserContext } from 'playwright-core';
import { PROJECT_ROOT, SPEC_ROOT } from '../src/pipeline/paths.js';
import { CHROMIUM_PATH, launchChromium } from '../src/site/chromium.js';
import { loadCodeSamples } from '../src/site/code-samples.js';
import { ensureSiteBuilt } from '../src/site/ensure-built.js';
import { SITE_FILES } from '../src/site/layout.js';
import { SITE_DIR } from '../src/site/site.js';
import { startStaticServer } from '../src/site/static-server.js';

const { values } = parseArgs({ options: { loads: { type: 'string', default: '10' } } });
const LOADS = Number(values.loads);
if (!Number.isInteger(LOADS) || LOADS < 1) throw new Error(`--loads must be a positive integer, got "${values.loads}"`);

const log = (line: string) => process.stderr.write(`${line}\n`);
const require = createRequire(import.meta.url);
const bundled = JSON.parse(await fsp.readFile(path.join(PROJECT_ROOT, 'generated/openapi.json'), 'utf8'));
const operation = Object.values<any>(bundled.paths)[0].get;
// Each page is opened at its own deep link to the operation, as a reader following a link would:
// Redoc 3 (the plain page) keeps tags collapsed on the landing page.
const DEEP_LINK = {
  site: `#tag/${operation.tags[0]}/operation/${operation.operationId}`,
  plain: `#/${operation.tags[0].toLowerCase()}/${operation.operationId.toLowerCase()}`,
};

/** `redocly build-docs` of the hand-written spec with default options, its banner kept out of sight. */
async function buildPlainPage(outDir: string): Promise<string> {
  const output = path.join(outDir, 'index.html');
  const cli = require.resolve('@redocly/cli/bin/cli.js');
  // Run from an empty folder so redocly.yaml (our lint config) is not picked up: the plain page.
  const child = spawn(process.execPath, [cli, 'build-docs', SPEC_ROOT, '--output', output], {
    cwd: outDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', NO_COLOR: '1' },
  });
  let chatter = '';
  child.stdout.on('data', (c) => (chatter += c));
  child.stderr.on('data', (c) => (chatter += c));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0 || !fs.existsSync(output)) throw new Error(`redocly build-docs failed (exit ${code}):\n${chatter}`);
  return output;
}

interface RemoteAsset {
  url: string;
  file: string;
  bytes: number;
}

/**
 * The plain page loads Redoc from cdn.redocly.com (`<script type="module">` with an SRI hash).
 * Offline, the bench takes the same file from the npm package of that version (`npm pack`,
 * cached in node_modules/.cache) and checks it against the page's sha384 integrity hash, so its
 * bytes count and the page can render; every request to another host is still counted.
 */
async function plainPageAssets(html: string): Promise<RemoteAsset[]> {
  const assets: RemoteAsset[] = [];
  const cdn = /<link rel="modulepreload" href="(https:\/\/cdn\.redocly\.com\/redoc\/v(\d+\.\d+\.\d+)\/bundles\/redoc\.standalone\.js)" integrity="(sha384-[^"]+)"/.exec(html);
  if (!cdn) throw new Error('the plain page no longer loads Redoc from cdn.redocly.com as expected; update bench/docs.ts');
  const [, url, version, integrity] = cdn as unknown as [string, string, string, string];
  const cache = path.join(PROJECT_ROOT, 'node_modules/.cache/postpress-bench-docs');
  const file = path.join(cache, `redoc-${version}.standalone.js`);
  if (!fs.existsSync(file)) {
    log(`bench:docs: fetching redoc@${version} with npm pack (the plain page's CDN script)`);
    const unpack = path.join(cache, `redoc-${version}`);
    await fsp.mkdir(unpack, { recursive: true });
    const { stdout } = await promisify(execFile)('npm', ['pack', `redoc@${version}`, '--silent', '--pack-destination', unpack], { cwd: cache });
    await promisify(execFile)('tar', ['xzf', path.join(unpack, stdout.trim().split('\n').pop()!), '-C', unpack, 'package/bundles/redoc.standalone.js']);
    await fsp.rename(path.join(unpack, 'package/bundles/redoc.standalone.js'), file);
    await fsp.rm(unpack, { recursive: true, force: true });
  }
  const body = await fsp.readFile(file);
  const actual = `sha384-${crypto.createHash('sha384').update(body).digest('base64')}`;
  if (actual !== integrity) throw new Error(`redoc@${version} from npm (${actual}) is not the file the page expects (${integrity})`);
  assets.push({ url, file, bytes: body.length });
  return assets;
}

async function folderBytes(dir: string): Promise<Array<{ name: string; raw: number; gzip: number }>> {
  const files = (await fsp.readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  return Promise.all(
    files.map(async (e) => {
      const body = await fsp.readFile(path.join(e.parentPath, e.name));
      return { name: path.relative(dir, path.join(e.parentPath, e.name)), raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    }),
  ).then((list) => list.sort((a, b) => a.name.localeCompare(b.name)));
}

/** ms from navigation start (the browser's clock) until the operation heading is visible. */
async function timeToOperation(context: BrowserContext, url: string, blocked: string[], stand_ins: RemoteAsset[] = []): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const { origin } = new URL(url);
  // An init script is injected by the browser, outside the page's CSP (which forbids eval and so
  // Playwright's waitForFunction): it stamps the first moment the heading is visible.
  // (A string, not a function: tsx would wrap a function with helpers the page does not have.)
  await page.addInitScript(`(() => {
    const summary = ${JSON.stringify(operation.summary)};
    const check = () => {
      if (window.__operationVisibleAt !== undefined) return true;
      const heading = [...document.querySelectorAll('h2')].find((h) => (h.textContent || '').trim() === summary);
      const box = heading && heading.getBoundingClientRect();
      if (!box || box.width === 0 || box.height === 0 || box.bottom <= 0 || box.top >= innerHeight) return false;
      if (!heading.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
      window.__operationVisibleAt = performance.now();
      observer.disconnect();
      return true;
    };
    // DOM changes (client-side rendering) and every frame (server-rendered HTML whose styles arrive later).
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
    const frame = () => { if (!check()) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  })();`);
  await page.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(`${origin}/`)) return route.continue();
    blocked.push(target);
    const standIn = stand_ins.find((a) => a.url === target);
    if (standIn) return route.fulfill({ path: standIn.file, contentType: 'text/javascript', headers: { 'access-control-allow-origin': '*' } });
    return route.abort('blockedbyclient');
  });
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const at = (await page.evaluate('window.__operationVisibleAt')) as number | undefined;
      if (at !== undefined) return at;
      if (Date.now() > deadline) throw new Error(`${url}: "${operation.summary}" not visible after 30 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { median: at(0.5), p90: at(0.9), min: s[0]!, max: s[s.length - 1]!, first: ms[0]! };
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const pad = (text: string, width: number) => text.padStart(width);

const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'postpress-bench-docs-'));
try {
  await ensureSiteBuilt(log);
  log('bench:docs: building the plain `redocly build-docs` page of openapi/openapi.yaml');
  const plainDir = path.join(work, 'plain');
  await fsp.mkdir(plainDir);
  const plainHtml = await fsp.readFile(await buildPlainPage(plainDir), 'utf8');
  const remote = await plainPageAssets(plainHtml);

  const [siteServer, plainServer] = await Promise.all([startStaticServer(SITE_DIR), startStaticServer(plainDir)]);
  const browser = await launchChromium();
  const times = { site: [] as number[], plain: [] as number[] };
  const blocked = { site: [] as string[], plain: [] as string[] };
  try {
    log(`bench:docs: ${LOADS} loads of each page in Chromium (${CHROMIUM_PATH}), alternating, cache disabled`);
    await timeToOperation(browser.context, siteServer.url + DEEP_LINK.site, []); // warm the browser process, not measured
    for (let i = 0; i < LOADS; i++) {
      times.site.push(await timeToOperation(browser.context, siteServer.url + DEEP_LINK.site, blocked.site));
      times.plain.push(await timeToOperation(browser.context, plainServer.url + DEEP_LINK.plain, blocked.plain, remote));
      log(`  load ${String(i + 1).padStart(2)}/${LOADS}: site ${times.site[i]!.toFixed(0)} ms, plain ${times.plain[i]!.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    await Promise.all([siteServer.close(), plainServer.close()]);
  }

  const site = await folderBytes(SITE_DIR);
  const plain = [...(await folderBytes(plainDir)), ...remote.map((a) => {
    const body = fs.readFileSync(a.file);
    return { name: `${new URL(a.url).host}/…/${path.basename(a.url)}`, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  })];
  const { samples } = await loadCodeSamples();
  const sampleBytes = [...samples.values()].flatMap((m) => [...m.values()]).reduce((n, s) => n + Buffer.byteLength(s.source), 0);
  const downloads = site.filter((f) => f.name === SITE_FILES.specYaml || f.name === SITE_FILES.specJson);
  const sum = (list: Array<{ raw: number; gzip: number }>, key: 'raw' | 'gzip') => list.reduce((n, f) => n + f[key], 0);
  const siteTotal = sum(site, 'raw');
  const plainTotal = sum(plain, 'raw');
  const allowance = plainTotal + sampleBytes + sum(downloads, 'raw');

  const s = stats(times.site);
  const p = stats(times.plain);
  const lines = [
    '',
    `docs bench: navigation -> "${operation.summary}" heading visible in the viewport, ${LOADS} loads each (deep link to the operation), Chromium headless, 127.0.0.1`,
    `${''.padEnd(22)}${pad('dist/site', 12)}${pad('plain page', 12)}${pad('site/plain', 12)}`,
    ...(['median', 'p90', 'min', 'max', 'first'] as const).map(
      (k) => `${`  ${k}`.padEnd(22)}${pad(`${s[k].toFixed(0)} ms`, 12)}${pad(`${p[k].toFixed(0)} ms`, 12)}${pad(`${(s[k] / p[k]).toFixed(2)}x`, 12)}`,
    ),
    `${'  other-host requests'.padEnd(22)}${pad(String(blocked.site.length), 12)}${pad(String(blocked.plain.length), 12)}   over ${LOADS} loads; plain: ${[...new Set(blocked.plain.map((u) => new URL(u).host))].join(', ') || 'none'}`,
    `${''.padEnd(22)}(the plain page's Redoc script is served from npm's byte-identical copy, anything else is blocked)`,
    '',
    'bytes (raw / gzip -9)',
    ...site.map((f) => `  site  ${f.name.padEnd(44)}${pad(f.raw.toLocaleString('en'), 12)}${pad(f.gzip.toLocaleString('en'), 12)}`),
    `  site  ${'total'.padEnd(44)}${pad(siteTotal.toLocaleString('en'), 12)}${pad(sum(site, 'gzip').toLocaleString('en'), 12)}`,
    ...plain.map((f) => `  plain ${f.name.padEnd(44)}${pad(f.raw.toLocaleString('en'), 12)}${pad(f.gzip.toLocaleString('en'), 12)}`),
    `  site/plain total: ${(siteTotal / plainTotal).toFixed(3)}x raw, ${(sum(site, 'gzip') / sum(plain, 'gzip')).toFixed(3)}x gzip`,
    '',
    `budget: site <= plain page ${plainTotal.toLocaleString('en')} + code samples ${sampleBytes.toLocaleString('en')} + downloads ${sum(downloads, 'raw').toLocaleString('en')} = ${allowance.toLocaleString('en')} bytes`,
    siteTotal <= allowance
      ? `  within budget: ${siteTotal.toLocaleString('en')} bytes, ${kb(allowance - siteTotal)} to spare`
      : `  OVER budget by ${kb(siteTotal - allowance)} (${siteTotal.toLocaleString('en')} bytes)`,
  ];
  console.log(lines.join('\n'));
  if (siteTotal > allowance) process.exitCode = 1;
} finally {
  await fsp.rm(work, { recursive: true, force: true });
}
