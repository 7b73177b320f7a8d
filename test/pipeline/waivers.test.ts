import path from 'node:path';
import { PROJECT_ROOT } from '../../src/pipeline/paths.js';
// Waivers that scale: one rule, location patterns, one reason; malformed entries reported at
// their line; `within` limits a waiver to nodes reached from responses (or requests) alone.
import { describe, expect, it } from 'vitest';
import { compilePattern, parseWaivers, reachability, waiverMatches, type Scope, type WaivableFinding } from '../../src/pipeline/waivers.js';

const finding = (pointer: string, extra: Partial<WaivableFinding> = {}): WaivableFinding => ({
  rule: 'owasp:api4:2023-string-limit',
  pointer,
  file: 'openapi/components/schemas/Inviter.yaml',
  filePointer: '/properties/inviter_name',
  scopes: new Set<Scope>(['responses']),
  ...extra,
});

describe('patterns', () => {
  it('* matches within one segment, ** any number of segments (none included)', () => {
    const oneLevel = compilePattern('#/components/schemas/*/properties/*');
    expect(oneLevel(finding('#/components/schemas/Inviter/properties/inviter_name'))).toBe(true);
    expect(oneLevel(finding('#/components/schemas/Inviter'))).toBe(false);
    expect(oneLevel(finding('#/components/schemas/A/properties/b/properties/c'))).toBe(false);
    const deep = compilePattern('#/components/schemas/**');
    expect(deep(finding('#/components/schemas/A/properties/b/properties/c'))).toBe(true);
    expect(deep(finding('#/components/schemas/ErrorTitle'))).toBe(true);
    expect(deep(finding('#/components/parameters/Cursor/schema'))).toBe(false);
    const status = compilePattern('#/paths/*/*/responses/2*');
    expect(status(finding('#/paths/~1users~1invite~1sent/get/responses/200'))).toBe(true);
    expect(status(finding('#/paths/~1users~1invite~1sent/get/responses/429'))).toBe(false);
    expect(status(finding('#/paths/~1users~1invite~1sent/get/responses/200/headers'))).toBe(false);
  });

  it('matches the whole document and exact pointers', () => {
    expect(compilePattern('#')(finding('#'))).toBe(true);
    expect(compilePattern('#')(finding('#/info'))).toBe(false);
    expect(compilePattern('#/info/contact')(finding('#/info/contact'))).toBe(true);
    expect(compilePattern('#/info/contact')(finding('#/info/contactx'))).toBe(false);
  });

  it('a file#pointer pattern matches the source file and the pointer inside it', () => {
    expect(compilePattern('openapi/components/schemas/*.yaml#/properties/*')(finding('#/x'))).toBe(true);
    expect(compilePattern('openapi/**/Inviter.yaml#/properties/inviter_name')(finding('#/x'))).toBe(true);
    expect(compilePattern('openapi/components/schemas/Other.yaml#/properties/*')(finding('#/x'))).toBe(false);
    expect(compilePattern('openapi/components/schemas/Inviter.yaml#')(finding('#/x', { filePointer: '' }))).toBe(true);
    expect(compilePattern('openapi/components/schemas/Inviter.yaml#')(finding('#/x'))).toBe(false);
  });

  it('refuses a pattern without a pointer', () => {
    expect(() => compilePattern('openapi/components/schemas/Inviter.yaml')).toThrow(/#\/pointer/);
    expect(() => compilePattern('#components')).toThrow(/starts with `\/`/);
  });
});

describe('the waiver file', () => {
  const good = `# comment
- rule: owasp:api4:2023-string-limit
  at: '#/components/schemas/**'
  within: responses
  reason: Provider-filled response strings have no documented bound.
- rule: owasp:api4:2023-rate-limit
  at:
    - '#/paths/*/*/responses/2*'
    - '#/components/responses/*'
  reason: No rate-limit headers are documented anywhere.
`;

  it('reads rules, pattern lists, scopes, reasons and the line of each waiver', () => {
    const { waivers, problems } = parseWaivers(good, '/project/.spectral-ignore.yaml');
    expect(problems).toEqual([]);
    expect(waivers.map((w) => [w.rule, w.at, w.within, w.line])).toEqual([
      ['owasp:api4:2023-string-limit', ['#/components/schemas/**'], 'responses', 2],
      ['owasp:api4:2023-rate-limit', ['#/paths/*/*/responses/2*', '#/components/responses/*'], undefined, 6],
    ]);
  });

  it.each([
    ['no reason', '- rule: r\n  at: "#/a"\n', /needs a `reason`/],
    ['a reason too short to say anything', '- rule: r\n  at: "#/a"\n  reason: because\n', /needs a `reason` of at least 10/],
    ['no rule', '- at: "#/a"\n  reason: a good long reason\n', /needs a `rule`/],
    ['no pattern', '- rule: r\n  reason: a good long reason\n', /needs `at`/],
    ['an empty pattern list', '- rule: r\n  at: []\n  reason: a good long reason\n', /needs `at`/],
    ['an unknown key (a typo of within)', '- rule: r\n  at: "#/a"\n  whithin: responses\n  reason: a good long reason\n', /unknown key `whithin`/],
    ['an unknown scope', '- rule: r\n  at: "#/a"\n  within: everywhere\n  reason: a good long reason\n', /`within` is one of responses, requests/],
    ['a malformed pattern', '- rule: r\n  at: "components/x"\n  reason: a good long reason\n', /#\/pointer/],
  ])('reports %s at the waiver line', (_name, entry, message) => {
    const { waivers, problems } = parseWaivers(`${good}${entry}`, path.join(PROJECT_ROOT, '.spectral-ignore.yaml'));
    expect(waivers).toHaveLength(2);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: 'waiver-syntax', line: 11, file: '.spectral-ignore.yaml' });
    expect(problems[0]!.message).toMatch(message);
  });

  it('reports a file that is not a list', () => {
    expect(parseWaivers('rule: r\n', '/work/main/.spectral-ignore.yaml').problems[0]!.message).toMatch(/a list of waivers/);
    expect(parseWaivers('- [unclosed\n', '/work/main/.spectral-ignore.yaml').problems).toHaveLength(1);
    expect(parseWaivers('# nothing waived\n', '/work/main/.spectral-ignore.yaml')).toEqual({ waivers: [], problems: [] });
  });

  it('a waiver applies to its rule only, and `within` to nodes reached from that side alone', () => {
    const [strings, rate] = parseWaivers(good, '/p/.spectral-ignore.yaml').waivers;
    const at = '#/components/schemas/Thing/properties/name';
    expect(waiverMatches(strings!, finding(at))).toBe(true);
    expect(waiverMatches(strings!, finding(at, { rule: 'owasp:api4:2023-string-restricted' }))).toBe(false);
    expect(waiverMatches(strings!, finding(at, { scopes: new Set(['requests']) }))).toBe(false);
    expect(waiverMatches(strings!, finding(at, { scopes: new Set(['requests', 'responses']) }))).toBe(false);
    expect(waiverMatches(strings!, finding(at, { scopes: new Set() }))).toBe(false);
    expect(waiverMatches(rate!, finding('#/components/responses/BadRequest', { rule: 'owasp:api4:2023-rate-limit', scopes: new Set() }))).toBe(true);
  });
});

