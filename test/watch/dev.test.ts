// `npm run dev` for real: a child process on a temp copy of the project, saves made to its spec,
// the docs page and its reload stream read over HTTP on 127.0.0.1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_PATH } from '../../src/watch/docs-server.js';
import { CHROMIUM_INSTALL_HINT, chromiumAvailable, launchChromium } from '../../src/site/chromium.js';
import { REPO_ROOT, makeTempProject } from './temp-project.js';

const project = makeTempProject();
const schemaFile = path.join(project, 'generated', 'schema.ts');
const sentFile = path.join(project, 'openapi', 'components', 'schemas', 'InvitationSent.yaml');
const operationFile = path.join(project, 'openapi', 'paths', 'users_invite_sent.yaml');
const sentOriginal = fs.readFileSync(sentFile, 'utf8');
const operationOriginal = fs.readFileSync(operationFile, 'utf8');

let child: ChildProcess;
let output = '';
let url = '';
const events: string[] = [];
const abort = new AbortController();

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; dev output so far:\n${output}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const withDescription = (text: string) => sentOriginal.replace('description: Display name of the invited user.', `description: ${text}`);

beforeAll(async () => {
  child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/dev.ts'), '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, POSTPRESS_PROJECT_ROOT: project },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  url = await until('the server', () => /dev: serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1], 60_000);
  await until('the watcher', () => output.includes('dev: watching'));
  const stream = await fetch(new URL(EVENTS_PATH, url), { signal: abort.signal });
  void (async () => {
    const decoder = new TextDecoder();
    const reader = stream.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      events.push(...decoder.decode(r.value).split('\n').filter((l) => l.startsWith('event: ')));
    }
  })().catch(() => {});
  await until('the event stream', () => output.length > 0 && stream.ok);
}, 90_000);

afterAll(async () => {
  abort.abort();
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(project, { recursive: true, force: true });
});

