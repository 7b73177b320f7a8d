// postpress-contract: contract-test a server against an OpenAPI 3.1 spec (ours by default).
// Exit 0 conforming, 1 violations found (or coverage below --min-coverage), 2 usage error, a spec
// it cannot handle or a target it cannot reach, 3 inconclusive.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { describeFailure, parseCliArgs, parseNumberOption, tolerateClosedOutput, UsageError } from '../shared/cli.js';
import { isEntryPoint } from '../shared/entry-point.js';
import { SpecLoadError } from '../spec/load.js';
import { UnenforceableKeywordError } from '../spec/keywords.js';
import { API_KEY_ENV } from './redact.js';
import { formatHuman, formatJson, formatJUnit, writeFileAtomic } from './report.js';
import { DEFAULTS, EXIT, runContract, TargetUnreachableError, type ContractOptions } from './runner.js';
import { loadKitSpec } from './spec.js';

/** `--auth NAME` without a value reads this variable plus the scheme name, upper-cased (non-alphanumerics as `_`). */
export const AUTH_ENV_PREFIX = 'POSTPRESS_AUTH_';

export const USAGE = `Usage: postpress-contract [--spec FILE] [--base-url URL] [options]

Contract-tests a server against an OpenAPI 3.1 spec (default: the bundled postpress spec). Without
--base-url it starts the mock server in-process, on the same spec, and tests it.

  --spec FILE           the OpenAPI 3.1 document (YAML or JSON; $refs to other files are bundled)
  --base-url URL        base URL including the API prefix, e.g. https://api.example.com/api/v1
  --auth NAME=VALUE     the credential for the security scheme NAME (repeatable); HTTP basic: user:password.
                        --auth NAME alone reads it from ${AUTH_ENV_PREFIX}<NAME> (keeps it out of ps)
  --api-key KEY         the credential for every scheme not given with --auth (or set ${API_KEY_ENV})
  --param NAME=VALUE    a value for a parameter, NAME or operationId.NAME (repeatable): path ids the kit
                        cannot learn from a list, link or create response, required query parameters
  --fixtures FILE       parameter values from a YAML or JSON file: { parameters: { NAME: VALUE, ... } }
  --allow-unsafe        also test operations that write (POST, PUT, PATCH, DELETE); the kit deletes what
                        it creates and reports what it could not delete. Without it nothing is written.
  --min-coverage P      fail (exit 1) when under P% of the documented statuses and error types were observed
  --junit FILE          also write a JUnit XML report
  --json FILE           also write a JSON report
  --max-requests N      request budget of the whole run, shared fairly by the operations (default ${DEFAULTS.maxRequests})
  --rate R              requests per second, 0 = unlimited (default ${DEFAULTS.remoteRate}; unlimited for the mock)
  --concurrency N       requests in flight at once (default ${DEFAULTS.concurrency})
  --timeout MS          per-request timeout (default ${DEFAULTS.timeoutMs})
  --max-pages N         page cap of a pagination walk (default ${DEFAULTS.maxPages})
  --seed S              seed of the generated values (printed; replays a run)
  --prefer-errors       ask for each documented error type with Prefer: code=N, type=T
                        (for targets that honour it; always on for the in-process mock)
  --help                show this help

Exit status: 0 conforming, 1 violations found (or coverage below --min-coverage), 2 usage error,
a spec the kit cannot handle or an unreachable target, 3 inconclusive (the budget, a missing value
or an unmet precondition left checks unexercised: the report says which).
`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Whether stderr is a terminal (progress rewrites one line). */
  progressTty: boolean;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  progressTty: Boolean(process.stderr.isTTY),
};

