// The report's three forms on a report written in the test: every line of the human report, the
// JUnit counts and escaping, the JSON summary, and the atomic write. (report.test.ts checks the
// same forms on a real run against the mock.)
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { CHECKS } from '../../src/contract/checks.js';
import type { CheckOutcome, ContractReport, Finding, OperationCoverage } from '../../src/contract/model.js';
import { formatFinding, formatHuman, formatJson, formatJUnit, formatValue, summarize, writeFileAtomic } from '../../src/contract/report.js';

const finding = (over: Partial<Finding> = {}): Finding => ({ check: 'response.body-schema', operationId: 'listThings', subject: 'every response', message: '/items/0/id must be string', ...over });

const coverage = (over: Partial<OperationCoverage> = {}): OperationCoverage => ({
  operationId: 'listThings', method: 'GET', path: '/things', tested: true,
  documented: ['200', '400'], observed: ['200'], errorTypes: [], observedErrorTypes: [],
  passed: [], failed: [], notExercised: [], ...over,
});

function makeReport(over: Partial<ContractReport> = {}): ContractReport {
  return {
    target: 'http://127.0.0.1:9/api', spec: 'spec.yaml', seed: 42, startedAt: '2026-12-03T00:00:00.000Z', durationMs: 1234,
    requests: 17, maxRequests: 100, limits: { rate: 0, concurrency: 4, timeoutMs: 10000, maxPages: 50 },
    verdict: 'conforming', conforming: true, inconclusiveBecause: [], outcomes: [], findings: [],
    coverage: { operations: [], percent: 100, belowMinimum: false }, notTested: [], leftovers: [],
    replay: 'npx postpress-contract --seed 42', warnings: [], ...over,
  };
}

const outcome = (over: Partial<CheckOutcome> = {}): CheckOutcome => ({ check: 'response.status-documented', operationId: 'listThings', subject: 'every response', status: 'passed', findings: [], durationMs: 0, ...over });

describe('formatValue', () => {
  test('absent, JSON, unserializable and long values', () => {
    expect(formatValue(undefined)).toBe('(absent)');
    expect(formatValue(null)).toBe('null');
    expect(formatValue('x')).toBe('"x"');
    expect(formatValue({ a: [1] })).toBe('{"a":[1]}');
    expect(formatValue(() => 1)).toBe('() => 1');
    const exactly = 'a'.repeat(298); // 300 characters with its quotes
    expect(formatValue(exactly)).toBe(`"${exactly}"`);
    const longer = 'a'.repeat(299);
    expect(formatValue(longer)).toBe(`"${longer.slice(0, 299)}… (301 chars)`);
  });
});

describe('formatFinding', () => {
  test('a finding with every field, in order', () => {
    const text = formatFinding(finding({
      message: 'bad', occurrences: 3, status: 200, pointer: '/items/0/id', schemaPointer: '#/components/schemas/Thing/properties/id/type',
      schemaFragment: { type: 'string' }, expected: 'string', actual: 7,
      request: { method: 'GET', url: 'http://x/things', curl: 'curl --request GET \\\n  --url x' },
    }));
    expect(text).toBe([
      'FAIL response.body-schema · listThings · every response',
      '  bad (3 occurrences, at other indices or in other responses too)',
      '  request:  curl --request GET \\',
      '              --url x',
      '  status:   200',
      '  pointer:  /items/0/id',
      '  schema:   #/components/schemas/Thing/properties/id/type  {"type":"string"}',
      '  expected: "string"',
      '  actual:   7',
    ].join('\n'));
  });

  test('a bare finding has only its head and message; the root pointer and an absent actual are spelled out', () => {
    expect(formatFinding(finding({ message: 'm' }))).toBe('FAIL response.body-schema · listThings · every response\n  m');
    expect(formatFinding(finding({ message: 'm', pointer: '', schemaPointer: '#/x' }))).toBe([
      'FAIL response.body-schema · listThings · every response', '  m', '  pointer:  (root)', '  schema:   #/x', '  actual:   (absent)',
    ].join('\n'));
    // `actual` present (even undefined) is printed; status 0 is a status.
    expect(formatFinding({ ...finding({ message: 'm', status: 0 }), actual: undefined })).toBe('FAIL response.body-schema · listThings · every response\n  m\n  status:   0\n  actual:   (absent)');
  });
});

