// `npm run bench:contract`: schema validation throughput of the contract kit (bodies per second),
// side by side with Ajv at its fastest settings on the same schemas; then the wall time of a full
// default run (the kit against the in-process mock); then the kit's start-up on synthetic house-style
// specs of 1 and 500 operations, side by side. Exits 1 when the run misses its 5 s target or the
// start-up at 500 operations exceeds 10x its start-up at 1.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultSpec, runContract } from '../src/contract/index.js';
import { kitStartup } from '../src/contract/spec.js';
import { writeSyntheticSpec } from '../test/pipeline/synthetic-spec.js';
import { cleanSchema } from '../src/spec/keywords.js';
import { buildDataset, MOCK_ACCOUNTS, MOCK_DEFAULT_SEED } from '../src/mock/index.js';

const SECONDS_PER_CASE = Number(process.env.BENCH_SECONDS ?? 1);
const RUN_TARGET_MS = 5_000;

const spec = defaultSpec();
const kit = spec.validator;
const kitPage = kit.response('listSentInvitations', 200)!.content[0]!.validate!;
const kitError = kit.response('listSentInvitations', 400)!.content[0]!.validate!;

// Ajv with its defaults (first error only, no verbose data): the floor the kit's reporting costs against.
const fast = new Ajv2020({ strict: true, allowUnionTypes: true });
addFormats.default(fast);
fast.addFormat('float', { type: 'number', validate: (x: number) => Math.abs(x) <= 3.4028234663852886e38 });
const defs: Record<string, unknown> = {};
for (const [name, schema] of Object.entries<unknown>(spec.document.components.schemas)) {
  defs[name] = cleanSchema(schema, '#', { strict: true, rewriteRef: (ref) => ref.replace('#/components/schemas/', '#/$defs/'), origins: new Map(), notes: [], formats: [] });
}
fast.addSchema({ $id: 'bench:spec', $defs: defs });
const fastPage = fast.compile({ $ref: 'bench:spec#/$defs/InvitationList' });
const fastError = fast.compile({ $ref: 'bench:spec#/$defs/BadRequestError' });

const items = buildDataset(MOCK_DEFAULT_SEED).get(MOCK_ACCOUNTS.large)!;
const page = (n: number) => ({ object: 'InvitationList', items: items.slice(0, n), cursor: n < items.length ? 'eyJvIjoxMDB9' : null });
const broken = (n: number) => {
  const body = structuredClone(page(n));
  (body.items[0] as Record<string, unknown>).id = 12345;
  delete (body.items[1] as Record<string, unknown>).invited_user;
  return body;
};
const errorBody = { title: 'Bad Request', type: 'errors/invalid_parameters', status: 400, detail: 'limit must be an integer between 1 and 250' };

const ROUNDS = 3;

function throughput(validate: (body: unknown) => unknown, body: unknown): number {
  for (let i = 0; i < 200; i++) validate(body); // warm-up
  let count = 0;
  const started = performance.now();
  const deadline = started + (SECONDS_PER_CASE * 1000) / ROUNDS;
  while (performance.now() < deadline) {
    for (let i = 0; i < 20; i++) validate(body);
    count += 20;
  }
  return count / ((performance.now() - started) / 1000);
}

const cases: Array<[string, unknown, (b: unknown) => unknown, (b: unknown) => unknown]> = [
  ['page of 250 invitations (valid)', page(250), kitPage, fastPage],
  ['page of 100 invitations (valid)', page(100), kitPage, fastPage],
  ['page of 7 invitations (valid)', page(7), kitPage, fastPage],
  ['400 error envelope (valid)', errorBody, kitError, fastError],
  ['page of 250 with 2 violations', broken(250), kitPage, fastPage],
];

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10);
console.log(`Schema validation throughput, bodies/s (best of ${ROUNDS} alternating rounds, ${SECONDS_PER_CASE} s per cell, Node ${process.version})`);
console.log(`${'body'.padEnd(34)} ${'kit'.padStart(10)} ${'Ajv fastest'.padStart(12)}  kit/fastest`);
for (const [name, body, kitValidate, fastValidate] of cases) {
  // Alternate the two in short rounds and keep each one's best: load from other processes hits both alike.
  let kitRate = 0;
  let fastRate = 0;
  for (let round = 0; round < ROUNDS; round++) {
    kitRate = Math.max(kitRate, throughput(kitValidate, body));
    fastRate = Math.max(fastRate, throughput(fastValidate, body));
  }
  const itemsPerSecond = Array.isArray((body as { items?: unknown[] }).items) ? ` (${fmt(kitRate * (body as { items: unknown[] }).items.length).trim()} items/s)` : '';
  console.log(`${name.padEnd(34)} ${fmt(kitRate)} ${fmt(fastRate).padStart(12)}  ${(kitRate / fastRate).toPrecision(2)}x${itemsPerSecond}`);
}
console.log('kit = Ajv 2020-12, allErrors + verbose + mapping each error to pointer, spec pointer, fragment, value;');
console.log('Ajv fastest = same schemas, stops at the first error, no verbose data. Invalid bodies are where allErrors costs.');

