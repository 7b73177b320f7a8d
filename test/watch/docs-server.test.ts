// The watch-mode docs server: the folder it serves, the reload script and its CSP allowance, SSE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENTS_PATH, injectReloadScript, startDocsServer } from '../../src/watch/docs-server.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-server-'));
const site = path.join(dir, 'site');
const docs = path.join(dir, 'docs');
fs.mkdirSync(docs);
fs.writeFileSync(path.join(docs, 'index.html'), '<html><body>docs</body></html>');
fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('injectReloadScript', () => {
  it("adds the script's hash to a hash-only script-src and drops 'none'", () => {
    const page = '<head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'none\'; connect-src \'self\'"></head><body></body>';
    const out = injectReloadScript(page);
    expect(out).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'; connect-src/);
    expect(out).toMatch(/<script>new EventSource\("\/__dev\/events"\)[^<]*<\/script><\/body>/);
    const withHashes = injectReloadScript(page.replace("script-src 'none'", "script-src 'sha256-abc'"));
    expect(withHashes).toMatch(/script-src 'sha256-[^']+' 'sha256-abc';/);
  });
});

describe('startDocsServer', () => {
  it('serves the first folder that exists, refuses paths outside it, and streams reloads', async () => {
    const server = await startDocsServer([site, docs]);
    try {
      expect(await (await fetch(server.url)).text()).toContain('<body>docs<script>');
      fs.mkdirSync(site);
      fs.writeFileSync(path.join(site, 'index.html'), '<html><body>site</body></html>');
      expect(await (await fetch(server.url)).text()).toContain('site<script>');
      expect((await fetch(new URL('/..%2fsecret.txt', server.url))).status).toBe(404);

      const abort = new AbortController();
      const stream = await fetch(new URL(EVENTS_PATH, server.url), { signal: abort.signal });
      expect(stream.headers.get('content-type')).toBe('text/event-stream');
      const reader = stream.body!.getReader();
      await reader.read(); // ": connected"
      while (server.clients() === 0) await new Promise((r) => setTimeout(r, 5));
      server.reload({ changed: ['generated'] });
      const { value } = await reader.read();
      expect(new TextDecoder().decode(value)).toBe('event: reload\ndata: {"changed":["generated"]}\n\n');
      abort.abort();
    } finally {
      await server.close();
    }
  });
});