describe('summarize', () => {
  test('distinct checks, runs and each status', () => {
    const report = makeReport({ outcomes: [
      outcome({ status: 'passed' }), outcome({ subject: 'b', status: 'failed' }), outcome({ check: 'auth.missing-key', status: 'not-exercised' }), outcome({ check: 'auth.missing-key', subject: 'c', status: 'not-exercised' }),
    ] });
    expect(summarize(report)).toEqual({ checks: 2, runs: 4, passed: 1, failed: 1, notExercised: 2 });
  });
});

describe('formatHuman', () => {
  test('a conforming run without sections', () => {
    expect(formatHuman(makeReport())).toBe([
      'postpress-contract: http://127.0.0.1:9/api, spec spec.yaml, seed 42',
      '17 requests (budget 100; no rate limit, 4 at once, timeout 10000 ms, page cap 50) in 1.23 s',
      '',
      'COVERAGE (documented statuses and error types observed; checks passed / failed / not exercised)',
      '  overall 100% of documented statuses and error types observed',
      '',
      '0 checks in 0 runs: 0 passed, 0 failed (0 findings), 0 not exercised.',
      'Verdict: CONFORMING (exit 0)',
      'Replay: npx postpress-contract --seed 42',
      '',
    ].join('\n'));
  });

  test('every section, in order', () => {
    const f = finding({ message: 'only one' });
    const report = makeReport({
      limits: { rate: 50, concurrency: 2, timeoutMs: 500, maxPages: 3 },
      verdict: 'violations', conforming: false,
      warnings: ['listThings: the base request answered HTTP 401'],
      findings: [f],
      outcomes: [
        outcome({ status: 'failed', findings: [f] }),
        outcome({ check: 'body.valid', subject: '-', status: 'not-exercised', kind: 'not-applicable', note: 'no body' }),
        outcome({ check: 'auth.missing-key', subject: '-', status: 'not-exercised', kind: 'budget', note: 'spent' }),
        outcome({ check: 'auth.wrong-key', subject: 'key x', status: 'not-exercised', kind: 'unsafe', note: 'writes' }),
      ],
      notTested: ['webhook w: not tested'],
      leftovers: ['thing 1: gone wrong'],
      coverage: {
        operations: [
          coverage({ errorTypes: ['400 a', '400 b', '400 c', '400 d', '400 e', '400 f', '400 g', '400 h'], observedErrorTypes: ['400 a'], passed: ['x'], failed: ['response.body-schema', 'auth.wrong-key'], notExercised: ['y', 'z'] }),
          coverage({ operationId: 'getThing', path: '/things/{id}', tested: false, documented: ['200'], observed: [], errorTypes: ['404 a'], observedErrorTypes: ['404 a'] }),
          coverage({ operationId: 'third', errorTypes: ['400 a', '400 b'], observedErrorTypes: [] }),
          coverage({ operationId: 'fourth', errorTypes: ['1', '2', '3', '4', '5', '6'], observedErrorTypes: [] }),
          coverage({ operationId: 'fifth' }),
        ],
        percent: 37.5, minimum: 50, belowMinimum: true,
      },
    });
    expect(formatHuman(report)).toBe([
      'postpress-contract: http://127.0.0.1:9/api, spec spec.yaml, seed 42',
      '17 requests (budget 100; 50/s, 2 at once, timeout 500 ms, page cap 3) in 1.23 s',
      'WARNING listThings: the base request answered HTTP 401',
      '',
      'FAIL response.body-schema · listThings · every response',
      '  only one',
      '',
      'NOT EXERCISED (3; never counted as passed): 1 not applicable (in the JSON and JUnit reports), and:',
      '  auth.missing-key · listThings: spent [budget]',
      '  auth.wrong-key · listThings · key x: writes [unsafe]',
      '',
      'NOT TESTED OR NOT VALIDATED (1)',
      '  webhook w: not tested',
      '',
      'NOT CLEANED UP (1): delete these yourself',
      '  thing 1: gone wrong',
      '',
      'COVERAGE (documented statuses and error types observed; checks passed / failed / not exercised)',
      '  listThings (GET /things)',
      '    statuses 1/2: 200 (400)',
      '    error types 1/8, not observed: 400 b, 400 c, 400 d, 400 e, 400 f, 400 g and 1 more',
      '    checks: 1 passed, 2 failed (response.body-schema, auth.wrong-key), 2 not exercised',
      '  getThing (GET /things/{id}): NOT TESTED',
      '    statuses 0/1: (200)',
      '    error types 1/1',
      '    checks: 0 passed, 0 failed, 0 not exercised',
      '  third (GET /things)',
      '    statuses 1/2: 200 (400)',
      '    error types 0/2, not observed: 400 a, 400 b',
      '    checks: 0 passed, 0 failed, 0 not exercised',
      '  fourth (GET /things)',
      '    statuses 1/2: 200 (400)',
      '    error types 0/6, not observed: 1, 2, 3, 4, 5, 6',
      '    checks: 0 passed, 0 failed, 0 not exercised',
      '  fifth (GET /things)',
      '    statuses 1/2: 200 (400)',
      '    checks: 0 passed, 0 failed, 0 not exercised',
      '  overall 37.5% of documented statuses and error types observed (--min-coverage 50: BELOW, the run fails)',
      '',
      '4 checks in 4 runs: 0 passed, 1 failed (1 finding), 3 not exercised.',
      'Verdict: VIOLATIONS FOUND (exit 1)',
      'Coverage 37.5% is below --min-coverage 50: FAILED (exit 1)',
      'Replay: npx postpress-contract --seed 42',
      '',
    ].join('\n'));
  });

  test('only not-applicable checks idle: no list after the count; a met minimum; plural findings', () => {
    const text = formatHuman(makeReport({
      verdict: 'violations', conforming: false, findings: [finding(), finding()],
      outcomes: [outcome({ check: 'body.valid', subject: '-', status: 'not-exercised', kind: 'not-applicable', note: 'no body' })],
      coverage: { operations: [], percent: 80, minimum: 80, belowMinimum: false },
    }));
    expect(text).toContain('\nNOT EXERCISED (1; never counted as passed): 1 not applicable (in the JSON and JUnit reports)\n\n');
    expect(text).toContain('  overall 80% of documented statuses and error types observed (--min-coverage 80: met)\n');
    expect(text).toContain('(2 findings)');
    expect(text).not.toContain('FAILED (exit 1)');
  });

  test('an inconclusive run names at most ten reasons', () => {
    const reasons = Array.from({ length: 12 }, (_, i) => `reason ${i}`);
    const text = formatHuman(makeReport({ verdict: 'inconclusive', conforming: false, inconclusiveBecause: reasons }));
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('  inconclusive: '))).toEqual(reasons.slice(0, 10).map((r) => `  inconclusive: ${r}`));
    expect(lines).toContain('Verdict: INCONCLUSIVE (exit 3): some checks could not be exercised (see above)');
    // Reasons are printed for an inconclusive verdict only.
    expect(formatHuman(makeReport({ inconclusiveBecause: reasons }))).not.toContain('inconclusive: ');
  });
});

