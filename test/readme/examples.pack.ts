// Every example in README.md and docs/*.md, run where it can be: each `ts` block is type-checked
// as a user's module (`postpress-api` mapped to our sources), each shell command is run as
// printed (a server it starts is stopped after the commands that use it; only a busy port is
// swapped for a free one), and a command that cannot run here must match an entry of SKIPPED,
// with the reason. A new example that fits neither fails the test. Part of `npm run test:package`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/pipeline/paths.js';

interface Block {
  file: string;
  line: number;
  lang: string;
  info: string;
  code: string;
}

const files = ['README.md', ...fs.readdirSync(path.join(PROJECT_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const blocks: Block[] = files.flatMap((file) => {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  return [...text.matchAll(/^```(\w*)([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({ file, line: text.slice(0, m.index).split('\n').length, lang: m[1]!, info: m[2]!.trim(), code: m[3]! }));
});
// A block can opt out with its reason on the fence: ```ts not-checked: why
const NOT_CHECKED = /^not-checked:\s*(\S.*)$/;
const optedOut = blocks.filter((b) => b.info !== '');
const checked = blocks.filter((b) => b.info === '');

/** A shell block's commands: continuation lines joined, comments and blank lines dropped. */
function commands(code: string): string[] {
  return code
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** Commands that cannot run in a test, each with the reason (and where it is proved instead). */
const SKIPPED: Array<[RegExp, string]> = [
  [/^npm ci && npm run build$/, '.ci/run runs it (checked below)'],
  [/^npm test$/, '.ci/run runs it (checked below)'],
  [/^npm run bench:/, 'a benchmark: minutes of load'],
  [/^POSTPRESS_API_KEY=pp_live_/, 'needs a live server and its key'],
  [/--changelog/, 'writes CHANGELOG.md; test/diff covers --changelog'],
  [/^npm run release -- --apply|^git push|npm publish/, 'commits, tags or publishes; test/release covers --apply on git copies'],
  [/^npm install postpress-api$/, 'installs from the registry; test/package/consumer.pack.ts installs the packed tarball'],
  [/\.\/their-api\.yaml\b/, 'a placeholder for the reader\'s own spec (test/mock runs --spec on the grown fixture)'],
  [/^npx postpress-(mock|contract)\b/, 'runs in a project that installed the package: test/package/consumer.pack.ts runs each bin through npx'],
];

/** Commands that write into the current folder: run in a temp folder that sees generated/ and node_modules/. */
const IN_TEMP_FOLDER = [/^npx @hey-api\/openapi-ts /];

const SERVERS = /^npm run (mock|docs:serve|dev)\b/;
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer().once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

async function tempFolder(): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'postpress-example-'));
  for (const entry of ['generated', 'node_modules']) await fsp.symlink(path.join(PROJECT_ROOT, entry), path.join(dir, entry));
  return dir;
}

function sh(command: string, cwd = PROJECT_ROOT): { code: number | null; out: string } {
  const run = spawnSync('/bin/sh', ['-c', command], { cwd, encoding: 'utf8', timeout: 170_000, env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

/** Starts a server command; resolves once it prints its URL. */
async function startServer(command: string): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn('/bin/sh', ['-c', `exec ${command}`], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/https?:\/\/127\.0\.0\.1:\d+/.test(out)) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`${command} exited ${code} before serving:\n${out}`));
    });
  });
  return { child, output: () => out };
}

describe('examples in README.md and docs/', () => {
  it('finds the examples', () => {
    expect(checked.filter((b) => b.lang === 'ts').length).toBeGreaterThanOrEqual(2);
    expect(checked.filter((b) => b.lang === 'sh').length).toBeGreaterThanOrEqual(6);
  });

  it('a block left out says why on its fence', () => {
    for (const b of optedOut) {
      expect(b.info, `${b.file}:${b.line}`).toMatch(NOT_CHECKED);
      console.log(`${b.file}:${b.line} not checked: ${NOT_CHECKED.exec(b.info)![1]}`);
    }
  });

  it('.ci/run runs the README\'s two commands', () => {
    const ci = fs.readFileSync(path.join(PROJECT_ROOT, '.ci/run'), 'utf8');
    const readmeCommands = commands(checked.find((b) => b.file === 'README.md' && b.lang === 'sh')!.code);
    expect(readmeCommands).toEqual(['npm ci && npm run build', 'npm test']);
    expect(ci).toMatch(/^npm ci\b.*$/m);
    expect(ci).toMatch(/^npm run build$/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it('type-checks the ts blocks of each manual as a user module', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'postpress-examples-'));
    try {
      // A manual's blocks read as one program: a later block may use what an earlier one made.
      const ts = files
        .map((file) => checked.filter((b) => b.file === file && b.lang === 'ts'))
        .filter((group) => group.length > 0)
        .map((group) => ({ ...group[0]!, code: group.map((b) => b.code).join('\n') }));
      // Values an example leaves to the reader.
      const prelude = 'declare const signal: AbortSignal;\ndeclare const baseUrl: string;\ndeclare const apiKey: string;\ndeclare const accountId: string;\nexport {};\n';
      const names = await Promise.all(ts.map(async (b, i) => {
        const name = `${b.file.replace(/\W/g, '_')}_${b.line}_${i}.ts`;
        await fsp.writeFile(path.join(dir, name), prelude + b.code);
        return name;
      }));
      const src = (entry: string) => [path.join(PROJECT_ROOT, 'src', entry, 'index.ts')];
      await fsp.writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      await fsp.writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({
        extends: path.join(PROJECT_ROOT, 'tsconfig.json'),
        compilerOptions: { noEmit: true, noUnusedLocals: false, typeRoots: [path.join(PROJECT_ROOT, 'node_modules/@types')], paths: { 'postpress-api': src('client'), 'postpress-api/contract': src('contract'), 'postpress-api/mock': src('mock') } },
        include: names,
      }));
      const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
      const problems = run.stdout.split('\n').filter((l) => names.some((n) => l.includes(n)));
      expect(problems).toEqual([]);
      expect(run.status, run.stdout).toBe(0);
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });

  for (const block of checked.filter((b) => b.lang === 'sh')) {
    it(`runs ${block.file}:${block.line}`, async () => {
      let server: { child: ChildProcess; output: () => string } | undefined;
      let portSwap: [string, string] | undefined;
      const stopServer = async () => {
        if (server && server.child.exitCode === null) {
          const exited = new Promise((r) => server!.child.once('exit', r));
          process.kill(-server.child.pid!, 'SIGTERM');
          await exited;
        }
        server = undefined;
      };
      try {
        for (const printed of commands(block.code)) {
          const skip = SKIPPED.find(([pattern]) => pattern.test(printed));
          if (skip) {
            console.log(`${block.file}:${block.line} skipped \`${printed}\`: ${skip[1]}`);
            continue;
          }
          let command = portSwap ? printed.split(portSwap[0]).join(portSwap[1]) : printed;
          if (SERVERS.test(command)) {
            // The printed port (or the script's default) when it is free; another one otherwise.
            const port = Number(/--port\s+(\d+)/.exec(command)?.[1] ?? { mock: 4010, 'docs:serve': 4173, dev: 4000 }[SERVERS.exec(command)![1]!]);
            if (!(await portFree(port))) {
              const other = String(await freePort());
              portSwap = [`:${port}/`, `:${other}/`];
              command = /--port\s+\d+/.test(command) ? command.replace(/--port\s+\d+/, `--port ${other}`) : `${command}${command.includes(' -- ') ? '' : ' --'} --port ${other}`;
            }
            await stopServer();
            server = await startServer(command);
            continue;
          }
          const cwd = IN_TEMP_FOLDER.some((p) => p.test(command)) ? await tempFolder() : PROJECT_ROOT;
          try {
            const result = sh(command, cwd);
            expect(result.code, `${block.file}:${block.line} \`${command}\`:\n${result.out}`).toBe(0);
          } finally {
            if (cwd !== PROJECT_ROOT) await fsp.rm(cwd, { recursive: true, force: true });
          }
        }
      } finally {
        await stopServer();
      }
    }, 180_000);
  }
});