const OPTIONS = {
  spec: { type: 'string' }, 'base-url': { type: 'string' }, auth: { type: 'string', multiple: true }, 'api-key': { type: 'string' },
  param: { type: 'string', multiple: true }, fixtures: { type: 'string' }, junit: { type: 'string' }, json: { type: 'string' },
  'max-requests': { type: 'string' }, rate: { type: 'string' }, concurrency: { type: 'string' }, timeout: { type: 'string' },
  'max-pages': { type: 'string' }, seed: { type: 'string' }, 'min-coverage': { type: 'string' }, 'allow-unsafe': { type: 'boolean' },
  'prefer-errors': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

function pairs(option: string, list: readonly string[], env: CliIo['env'], fromEnv?: (name: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of list) {
    const at = entry.indexOf('=');
    const name = at === -1 ? entry : entry.slice(0, at);
    if (name.trim() === '') throw new UsageError(`--${option} needs NAME=VALUE, got ${JSON.stringify(entry)}`);
    if (at === -1) {
      if (!fromEnv) throw new UsageError(`--${option} needs NAME=VALUE, got ${JSON.stringify(entry)}`);
      const variable = fromEnv(name);
      const value = env[variable];
      if (value === undefined || value === '') throw new UsageError(`--${option} ${name}: the environment variable ${variable} is not set`);
      out[name] = value;
    } else out[name] = entry.slice(at + 1);
  }
  return out;
}

export interface ParsedCli { options: ContractOptions; junit?: string; json?: string; fixtures?: string }

export function parseCli(argv: string[], env: CliIo['env']): ParsedCli | 'help' {
  const { values: v } = parseCliArgs(argv, OPTIONS as never);
  if (v.help) return 'help';
  const options: ContractOptions = {};
  const text = (name: string) => v[name] as string | undefined;
  const baseUrl = text('base-url');
  if (baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new UsageError(`--base-url is not a URL: ${JSON.stringify(baseUrl)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--base-url must be http or https, got ${url.protocol}`);
    options.baseUrl = baseUrl;
  }
  if (text('spec') !== undefined) {
    if (text('spec')!.trim() === '') throw new UsageError('--spec is empty');
    options.spec = text('spec')!;
  }
  const apiKey = text('api-key') ?? env[API_KEY_ENV];
  if (apiKey !== undefined) {
    if (apiKey.trim() === '') throw new UsageError('--api-key is empty');
    options.apiKey = apiKey;
  }
  const auth = pairs('auth', (v.auth as string[] | undefined) ?? [], env, (name) => `${AUTH_ENV_PREFIX}${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`);
  if (Object.keys(auth).length > 0) options.auth = auth;
  const parameters = pairs('param', (v.param as string[] | undefined) ?? [], env);
  if (Object.keys(parameters).length > 0) options.parameters = parameters;
  const set = <K extends keyof ContractOptions>(key: K, value: ContractOptions[K] | undefined) => { if (value !== undefined) options[key] = value; };
  set('maxRequests', parseNumberOption('max-requests', text('max-requests'), { integer: true, min: 1 }));
  set('concurrency', parseNumberOption('concurrency', text('concurrency'), { integer: true, min: 1 }));
  set('timeoutMs', parseNumberOption('timeout', text('timeout'), { integer: true, min: 1 }));
  set('maxPages', parseNumberOption('max-pages', text('max-pages'), { integer: true, min: 1 }));
  set('seed', parseNumberOption('seed', text('seed'), { integer: true, min: -(2 ** 31) }));
  set('rate', parseNumberOption('rate', text('rate'), { min: 0 }));
  set('minCoverage', parseNumberOption('min-coverage', text('min-coverage'), { min: 0, max: 100 }));
  if (v['allow-unsafe']) options.allowUnsafe = true;
  if (v['prefer-errors']) options.preferErrors = true;
  return { options, ...(text('junit') !== undefined ? { junit: text('junit')! } : {}), ...(text('json') !== undefined ? { json: text('json')! } : {}), ...(text('fixtures') !== undefined ? { fixtures: text('fixtures')! } : {}) };
}

/** `--fixtures FILE`: `{ parameters: { name: value } }` (YAML or JSON); values become text. */
export async function readFixtures(file: string): Promise<Record<string, string>> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--fixtures ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(raw);
  } catch (error) {
    throw new UsageError(`--fixtures ${file}: not YAML or JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const parameters = (parsed as { parameters?: unknown } | null)?.parameters;
  if (!parameters || typeof parameters !== 'object' || Array.isArray(parameters)) throw new UsageError(`--fixtures ${file}: expected a mapping \`parameters: { NAME: VALUE }\``);
  return Object.fromEntries(Object.entries(parameters).map(([k, value]) => [k, typeof value === 'object' ? JSON.stringify(value) : String(value)]));
}

/** Progress on stderr: one rewritten line on a terminal, else a line every 2 s. */
function progressReporter(io: CliIo): { update: ContractOptions['onProgress']; done(): void } {
  let last = 0;
  let shown = false;
  const started = Date.now();
  return {
    update({ requests, maxRequests, phase }) {
      const now = Date.now();
      if (now - started < 1000 || now - last < (io.progressTty ? 100 : 2000)) return;
      last = now;
      shown = true;
      const line = `postpress-contract: ${requests}/${maxRequests} requests · ${phase}`;
      io.stderr(io.progressTty ? `\r\u001b[2K${line}` : `${line}\n`);
    },
    done() {
      if (shown && io.progressTty) io.stderr('\r\u001b[2K');
    },
  };
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let parsed: ParsedCli | 'help';
  const progress = progressReporter(io);
  try {
    parsed = parseCli(argv, io.env);
    if (parsed === 'help') {
      io.stdout(USAGE);
      return EXIT.conforming;
    }
    if (parsed.fixtures) parsed.options.parameters = { ...(await readFixtures(parsed.fixtures)), ...parsed.options.parameters };
    // Load the spec first: a spec the kit cannot handle is exit 2 before any request.
    const spec = await loadKitSpec(typeof parsed.options.spec === 'string' ? parsed.options.spec : undefined);
    const report = await runContract({ ...parsed.options, spec, onProgress: progress.update });
    progress.done();
    io.stdout(formatHuman(report));
    if (parsed.junit) await writeFileAtomic(parsed.junit, formatJUnit(report));
    if (parsed.json) await writeFileAtomic(parsed.json, formatJson(report));
    if (report.verdict === 'violations' || report.coverage.belowMinimum) return EXIT.violations;
    return report.verdict === 'inconclusive' ? EXIT.inconclusive : EXIT.conforming;
  } catch (error) {
    progress.done();
    if (error instanceof UsageError) {
      io.stderr(describeFailure('postpress-contract', error, USAGE, io.env));
      return EXIT.usage;
    }
    if (error instanceof TargetUnreachableError || error instanceof SpecLoadError || error instanceof UnenforceableKeywordError) {
      io.stderr(`postpress-contract: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(describeFailure('postpress-contract', new Error(`the run failed: ${error instanceof Error ? error.message : String(error)}`), undefined, io.env));
    return EXIT.usage;
  }
}

if (isEntryPoint(import.meta.url)) {
  tolerateClosedOutput(process.stdout);
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