describe('formatJson', () => {
  test('the report with its summary and the check catalog, pretty-printed with a final newline', () => {
    const report = makeReport({ outcomes: [outcome()] });
    const text = formatJson(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "target": "http://127.0.0.1:9/api",\n');
    expect(JSON.parse(text)).toEqual({ ...report, summary: { checks: 1, runs: 1, passed: 1, failed: 0, notExercised: 0 }, checks: CHECKS });
  });
});

describe('formatJUnit', () => {
  const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml);

  test('one suite per operation with its counts, time and properties; one case per outcome', () => {
    const f1 = finding({ message: 'first' });
    const f2 = finding({ message: 'second' });
    const report = makeReport({
      verdict: 'violations', durationMs: 2500,
      outcomes: [
        outcome({ status: 'failed', findings: [f1, f2], durationMs: 250 }),
        outcome({ check: 'auth.missing-key', subject: '-', status: 'not-exercised', note: 'spent', durationMs: 1000 }),
        outcome({ operationId: 'other', check: 'auth.wrong-key', subject: 'key', status: 'failed', findings: [f1] }),
        outcome({ operationId: 'other', check: 'auth.missing-key', subject: '-', status: 'not-exercised' }),
        outcome({ operationId: 'listThings', check: 'boundary.minimum', subject: 'limit=1', status: 'passed', durationMs: 0.4 }),
      ],
    });
    const xml = formatJUnit(report);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="postpress-contract" tests="5" failures="2" errors="0" skipped="2" time="2.500">\n')).toBe(true);
    expect(xml.endsWith('</testsuites>\n')).toBe(true);
    expect(xml).toContain('  <testsuite name="listThings" tests="3" failures="1" errors="0" skipped="1" time="1.250" timestamp="2026-12-03T00:00:00.000Z">\n    <properties>\n');
    expect(xml).toContain('  <testsuite name="other" tests="2" failures="1" errors="0" skipped="1" time="0.000"');
    expect(xml).toContain('    <testcase classname="postpress-contract.listThings" name="boundary.minimum: limit=1" time="0.000">\n    </testcase>');
    expect(xml).toContain('    <testcase classname="postpress-contract.listThings" name="auth.missing-key" time="1.000">\n      <skipped message="not exercised: spent"/>\n    </testcase>');
    expect(xml).toContain('<skipped message="not exercised: "/>');
    expect(xml).toContain('<failure message="first (and 1 more)" type="response.status-documented">FAIL response.body-schema · listThings · every response\n  first\n\nFAIL response.body-schema · listThings · every response\n  second</failure>');
    expect(xml).toContain('<failure message="first" type="auth.wrong-key">');
    const parsed = parse(xml);
    const suites = parsed.testsuites.testsuite;
    expect(suites.map((s: { name: string }) => s.name)).toEqual(['listThings', 'other']);
    expect(suites[0].properties.property).toEqual([
      { name: 'target', value: report.target }, { name: 'spec', value: 'spec.yaml' }, { name: 'verdict', value: 'violations' }, { name: 'seed', value: '42' }, { name: 'replay', value: report.replay },
    ]);
    expect(suites[0].testcase.map((c: { name: string }) => c.name)).toEqual(['response.status-documented: every response', 'auth.missing-key', 'boundary.minimum: limit=1']);
  });

  test('markup, quotes, control characters and lone surrogates are escaped or replaced; pairs are kept', () => {
    const message = `a\u0001b\u000Bc <t> & "q" 'a' \ud800 x\udc00 \ud83d\ude00 \uFFFE \t\n\r`;
    const report = makeReport({ outcomes: [outcome({ operationId: 'op<&>', status: 'failed', findings: [finding({ message })] })] });
    const xml = formatJUnit(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<failure message="a\uFFFDb\uFFFDc &lt;t&gt; &amp; &quot;q&quot; &apos;a&apos; \uFFFD x\uFFFD \ud83d\ude00 \uFFFD \t\n\r"');
    expect(xml).toContain('<testsuite name="op&lt;&amp;&gt;"');
    expect(xml).toContain('classname="postpress-contract.op&lt;&amp;&gt;"');
  });
});

describe('writeFileAtomic', () => {
  test('writes the content and leaves no temporary file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'contract-report-'));
    try {
      const file = path.join(dir, 'report.xml');
      await writeFileAtomic(file, 'first');
      await writeFileAtomic(file, 'second');
      expect(await readFile(file, 'utf8')).toBe('second');
      expect(await readdir(dir)).toEqual(['report.xml']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
