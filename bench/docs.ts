// npm run bench:docs [-- --loads 5 --redoc-loads 1 --sizes 1,500]: the docs site against today's
// page (Redoc with every response expanded, as the site was before), side by side in one run, on
// synthetic specs in the house style (test/pipeline/synthetic-spec.ts, the one bench:scale uses)
// of 1 and 500 operations, in Chromium:
//  - time from navigation to the first operation visible: its heading and its description (deep link);
//  - JS heap after a garbage collection, and DOM nodes, once it is visible;
//  - on the largest spec: a deep link to the last operation and to an error type, and a search
//    for an error type (they must work).
// Targets (exit 1 when one is missed): first operation on the largest spec within 2x its time on
// the one-operation spec (medians), heap at most 150 MB, the deep links and the search working.
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { REDOC_OPTIONS, renderDocsPage } from '../src/pipeline/docs-page.js';
import { bundleWithRedocly } from '../src/pipeline/redocly.js';
import { CHROMIUM_PATH, launchChromium } from '../src/site/chromium.js';
import { renderSite } from '../src/site/site.js';
import { errorTypes } from '../src/site/reference.js';
import { buildSpecModel } from '../src/spec/model.js';
import { startStaticServer, type StaticServer } from '../src/site/static-server.js';
import { writeSyntheticSpec } from '../test/pipeline/synthetic-spec.js';

const { values } = parseArgs({
  options: {
    loads: { type: 'string', default: '5' },
    'redoc-loads': { type: 'string', default: '1' },
    sizes: { type: 'string', default: '1,500' },
    'redoc-timeout': { type: 'string', default: '150' },
  },
});
const positive = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`bench:docs: --${name} must be a non-negative integer, got "${text}"`);
    process.exit(2);
  }
  return n;
};
const LOADS = Math.max(1, positive('loads', values.loads));
const REDOC_LOADS = positive('redoc-loads', values['redoc-loads']);
const REDOC_TIMEOUT_MS = positive('redoc-timeout', values['redoc-timeout']) * 1000;
const SIZES = values.sizes.split(',').map((s) => positive('sizes', s.trim()));
if (SIZES.length < 2 || SIZES[0] !== 1) {
  console.error('bench:docs: --sizes must start with 1 and name at least one larger size, e.g. 1,500');
  process.exit(2);
}
const TARGET_RATIO = 2;
const TARGET_HEAP_MB = 150;

const log = (line: string) => process.stderr.write(`${line}\n`);
const MB = 1024 * 1024;

interface Spec {
  size: number;
  document: Record<string, any>;
  first: { operationId: string; summary: string; tag: string; text: string };
  last: { operationId: string; summary: string };
  errorType: string;
  siteDir: string;
  redocDir: string;
}

async function prepare(work: string, size: number): Promise<Spec> {
  const tree = path.join(work, `spec-${size}`);
  const root = await writeSyntheticSpec(tree, size);
  const { document } = await bundleWithRedocly(root);
  const model = buildSpecModel(document);
  const [first, last] = [model.operations[0]!, model.operations[model.operations.length - 1]!];
  const siteDir = path.join(work, `site-${size}`);
  const redocDir = path.join(work, `redoc-${size}`);
  await fsp.mkdir(siteDir);
  await fsp.mkdir(redocDir);
  const json = JSON.stringify(document);
  const site = await renderSite({ bundled: document, specJson: json, specYaml: json, changelogMarkdown: '# Changelog\n' });
  for (const [name, text] of site) await fsp.writeFile(path.join(siteDir, name), text);
  // Today's page: Redoc with every status expanded, the site's options before this change.
  await fsp.writeFile(path.join(redocDir, 'index.html'), await renderDocsPage(document, { ...REDOC_OPTIONS, expandResponses: 'all' }));
  const types = errorTypes(model);
  return {
    size,
    document,
    first: { operationId: first.operationId, summary: first.summary, tag: first.tags[0] ?? '', text: String((document.paths as Record<string, any>)[first.path][first.method].description ?? first.summary).trim().split('\n')[0]!.split('`')[0]!.trim() },
    last: { operationId: last.operationId, summary: last.summary },
    errorType: types[types.length - 1]!.type,
    siteDir,
    redocDir,
  };
}

interface Load {
  ms: number;
  heapMB: number;
  nodes: number;
}

/**
 * ms from navigation start (the browser's clock) until the operation's heading is in the viewport
 * and its description is visible too; then heap (after GC) and DOM nodes.
 */
