// postpress-mock / `npm run mock`: serve a spec (ours by default) until SIGINT or SIGTERM.
import { EXIT_OK, parseCliArgs, parseNumberOption, parsePortOption, runCli, tolerateClosedOutput, UsageError } from '../shared/cli.js';
import { isEntryPoint } from '../shared/entry-point.js';
import { DEFAULT_MAX_RECORDS, MOCK_API_KEY, MOCK_DEFAULT_SEED, RESET_PATH } from './constants.js';
import type { MockOptions, RunningMock } from './index.js';
import { MAX_DELAY_MS } from './prefer.js';

export { UsageError };

export const DEFAULT_PORT = 4010;

export const USAGE = `usage: postpress-mock [--port N] [--host H] [--spec FILE] [--fixtures FILE] [options]

Serves every operation of an OpenAPI 3.1 spec (default: the bundled postpress spec), with state:
what you create can be read, listed, updated and deleted, per API key. docs/mock.md has the rest.

  --port N             port to listen on, 0 for any free port (default ${DEFAULT_PORT})
  --host H             interface to listen on (default 127.0.0.1)
  --spec FILE          the OpenAPI 3.1 document to serve (YAML or JSON)
  --fixtures FILE      the data to start from (default: mock-fixtures.yaml beside the spec)
  --no-fixtures        start from the spec's examples and generated data only
  --api-key KEY        a key accepted by apiKey schemes; repeat for several (default ${MOCK_API_KEY})
  --bearer-token T     the only token http bearer schemes accept (default: any)
  --basic USER:PASS    the only credentials http basic schemes accept (default: any)
  --seed N             integer seed of generated data and cursors (default ${MOCK_DEFAULT_SEED})
  --max-records N      written records held over all API keys (default ${DEFAULT_MAX_RECORDS})
  --delay MS           latency added to every reply, 0 to ${MAX_DELAY_MS} ms (default 0)
  --cors               allow browser pages on any origin to call the mock
  --log                print one line per request: method, target, status, time
  --help               show this help

Per request:  Prefer: code=503, type=...   a documented error     Prefer: example=NAME  a named example
              Prefer: delay=2000            a slow reply           Prefer: fault=reset|truncate
Reset state:  curl -X POST http://HOST:PORT${RESET_PATH}
Stops cleanly on Ctrl+C (SIGINT) or SIGTERM.`;

export interface MockCliOptions {
  port: number;
  host: string;
  spec: string | undefined;
  fixtures: string | false | undefined;
  apiKeys: string[];
  bearerToken: string | undefined;
  basicCredentials: string | undefined;
  seed: number;
  maxRecords: number;
  delayMs: number;
  cors: boolean;
  log: boolean;
}

const PRINTABLE = /^[\x21-\x7e]+$/;

/** Reads the flags; throws UsageError with a sentence naming the bad flag. */
export function parseMockArgs(argv: readonly string[]): MockCliOptions | 'help' {
  const { values } = parseCliArgs(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    spec: { type: 'string' },
    fixtures: { type: 'string' },
    'no-fixtures': { type: 'boolean' },
    'api-key': { type: 'string', multiple: true },
    'bearer-token': { type: 'string' },
    basic: { type: 'string' },
    seed: { type: 'string' },
    'max-records': { type: 'string' },
    delay: { type: 'string' },
    cors: { type: 'boolean' },
    log: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values['help']) return 'help';
  const text = (name: string) => (values[name] === undefined ? undefined : String(values[name]));
  const apiKeys = (values['api-key'] as string[] | undefined) ?? [MOCK_API_KEY];
  for (const key of apiKeys) {
    if (!PRINTABLE.test(key)) throw new UsageError('--api-key must be non-empty printable ASCII without spaces (it travels in an HTTP header)');
  }
  const bearerToken = text('bearer-token');
  if (bearerToken !== undefined && !PRINTABLE.test(bearerToken)) throw new UsageError('--bearer-token must be non-empty printable ASCII without spaces');
  const basicCredentials = text('basic');
  if (basicCredentials !== undefined && !basicCredentials.includes(':')) throw new UsageError(`--basic must be USER:PASSWORD, got ${JSON.stringify(basicCredentials)}`);
  const host = text('host') ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('--host must not be empty');
  for (const name of ['spec', 'fixtures']) if (text(name) === '') throw new UsageError(`--${name} must name a file`);
  if (values['fixtures'] !== undefined && values['no-fixtures']) throw new UsageError('--fixtures and --no-fixtures cannot be used together');
  return {
    port: parsePortOption(text('port'), DEFAULT_PORT),
    host,
    spec: text('spec'),
    fixtures: values['no-fixtures'] ? false : text('fixtures'),
    apiKeys,
    bearerToken,
    basicCredentials,
    seed: parseNumberOption('seed', text('seed'), { integer: true }) ?? MOCK_DEFAULT_SEED,
    maxRecords: parseNumberOption('max-records', text('max-records'), { integer: true, min: 0 }) ?? DEFAULT_MAX_RECORDS,
    delayMs: parseNumberOption('delay', text('delay'), { integer: true, min: 0, max: MAX_DELAY_MS }) ?? 0,
    cors: values['cors'] === true,
    log: values['log'] === true,
  };
}

