// src/shared/cli.ts: option parsing that names the option, one busy-port message and exit code,
// output that survives a closed pipe, command lines that run as printed.
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CannotListenError, EXIT_CANNOT_LISTEN, EXIT_FAILURE, EXIT_USAGE, UsageError, commandLine, describeFailure, exitCodeFor, listen,
  listenErrorMessage, parseCliArgs, parseNumberOption, parsePortOption, runCli, shellQuote, tolerateClosedOutput,
} from '../../src/shared/cli.js';
import { PROJECT_ROOT } from '../../src/pipeline/paths.js';

const OPTIONS = { rate: { type: 'string' }, port: { type: 'string' }, log: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

describe('parseCliArgs', () => {
  it('gives a string option its negative value instead of calling it ambiguous', () => {
    expect(parseCliArgs(['--rate', '-1'], OPTIONS).values).toEqual({ rate: '-1' });
    expect(parseCliArgs(['--rate', '-.5', '--log'], OPTIONS).values).toEqual({ rate: '-.5', log: true });
    expect(parseCliArgs(['--rate=-2'], OPTIONS).values).toEqual({ rate: '-2' });
  });

  it('leaves a dash that is not a number to parseArgs, and reports every parse error as a UsageError', () => {
    expect(() => parseCliArgs(['--rate', '--log'], OPTIONS)).toThrow(UsageError);
    expect(() => parseCliArgs(['--rate', '-x'], OPTIONS)).toThrow(/--rate/);
    expect(() => parseCliArgs(['--nope'], OPTIONS)).toThrow(/Unknown option '--nope'/);
    expect(() => parseCliArgs(['stray'], OPTIONS)).toThrow(UsageError);
    // A boolean flag followed by a negative number: the number stays a positional.
    expect(() => parseCliArgs(['--log', '-1'], OPTIONS)).toThrow(UsageError);
  });

  it('takes positionals when allowed, and short flags', () => {
    expect(parseCliArgs(['a', '-h', 'b'], OPTIONS, { allowPositionals: true })).toEqual({ values: { help: true }, positionals: ['a', 'b'] });
  });
});

describe('parseNumberOption', () => {
  it('accepts plain decimal numbers within the rule', () => {
    expect(parseNumberOption('rate', '0', { min: 0 })).toBe(0);
    expect(parseNumberOption('rate', '2.5', { min: 0 })).toBe(2.5);
    expect(parseNumberOption('rate', '.5', { min: 0 })).toBe(0.5);
    expect(parseNumberOption('seed', '-7', { integer: true })).toBe(-7);
    expect(parseNumberOption('port', '65535', { integer: true, min: 0, max: 65535 })).toBe(65535);
    expect(parseNumberOption('rate', undefined, { min: 0 })).toBeUndefined();
  });

  it.each([
    ['rate', '-1', { min: 0 }, '--rate must be a number >= 0, got "-1"'],
    ['rate', 'abc', { min: 0 }, '--rate must be a number >= 0, got "abc"'],
    ['rate', '', { min: 0 }, '--rate must be a number >= 0, got ""'],
    ['rate', ' 1', {}, '--rate must be a number, got " 1"'],
    ['rate', '1e3', {}, '--rate must be a number, got "1e3"'],
    ['rate', 'Infinity', {}, '--rate must be a number, got "Infinity"'],
    ['rate', '0x10', {}, '--rate must be a number, got "0x10"'],
    ['port', '2.5', { integer: true, min: 0, max: 65535 }, '--port must be an integer from 0 to 65535, got "2.5"'],
    ['port', '65536', { integer: true, min: 0, max: 65535 }, '--port must be an integer from 0 to 65535, got "65536"'],
    ['max', '11', { integer: true, max: 10 }, '--max must be an integer <= 10, got "11"'],
    ['seed', '9007199254740993', { integer: true }, '--seed must be an integer, got "9007199254740993"'],
  ] as const)('--%s %j is refused with the option named', (name, raw, rule, message) => {
    expect(() => parseNumberOption(name, raw, rule)).toThrow(new UsageError(message));
  });

  it('parsePortOption: 0..65535, the fallback when absent, the option name in the message', () => {
    expect(parsePortOption(undefined, 4010)).toBe(4010);
    expect(parsePortOption('0', 4010)).toBe(0);
    expect(() => parsePortOption('-1', 4010)).toThrow('--port must be an integer from 0 to 65535, got "-1"');
    expect(() => parsePortOption('x', 1, 'docs-port')).toThrow(/^--docs-port /);
  });
});

describe('busy port: one message, one exit code', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  it('listen() resolves with the address, and rejects a busy port with CannotListenError', async () => {
    const first = http.createServer();
    servers.push(first);
    const { port } = await listen(first, 0, '127.0.0.1');
    expect(port).toBeGreaterThan(0);
    const second = http.createServer();
    const error = await listen(second, port, '127.0.0.1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CannotListenError);
    expect((error as CannotListenError).message).toBe(`port ${port} on 127.0.0.1 is already in use: stop the other process or pick another with --port (--port 0 picks a free one)`);
    expect((error as CannotListenError).code).toBe('EADDRINUSE');
    expect(exitCodeFor(error)).toBe(EXIT_CANNOT_LISTEN);
    expect(EXIT_CANNOT_LISTEN).toBe(EXIT_USAGE);
    // The failed server holds no listener: a second attempt on a free port works.
    servers.push(second);
    await expect(listen(second, 0, '127.0.0.1')).resolves.toMatchObject({ address: '127.0.0.1' });
  });

  it('an address that is not on this machine gets its own sentence', async () => {
    const server = http.createServer();
    const error = await listen(server, 0, '192.0.2.1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CannotListenError);
    expect((error as Error).message).toBe('cannot listen on 192.0.2.1: no such address on this machine (see --host)');
  });

  it('listenErrorMessage knows EACCES and leaves other errors alone', () => {
    expect(listenErrorMessage(Object.assign(new Error('x'), { code: 'EACCES' }), 'h', 80)).toBe('not allowed to listen on port 80 on h: pick a port above 1023 with --port');
    expect(listenErrorMessage(Object.assign(new Error('x'), { code: 'EMFILE' }), 'h', 80)).toBeUndefined();
    expect(listenErrorMessage(undefined, 'h', 80)).toBeUndefined();
  });
});

describe('errors end a command without a stack trace', () => {
  it('describeFailure prints tool: message, the usage after a usage error, the stack only with POSTPRESS_DEBUG', () => {
    const usage = 'usage: tool [--x]';
    expect(describeFailure('tool', new UsageError('--x is bad'), usage, {})).toBe('tool: --x is bad\n\nusage: tool [--x]\n');
    expect(describeFailure('tool', new Error('boom'), usage, {})).toBe('tool: boom\n');
    expect(describeFailure('tool', 'plain', undefined, {})).toBe('tool: plain\n');
    expect(describeFailure('tool', new Error('boom'), usage, { POSTPRESS_DEBUG: '1' })).toMatch(/^tool: boom\nError: boom\n {4}at /);
  });

  it('exitCodeFor: the error\'s own positive integer exitCode, else 1', () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(EXIT_USAGE);
    expect(exitCodeFor(new Error('x'))).toBe(EXIT_FAILURE);
    expect(exitCodeFor({ exitCode: 0 })).toBe(EXIT_FAILURE);
    expect(exitCodeFor({ exitCode: 1.5 })).toBe(EXIT_FAILURE);
    expect(exitCodeFor({ exitCode: 3 })).toBe(3);
    expect(exitCodeFor(null)).toBe(EXIT_FAILURE);
  });

  it('runCli sets process.exitCode from the result or the error', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const saved = process.exitCode;
    try {
      expect(await runCli('tool', async () => 3)).toBe(3);
      expect(await runCli('tool', async () => undefined)).toBe(0);
      expect(await runCli('tool', async () => { throw new UsageError('--x is bad'); }, 'usage: tool')).toBe(EXIT_USAGE);
      expect(stderr).toHaveBeenLastCalledWith('tool: --x is bad\n\nusage: tool\n');
      expect(await runCli('tool', async () => { throw new Error('disk full'); })).toBe(EXIT_FAILURE);
      expect(stderr).toHaveBeenLastCalledWith('tool: disk full\n');
    } finally {
      stderr.mockRestore();
      process.exitCode = saved;
    }
  });
});

