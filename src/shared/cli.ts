// What every command-line tool of the project shares: option parsing that names the option in
// each complaint (negative numbers included), one message and one exit code for a busy port,
// output that survives a closed pipe, shell-ready command lines, and errors printed without stacks.
import type { Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

/** Exit statuses shared by the tools (the contract kit's 1 means "violations found"). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
/** The command cannot run as asked: a bad option, or a port or address it cannot listen on. */
export const EXIT_USAGE = 2;
export const EXIT_CANNOT_LISTEN = EXIT_USAGE;

/** A mistake in the command line; the message names the option. Exit status EXIT_USAGE. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = EXIT_USAGE;
}

/** Listening failed for a reason the user can fix (busy port, address not on this machine). */
export class CannotListenError extends Error {
  override name = 'CannotListenError';
  readonly exitCode = EXIT_CANNOT_LISTEN;
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export type OptionSpecs = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

const NEGATIVE_NUMBER = /^-(?:\d|\.\d)/;

/**
 * node:util's parseArgs, strict, with two differences: `--rate -1` gives the string option its
 * negative value (parseArgs calls it "ambiguous"), so range checks can name the option; and
 * every parse error is a UsageError.
 */
export function parseCliArgs(
  argv: readonly string[],
  options: OptionSpecs,
  config: { allowPositionals?: boolean } = {},
): { values: OptionValues; positionals: string[] } {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else {
      args.push(arg);
    }
  }
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: config.allowPositionals ?? false });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export interface NumberRule {
  /** Whole numbers only (no fraction, no exponent). */
  integer?: boolean;
  min?: number;
  max?: number;
}

function describeRule(rule: NumberRule): string {
  const kind = rule.integer ? 'an integer' : 'a number';
  if (rule.min !== undefined && rule.max !== undefined) return `${kind} from ${rule.min} to ${rule.max}`;
  if (rule.min !== undefined) return `${kind} >= ${rule.min}`;
  if (rule.max !== undefined) return `${kind} <= ${rule.max}`;
  return kind;
}

/**
 * A numeric option's value (`undefined` stays undefined). Plain decimal notation only: no
 * exponent, hex, `Infinity`, spaces or empty string. Throws a UsageError such as
 * `--rate must be a number >= 0, got "-1"`.
 */
export function parseNumberOption(name: string, raw: string | undefined, rule: NumberRule = {}): number | undefined {
  if (raw === undefined) return undefined;
  const shape = rule.integer ? /^-?\d+$/ : /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
  const value = Number(raw);
  const ok =
    shape.test(raw) &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isSafeInteger(value)) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max);
  if (!ok) throw new UsageError(`--${name} must be ${describeRule(rule)}, got ${JSON.stringify(raw)}`);
  return value;
}

/** `--port`: an integer from 0 (any free port) to 65535; `fallback` when absent. */
export function parsePortOption(raw: string | undefined, fallback: number, name = 'port'): number {
  return parseNumberOption(name, raw, { integer: true, min: 0, max: 65535 }) ?? fallback;
}

/** The one sentence for a listen failure the user can fix, or undefined for any other error. */
export function listenErrorMessage(error: unknown, host: string, port: number): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `port ${port} on ${host} is already in use: stop the other process or pick another with --port (--port 0 picks a free one)`;
  if (code === 'EACCES') return `not allowed to listen on port ${port} on ${host}: pick a port above 1023 with --port`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot listen on ${host}: no such address on this machine (see --host)`;
  return undefined;
}

/**
 * `server.listen(port, host)` as a promise. A busy port (or a host that is not here) rejects
 * with a CannotListenError carrying listenErrorMessage's sentence; other errors as they are.
 */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const message = listenErrorMessage(error, host, port);
      reject(message ? new CannotListenError(message, error.code ?? 'ERROR') : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

type ErrorEmitter = { on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown };

/**
 * Keeps the process alive when the reader of `stream` goes away (`| head`, a closed pipe): EPIPE
 * and writes after it are dropped instead of crashing the process. Other stream errors are
 * rethrown as before. Returns a function telling whether the output has been closed.
 */
export function tolerateClosedOutput(stream: ErrorEmitter = process.stdout): () => boolean {
  let closed = false;
  stream.on('error', (error) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      closed = true;
      return;
    }
    throw error;
  });
  return () => closed;
}

/** One argument quoted for a POSIX shell (only when it needs it). */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line that runs as printed: `commandLine(['npx', 'postpress-contract', '--seed', '7'])`. */
export function commandLine(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}

/** The exit status for an error that ended a command: its own `exitCode`, else EXIT_FAILURE. */
export function exitCodeFor(error: unknown): number {
  const code = (error as { exitCode?: unknown } | null)?.exitCode;
  return typeof code === 'number' && Number.isInteger(code) && code > 0 ? code : EXIT_FAILURE;
}

/**
 * The line(s) to print for an error that ended `tool`: `tool: message`, the usage after a
 * UsageError, and no stack trace unless POSTPRESS_DEBUG is set.
 */
export function describeFailure(tool: string, error: unknown, usage?: string, env: Record<string, string | undefined> = process.env): string {
  const message = error instanceof Error ? error.message : String(error);
  const stack = env['POSTPRESS_DEBUG'] && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  const help = error instanceof UsageError && usage ? `\n\n${usage}` : '';
  return `${tool}: ${message}${stack}${help}\n`;
}

/**
 * Runs a command's main function: its result (or 0) becomes the exit status; an error is printed
 * with describeFailure and exits with exitCodeFor. Sets process.exitCode and returns it.
 */
export async function runCli(tool: string, main: () => Promise<number | void>, usage?: string): Promise<number> {
  try {
    process.exitCode = (await main()) ?? EXIT_OK;
  } catch (error) {
    process.stderr.write(describeFailure(tool, error, usage));
    process.exitCode = exitCodeFor(error);
  }
  return process.exitCode as number;
}