/** The start-up text: where, what, which credentials, which data, and a first request to try. */
export function banner(running: RunningMock, options: MockCliOptions): string {
  const { model } = running.spec;
  const schemes = Object.values(model.securitySchemes);
  const keyScheme = schemes.find((s) => s.type === 'apiKey' && s.in === 'header');
  const lines = [
    `postpress mock listening on ${running.url}`,
    `  spec       ${running.spec.file} (${model.operations.length} operations, ${model.resources.length} resources)`,
    `  fixtures   ${running.fixturesFile ?? '(none: examples and generated data)'}`,
    `  seed       ${options.seed}`,
  ];
  for (const scheme of schemes) {
    if (scheme.type === 'apiKey') lines.push(`  ${scheme.name}  ${scheme.parameterName} (${scheme.in}): ${options.apiKeys.join(', ')}`);
    else if (scheme.type === 'http') lines.push(`  ${scheme.name}  Authorization: ${scheme.scheme} ${scheme.scheme === 'bearer' ? options.bearerToken ?? '<any token>' : options.basicCredentials ?? '<any user:password>'}`);
  }
  for (const [label, partition] of Object.entries(running.labels)) lines.push(`  data       ${label.padEnd(8)} ${partition}`);
  const first = model.operations.find((op) => op.method === 'get' && !op.path.includes('{') && !op.parameters.some((p) => p.required && p.in !== 'query'));
  if (first) {
    const query = first.parameters.filter((p) => p.required && p.in === 'query').map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(p.example ?? Object.values(running.labels)[0] ?? 'x'))}`);
    const header = keyScheme ? `-H '${keyScheme.parameterName}: ${options.apiKeys[0]}' ` : '';
    lines.push(`  try        curl ${header}'${running.url}${first.path}${query.length > 0 ? `?${query.join('&')}` : ''}'`);
  }
  lines.push(`  reset      curl -X POST '${new URL(running.url).origin}${RESET_PATH}'`, 'Press Ctrl+C to stop.');
  return lines.join('\n');
}

/** Runs the CLI; resolves once the mock is listening (exit 0), or throws (exit via runCli). */
export async function main(argv: readonly string[]): Promise<number | void> {
  const options = parseMockArgs(argv);
  tolerateClosedOutput(process.stdout);
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const onReply: MockOptions['onReply'] = ({ method, target, status, milliseconds }) => {
    process.stdout.write(`${new Date().toISOString().slice(11, 23)} ${method} ${target} -> ${status || 'dropped'} (${milliseconds.toFixed(1)} ms)\n`);
  };
  // Loaded only now: a usage error or --help needs neither the spec nor Ajv.
  const { startMock } = await import('./index.js');
  const running = await startMock({
    port: options.port,
    host: options.host,
    ...(options.spec !== undefined ? { spec: options.spec } : {}),
    ...(options.fixtures !== undefined ? { fixtures: options.fixtures } : {}),
    apiKey: options.apiKeys,
    ...(options.bearerToken !== undefined ? { bearerToken: options.bearerToken } : {}),
    ...(options.basicCredentials !== undefined ? { basicCredentials: options.basicCredentials } : {}),
    seed: options.seed,
    maxRecords: options.maxRecords,
    delayMs: options.delayMs,
    cors: options.cors,
    ...(options.log ? { onReply } : {}),
  });
  for (const warning of running.warnings) process.stderr.write(`postpress-mock: warning: ${warning}\n`);
  process.stdout.write(`${banner(running, options)}\n`);

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
  return EXIT_OK;
}

if (isEntryPoint(import.meta.url)) await runCli('postpress-mock', () => main(process.argv.slice(2)), USAGE);
