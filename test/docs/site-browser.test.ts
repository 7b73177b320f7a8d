// The published docs site in a real browser: Debian's Chromium, driven by playwright-core, loads
// dist/site/ from a static server on 127.0.0.1 and checks what a reader must find there, for every
// operation of the operation table (not one chosen operation). One browser launch for the file.
// dist/site/ comes from `npm run build`; when it is missing or built from another spec than
// generated/openapi.json, it is rendered again from generated/ first.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConsoleMessage, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, errorSets } from '../../generated/operations.js';
import { CHROMIUM_INSTALL_HINT, CHROMIUM_PATH, chromiumAvailable, launchChromium, type Chromium } from '../../src/site/chromium.js';
import { RETRY_ADVICE, SITE_DIR, readChangelog } from '../../src/site/site.js';
import { SITE_FILES } from '../../src/site/layout.js';
import { startStaticServer, type StaticServer } from '../../src/site/static-server.js';
import { ensureSiteBuilt } from '../../src/site/ensure-built.js';
import { DIST_DIR, GENERATED_DIR } from '../../src/pipeline/paths.js';
import { getPointer } from '../../src/spec/pointer.js';

export const SCREENSHOTS = { light: path.join(DIST_DIR, 'site-light.png'), dark: path.join(DIST_DIR, 'site-dark.png'), top: path.join(DIST_DIR, 'site-top.png') };

const specJson = fs.readFileSync(path.join(GENERATED_DIR, SITE_FILES.specJson), 'utf8');
const bundled = JSON.parse(specJson);
const table = Object.values(operations);
const deref = (node: any): any => (node?.$ref ? deref(getPointer(bundled, node.$ref)) : node);
const rawOperation = (op: (typeof table)[number]) => bundled.paths[op.path][op.method];
const errorTypes = Object.values<any>(errorSets).flatMap((set) => Object.entries<any>(set.types).map(([type, info]) => ({ type, status: set.status, ...info })));

/** The text a reader sees for a Markdown snippet: no backticks, single spaces. */
const plain = (markdown: string) => markdown.replace(/`/g, '').replace(/\*/g, '').replace(/\s+/g, ' ').trim();
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

function limitsOf(schema: any): string[] {
  const shown: string[] = [];
  if (schema.minLength !== undefined && schema.maxLength !== undefined) shown.push(`[ ${schema.minLength} .. ${schema.maxLength} ] characters`);
  if (schema.minimum !== undefined && schema.maximum !== undefined) shown.push(`[ ${schema.minimum} .. ${schema.maximum} ]`);
  if (schema.default !== undefined) shown.push(`Default: ${schema.default}`);
  return shown;
}

function leafEntries(value: unknown, key?: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => leafEntries(v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leafEntries(v, k));
  return key === undefined ? [] : [`"${key}": ${JSON.stringify(value)}`];
}

/** WCAG contrast ratio of two computed `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/[\d.]+/g)!.slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const inCi = process.env.CI === 'true';
const skip = !chromiumAvailable() && !inCi;
if (skip) console.warn(`docs site browser test skipped: no Chromium at ${CHROMIUM_PATH}. Install it with: ${CHROMIUM_INSTALL_HINT}`);

