// The route off openapi-typescript/openapi-fetch (maintenance mode since September 2026): a client
// generated from our bundled spec by @hey-api/openapi-ts, a maintained generator, type-checks a
// call (wrong input refused by the types) and makes it against the mock. In `npm run test:package`.
import { execFile } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@hey-api/openapi-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/pipeline/paths.js';
import { MOCK_ACCOUNTS, MOCK_API_KEY, startMockServer, type RunningMock } from '../../src/mock/index.js';

const exec = promisify(execFile);
let dir: string;
let mock: RunningMock;

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'postpress-hey-api-'));
  mock = await startMockServer({ port: 0 });
});
afterAll(async () => {
  await mock?.close();
  await fsp.rm(dir, { recursive: true, force: true });
});

describe('@hey-api/openapi-ts from generated/openapi.json', () => {
  it('generates an SDK whose call type-checks and answers', async () => {
    await createClient({
      input: path.join(PROJECT_ROOT, 'generated', 'openapi.json'),
      output: { path: path.join(dir, 'sdk') },
      plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
      logs: { level: 'silent' },
    });
    await fsp.writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await fsp.writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom', 'dom.iterable'], strict: true, outDir: 'out', types: [], skipLibCheck: true }, include: ['call.ts', 'sdk'] }),
    );
    await fsp.writeFile(
      path.join(dir, 'call.ts'),
      `import { client } from './sdk/client.gen.js';
import { listSentInvitations } from './sdk/sdk.gen.js';
client.setConfig({ baseUrl: ${JSON.stringify(mock.url)}, headers: { 'X-API-KEY': ${JSON.stringify(MOCK_API_KEY)} } });
const { data, response } = await listSentInvitations({ query: { account_id: ${JSON.stringify(MOCK_ACCOUNTS.large)}, limit: 3 } });
const ids: string[] = (data?.items ?? []).map((item) => item.id);
const next: string | null | undefined = data?.cursor;
// @ts-expect-error limit is a number in the spec
void (() => listSentInvitations({ query: { account_id: 'a', limit: 'three' } }));
// @ts-expect-error account_id is required
void (() => listSentInvitations({ query: { limit: 3 } }));
console.log(JSON.stringify({ status: response.status, ids, next: typeof next }));
`,
    );
    await exec(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir }).catch((e: { stdout?: string }) => {
      throw new Error(`tsc failed:\n${e.stdout}`);
    });
    const { stdout } = await exec(process.execPath, [path.join(dir, 'out', 'call.js')], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ status: 200, ids: [expect.any(String), expect.any(String), expect.any(String)], next: 'string' });
  });
});
