// Spectral waivers (.spectral-ignore.yaml). Each waiver names one rule, one or more location
// patterns and one reason:
//   - rule: owasp:api4:2023-string-limit
//     at: '#/components/schemas/**'      # a pattern, or a list of patterns
//     within: responses                  # optional: only nodes reached from responses alone
//     reason: Response strings are written by the provider ...
// A pattern starting with `#` is a JSON pointer in the bundled document (where a finding's node
// is written, as printed after `at` in each finding); any other is `file#pointer`, the file
// relative to the project root. In both, `*` matches within one segment and `**` any number of
// whole segments. A waiver that matches no finding is itself a finding.
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { SPECTRAL_IGNORE, relativeToProject } from './paths.js';
import type { Problem } from './problems.js';
import { fromPointer, toPointer } from './source-map.js';

export type Scope = 'responses' | 'requests';
const SCOPES: readonly Scope[] = ['responses', 'requests'];
const KEYS = new Set(['rule', 'at', 'within', 'reason']);
export const MIN_REASON_LENGTH = 10;

export interface Waiver {
  rule: string;
  at: string[];
  within?: Scope;
  reason: string;
  /** Where the waiver is written. */
  file: string;
  line: number;
  matchers: Array<(finding: WaivableFinding) => boolean>;
}

export interface WaivableFinding {
  rule: string;
  /** Pointer of the node in the bundled document, e.g. `#/components/schemas/Inviter`. */
  pointer: string;
  /** Project-relative file and the pointer inside it. */
  file: string;
  filePointer: string;
  /** Where the node is reached from (see `reachability`). */
  scopes: ReadonlySet<Scope>;
}

function globToRegExp(glob: string, separator: string): RegExp {
  if (glob === '') return /^$/;
  const sep = separator.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const parts = glob.split(separator).map((segment) => {
    if (segment === '**') return `(?:${sep}[^${sep}]*)*`;
    return sep + segment.replace(/[.+?^${}()|[\]\\/]/g, '\\$&').replace(/\*/g, `[^${sep}]*`);
  });
  return new RegExp(`^${parts.join('')}$`);
}

/** Compiles one `at` pattern into a test on a finding. */
export function compilePattern(pattern: string): (finding: WaivableFinding) => boolean {
  const hash = pattern.indexOf('#');
  if (hash < 0) throw new Error(`\`${pattern}\`: a pattern is \`#/pointer\` or \`file#/pointer\``);
  const pointer = pattern.slice(hash + 1);
  if (pointer !== '' && !pointer.startsWith('/')) throw new Error(`\`${pattern}\`: the pointer after \`#\` starts with \`/\``);
  // `#/a/**` also matches `#/a` itself: a ** segment may stand for no segment at all.
  const pointerTest = globToRegExp(pointer === '' ? '' : pointer.slice(1), '/');
  const matchesPointer = (p: string) => pointerTest.test(p === '#' ? '' : p.slice(1));
  if (hash === 0) return (f) => matchesPointer(f.pointer);
  const fileTest = globToRegExp(pattern.slice(0, hash), '/');
  return (f) => fileTest.test(`/${f.file}`) && matchesPointer(`#${f.filePointer}`);
}

/** The waiver file for a spec root: `.spectral-ignore.yaml` beside it, else the project's. */
export function waiverFileFor(root: string): string {
  const beside = path.join(path.dirname(root), '.spectral-ignore.yaml');
  return fs.existsSync(beside) ? beside : SPECTRAL_IGNORE;
}

