// Reports: redaction of the key and of shared_secret values everywhere, the content of a finding,
// a curl that reproduces the request, well-formed JUnit XML and the JSON report.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { XMLValidator, XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildDataset, MOCK_ACCOUNTS, MOCK_DEFAULT_SEED, startMockServer, type MockReply } from '../../src/mock/index.js';
import { toCurl } from '../../src/contract/redact.js';
import { API_KEY_ENV, formatHuman, formatJson, formatJUnit, REDACTED, runContract, type ContractReport } from '../../src/contract/index.js';

const KEY = 'pp_live_Sup3r$ecret"key';
const secrets = (buildDataset(MOCK_DEFAULT_SEED).get(MOCK_ACCOUNTS.small) ?? []).flatMap((item) => (item.specifics ? [item.specifics.shared_secret] : []));
let mock: { url: string; close(): Promise<void> };
let report: ContractReport;

beforeAll(async () => {
  expect(secrets.length).toBeGreaterThan(1);
  mock = await startMockServer({
    apiKey: KEY,
    transform: (x): MockReply => {
      // A leaky server: error details echo the key header and a shared secret...
      if (x.reply.status >= 400) {
        const body = JSON.parse(x.reply.body);
        body.detail = `key ${String(x.headers['x-api-key'])}, secret ${secrets[0]}`;
        return { ...x.reply, body: JSON.stringify(body) };
      }
      // ...and, at limit=1, a page whose `specifics` is its secret alone: a schema violation whose
      // actual value is a secret (known as one from the other pages, where it sits in shared_secret).
      const body = JSON.parse(x.reply.body);
      if (x.url.searchParams.get('limit') !== '1') return x.reply;
      const item = body.items?.find((i: { specifics?: unknown }) => i.specifics);
      if (item) item.specifics = item.specifics.shared_secret;
      return { ...x.reply, body: JSON.stringify(body) };
    },
  });
  report = await runContract({ baseUrl: mock.url, apiKey: KEY, parameters: { account_id: MOCK_ACCOUNTS.small! }, seed: 5, rate: 0, propertyRuns: 20 });
});
afterAll(() => mock.close());

describe('redaction', () => {
  test('neither the key nor any shared_secret value appears in any report', () => {
    expect(report.conforming).toBe(false);
    for (const output of [formatHuman(report), formatJson(report), formatJUnit(report)]) {
      expect(output).not.toContain(KEY);
      expect(output).not.toContain('Sup3r');
      for (const secret of secrets) expect(output).not.toContain(secret);
      expect(output).toContain(REDACTED);
    }
  });

  test('the schema finding on specifics shows the redacted value', () => {
    const finding = report.findings.find((f) => f.check === 'response.body-schema' && /^\/items\/\d+\/specifics$/.test(f.pointer ?? ''));
    expect(finding).toMatchObject({ keyword: 'type', schemaPointer: '#/components/schemas/InvitationSpecifics/type', schemaFragment: { type: 'object' }, actual: REDACTED });
  });

  test('the curl reads the key from the environment', () => {
    const curls = report.findings.flatMap((f) => (f.request ? [f.request.curl] : []));
    expect(curls.length).toBeGreaterThan(0);
    for (const curl of curls) expect(curl).toContain(`"x-api-key: \${${API_KEY_ENV}}"`);
  });

  test('a shell rebuilds the exact headers and URL from the curl, key included', async () => {
    const url = "http://127.0.0.1:1/api/v1/users/invite/sent?account_id=it's&limit=1";
    const curl = toCurl('get', url, { accept: 'application/json', 'X-API-KEY': `Bearer ${KEY}` }, KEY);
    expect(curl).not.toContain(KEY);
    // A `curl` shell function that prints its arguments, one per line.
    const script = `curl() { for a in "$@"; do printf '%s\\n' "$a"; done; }\n${curl}`;
    const { stdout } = await promisify(execFile)('sh', ['-c', script], { env: { ...process.env, [API_KEY_ENV]: KEY } });
    expect(stdout.split('\n').slice(0, -1)).toEqual(['--request', 'GET', '--url', url, '--header', 'accept: application/json', '--header', `X-API-KEY: Bearer ${KEY}`]);
  });
});

describe('the human report', () => {
  test('names check, request, pointer, schema fragment and actual value of each violation', () => {
    const text = formatHuman(report);
    expect(text).toMatch(/^FAIL response\.body-schema · listSentInvitations · every response$/m);
    expect(text).toMatch(/pointer: {2}\/items\/\d+\/specifics\n/);
    expect(text).toContain('schema:   #/components/schemas/InvitationSpecifics/type  {"type":"object"}');
    expect(text).toContain(`actual:   "${REDACTED}"`);
    expect(text).toContain('request:  curl --request GET');
    expect(text).toMatch(/Verdict: VIOLATIONS FOUND/);
    expect(text).toContain('Replay: npx postpress-contract --base-url');
  });
});

const hasCurl = ['/usr/bin/curl', '/bin/curl', '/usr/local/bin/curl'].some((p) => existsSync(p));

describe.skipIf(!hasCurl)('the curl of a finding', () => {
  test('reproduces the response when run by a shell', async () => {
    const finding = report.findings.find((f) => f.check === 'auth.malformed-key' || f.check === 'error.envelope-status' || f.status === 401)
      ?? report.findings.find((f) => f.request)!;
    const command = `${finding.request!.curl} --silent --output /dev/null --write-out '%{http_code}'`;
    const { stdout } = await promisify(execFile)('sh', ['-c', command], { env: { ...process.env, [API_KEY_ENV]: KEY } });
    expect(Number(stdout)).toBe(finding.status);
  });
});

describe('CI outputs', () => {
  test('JUnit XML is well-formed and counts every check', () => {
    const xml = formatJUnit(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    const cases = Array.isArray(suite.testcase) ? suite.testcase : [suite.testcase];
    expect(cases.length).toBe(report.outcomes.length);
    expect(Number(parsed.testsuites.failures)).toBe(report.outcomes.filter((o) => o.status === 'failed').length);
    expect(cases.filter((c: Record<string, unknown>) => 'failure' in c).length).toBe(Number(parsed.testsuites.failures));
    expect(cases.filter((c: Record<string, unknown>) => 'skipped' in c).length).toBe(Number(parsed.testsuites.skipped));
  });

  test('JUnit XML stays well-formed with control characters and markup in values', () => {
    const nasty: ContractReport = structuredClone(report);
    nasty.findings[0]!.message = 'a\u0001b <tag> & "quote" \ud800 ]]>';
    nasty.outcomes.find((o) => o.status === 'failed')!.findings[0]!.message = nasty.findings[0]!.message;
    expect(XMLValidator.validate(formatJUnit(nasty))).toBe(true);
  });

  test('JSON carries the summary, the findings and the check catalog', () => {
    const json = JSON.parse(formatJson(report));
    expect(json.summary.failed).toBeGreaterThan(0);
    expect(json.findings.length).toBe(report.findings.length);
    expect(json.checks['pagination.unique-ids']).toMatch(/id/);
    expect(json.conforming).toBe(false);
  });
});