async function load(context: BrowserContext, url: string, target: { summary: string; text: string }, timeoutMs: number): Promise<Load> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Performance.enable');
  // Injected by the browser outside the page's CSP (which forbids eval, so waitForFunction).
  await page.addInitScript(`(() => {
    const summary = ${JSON.stringify(target.summary)}, response = ${JSON.stringify(target.text)};
    const visible = (el) => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0 && b.bottom > 0 && b.top < innerHeight && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }); };
    const check = () => {
      if (window.__operationVisibleAt !== undefined) return true;
      const heading = [...document.querySelectorAll('h2')].find((h) => (h.textContent || '').trim() === summary);
      if (!heading || !visible(heading)) return false;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let shown = false;
      for (let n = walker.nextNode(); n && !shown; n = walker.nextNode()) if (n.nodeValue && n.nodeValue.includes(response) && n.parentElement && visible(n.parentElement)) shown = true;
      if (!shown) return false;
      window.__operationVisibleAt = performance.now();
      return true;
    };
    const frame = () => { if (!check()) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  })();`);
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    const deadline = Date.now() + timeoutMs;
    let at: number | undefined;
    while ((at = (await page.evaluate('window.__operationVisibleAt').catch(() => undefined)) as number | undefined) === undefined) {
      if (Date.now() > deadline) throw new Error(`"${target.summary}" not visible after ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 25));
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    return { ms: at, heapMB: metric('JSHeapUsedSize') / MB, nodes: metric('Nodes') };
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
}

/** On the largest spec: deep links to the last operation and an error type, and a search for it. */
async function functional(page: Page, base: string, spec: Spec): Promise<string[]> {
  const missed: string[] = [];
  await page.goto(`${base}#operation/${spec.last.operationId}`);
  const last = page.locator(`section[id="operation/${spec.last.operationId}"][data-rendered] h2`);
  await last.waitFor({ timeout: 15_000 }).catch(() => missed.push(`deep link to the last operation ${spec.last.operationId}`));
  if (!missed.length && !(await last.isVisible())) missed.push(`${spec.last.operationId} not in view after its deep link`);
  await page.goto(`${base}#error/${spec.errorType}`);
  if (!(await page.locator(`tr[id="error/${spec.errorType}"]`).isVisible())) missed.push(`deep link to error type ${spec.errorType}`);
  await page.getByRole('searchbox').fill(spec.errorType);
  const found = page.getByRole('listbox').getByText(spec.errorType, { exact: true });
  await found.waitFor({ timeout: 5000 }).catch(() => missed.push(`search for error type ${spec.errorType}`));
  return missed;
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)]!;
const pad = (text: string, width: number) => text.padStart(width);