const runs: number[] = [];
let requests = 0;
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  const report = await runContract({ seed: 1 + i });
  runs.push(performance.now() - started);
  requests = report.requests;
  if (!report.conforming) throw new Error('the faithful mock should conform');
}
runs.sort((a, b) => a - b);
const median = runs[1]!;
console.log(`\nFull default run (in-process mock, ${requests} requests): median ${Math.round(median)} ms of 3 (${runs.map(Math.round).join(', ')} ms); target <= ${RUN_TARGET_MS} ms: ${median <= RUN_TARGET_MS ? 'met' : 'MISSED'} (${(RUN_TARGET_MS / median).toFixed(1)}x headroom)`);
if (median > RUN_TARGET_MS) process.exitCode = 1;

// Kit start-up, side by side at 1 and 500 operations (synthetic house-style specs, bundled into one
// JSON file as --spec usually gets it): the time a user waits from `postpress-contract --spec FILE`
// to the kit's first request (a fresh process each time: modules, spec read and modelled, every
// schema registered; the target is an unused port, so the run ends right after that request with
// exit 2). Beside it, the in-process part alone (read + model + schemas registered), and compiling
// every schema (once per distinct schema). Median of 3.
const STARTUP_TARGET = 10;
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-contract-'));

function cliToFirstRequest(spec: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/contract/cli.ts', '--spec', spec, '--base-url', 'http://127.0.0.1:9/', '--api-key', 'k'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => (code === 2 && /unreachable/.test(stderr) ? resolve(performance.now() - started) : reject(new Error(`exit ${code}: ${stderr}`))));
  });
}

try {
  const rows: Array<{ n: number; cli: number; inProcess: number; compileAll: number; compiled: number }> = [];
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  for (const n of [1, 500]) {
    const entry = await writeSyntheticSpec(path.join(root, `n${n}`), n);
    const bundled = path.join(root, `n${n}.json`);
    await fs.writeFile(bundled, JSON.stringify((await kitStartup(entry)).document)); // also the warm-up
    await cliToFirstRequest(bundled); // warm-up: tsx's compile cache
    const cli: number[] = [];
    const inProcess: number[] = [];
    const compiles: number[] = [];
    let compiled = 0;
    for (let round = 0; round < 3; round++) {
      const copy = path.join(root, `n${n}-r${round}.json`);
      await fs.copyFile(bundled, copy);
      cli.push(await cliToFirstRequest(copy));
      let started = performance.now();
      const spec = await kitStartup(copy);
      inProcess.push(performance.now() - started);
      started = performance.now();
      spec.validator.compileAll();
      compiles.push(performance.now() - started);
      compiled = spec.validator.compiledSchemas;
    }
    rows.push({ n, cli: med(cli), inProcess: med(inProcess), compileAll: med(compiles), compiled });
  }
  const [one, many] = rows as [typeof rows[0], typeof rows[0]];
  console.log('\nKit start-up, median of 3, side by side:');
  console.log(`${'operations'.padEnd(11)} ${'to 1st request'.padStart(15)} ${'ratio'.padStart(7)}   ${'in-process'.padStart(11)} ${'ratio'.padStart(7)}   ${'compile all'.padStart(12)} ${'schemas'.padStart(8)}`);
  for (const row of rows) {
    console.log(`${String(row.n).padEnd(11)} ${`${Math.round(row.cli)} ms`.padStart(15)} ${`${(row.cli / one.cli).toFixed(1)}x`.padStart(7)}   ${`${Math.round(row.inProcess)} ms`.padStart(11)} ${`${(row.inProcess / one.inProcess).toFixed(1)}x`.padStart(7)}   ${`${Math.round(row.compileAll)} ms`.padStart(12)} ${String(row.compiled).padStart(8)}`);
  }
  const ratio = many.cli / one.cli;
  console.log(`start-up (to the first request) at 500 operations: ${ratio.toFixed(1)}x its start-up at 1; target <= ${STARTUP_TARGET}x: ${ratio <= STARTUP_TARGET ? 'met' : 'MISSED'}`);
  console.log('(in-process: read + model + every schema registered, nothing compiled; compile all: each distinct schema once, as a run reaching every response does)');
  if (ratio > STARTUP_TARGET) process.exitCode = 1;
} finally {
  await fs.rm(root, { recursive: true, force: true });
}
