// The preview server: the static server on its own, then `npm run docs:serve` as a real process.
import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../src/site/static-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '../..');

describe('static server', () => {
  let dir: string;
  let server: StaticServer;
  const log: string[] = [];

  beforeAll(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'postpress-site-'));
    await fsp.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>home</title>');
    await fsp.writeFile(path.join(dir, 'openapi.yaml'), 'openapi: 3.1.0\n');
    await fsp.mkdir(path.join(dir, 'nested'));
    await fsp.writeFile(path.join(dir, 'nested', 'index.html'), 'nested');
    await fsp.writeFile(path.join(path.dirname(dir), `secret-${path.basename(dir)}.txt`), 'outside');
    server = await startStaticServer(dir, { log: (line) => log.push(line) });
  });

  afterAll(async () => {
    await server?.close();
    await fsp.rm(path.join(path.dirname(dir), `secret-${path.basename(dir)}.txt`), { force: true });
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 and serves index.html for / and folders', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await fetch(server.url);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('<title>home</title>');
    expect(await (await fetch(`${server.url}nested/`)).text()).toBe('nested');
  });

  it('serves the spec as YAML and answers HEAD without a body', async () => {
    const spec = await fetch(`${server.url}openapi.yaml`);
    expect(spec.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(await spec.text()).toBe('openapi: 3.1.0\n');
    const head = await fetch(`${server.url}openapi.yaml`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('15');
  });

  it('refuses paths outside the folder, missing files and other methods', async () => {
    const outside = `secret-${path.basename(dir)}.txt`;
    for (const attempt of [`%2e%2e/${outside}`, `..%2f${outside}`, `%2e%2e%5c${outside}`, 'missing.html', '%E0%A4%A']) {
      const response = await fetch(`${server.url}${attempt}`);
      expect(response.status, attempt).toBe(404);
      expect(await response.text()).not.toContain('outside');
    }
    expect((await fetch(server.url, { method: 'POST', body: 'x' })).status).toBe(405);
    expect(log).toContain('POST / 405');
  });
});

describe('npm run docs:serve', () => {
  it('prints where it serves the site, serves it, and refuses a bad port', async () => {
    const site = await fsp.mkdtemp(path.join(os.tmpdir(), 'postpress-serve-'));
    await fsp.writeFile(path.join(site, 'openapi.json'), '{"openapi":"3.1.0"}\n');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/docs-serve.ts', '--port', '0', '--quiet', '--dir', site], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          output += chunk;
          const match = /serving (.+) at (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(output);
          if (match && output.includes('press Ctrl+C to stop')) {
            expect(match[1]).toBe(site);
            resolve(match[2]!);
          }
        });
        child.stderr.on('data', (chunk) => (output += chunk));
        child.once('exit', (code) => reject(new Error(`docs:serve exited with ${code}: ${output}`)));
      });
      expect(output).toContain(`changelog  ${url}changelog.html`);
      const spec = await fetch(`${url}openapi.json`);
      expect(spec.status).toBe(200);
      expect(JSON.parse(await spec.text()).openapi).toBe('3.1.0');
    } finally {
      child.kill('SIGTERM');
      await fsp.rm(site, { recursive: true, force: true });
    }
    const bad = spawn(process.execPath, ['--import', 'tsx', 'scripts/docs-serve.ts', '--port', 'eighty'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bad.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => bad.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be an integer from 0 to 65535, got "eighty"');
  });
});
