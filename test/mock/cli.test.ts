// The CLI as users run it: a real process (node --import tsx src/mock/cli.ts), real signals.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, USAGE, UsageError, parseMockArgs } from '../../src/mock/cli.js';
import { DEFAULT_MAX_RECORDS, MOCK_ACCOUNTS, MOCK_API_KEY, MOCK_DEFAULT_SEED } from '../../src/mock/index.js';
import { EXIT_CANNOT_LISTEN, listenErrorMessage } from '../../src/shared/cli.js';

/** A real process starting tsx on a shared, busy 2-core machine can take long; the work is not timed. */
const PROCESS_TIMEOUT_MS = 90_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function startCli(args: string[]): { child: ChildProcess; output: { stdout: string; stderr: string }; finished: Promise<Finished> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/mock/cli.ts', ...args], { cwd: root, stdio: 'pipe' });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk) => (output.stdout += chunk));
  child.stderr!.on('data', (chunk) => (output.stderr += chunk));
  const finished = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, ...output })));
  return { child, output, finished };
}

async function waitForUrl(output: { stdout: string }, finished: Promise<Finished>): Promise<string> {
  for (let waited = 0; waited < 80_000; waited += 50) {
    const match = /listening on (http:\/\/\S+)/.exec(output.stdout);
    if (match?.[1]) return match[1];
    const done = await Promise.race([finished, new Promise((r) => setTimeout(r, 50, undefined))]);
    if (done) throw new Error(`CLI exited early: ${JSON.stringify(done)}`);
  }
  throw new Error(`CLI did not start: ${output.stdout}`);
}

describe('postpress-mock CLI', () => {
  it.concurrent.each(['SIGINT', 'SIGTERM'] as const)('serves with --port 0 --api-key --seed and stops cleanly on %s', async (signal) => {
    const { child, output, finished } = startCli(['--port', '0', '--api-key', 'pp_test_cli', '--seed', '42', '--log']);
    try {
      const url = await waitForUrl(output, finished);
      expect(output.stdout).toContain('pp_test_cli');
      expect(output.stdout).toContain('seed       42');
      expect(output.stdout).toContain('(bundled postpress spec)');
      expect(output.stdout).toMatch(/openapi\/mock-fixtures\.yaml/);
      for (const account of Object.values(MOCK_ACCOUNTS)) expect(output.stdout).toContain(account);
      const response = await fetch(`${url}/users/invite/sent?account_id=${MOCK_ACCOUNTS.small}`, { headers: { 'X-API-KEY': 'pp_test_cli' } });
      expect(response.status).toBe(200);
      expect((await response.json()).items).toHaveLength(7);
      const logged = /GET \/api\/v1\/users\/invite\/sent\?account_id=acc_linkedin_seven -> 200 \(\d+\.\d ms\)/;
      for (let waited = 0; !logged.test(output.stdout) && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(output.stdout).toMatch(logged);
      const logLine = output.stdout.split('\n').find((line) => line.includes(' -> 200 '));
      expect(logLine).not.toContain('pp_test_cli');
      child.kill(signal);
      const result = await finished;
      expect([result.code, result.signal]).toEqual([0, null]);
      expect(result.stdout).toContain(`${signal} received`);
      expect(result.stdout).toContain('stopped');
      await expect(fetch(`${url}/users/invite/sent`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  }, PROCESS_TIMEOUT_MS);

  it.concurrent('a bad flag is a usage error: exit 2 with the reason and the usage on stderr', async () => {
    const result = await startCli(['--port', '70000']).finished;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port must be an integer from 0 to 65535, got "70000"/);
    expect(result.stderr).toContain('usage: postpress-mock');
    expect(result.stdout).toBe('');
  }, PROCESS_TIMEOUT_MS);

  it.concurrent('a busy port is reported with the shared message and exit status', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as { port: number }).port;
      const result = await startCli(['--port', String(port)]).finished;
      expect(result.code).toBe(EXIT_CANNOT_LISTEN);
      expect(result.stderr).toBe(`postpress-mock: ${listenErrorMessage({ code: 'EADDRINUSE' }, '127.0.0.1', port)}\n`);
    } finally {
      blocker.close();
    }
  }, PROCESS_TIMEOUT_MS);
});

