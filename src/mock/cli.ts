// postpress-mock / `npm run mock`: serve the mock until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { isEntryPoint } from '../shared/entry-point.js';
import { MOCK_ACCOUNT_SIZES, MOCK_ACCOUNTS, MOCK_API_KEY, MOCK_DEFAULT_SEED, startMockServer, type MockOptions } from './index.js';

export const DEFAULT_PORT = 4010;

export const USAGE = `usage: postpress-mock [--port N] [--host H] [--api-key KEY] [--seed N] [--log]

Serves the postpress API (GET /api/v1/users/invite/sent) from a seeded data set.

  --port N       port to listen on, 0 for any free port (default ${DEFAULT_PORT})
  --host H       interface to listen on (default 127.0.0.1)
  --api-key KEY  the only X-API-KEY accepted (default ${MOCK_API_KEY})
  --seed N       integer seed of the data set and of the cursors (default ${MOCK_DEFAULT_SEED})
  --log          print one line per request: method, target, status, time
  --help         show this help

Any documented error on demand: send  Prefer: code=503, type=errors/network_down
Stops cleanly on Ctrl+C (SIGINT) or SIGTERM.`;

export class UsageError extends Error {}

export interface MockCliOptions {
  port: number;
  host: string;
  apiKey: string;
  seed: number;
  log: boolean;
}

/** Reads the flags; throws UsageError with a sentence naming the bad flag. */
export function parseMockArgs(argv: readonly string[]): MockCliOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'api-key': { type: 'string' },
        seed: { type: 'string' },
        log: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values['help']) return 'help';

  const port = String(values['port'] ?? DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got ${JSON.stringify(port)}`);
  }
  const seed = String(values['seed'] ?? MOCK_DEFAULT_SEED);
  if (!/^-?\d+$/.test(seed) || !Number.isSafeInteger(Number(seed))) {
    throw new UsageError(`--seed must be an integer, got ${JSON.stringify(seed)}`);
  }
  const apiKey = String(values['api-key'] ?? MOCK_API_KEY);
  if (!/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new UsageError('--api-key must be non-empty printable ASCII without spaces (it travels in an HTTP header)');
  }
  const host = String(values['host'] ?? '127.0.0.1');
  if (host.trim() === '') throw new UsageError('--host must not be empty');
  return { port: Number(port), host, apiKey, seed: Number(seed), log: values['log'] === true };
}

function banner(url: string, options: MockCliOptions): string {
  const accounts = Object.entries(MOCK_ACCOUNT_SIZES).map(
    ([id, size], index) => `${index === 0 ? '  accounts   ' : '             '}${id}  (${size} pending invitations)`,
  );
  return [
    `postpress mock listening on ${url}`,
    `  X-API-KEY  ${options.apiKey}`,
    `  seed       ${options.seed}`,
    ...accounts,
    `  try        curl -H 'X-API-KEY: ${options.apiKey}' '${url}/users/invite/sent?account_id=${MOCK_ACCOUNTS.small}&limit=3'`,
    `  errors     add -H 'Prefer: code=503, type=errors/network_down' (any documented status and type)`,
    'Press Ctrl+C to stop.',
  ].join('\n');
}

/** Runs the CLI; sets process.exitCode (0 ok, 1 cannot listen, 2 usage error). */
export async function main(argv: readonly string[]): Promise<void> {
  let options: MockCliOptions | 'help';
  try {
    options = parseMockArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`postpress-mock: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  let running: Awaited<ReturnType<typeof startMockServer>>;
  try {
    const onReply: MockOptions['onReply'] = ({ method, target, status, milliseconds }) => {
      process.stdout.write(`${new Date().toISOString().slice(11, 23)} ${method} ${target} -> ${status} (${milliseconds.toFixed(1)} ms)\n`);
    };
    running = await startMockServer({ ...options, ...(options.log ? { onReply } : {}) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`postpress-mock: cannot listen on ${options.host}:${options.port}: ${reason}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${banner(running.url, options)}\n`);

  const stop = (signal: NodeJS.Signals): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    // A second signal while closing ends the process at once.
    process.once(signal, () => process.exit(1));
    process.stdout.write(`postpress-mock: ${signal} received, closing\n`);
    running.close().then(
      () => {
        process.stdout.write('postpress-mock: stopped\n');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`postpress-mock: error while closing: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (isEntryPoint(import.meta.url)) await main(process.argv.slice(2));
