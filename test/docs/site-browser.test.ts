// The published docs site in a real browser: Debian's Chromium, driven by playwright-core, loads
// dist/site/ from a static server on 127.0.0.1 and checks what a reader must find there.
// dist/site/ comes from `npm run build` (CI builds before testing); when it is missing or built
// from another spec than generated/openapi.json, this test renders it again from generated/ first.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConsoleMessage, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL_HINT, CHROMIUM_PATH, chromiumAvailable, launchChromium, type Chromium } from '../../src/site/chromium.js';
import { RETRY_ADVICE, SITE_DIR, readChangelog } from '../../src/site/site.js';
import { SITE_FILES } from '../../src/site/layout.js';
import { startStaticServer, type StaticServer } from '../../src/site/static-server.js';
import { ensureSiteBuilt } from '../../src/site/ensure-built.js';
import { DIST_DIR, GENERATED_DIR } from '../../src/pipeline/paths.js';
import { exampleRequest } from '../spec/reference-page.js';

export const SCREENSHOT = path.join(DIST_DIR, 'site-screenshot.png');

const specJson = fs.readFileSync(path.join(GENERATED_DIR, SITE_FILES.specJson), 'utf8');
const bundled = JSON.parse(specJson);
const pathItem = Object.entries<any>(bundled.paths);
const [route, item] = pathItem[0]!;
const operation = item.get;
const refName = (ref: string) => ref.split('/').pop()!;
const deref = (node: any, section: string) => (node.$ref ? bundled.components[section][refName(node.$ref)] : node);
const parameters: any[] = operation.parameters.map((p: any) => deref(p, 'parameters'));
const responses = Object.entries<any>(operation.responses).map(([status, r]) => ({ status, response: deref(r, 'responses') }));
const errorResponses = responses.filter((r) => Number(r.status) >= 400);

