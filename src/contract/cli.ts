// postpress-contract: contract-test a server that claims to implement the postpress API.
// Exit 0 conforming, 1 violations found, 2 usage error or target unreachable.
import { parseArgs } from 'node:util';
import { isEntryPoint } from '../shared/entry-point.js';
import { UnenforceableKeywordError } from './keywords.js';
import { API_KEY_ENV } from './redact.js';
import { formatHuman, formatJson, formatJUnit, writeFileAtomic } from './report.js';
import { DEFAULTS, runContract, TargetUnreachableError, type ContractOptions } from './runner.js';

export const USAGE = `Usage: postpress-contract --base-url URL --api-key KEY --account-id ID [options]

Contract-tests a server against the postpress OpenAPI spec. Without --base-url it starts the
mock server in-process and tests it.

  --base-url URL        base URL including the API prefix, e.g. https://api.example.com/api/v1
  --api-key KEY         the X-API-KEY to send (or set ${API_KEY_ENV}, which keeps it out of ps)
  --account-id ID       the account_id to list invitations for
  --junit FILE          also write a JUnit XML report
  --json FILE           also write a JSON report
  --max-requests N      request budget of the whole run (default ${DEFAULTS.maxRequests})
  --rate R              requests per second, 0 = unlimited (default ${DEFAULTS.remoteRate}; unlimited for the mock)
  --concurrency N       requests in flight at once (default ${DEFAULTS.concurrency})
  --timeout MS          per-request timeout (default ${DEFAULTS.timeoutMs})
  --max-pages N         page cap of a pagination walk (default ${DEFAULTS.maxPages})
  --seed S              seed of the property-based requests (printed; replays a run)
  --allow-unsafe        also probe operations that are not read-only
  --prefer-errors       ask for each documented error type with Prefer: code=N, type=T
                        (for targets that honour it; always on for the in-process mock)
  --help                show this help

Exit status: 0 conforming, 1 violations found, 2 usage error or target unreachable.
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

class UsageError extends Error {}

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) throw new UsageError(`--${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  return Number(value);
}

export function parseCli(argv: string[], env: CliIo['env']): { options: ContractOptions; junit?: string; json?: string } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string' }, 'api-key': { type: 'string' }, 'account-id': { type: 'string' },
        junit: { type: 'string' }, json: { type: 'string' }, 'max-requests': { type: 'string' }, rate: { type: 'string' },
        concurrency: { type: 'string' }, timeout: { type: 'string' }, 'max-pages': { type: 'string' }, seed: { type: 'string' },
        'allow-unsafe': { type: 'boolean' }, 'prefer-errors': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const options: ContractOptions = {};
  const baseUrl = v['base-url'];
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
  const apiKey = v['api-key'] ?? env[API_KEY_ENV];
  if (apiKey !== undefined) {
    if (apiKey.trim() === '') throw new UsageError('--api-key is empty');
    options.apiKey = apiKey;
  }
  if (v['account-id'] !== undefined) {
    if (v['account-id'].trim() === '') throw new UsageError('--account-id is empty');
    options.accountId = v['account-id'];
  }
  if (baseUrl !== undefined && options.apiKey === undefined) throw new UsageError(`--base-url needs --api-key (or ${API_KEY_ENV})`);
  if (baseUrl !== undefined && options.accountId === undefined) throw new UsageError('--base-url needs --account-id');
  const set = <K extends keyof ContractOptions>(key: K, value: ContractOptions[K] | undefined) => { if (value !== undefined) options[key] = value; };
  set('maxRequests', integer('max-requests', v['max-requests'], 1));
  set('concurrency', integer('concurrency', v.concurrency, 1));
  set('timeoutMs', integer('timeout', v.timeout, 1));
  set('maxPages', integer('max-pages', v['max-pages'], 1));
  set('seed', integer('seed', v.seed, -(2 ** 31)));
  if (v.rate !== undefined) {
    const rate = Number(v.rate);
    if (v.rate.trim() === '' || !Number.isFinite(rate) || rate < 0) throw new UsageError(`--rate must be a number >= 0, got ${JSON.stringify(v.rate)}`);
    options.rate = rate;
  }
  if (v['allow-unsafe']) options.allowUnsafe = true;
  if (v['prefer-errors']) options.preferErrors = true;
  return { options, ...(v.junit !== undefined ? { junit: v.junit } : {}), ...(v.json !== undefined ? { json: v.json } : {}) };
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
  let parsed;
  try {
    parsed = parseCli(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`postpress-contract: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const progress = progressReporter(io);
  try {
    const report = await runContract({ ...parsed.options, onProgress: progress.update });
    progress.done();
    io.stdout(formatHuman(report));
    if (parsed.junit) await writeFileAtomic(parsed.junit, formatJUnit(report));
    if (parsed.json) await writeFileAtomic(parsed.json, formatJson(report));
    return report.conforming ? 0 : 1;
  } catch (error) {
    progress.done();
    if (error instanceof TargetUnreachableError || error instanceof UnenforceableKeywordError) {
      io.stderr(`postpress-contract: ${error.message}\n`);
      return 2;
    }
    io.stderr(`postpress-contract: the run failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 2;
  }
}

if (isEntryPoint(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