describe('reachability', () => {
  const doc = {
    paths: {
      '/things': {
        parameters: [{ $ref: '#/components/parameters/Shared' }],
        get: { responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } } }, '400': { $ref: '#/components/responses/Bad' } } },
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/New' } } } },
          responses: { '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        },
      },
    },
    components: {
      parameters: { Shared: { name: 'q', in: 'query', schema: { type: 'string' } } },
      responses: { Bad: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
      schemas: {
        Page: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } } },
        Thing: { type: 'object', properties: { name: { $ref: '#/components/schemas/Name' } } },
        New: { type: 'object', properties: { name: { $ref: '#/components/schemas/Name' }, note: { type: 'string' } } },
        Name: { type: 'string' },
        Error: { type: 'object', properties: { title: { type: 'string' } } },
        Unused: { type: 'string' },
      },
    },
  };
  const scopes = reachability(doc);
  const of = (pointer: string) => [...scopes(pointer)].sort();

  it('follows refs from responses and from requests', () => {
    expect(of('#/components/schemas/Thing/properties/name')).toEqual(['responses']);
    expect(of('#/components/schemas/Error/properties/title')).toEqual(['responses']);
    expect(of('#/components/schemas/New/properties/note')).toEqual(['requests']);
    expect(of('#/components/parameters/Shared/schema')).toEqual(['requests']);
    expect(of('#/components/schemas/Name')).toEqual(['requests', 'responses']);
    expect(of('#/components/schemas/Unused')).toEqual([]);
  });

  it('places a missing property at its closest existing node', () => {
    expect(of('#/components/schemas/Thing/properties/name/maxLength')).toEqual(['responses']);
  });
});