describe('command lines that run as printed', () => {
  it('quotes only what the shell would change, and quotes quotes', () => {
    expect(shellQuote('--seed')).toBe('--seed');
    expect(shellQuote('http://127.0.0.1:4010/api/v1')).toBe('http://127.0.0.1:4010/api/v1');
    expect(shellQuote('a b')).toBe(`'a b'`);
    expect(shellQuote('')).toBe(`''`);
    expect(shellQuote(`it's $HOME`)).toBe(`'it'\\''s $HOME'`);
  });

  it('a quoted line gives the program exactly the original arguments', () => {
    const args = ['plain', 'with space', `quote'in`, '$HOME', 'back\\slash', '*', '', 'new\nline', '-1'];
    const printed = commandLine([process.execPath, '-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...args]);
    const run = spawnSync('/bin/sh', ['-c', printed], { encoding: 'utf8' });
    expect(JSON.parse(run.stdout)).toEqual(args);
  });
});

describe('a closed stdout does not crash the process', () => {
  // A child that writes to stdout forever, with or without the guard; the parent closes the pipe.
  function writer(guarded: boolean): Promise<{ code: number | null; stderr: string }> {
    const script = `
      import { tolerateClosedOutput } from ${JSON.stringify(path.join(PROJECT_ROOT, 'src/shared/cli.ts'))};
      const closed = ${guarded} ? tolerateClosedOutput(process.stdout) : () => false;
      const line = 'x'.repeat(1000) + '\\n';
      const timer = setInterval(() => { for (let i = 0; i < 100; i++) process.stdout.write(line); }, 5);
      setTimeout(() => { clearInterval(timer); process.stderr.write('still running, closed=' + closed()); }, 600);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  }

  it('without the guard the writer dies of EPIPE (the failure this prevents)', async () => {
    const { code, stderr } = await writer(false);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/EPIPE/);
  });

  it('with tolerateClosedOutput it carries on and knows the output is closed', async () => {
    const { code, stderr } = await writer(true);
    expect(stderr).toBe('still running, closed=true');
    expect(code).toBe(0);
  });

  it('other stream errors still surface', () => {
    const listeners: Array<(e: NodeJS.ErrnoException) => void> = [];
    const closed = tolerateClosedOutput({ on: (_event: 'error', l: (e: NodeJS.ErrnoException) => void) => listeners.push(l) });
    expect(() => listeners[0]!(Object.assign(new Error('disk'), { code: 'EIO' }))).toThrow('disk');
    expect(closed()).toBe(false);
    listeners[0]!(Object.assign(new Error('gone'), { code: 'ERR_STREAM_DESTROYED' }));
    expect(closed()).toBe(true);
  });
});
