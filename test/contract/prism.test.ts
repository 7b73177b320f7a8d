// The kit against Prism mocking our spec (static examples): what it finds, and that nothing else
// fails. The README's "Contract testing" section explains each finding.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatHuman, runContract, type ContractReport } from '../../src/contract/index.js';

let prism: ChildProcess | undefined;
let report: ContractReport;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  prism = spawn(process.execPath, ['node_modules/@stoplight/prism-cli/dist/index.js', 'mock', '--host', '127.0.0.1', '--port', String(port), 'generated/openapi.yaml'], {
    env: { ...process.env, SCARF_ANALYTICS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/Prism is listening/.test(log)) resolve();
    };
    prism!.stdout!.on('data', onData);
    prism!.stderr!.on('data', onData);
    prism!.once('exit', (code) => reject(new Error(`Prism exited with ${code}:\n${log}`)));
  });
  // Prism serves the paths without the server URL's /api/v1 prefix.
  report = await runContract({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'pp_test_prism_key', parameters: { account_id: 'acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR' }, seed: 3, rate: 0, maxPages: 10 });
}, 90_000);

afterAll(async () => {
  if (prism && prism.exitCode === null) {
    const exited = new Promise((resolve) => prism!.once('exit', resolve));
    prism.kill('SIGTERM');
    await exited;
  }
});

describe('the kit against Prism 5 mocking our spec', () => {
  test('finds exactly the checks Prism cannot pass, and nothing else fails', () => {
    const failed = [...new Set(report.outcomes.filter((o) => o.status === 'failed').map((o) => o.check))].sort();
    expect(failed, formatHuman(report)).toEqual([
      'auth.malformed-key', // Prism checks that X-API-KEY is present, not its value
      'auth.wrong-key',
      'pagination.terminates', // the static example's cursor never becomes null: the walk loops
      'pagination.unique-ids', // every page is the same example item
      'params.cursor-tampered', // Prism cannot know which cursors it issued
      'params.too-short', // `cursor=` (empty) is accepted although minLength is 1
      'property.invalid-requests', // and fast-check finds the same
    ]);
  });

  test('its responses conform: documented statuses, content types, bodies, error envelopes', () => {
    for (const check of ['response.status-documented', 'response.content-type', 'response.body-schema', 'error.envelope-status', 'error.envelope-type', 'error.envelope-title'] as const) {
      expect(report.outcomes.find((o) => o.check === check)?.status).toBe('passed');
    }
    expect(report.outcomes.find((o) => o.check === 'auth.missing-key')?.status).toBe('passed');
    expect(report.outcomes.filter((o) => o.check.startsWith('params.') && o.check !== 'params.cursor-tampered' && o.subject !== 'cursor=').every((o) => o.status !== 'failed')).toBe(true);
  });
});
