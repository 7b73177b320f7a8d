// The Try it console in Chromium against `npm run docs:serve -- --mock` (the real script, the real
// mock, CORS between them): for every operation of the operation table, a call that gets its
// success status, then a documented error forced with `Prefer`, each judged by the contract kit's
// checks; inputs checked against their schemas as you type; and the API key never lands in
// localStorage, sessionStorage, cookies, the URL or history. One browser launch for the file.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, errorSets } from '../../generated/operations.js';
import { MOCK_API_KEY } from '../../src/mock/index.js';
import { PROJECT_ROOT } from '../../src/pipeline/paths.js';
import { CHROMIUM_INSTALL_HINT, chromiumAvailable, launchChromium, type Chromium } from '../../src/site/chromium.js';
import { ensureSiteBuilt } from '../../src/site/ensure-built.js';

const table = Object.values(operations);
const skip = !chromiumAvailable() && process.env.CI !== 'true';

describe.skipIf(skip)(`Try it console against docs:serve --mock${skip ? ` (skipped: ${CHROMIUM_INSTALL_HINT})` : ''}`, () => {
  let child: ChildProcess;
  let siteUrl: string;
  let mockUrl: string;
  let browser: Chromium;
  let page: Page;
  const requests: Request[] = [];
  const visitedUrls: string[] = [];

  beforeAll(async () => {
    await ensureSiteBuilt();
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/docs-serve.ts', '--port', '0', '--mock', '--quiet'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    [siteUrl, mockUrl] = await new Promise<[string, string]>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk;
        const site = /serving .+ at (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(output)?.[1];
        const mock = /mock +(http:\/\/127\.0\.0\.1:\d+\S*) /.exec(output)?.[1];
        if (site && mock && output.includes('press Ctrl+C')) resolve([site, mock]);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (c) => (output += c));
      child.once('exit', (code) => reject(new Error(`docs:serve exited with ${code}: ${output}`)));
    });
    browser = await launchChromium();
    browser.context.on('request', (r) => requests.push(r));
    page = await browser.context.newPage();
    page.on('framenavigated', (frame) => visitedUrls.push(frame.url()));
    await page.goto(siteUrl);
    await page.locator('html[data-reference-ready]').waitFor({ state: 'attached' });
    // The first check compiles the spec's schemas (seconds on a busy machine): done here, not in a test.
    const warm = await fetch(`${siteUrl}__docs/check`, { method: 'POST', body: JSON.stringify({ operationId: table[0]!.operationId, status: 200, headers: {}, text: '{}' }) });
    expect(warm.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  const consoleOf = (operationId: string) => page.locator(`section[id="operation/${operationId}"] .try-console`);
  /** The operation's console, opened (each test stands on its own). */
  const openConsole = async (operationId: string) => {
    await page.goto(`${siteUrl}#operation/${operationId}`);
    await page.locator('html[data-reference-ready]').waitFor({ state: 'attached' });
    if ((await consoleOf(operationId).count()) === 0) await page.locator(`section[id="operation/${operationId}"][data-rendered] .try-open`).click();
    await consoleOf(operationId).waitFor();
    return consoleOf(operationId);
  };
  const send = async (operationId: string) => {
    // The output is replaced on each send: wait for the pending line to go, then for the verdict.
    await consoleOf(operationId).getByRole('button', { name: 'Send' }).click();
    await consoleOf(operationId).locator('.try-pending').waitFor({ state: 'detached' });
    await consoleOf(operationId).getByTestId('try-verdict').waitFor();
    return {
      status: await consoleOf(operationId).getByTestId('try-status').innerText(),
      body: await consoleOf(operationId).getByTestId('try-body').innerText(),
      verdict: await consoleOf(operationId).getByTestId('try-verdict').innerText(),
    };
  };

  for (const op of table) {
    describe(`${op.method.toUpperCase()} ${op.path}`, () => {
      it('opens pre-filled, the local mock first, and checks inputs against their schemas as you type', async () => {
        const console_ = await openConsole(op.operationId);
        expect(await console_.getByLabel('Base URL').locator('option').first().getAttribute('value')).toBe(mockUrl);
        for (const param of op.parameters) {
          const input = console_.locator(`input[data-param="${param.name}"][data-in="${param.in}"]`);
          expect(await input.count(), param.name).toBe(1);
          if (param.required) expect(await input.inputValue(), `${param.name} is pre-filled`).not.toBe('');
          const schema = param.schema as Record<string, any>;
          const problem = input.locator('xpath=following-sibling::span[contains(@class,"field-problem")]');
          const kept = await input.inputValue();
          if (schema.minimum !== undefined) {
            await input.fill(String(schema.minimum - 1));
            expect(await problem.innerText(), param.name).toContain(`at least ${schema.minimum}`);
          } else if (schema.maxLength !== undefined) {
            await input.fill('x'.repeat(schema.maxLength + 1));
            expect(await problem.innerText(), param.name).toContain(`at most ${schema.maxLength} characters`);
          }
          await input.fill(kept);
          expect(await problem.innerText(), `${param.name} valid again`).toBe('');
        }
      });

      it(`calls the mock from the browser: ${op.successStatus}, judged conforming by the kit's checks`, { timeout: 60_000 }, async () => {
        await (await openConsole(op.operationId)).getByLabel(/API key/).first().fill(MOCK_API_KEY);
        const result = await send(op.operationId);
        const sent = requests.filter((r) => r.url().startsWith(mockUrl)).map((r) => `${r.method()} ${r.url()} ${JSON.stringify(r.headers())}`);
        expect(result.status, `${result.body}\n${sent.join('\n')}`).toMatch(new RegExp(`^${op.successStatus}\\b`));
        expect(result.verdict).toMatch(/^Conforms to the spec \(\d+ contract checks\)\.$/);
        const call = requests.filter((r) => r.url().startsWith(mockUrl) && r.method() === op.method.toUpperCase()).pop()!;
        expect(call.headers()['x-api-key'], 'the key travels in its header').toBe(MOCK_API_KEY);
      });

      it('forces a documented error with Prefer, and shows it conforming too', { timeout: 60_000 }, async () => {
        const [status, setId] = Object.entries(op.errors as Record<string, string>)[0]!;
        const type = Object.keys((errorSets as Record<string, any>)[setId]!.types)[0]!;
        const console_ = await openConsole(op.operationId);
        await console_.getByLabel(/API key/).first().fill(MOCK_API_KEY);
        await console_.getByLabel('Extra headers').fill(`Prefer: code=${status}, type=${type}`);
        const result = await send(op.operationId);
        expect(result.status).toMatch(new RegExp(`^${status}\\b`));
        expect(JSON.parse(result.body)).toMatchObject({ status: Number(status), type });
        expect(result.verdict).toMatch(/^Conforms to the spec/);
        await consoleOf(op.operationId).getByLabel('Extra headers').fill('');
      });
    });
  }

  it('a response that breaks the spec is judged not conforming (the verdict can fail)', async () => {
    const op = table[0]!;
    const verdict = await page.evaluate(async (body) => {
      const response = await fetch('__docs/check', { method: 'POST', body: JSON.stringify(body) });
      return response.json();
    }, { operationId: op.operationId, status: op.successStatus, headers: { 'content-type': 'application/json' }, text: '{"object":"nope"}' });
    expect(verdict.conforms).toBe(false);
    expect(verdict.findings.map((f: { check: string }) => f.check)).toContain('response.body-schema');
  });

  it('keeps the API key in memory only: not in storage, cookies, the URL or history', { timeout: 60_000 }, async () => {
    // Type the key and send a call in this test (tests run in random order).
    const op = table[0]!;
    const console_ = await openConsole(op.operationId);
    await console_.getByLabel(/API key/).first().fill(MOCK_API_KEY);
    await console_.getByLabel('Extra headers').fill('');
    const before = requests.length;
    await send(op.operationId);
    const sent = requests.slice(before).filter((r) => r.url().startsWith(mockUrl));
    expect(sent.some((r) => r.headers()['x-api-key'] === MOCK_API_KEY), 'the key was typed and sent: the checks below are not vacuous').toBe(true);
    const where = await page.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      url: location.href,
      state: JSON.stringify(history.state),
    }));
    for (const [name, text] of Object.entries(where)) expect(text, name).not.toContain(MOCK_API_KEY);
    const cookies = await browser.context.cookies();
    expect(JSON.stringify(cookies)).not.toContain(MOCK_API_KEY);
    expect(visitedUrls.length).toBeGreaterThan(0);
    expect(visitedUrls.filter((u) => u.includes(MOCK_API_KEY))).toEqual([]);
    expect(requests.filter((r) => r.url().includes(MOCK_API_KEY))).toEqual([]);
    const storage = await browser.context.storageState();
    expect(JSON.stringify(storage)).not.toContain(MOCK_API_KEY);
  });

  it('requested nothing from any host but the site and the mock the reader picked', () => {
    const allowed = [new URL(siteUrl).origin, new URL(mockUrl).origin];
    expect(requests.map((r) => r.url()).filter((u) => !allowed.some((o) => u.startsWith(`${o}/`)) && !u.startsWith('data:'))).toEqual([]);
  });
});