/** Parses a waiver file; malformed entries come back as problems at their line. */
export function parseWaivers(text: string, file: string): { waivers: Waiver[]; problems: Problem[] } {
  const relative = relativeToProject(file);
  const doc = parseDocument(text, { keepSourceTokens: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : text.slice(0, offset).split('\n').length);
  const problem = (line: number, message: string): Problem => ({ tool: 'spectral', rule: 'waiver-syntax', severity: 'error', message, file: relative, line, column: 1 });
  if (doc.errors.length > 0) return { waivers: [], problems: [problem(lineOf(doc.errors[0]!.pos[0]), doc.errors[0]!.message.split('\n')[0]!)] };
  if (doc.contents === null) return { waivers: [], problems: [] };
  if (!isSeq(doc.contents)) return { waivers: [], problems: [problem(1, 'expected a list of waivers')] };
  const waivers: Waiver[] = [];
  const problems: Problem[] = [];
  doc.contents.items.forEach((item, index) => {
    const line = lineOf(isMap(item) ? item.range?.[0] : undefined);
    const entry = isMap(item) ? (item.toJSON() as Record<string, unknown>) : undefined;
    const fail = (message: string) => problems.push(problem(line, `waiver ${index + 1}: ${message}`));
    if (!entry) return fail('expected `rule`, `at` and `reason`');
    const unknown = Object.keys(entry).filter((k) => !KEYS.has(k));
    if (unknown.length > 0) return fail(`unknown key ${unknown.map((k) => `\`${k}\``).join(', ')} (allowed: ${[...KEYS].join(', ')})`);
    const { rule, at, within, reason } = entry;
    if (typeof rule !== 'string' || rule.trim() === '') return fail('needs a `rule`');
    const patterns = typeof at === 'string' ? [at] : at;
    if (!Array.isArray(patterns) || patterns.length === 0 || !patterns.every((p) => typeof p === 'string')) return fail('needs `at`: a pattern or a list of patterns');
    if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) return fail(`needs a \`reason\` of at least ${MIN_REASON_LENGTH} characters`);
    if (within !== undefined && !SCOPES.includes(within as Scope)) return fail(`\`within\` is one of ${SCOPES.join(', ')}`);
    let matchers: Waiver['matchers'];
    try {
      matchers = patterns.map(compilePattern);
    } catch (error) {
      return fail((error as Error).message);
    }
    waivers.push({ rule, at: patterns, within: within as Scope | undefined, reason, file: relative, line, matchers });
  });
  return { waivers, problems };
}

export function loadWaivers(file: string): { waivers: Waiver[]; problems: Problem[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { waivers: [], problems: [] };
    throw error;
  }
  return parseWaivers(text, file);
}

export function waiverMatches(waiver: Waiver, finding: WaivableFinding): boolean {
  if (waiver.rule !== finding.rule) return false;
  if (waiver.within && !(finding.scopes.size === 1 && finding.scopes.has(waiver.within))) return false;
  return waiver.matchers.some((m) => m(finding));
}

export function staleWaiverProblem(waiver: Waiver): Problem {
  return {
    tool: 'spectral',
    rule: 'stale-waiver',
    severity: 'error',
    message: `The waiver of ${waiver.rule} at ${waiver.at.join(', ')}${waiver.within ? ` within ${waiver.within}` : ''} matches no finding: remove it.`,
    file: waiver.file,
    line: waiver.line,
    column: 1,
  };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
type Json = Record<string, any>;

/**
 * For each node of the bundled document (by pointer), whether it is reached from a response
 * (operation responses, `components/responses`) and/or from a request (parameters, request
 * bodies, and their components), following `$ref`s.
 */
export function reachability(bundle: Json): (pointer: string) => Set<Scope> {
  const reached: Record<Scope, Set<string>> = { responses: new Set(), requests: new Set() };
  const visit = (scope: Scope, start: string) => {
    const seen = reached[scope];
    const stack = [start];
    while (stack.length > 0) {
      const pointer = stack.pop()!;
      if (seen.has(pointer)) continue;
      let node: unknown = bundle;
      for (const s of fromPointer(pointer)) node = (node as Json | undefined)?.[s];
      if (node === undefined) continue;
      seen.add(pointer);
      if (typeof node !== 'object' || node === null) continue;
      for (const [key, child] of Object.entries(node)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith('#')) stack.push(child.slice(1));
        else if (typeof child === 'object' && child !== null) stack.push(`${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    }
  };
  for (const [route, item] of Object.entries<Json>(bundle.paths ?? {})) {
    const base = toPointer(['paths', route]);
    if (item?.parameters) visit('requests', `${base}/parameters`);
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      if (op.parameters) visit('requests', `${base}/${method}/parameters`);
      if (op.requestBody) visit('requests', `${base}/${method}/requestBody`);
      if (op.responses) visit('responses', `${base}/${method}/responses`);
    }
  }
  for (const name of Object.keys(bundle.components?.responses ?? {})) visit('responses', toPointer(['components', 'responses', name]));
  for (const kind of ['parameters', 'requestBodies']) {
    for (const name of Object.keys(bundle.components?.[kind] ?? {})) visit('requests', toPointer(['components', kind, name]));
  }
  return (pointer) => {
    const segments = fromPointer(pointer);
    // A missing property (a finding about an absent key) counts as its closest existing node.
    for (let i = segments.length; i >= 0; i--) {
      const candidate = toPointer(segments.slice(0, i));
      const scopes = new Set(SCOPES.filter((s) => reached[s].has(candidate)));
      if (scopes.size > 0 || i === 0) return scopes;
    }
    return new Set();
  };
}
