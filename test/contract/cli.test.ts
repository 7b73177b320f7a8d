// The CLI, run in-process through main(): exit codes, usage errors, files written.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MOCK_ACCOUNTS, MOCK_API_KEY, startMockServer } from '../../src/mock/index.js';
import { main, type CliIo } from '../../src/contract/cli.js';

function io(env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const cli: CliIo = { stdout: (t) => { out.stdout += t; }, stderr: (t) => { out.stderr += t; }, env, progressTty: false };
  return { cli, out };
}

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'contract-cli-')); });
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('exit status', () => {
  test('0 for the in-process mock, with JUnit and JSON written', async () => {
    const { cli, out } = io();
    const junit = join(dir, 'report.xml');
    const json = join(dir, 'report.json');
    const code = await main(['--seed', '11', '--max-requests', '80', '--junit', junit, '--json', json], cli);
    expect(code, out.stdout + out.stderr).toBe(0);
    expect(out.stdout).toContain('Verdict: CONFORMING');
    expect(out.stdout).toContain('Replay: npx postpress-contract --seed 11 --max-requests 80');
    expect(await readFile(junit, 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuites name="postpress-contract"/);
    expect(JSON.parse(await readFile(json, 'utf8'))).toMatchObject({ conforming: true, seed: 11, maxRequests: 80 });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('1 for a server with violations, key from the environment', async () => {
    const mock = await startMockServer({ transform: (x) => (x.reply.status === 401 ? x.respondAs({ headers: { 'x-api-key': MOCK_API_KEY } }) : x.reply) });
    try {
      const { cli, out } = io({ POSTPRESS_API_KEY: MOCK_API_KEY });
      const code = await main(['--base-url', mock.url, '--param', `account_id=${MOCK_ACCOUNTS.small}`, '--seed', '3', '--rate', '0'], cli);
      expect(code).toBe(1);
      expect(out.stdout).toMatch(/^FAIL auth\.missing-key/m);
      expect(out.stdout).not.toContain(MOCK_API_KEY);
    } finally {
      await mock.close();
    }
  });

  test('2 when the target is unreachable', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const { cli, out } = io();
    const code = await main(['--base-url', `http://127.0.0.1:${port}/api/v1`, '--api-key', 'k'], cli);
    expect(code).toBe(2);
    expect(out.stderr).toMatch(/unreachable: ECONNREFUSED/);
    expect(out.stdout).toBe('');
  });

  test.each([
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--base-url', 'ftp://x', '--api-key', 'k'], /must be http or https/],
    [['--param', 'account_id'], /--param needs NAME=VALUE, got "account_id"/],
    [['--auth', 'ApiKeyAuth'], /--auth ApiKeyAuth: the environment variable POSTPRESS_AUTH_APIKEYAUTH is not set/],
    [['--min-coverage', '101'], /--min-coverage must be a number between 0 and 100|--min-coverage must be .*100/],
    [['--fixtures', '/nonexistent/fixtures.yaml'], /--fixtures \/nonexistent\/fixtures.yaml: no such file/],
    [['--base-url', 'not a url'], /is not a URL/],
    [['--max-requests', '0'], /--max-requests must be an integer >= 1/],
    [['--max-requests', 'ten'], /--max-requests must be an integer/],
    [['--rate=-1'], /--rate must be a number >= 0/],
    [['--seed', '1.5'], /--seed must be an integer/],
    [['--api-key', ''], /--api-key is empty/],
    [['stray'], /Unexpected argument 'stray'/],
  ])('2 for the usage error %j', async (argv, message) => {
    const { cli, out } = io();
    expect(await main(argv, cli)).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).toContain('Usage: postpress-contract');
  });

  test('3 when the budget leaves checks unexercised: inconclusive, never a crash or a pass', async () => {
    const { cli, out } = io();
    expect(await main(['--seed', '4', '--max-requests', '1'], cli)).toBe(3);
    expect(out.stdout).toContain('Verdict: INCONCLUSIVE (exit 3)');
    expect(out.stdout).not.toContain('CONFORMING');
  });

  test('2 with the reason for a spec it cannot read, before any request', async () => {
    const { cli, out } = io();
    const file = join(dir, 'swagger.yaml');
    await writeFile(file, 'swagger: "2.0"\ninfo: { title: x, version: "1" }\npaths: {}\n');
    expect(await main(['--spec', file], cli)).toBe(2);
    expect(out.stderr).toMatch(/swagger.yaml: no `openapi` version field \(this is a Swagger 2.0 document/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  test('1 when coverage is below --min-coverage, even with no violation', async () => {
    const mock = await startMockServer();
    try {
      const { cli, out } = io({ POSTPRESS_API_KEY: MOCK_API_KEY });
      const code = await main(['--base-url', mock.url, '--seed', '5', '--rate', '0', '--min-coverage', '99'], cli);
      expect(out.stdout).toMatch(/Coverage [\d.]+% is below --min-coverage 99: FAILED \(exit 1\)/);
      expect(code).toBe(1);
    } finally {
      await mock.close();
    }
  });

  test('--help prints the usage and exits 0', async () => {
    const { cli, out } = io();
    expect(await main(['--help'], cli)).toBe(0);
    expect(out.stdout).toContain('--max-requests N');
  });
});

describe('progress', () => {
  test('goes to stderr on a run longer than a second', async () => {
    const mock = await startMockServer({ transform: async (x) => { await new Promise((r) => setTimeout(r, 25)); return x.reply; } });
    try {
      const { cli, out } = io();
      const code = await main(['--base-url', mock.url, '--api-key', MOCK_API_KEY, '--param', `account_id=${MOCK_ACCOUNTS.empty}`, '--rate', '0', '--concurrency', '1', '--max-requests', '70', '--seed', '1'], cli);
      expect([0, 3]).toContain(code);
      expect(out.stderr).toMatch(/postpress-contract: \d+\/70 requests · listSentInvitations/);
      expect(out.stdout).not.toMatch(/requests ·/);
    } finally {
      await mock.close();
    }
  });
});

describe('a wrong key or account', () => {
  test('is flagged at the top of the report', async () => {
    const mock = await startMockServer();
    try {
      const { cli, out } = io();
      const code = await main(['--base-url', mock.url, '--api-key', 'pp_test_not_the_mock_key', '--param', `account_id=${MOCK_ACCOUNTS.small}`, '--rate', '0', '--seed', '2', '--max-requests', '40'], cli);
      expect(code).toBe(1);
      expect(out.stdout.split('\n')[2]).toMatch(/^WARNING listSentInvitations: the base request answered HTTP 401, not 200; check --base-url, the credentials/);
    } finally {
      await mock.close();
    }
  });
});