describe.skipIf(skip)(`docs site in Chromium${skip ? ` (skipped: no Chromium; install with: ${CHROMIUM_INSTALL_HINT})` : ''}`, () => {
  let server: StaticServer;
  let browser: Chromium;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    await ensureSiteBuilt();
    server = await startStaticServer(SITE_DIR);
    browser = await launchChromium();
    browser.context.on('request', (r: Request) => requests.push(r.url()));
    browser.context.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') consoleErrors.push(`${m.page()?.url() ?? 'worker'}: ${m.text()}`);
    });
    browser.context.on('weberror', (e) => consoleErrors.push(`uncaught: ${e.error().message}`));
    page = await browser.context.newPage();
    await page.goto(server.url);
    await page.locator('html[data-reference-ready]').waitFor({ state: 'attached' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const section = (operationId: string) => page.locator(`section[id="operation/${operationId}"]`);
  const open = async (hash: string) => {
    await page.goto(`${server.url}#${hash}`);
    await page.locator('html[data-reference-ready]').waitFor({ state: 'attached' });
  };

  it('shows the title, version and updated date from the spec, and the intro says each thing once', async () => {
    await open('intro');
    expect(await page.title()).toBe(`${bundled.info.title} ${bundled.info.version} reference`);
    expect(squash(await page.locator('#intro h1').innerText())).toBe(`${bundled.info.title} ${bundled.info.version}`);
    expect(await page.getByTestId('site-version').innerText()).toBe(`v${bundled.info.version}`);
    expect(await page.getByTestId('site-updated').innerText()).toBe(`Updated ${bundled.info['x-updated']}`);
    const sentences = squash(await page.locator('#intro').innerText()).split(/(?<=\.)\s+/).map((s) => s.toLowerCase().replace(/[^a-z ]/g, ''));
    const repeated = sentences.filter((s, i) => s.length > 20 && sentences.findIndex((t) => t.includes(s) || s.includes(t)) !== i);
    expect(repeated).toEqual([]);
  });

  it('the first screen has no empty code panel: panels sit beside their operation only', async () => {
    await page.goto(server.url);
    await page.locator('html[data-reference-ready]').waitFor({ state: 'attached' });
    await page.screenshot({ path: SCREENSHOTS.top });
    const introBottom = await page.locator('#intro').evaluate((e) => e.getBoundingClientRect().bottom);
    const panels = await page.locator('.op-panel').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    expect(panels.length).toBeGreaterThan(0);
    for (const top of panels) expect(top).toBeGreaterThan(introBottom);
  });

  for (const op of table) {
    describe(`${op.method.toUpperCase()} ${op.path} (${op.operationId})`, () => {
      const raw = rawOperation(op);

      it('opens at its deep link, with its heading, method, path and description', async () => {
        await open(`operation/${op.operationId}`);
        const heading = section(op.operationId).locator('h2');
        expect(await heading.isVisible()).toBe(true);
        expect(await heading.innerText()).toBe(op.summary);
        const box = await heading.boundingBox();
        expect(box!.y).toBeLessThan(200); // scrolled to it
        expect(squash(await section(op.operationId).locator('.endpoint').innerText())).toBe(`${op.method.toUpperCase()} ${op.path}`);
        expect(await section(op.operationId).getByText(plain(raw.description.split('\n')[0]), { exact: true }).isVisible()).toBe(true);
        // Redoc's deep links still land on it.
        await open(`tag/${encodeURIComponent(raw.tags?.[0] ?? 'x')}/operation/${op.operationId}`);
        expect(page.url()).toContain(`#operation/${op.operationId}`);
        expect((await heading.boundingBox())!.y).toBeLessThan(200);
      });

      it('shows each parameter with its limits and whether it is required', async () => {
        for (const param of op.parameters) {
          const row = section(op.operationId).locator(`table[data-in="${param.in}"] tr:has(> td[data-field="${param.name}"])`);
          expect(await row.isVisible(), param.name).toBe(true);
          const text = squash(await row.innerText());
          for (const limit of limitsOf(param.schema)) expect(text, param.name).toContain(limit);
          expect(text.includes('required'), `${param.name} required`).toBe(param.required);
        }
      });

      it('shows every documented status with its description, and every error type with its meaning and retry advice', async () => {
        let types = 0;
        for (const status of Object.keys(op.responses)) {
          const response = deref(raw.responses[status]);
          const block = section(op.operationId).locator(`details[data-status="${status}"]`);
          expect(await block.isVisible(), status).toBe(true);
          expect(await block.getAttribute('open'), `${status} is open`).not.toBeNull();
          expect(squash(await block.locator(':scope > summary').innerText())).toBe(`${status} ${plain(response.description.trim().split('\n')[0])}`);
          const set = (errorSets as Record<string, any>)[(op.errors as Record<string, string>)[status] ?? ''];
          for (const [type, info] of Object.entries<any>(set?.types ?? {})) {
            const row = block.locator(`.enum-table tr:has(code:text-is("${type}"))`);
            expect(await row.count(), `${status} ${type}`).toBe(1);
            expect(squash(await row.locator('td').nth(1).innerText())).toBe(`${plain(info.description)} ${RETRY_ADVICE[`${info.retryable as boolean}`]}`);
            types++;
          }
        }
        expect(types).toBe(Object.values(op.errors).reduce((n, id) => n + Object.keys((errorSets as Record<string, any>)[id].types).length, 0));
      });

      it('shows a response sample per status (the spec examples, every value) and each code sample', async () => {
        const tabs = section(op.operationId).getByRole('tablist', { name: 'Response samples' });
        for (const [status] of Object.entries<{ bodiless: boolean }>(op.responses).filter(([, r]) => !r.bodiless)) {
          const tab = tabs.getByRole('tab', { name: status, exact: true });
          await tab.click();
          expect(await tab.getAttribute('aria-selected')).toBe('true');
          const panel = section(op.operationId).locator(`.panel-block:has([aria-label="Response samples"]) [role="tabpanel"]:visible`);
          const media = deref(raw.responses[status]).content?.['application/json'];
          const example = media?.examples ? deref(Object.values<any>(media.examples)[0]).value : media?.example;
          if (example !== undefined) for (const entry of leafEntries(example)) expect(squash(await panel.innerText()), `${status} ${entry}`).toContain(entry);
        }
        const samples: Array<{ lang: string; label?: string; source: string }> = raw['x-codeSamples'] ?? [];
        const codeTabs = section(op.operationId).getByRole('tablist', { name: 'Request samples' });
        for (const sample of samples) {
          const tab = codeTabs.getByRole('tab', { name: sample.label ?? sample.lang, exact: true });
          await tab.click();
          const code = section(op.operationId).locator('.panel-block:has([aria-label="Request samples"]) [role="tabpanel"]:visible pre');
          expect((await code.innerText()).trim()).toBe(sample.source.trim());
        }
      });
    });
  }

  it('error type names never break inside a word (each is one line, within its column)', async () => {
    await open(`operation/${table[0]!.operationId}`);
    const codes = section(table[0]!.operationId).locator('.enum-table .enum-value code');
    expect(await codes.count()).toBe(Object.values(table[0]!.errors).reduce((n, id) => n + Object.keys((errorSets as Record<string, any>)[id].types).length, 0));
    const boxes = await codes.evaluateAll((els) =>
      els.map((e) => ({ text: e.textContent, lines: e.getClientRects().length, height: e.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(e).fontSize) * 1.6, overflows: e.getBoundingClientRect().right > (e.closest('.op-main') as Element).getBoundingClientRect().right + 1 })),
    );
    for (const box of boxes) {
      expect(box.lines, box.text!).toBe(1);
      expect(box.height, box.text!).toBeLessThan(box.lineHeight);
      expect(box.overflows, `${box.text} stays inside its column`).toBe(false);
    }
  });

  it('links every error type to its catalog entry, and deep links to each error type work', async () => {
    for (const { type, status, description } of errorTypes) {
      await open(`error/${type}`);
      const row = page.locator(`tr[id="error/${type}"]`);
      expect(await row.isVisible(), type).toBe(true);
      const box = (await row.boundingBox())!;
      expect(box.y, `${type} below the header`).toBeGreaterThanOrEqual(48);
      expect(box.y + box.height, `${type} scrolled into view`).toBeLessThanOrEqual(page.viewportSize()!.height);
      expect(squash(await row.innerText())).toContain(`${type} ${status} ${plain(description)}`);
    }
  });

  it('search finds operations and error types, and a result leads there', async () => {
    await open('intro');
    const search = page.getByRole('searchbox', { name: 'Search the reference' });
    const results = page.getByRole('listbox', { name: 'Search results' });
    for (const op of table) {
      await search.fill(op.path);
      await expect.poll(() => results.getByText(op.summary, { exact: true }).count()).toBeGreaterThan(0);
    }
    const target = errorTypes[errorTypes.length - 1]!;
    await search.fill(target.type);
    await results.getByText(target.type, { exact: true }).click();
    await expect.poll(() => page.url()).toContain(`#error/${target.type}`);
    expect(await page.locator(`tr[id="error/${target.type}"]`).isVisible()).toBe(true);
    await search.fill('no such thing at all');
    expect(await results.innerText()).toContain('No operation or error type matches.');
    await search.fill('');
  });

  it('follows prefers-color-scheme, with the code panel readable in both (screenshots saved)', async () => {
    const op = table[0]!.operationId;
    for (const scheme of ['light', 'dark'] as const) {
      const tab = await browser.context.newPage();
      await tab.emulateMedia({ colorScheme: scheme });
      await tab.goto(`${server.url}#operation/${op}`);
      await tab.locator('html[data-reference-ready]').waitFor({ state: 'attached' });
      await tab.screenshot({ path: SCREENSHOTS[scheme] });
      const colors = await tab.evaluate(`(() => {
        const bg = (el) => getComputedStyle(el).backgroundColor;
        const body = document.body, code = document.querySelector('.op-panel pre code'), pre = document.querySelector('.op-panel pre');
        const text = document.querySelector('.op-main p');
        const key = document.querySelector('.op-panel .j-key'), str = document.querySelector('.op-panel .j-str');
        return { body: bg(body), text: getComputedStyle(text).color, pre: bg(pre), code: getComputedStyle(code).color, key: getComputedStyle(key).color, str: getComputedStyle(str).color };
      })()`) as Record<string, string>;
      const luminanceOfBody = colors.body!.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
      if (scheme === 'dark') expect(luminanceOfBody, 'dark body').toBeLessThan(150);
      else expect(luminanceOfBody, 'light body').toBeGreaterThan(600);
      expect(contrast(colors.text!, colors.body!), `${scheme} text`).toBeGreaterThan(7);
      for (const name of ['code', 'key', 'str'] as const) expect(contrast(colors[name]!, colors.pre!), `${scheme} ${name} on code panel`).toBeGreaterThan(4.5);
      await tab.close();
    }
  });

  it('links both spec downloads, and they return the bundled spec', async () => {
    const yaml = await fsp.readFile(path.join(GENERATED_DIR, SITE_FILES.specYaml), 'utf8');
    for (const [testId, expected, type] of [['download-yaml', yaml, 'application/yaml'], ['download-json', specJson, 'application/json']] as const) {
      const href = await page.getByTestId(testId).getAttribute('href');
      const response = await page.request.get(new URL(href!, page.url()).href);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain(type);
      expect(await response.text()).toBe(expected);
    }
  });

  it('links the changelog page made from CHANGELOG.md', async () => {
    const changelog = await readChangelog();
    const firstVersion = /^## (.+)$/m.exec(changelog)![1]!;
    const tab = await browser.context.newPage();
    await tab.goto(server.url);
    await tab.getByRole('link', { name: 'Changelog', exact: true }).click();
    await tab.waitForURL(`**/${SITE_FILES.changelog}`);
    expect(await tab.getByRole('heading', { level: 2, name: firstVersion }).isVisible()).toBe(true);
    expect(await tab.getByTestId('site-updated').innerText()).toBe(`Updated ${bundled.info['x-updated']}`);
    await tab.close();
  });

  it('opens from disk too (file://), every operation at its deep link', async () => {
    const tab = await browser.context.newPage();
    for (const op of table) {
      await tab.goto(`${pathToFileURL(path.join(SITE_DIR, SITE_FILES.reference)).href}#operation/${op.operationId}`);
      await tab.locator(`section[id="operation/${op.operationId}"][data-rendered] .op-main`).waitFor();
    }
    await tab.close();
  });

  it('requested nothing from any host but the local server', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(0);
    const disk = pathToFileURL(SITE_DIR).href;
    const local = (url: string) => url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith(`${disk}/`);
    expect(requests.filter((url) => !local(url))).toEqual([]);
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