/** The text a reader sees for a Markdown snippet: no backticks, single spaces. */
const plain = (markdown: string) => markdown.replace(/`/g, '').replace(/\s+/g, ' ').trim();
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
    await page.locator(`[data-section-id="operation/${operation.operationId}"]`).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const op = () => page.locator(`[data-section-id="operation/${operation.operationId}"]`);

  it('shows the title, version and updated date from the spec', async () => {
    expect(await page.title()).toBe(`${bundled.info.title} ${bundled.info.version} reference`);
    await expect.poll(() => page.locator('h1').first().innerText()).toBe(`${bundled.info.title} (${bundled.info.version})`);
    expect(await page.getByTestId('site-version').innerText()).toBe(`v${bundled.info.version}`);
    expect(await page.getByTestId('site-updated').innerText()).toBe(`Updated ${bundled.info['x-updated']}`);
  });

  it('shows the operation heading, method, path and summary', async () => {
    const heading = op().locator('h2').first();
    expect(await heading.isVisible()).toBe(true);
    expect((await heading.innerText()).trim()).toBe(operation.summary);
    const firstLine = operation.description.split('\n')[0];
    expect(await op().getByText(plain(firstLine), { exact: true }).isVisible()).toBe(true);
    expect(squash(await op().innerText())).toContain(`GET ${route}`);
  });

  it('shows each parameter with its limits', async () => {
    const table = op().locator('xpath=.//h5[contains(translate(., "Q", "q"), "query Parameters")]/following-sibling::table[1]');
    for (const param of parameters.filter((p) => p.in === 'query')) {
      const row = table.locator(`tr:has(> td[kind="field"][title="${param.name}"])`);
      expect(await row.isVisible(), param.name).toBe(true);
      const text = squash(await row.innerText());
      const limits = limitsOf(param.schema);
      expect(limits.length, `${param.name} has limits in the spec`).toBeGreaterThan(0);
      for (const limit of limits) expect(text, param.name).toContain(limit);
      if (param.required) expect(text).toContain('required');
    }
    expect(limitsOf(parameters.find((p) => p.name === 'limit').schema)).toEqual(['[ 1 .. 250 ]', 'Default: 100']);
  });

  it('shows every documented status with its description', async () => {
    expect(responses.map((r) => r.status)).toEqual(['200', '400', '401', '403', '429', '500', '501', '503', '504']);
    for (const { status, response } of responses) {
      const button = op().locator(`xpath=.//button[strong[normalize-space()="${status}"]]`);
      expect(await button.isVisible(), status).toBe(true);
      expect(await button.getAttribute('aria-expanded'), `${status} is expanded`).toBe('true');
      expect(squash(await button.innerText())).toContain(plain(response.description).slice(0, 60));
      expect(await page.getByRole('tab', { name: status, exact: true }).isVisible(), `${status} response sample tab`).toBe(true);
    }
  });

  it('shows every error type with its description and retry advice under its status', async () => {
    let count = 0;
    let documented = 0;
    for (const { status, response } of errorResponses) {
      const schema = bundled.components.schemas[refName(response.content['application/json'].schema.$ref)];
      const descriptions: Record<string, string> = schema.properties.type['x-enumDescriptions'];
      expect(Object.keys(descriptions)).toEqual(schema.properties.type.enum);
      documented += schema.properties.type.enum.length;
      const section = op().locator(`xpath=.//button[strong[normalize-space()="${status}"]]/..`);
      for (const [type, description] of Object.entries(descriptions)) {
        const row = section.locator(`xpath=.//tr[td[1][normalize-space()="${type}"]]`);
        expect(await row.count(), `${status} ${type}`).toBe(1);
        expect(await row.isVisible(), `${status} ${type} visible`).toBe(true);
        const advice = RETRY_ADVICE[`${schema.properties.type['x-retryable'][type] as boolean}`];
        expect(squash(await row.locator('td').nth(1).innerText()), `${status} ${type}`).toBe(`${plain(description)} ${advice}`);
        count++;
      }
    }
    expect(count).toBe(documented);
    expect(count).toBeGreaterThan(errorResponses.length);
    expect(await page.getByText('errors/invalid_checkpoint_solution', { exact: true }).isVisible()).toBe(true);
  });

  it('shows the example response expanded', async () => {
    const example = deref(operation.responses['200'].content['application/json'].examples.InvitationListPage, 'examples').value;
    const tab = page.getByRole('tab', { name: '200', exact: true });
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    const panel = page.locator(`[id="${await tab.getAttribute('aria-controls')}"]`);
    const text = squash(await panel.innerText());
    const entries = leafEntries(example);
    expect(entries).toContain('"inviter_name": "Ada Lovelace"');
    for (const entry of entries) expect(text, entry).toContain(entry);
  });

  it('shows both code samples, curl first', async () => {
    const samples: Array<{ lang: string; source: string }> = operation['x-codeSamples'];
    expect(samples.map((s) => s.lang)).toEqual(['curl', 'TypeScript']);
    for (const sample of samples) {
      const tab = page.getByRole('tab', { name: sample.lang, exact: true });
      await tab.click();
      expect(await tab.getAttribute('aria-selected')).toBe('true');
      const code = page.locator(`[id="${await tab.getAttribute('aria-controls')}"] pre`);
      expect(await code.isVisible(), sample.lang).toBe(true);
      const shown = (await code.innerText()).trim();
      expect(shown).toBe(sample.source.trim());
      if (sample.lang === 'curl') expect(shown, 'the reference page example request').toBe(exampleRequest);
    }
  });

  it('saves a full-page screenshot', async () => {
    await fsp.rm(SCREENSHOT, { force: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const png = await fsp.readFile(SCREENSHOT);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(20)).toBeGreaterThan(3000); // height: the whole page, not one screen
  });

  it('links both spec downloads, and they return the bundled spec', async () => {
    const yaml = await fsp.readFile(path.join(GENERATED_DIR, SITE_FILES.specYaml), 'utf8');
    // Redoc's own "Download" button, clicked as a reader would.
    const redocButton = page.locator('a[download]', { hasText: 'Download' });
    expect(await redocButton.getAttribute('href')).toBe(SITE_FILES.specYaml);
    const [download] = await Promise.all([page.waitForEvent('download'), redocButton.click()]);
    expect(download.suggestedFilename()).toBe('openapi.yaml');
    expect(await fsp.readFile((await download.path())!, 'utf8')).toBe(yaml);
    // The header links.
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

  it("searches offline (Redoc's search worker runs under the CSP)", async () => {
    const search = page.getByPlaceholder('Search...');
    await search.fill('invitations');
    const results = page.locator('[data-role="search:results"]');
    await results.getByText(operation.summary).waitFor({ timeout: 10_000 });
    await search.fill('');
  });

  it('opens from disk too (file://), with the operation and its samples', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(pathToFileURL(path.join(SITE_DIR, SITE_FILES.reference)).href);
    await tab.locator(`[data-section-id="operation/${operation.operationId}"] h2`).waitFor();
    expect(await tab.getByRole('tab', { name: 'TypeScript', exact: true }).isVisible()).toBe(true);
    await tab.close();
  });

  it('requested nothing from any host but the local server', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(0);
    const disk = pathToFileURL(SITE_DIR).href;
    const local = (url: string) => url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith('data:') || url.startsWith(`${disk}/`) || url.startsWith('blob:null/');
    const elsewhere = requests.filter((url) => !local(url));
    expect(elsewhere).toEqual([]);
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