const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'postpress-bench-docs-'));
const servers: StaticServer[] = [];
let failed = false;
try {
  const specs: Spec[] = [];
  for (const size of SIZES) {
    log(`bench:docs: ${size}-operation synthetic spec: bundling and rendering the site and today's page`);
    specs.push(await prepare(work, size));
  }
  const browser = await launchChromium();
  const results = new Map<string, { site: Load[]; redoc: Load[]; redocError?: string }>();
  const functionalMisses: string[] = [];
  try {
    for (const spec of specs) {
      const [site, redoc] = await Promise.all([startStaticServer(spec.siteDir), startStaticServer(spec.redocDir)]);
      servers.push(site, redoc);
      const siteUrl = `${site.url}#operation/${spec.first.operationId}`;
      const redocUrl = `${redoc.url}#tag/${spec.first.tag}/operation/${spec.first.operationId}`;
      const entry: { site: Load[]; redoc: Load[]; redocError?: string } = { site: [], redoc: [] };
      results.set(String(spec.size), entry);
      await load(browser.context, siteUrl, spec.first, 30_000); // warm-up, not counted
      log(`bench:docs: ${spec.size} operations: ${LOADS} loads of the site, ${REDOC_LOADS} of today's page (Chromium ${CHROMIUM_PATH}, cache disabled)`);
      for (let i = 0; i < Math.max(LOADS, REDOC_LOADS); i++) {
        if (i < LOADS) {
          entry.site.push(await load(browser.context, siteUrl, spec.first, 30_000));
          log(`  site  load ${i + 1}: ${entry.site[i]!.ms.toFixed(0)} ms, heap ${entry.site[i]!.heapMB.toFixed(1)} MB, ${entry.site[i]!.nodes} nodes`);
        }
        if (i < REDOC_LOADS && entry.redocError === undefined) {
          try {
            entry.redoc.push(await load(browser.context, redocUrl, spec.first, REDOC_TIMEOUT_MS));
            const r = entry.redoc[entry.redoc.length - 1]!;
            log(`  redoc load ${i + 1}: ${r.ms.toFixed(0)} ms, heap ${r.heapMB.toFixed(1)} MB, ${r.nodes} nodes`);
          } catch (error) {
            entry.redocError = (error as Error).message;
            log(`  redoc: ${entry.redocError}`);
          }
        }
      }
      if (spec === specs[specs.length - 1]) {
        const page = await browser.context.newPage();
        functionalMisses.push(...(await functional(page, site.url, spec)));
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }

  const small = results.get(String(SIZES[0]))!;
  const lines = ['', 'docs bench: navigation -> first operation visible, heading and description (deep link), Chromium headless, 127.0.0.1', ''];
  lines.push(`${'operations'.padEnd(12)}${pad('site median', 13)}${pad('vs 1 op', 9)}${pad('heap MB', 9)}${pad('nodes', 8)} |${pad('today median', 14)}${pad('vs 1 op', 9)}${pad('heap MB', 9)}${pad('nodes', 9)}${pad('today/site', 12)}`);
  const verdicts: string[] = [];
  for (const size of SIZES) {
    const r = results.get(String(size))!;
    const siteMs = median(r.site.map((l) => l.ms));
    const siteHeap = Math.max(...r.site.map((l) => l.heapMB));
    const siteNodes = Math.max(...r.site.map((l) => l.nodes));
    const ratio = siteMs / median(small.site.map((l) => l.ms));
    const redocMs = r.redoc.length ? median(r.redoc.map((l) => l.ms)) : NaN;
    const redocSmall = small.redoc.length ? median(small.redoc.map((l) => l.ms)) : NaN;
    const redocCell = r.redocError ? pad(`> ${REDOC_TIMEOUT_MS / 1000} s`, 14) : pad(Number.isNaN(redocMs) ? '-' : `${redocMs.toFixed(0)} ms`, 14);
    lines.push(
      `${String(size).padEnd(12)}${pad(`${siteMs.toFixed(0)} ms`, 13)}${pad(`${ratio.toFixed(2)}x`, 9)}${pad(siteHeap.toFixed(1), 9)}${pad(String(siteNodes), 8)} |${redocCell}${pad(Number.isNaN(redocMs) ? '-' : `${(redocMs / redocSmall).toFixed(2)}x`, 9)}${pad(r.redoc.length ? Math.max(...r.redoc.map((l) => l.heapMB)).toFixed(1) : '-', 9)}${pad(r.redoc.length ? String(Math.max(...r.redoc.map((l) => l.nodes))) : '-', 9)}${pad(Number.isNaN(redocMs) ? '-' : `${(redocMs / siteMs).toFixed(1)}x`, 12)}`,
    );
    if (size !== SIZES[0]) {
      if (ratio > TARGET_RATIO) verdicts.push(`MISSED: ${size} operations took ${ratio.toFixed(2)}x the one-operation time (target <= ${TARGET_RATIO}x)`);
      else verdicts.push(`met: ${size} operations in ${ratio.toFixed(2)}x the one-operation time (target <= ${TARGET_RATIO}x)`);
    }
    if (siteHeap > TARGET_HEAP_MB) verdicts.push(`MISSED: ${size} operations used ${siteHeap.toFixed(1)} MB of heap (target <= ${TARGET_HEAP_MB} MB)`);
    else verdicts.push(`met: ${size} operations used ${siteHeap.toFixed(1)} MB of heap (target <= ${TARGET_HEAP_MB} MB)`);
  }
  for (const miss of functionalMisses) verdicts.push(`MISSED: ${miss}`);
  if (functionalMisses.length === 0) verdicts.push(`met: on ${SIZES[SIZES.length - 1]} operations, deep links to the last operation and to an error type work, and search finds the error type`);
  lines.push('', `machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end (timings scale with it; the ratios are measured in one run)`);
  lines.push('heap: JSHeapUsedSize after a forced GC once the operation is visible; nodes: DOM nodes (CDP Performance.getMetrics)', ...verdicts);
  console.log(lines.join('\n'));
  failed = verdicts.some((v) => v.startsWith('MISSED'));
} finally {
  await Promise.all(servers.map((s) => s.close()));
  await fsp.rm(work, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