describe('bin/postpress-mock.js', () => {
  const bin = path.join(root, 'bin/postpress-mock.js');
  const compiled = path.join(root, 'dist/lib/src/mock/cli.js');

  it('is the package bin and runs the compiled CLI', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.bin['postpress-mock']).toBe('bin/postpress-mock.js');
    const text = readFileSync(bin, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(text).toContain("from '../dist/lib/src/mock/cli.js'");
  });

  // Not in Stryker's sandbox (MUTATION_RUN): its copies of the files lose the executable bit.
  it.skipIf(process.env.MUTATION_RUN)('is executable', () => {
    expect(statSync(bin).mode & 0o111).not.toBe(0);
  });

  it('the package exports the mock as postpress-api/mock, from the build', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.exports['./mock']).toEqual({ types: './dist/lib/src/mock/index.d.ts', default: './dist/lib/src/mock/index.js' });
    expect(manifest.files).toContain('openapi/mock-fixtures.yaml');
  });

  it.skipIf(!existsSync(compiled))('prints the usage from the build (npm run build)', async () => {
    const child = spawn(process.execPath, [bin, '--help'], { cwd: root });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: postpress-mock \[--port N\]/);
  });
});

describe('parseMockArgs', () => {
  it.each([
    [['--port', '70000'], /--port must be an integer from 0 to 65535/],
    [['--port', 'abc'], /--port must be an integer/],
    [['--port=-1'], /--port must be an integer/],
    [['--seed', '1.5'], /--seed must be an integer/],
    [['--seed', '99999999999999999999'], /--seed must be an integer/],
    [['--api-key', 'has space'], /--api-key must be/],
    [['--api-key', ''], /--api-key must be/],
    [['--host', ''], /--host must not be empty/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['serve'], /Unexpected argument 'serve'/],
    [['--port'], /--port/],
    [['--delay', '-5'], /--delay must be an integer from 0 to 60000, got "-5"/],
    [['--max-records', 'many'], /--max-records must be an integer >= 0/],
    [['--basic', 'nocolon'], /--basic must be USER:PASSWORD/],
    [['--spec', ''], /--spec must name a file/],
    [['--fixtures', 'a.yaml', '--no-fixtures'], /cannot be used together/],
  ])('%j is refused with a UsageError naming the flag', (args, reason) => {
    expect(() => parseMockArgs(args)).toThrow(UsageError);
    expect(() => parseMockArgs(args)).toThrow(reason);
  });

  it('reads the flags and fills in defaults', () => {
    const defaults = { port: DEFAULT_PORT, host: '127.0.0.1', spec: undefined, fixtures: undefined, apiKeys: [MOCK_API_KEY], bearerToken: undefined, basicCredentials: undefined, seed: MOCK_DEFAULT_SEED, maxRecords: DEFAULT_MAX_RECORDS, delayMs: 0, cors: false, log: false };
    expect(parseMockArgs([])).toEqual(defaults);
    expect(parseMockArgs(['--port=0', '--host', '::1', '--api-key', 'k', '--api-key', 'k2', '--seed=-3', '--log', '--spec', 's.yaml', '--no-fixtures', '--delay', '250', '--cors', '--bearer-token', 't', '--basic', 'u:p', '--max-records', '10'])).toEqual({
      port: 0, host: '::1', spec: 's.yaml', fixtures: false, apiKeys: ['k', 'k2'], bearerToken: 't', basicCredentials: 'u:p', seed: -3, maxRecords: 10, delayMs: 250, cors: true, log: true,
    });
    expect(parseMockArgs(['--help'])).toBe('help');
    expect(USAGE).toMatch(/--port N.*\n.*--host H.*\n.*--api-key KEY.*\n.*--seed N/s);
  });
});