// One dev process and one project copy: each save builds on the state the previous test left, so
// these run in the order written (the files around them still shuffle).
describe('npm run dev', { shuffle: false }, () => {
  it('serves the docs with the reload script allowed by the page policy', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`new EventSource("${EVENTS_PATH}")`);
    // The served page is dist/site's, which always has a policy: the reload script must be in it.
    const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1];
    expect(policy).toMatch(/script-src 'sha256-[^']+'/);
  });

  it('regenerates generated/schema.ts on a save and tells the page to reload', async () => {
    const reloadsBefore = events.filter((e) => e === 'event: reload').length;
    fs.writeFileSync(sentFile, withDescription('Display name, first save.'));
    await until('new types', () => fs.readFileSync(schemaFile, 'utf8').includes('Display name, first save.'));
    await until('a reload event', () => events.filter((e) => e === 'event: reload').length > reloadsBefore);
    expect(output).toMatch(/types +\d+ ms +generated\/ updated/);
  }, 60_000);

  it('reports a broken YAML save with file and line and keeps the last good outputs', async () => {
    const good = fs.readFileSync(schemaFile, 'utf8');
    const mark = output.length;
    fs.writeFileSync(sentFile, `${withDescription('Display name, broken save.')}\n  extra: [unclosed\n`);
    // (A run that caught the file between truncation and write may report something else first.)
    await until('the YAML problem report', () => /openapi\/components\/schemas\/InvitationSent\.yaml:\d+:\d+ error yaml\//.test(output.slice(mark)));
    expect(output.slice(mark)).toContain('spec broken');
    expect(fs.readFileSync(schemaFile, 'utf8')).toBe(good);
  }, 60_000);

  // (Before the trailing check in src/watch/dev.ts, chokidar's dropped change events lost this save in a clean clone.)
  it('puts generated/ back when a save parses but fails the lint', async () => {
    fs.writeFileSync(sentFile, withDescription('Display name, first save.'));
    await until('recovery', () => output.endsWith('\n') && /ok +\d+ ms[^\n]*\n$/.test(output));
    const good = fs.readFileSync(schemaFile, 'utf8');
    const mark = output.length;
    fs.writeFileSync(operationFile, operationOriginal.replace('  description: |', '  x-description: |'));
    await until('the lint report', () => /openapi\/paths\/users_invite_sent\.yaml:\d+:\d+ error redocly\/operation-description/.test(output.slice(mark)));
    expect(output.slice(mark)).toContain('generated/ put back');
    expect(fs.readFileSync(schemaFile, 'utf8')).toBe(good);
  }, 60_000);

  it('recovers on the next good save', async () => {
    const reloadsBefore = events.filter((e) => e === 'event: reload').length;
    fs.writeFileSync(operationFile, operationOriginal);
    fs.writeFileSync(sentFile, withDescription('Display name, recovered.'));
    await until('recovered types', () => fs.readFileSync(schemaFile, 'utf8').includes('Display name, recovered.') && fs.readFileSync(schemaFile, 'utf8').includes('Returns a list of all invitations sent'));
    await until('a reload event', () => events.filter((e) => e === 'event: reload').length > reloadsBefore);
  }, 60_000);

  // chokidar reports one change per file per 50 ms and drops the rest: the trailing check must see the last save.
  it('gives the last of several quick saves its types and outputs, whatever the earlier ones were doing', async () => {
    const mark = output.length;
    for (let i = 1; i <= 5; i++) {
      fs.writeFileSync(sentFile, withDescription(`Display name, quick save ${i}.`));
      await new Promise((r) => setTimeout(r, 40));
    }
    await until('the last quick save in schema.ts', () => fs.readFileSync(schemaFile, 'utf8').includes('Display name, quick save 5.'));
    await until('its full pass', () => /ok +\d+ ms[^\n]*\n/.test(output.slice(output.lastIndexOf('types'))));
    await new Promise((r) => setTimeout(r, 300)); // nothing older may land after it
    expect(fs.readFileSync(schemaFile, 'utf8')).toContain('Display name, quick save 5.');
    expect(fs.readFileSync(path.join(project, 'generated', 'openapi.json'), 'utf8')).toContain('Display name, quick save 5.');
    expect(output.slice(mark)).not.toContain('spec broken');
  }, 60_000);

  // Saves that replace the file (a new inode): after one, a plain write must still be seen.
  const renameSaves: Array<[string, (text: string) => void]> = [
    ['sed -i', (text) => {
      const current = fs.readFileSync(sentFile, 'utf8');
      const from = /description: (Display name[^\n]*)/.exec(current)![1]!;
      const run = spawnSync('sed', ['-i', `s/${from.replace(/[/.*[\]^$]/g, '\\$&')}/${text}/`, sentFile], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
    }],
    ['a JetBrains safe-write (temp file, old renamed away, temp renamed in)', (text) => {
      fs.writeFileSync(`${sentFile}___jb_tmp___`, withDescription(text));
      fs.renameSync(sentFile, `${sentFile}___jb_old___`);
      fs.renameSync(`${sentFile}___jb_tmp___`, sentFile);
      fs.unlinkSync(`${sentFile}___jb_old___`);
    }],
    ['a vim backup-and-write (original renamed to a backup, new file written)', (text) => {
      fs.renameSync(sentFile, `${sentFile}~`);
      fs.writeFileSync(sentFile, withDescription(text));
      fs.unlinkSync(`${sentFile}~`);
    }],
  ];
  for (const [index, [how, save]] of renameSaves.entries()) {
    it(`sees ${how}, and a plain write after it`, async () => {
      const tag = `save${index}`;
      save(`Display name, renamed by ${tag}.`);
      await until(`types after ${how}`, () => fs.readFileSync(schemaFile, 'utf8').includes(`Display name, renamed by ${tag}.`));
      fs.writeFileSync(sentFile, withDescription(`Display name, written after ${tag}.`));
      await until(`types after a plain write following ${how}`, () => fs.readFileSync(schemaFile, 'utf8').includes(`Display name, written after ${tag}.`));
    }, 60_000);
  }

  it('re-renders the site when CHANGELOG.md changes', async () => {
    const changelog = path.join(project, 'CHANGELOG.md');
    const page = path.join(project, 'dist', 'site', 'changelog.html');
    fs.writeFileSync(changelog, fs.readFileSync(changelog, 'utf8').replace(/\n## /, '\n## 9.9.9 — from the dev test\n\n- Nothing.\n\n## '));
    await until('the new changelog page', () => fs.existsSync(page) && fs.readFileSync(page, 'utf8').includes('from the dev test'));
  }, 60_000);

  // In a real browser: the injected script must pass the page's Content-Security-Policy and reload it.
  const noBrowser = !chromiumAvailable() && process.env.CI !== 'true';
  it.skipIf(noBrowser)(`reloads the page open in Chromium after a save${noBrowser ? ` (skipped: ${CHROMIUM_INSTALL_HINT})` : ''}`, async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      const streamOpened = page.waitForResponse((response) => response.url().endsWith(EVENTS_PATH));
      await page.goto(url);
      await streamOpened;
      const reloaded = page.waitForEvent('load', { timeout: 30_000 });
      fs.writeFileSync(sentFile, withDescription('Display name, seen by the browser.'));
      await reloaded;
      expect(await page.content()).toContain('Display name, seen by the browser.');
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 90_000);
});

describe('npm run dev on a busy port', () => {
  it('says so in one line and exits 2 at once, before building anything', async () => {
    const blocker = http.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as AddressInfo;
    const busyProject = makeTempProject();
    const schemaBefore = fs.statSync(path.join(busyProject, 'generated', 'schema.ts')).mtimeMs;
    try {
      const started = Date.now();
      const run = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/dev.ts'), '--port', String(port)], {
        cwd: REPO_ROOT,
        env: { ...process.env, POSTPRESS_PROJECT_ROOT: busyProject },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      run.stdout!.on('data', (d) => (out += d));
      run.stderr!.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((r) => run.on('exit', r));
      expect(code).toBe(2);
      expect(err).toBe(`dev: port ${port} on 127.0.0.1 is already in use: stop the other process or pick another with --port (--port 0 picks a free one)\n`);
      expect(out).toBe('');
      expect(fs.statSync(path.join(busyProject, 'generated', 'schema.ts')).mtimeMs).toBe(schemaBefore);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await new Promise((r) => blocker.close(r));
      fs.rmSync(busyProject, { recursive: true, force: true });
    }
  }, 30_000);

  it('rejects a malformed or negative --port with the option named', () => {
    for (const bad of ['-1', 'abc', '70000']) {
      const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'scripts/dev.ts'), '--port', bad], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`dev: --port must be an integer from 0 to 65535, got "${bad}"`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  }, 30_000);
});
