// Spectral lint, in-process, on the BUNDLED document (Redocly's bundle, as generate publishes it):
// Spectral's own resolver, on a multi-file tree, reports false unresolved `$ref`s from about 50
// operations on and spends most of its time resolving. The bundle's refs are resolved here, in
// one pass; each finding is reported where its node is written (bundle pointer -> source
// file:line, see source-map.ts). Waivers: waivers.ts.
import path from 'node:path';
import spectralCore from '@stoplight/spectral-core';
import { SPECTRAL_RULESET, SPEC_ROOT, relativeToProject } from './paths.js';
import type { Problem } from './problems.js';
import { bundleWithRedocly } from './redocly.js';
import { BundleSourceMap, fromPointer, toPointer, type PathSegment } from './source-map.js';
import { loadSpectralRulesetDefinition } from './spectral-ruleset.js';
import { loadWaivers, reachability, staleWaiverProblem, waiverFileFor, waiverMatches, type Waiver } from './waivers.js';

const { Spectral, Document, Ruleset } = spectralCore;
type Json = Record<string, any>;

type LoadedRuleset = InstanceType<typeof Ruleset>;
/** `content`: rules that judge a node by its own subtree, found anywhere (`$..` paths); `context`:
 * every other rule (rooted at `$.paths`, `$`, or looking at a node's key or parents). */
interface Rulesets {
  content: LoadedRuleset;
  context: LoadedRuleset;
}
let definitionPromise: Promise<unknown> | undefined;
const rulesetsByFormats = new Map<string, Rulesets>();

type Format = (document: unknown, source: string | null) => boolean;

export function isContentRule(rule: { resolved: boolean; getGivenForFormats(formats: Set<Format>): string[] }, formats: Set<Format>): boolean {
  return rule.resolved && rule.getGivenForFormats(formats).every((given) => given.startsWith('$..') && !/@property|@path|@parent|\^|~/.test(given));
}

/** The two rulesets for a document (which rule is a content rule depends on its formats). */
async function loadRulesets(bundle: Json, root: string): Promise<Rulesets> {
  definitionPromise ??= loadSpectralRulesetDefinition();
  const definition = await definitionPromise;
  const make = () => new Ruleset(definition as ConstructorParameters<typeof Ruleset>[0], { severity: 'recommended', source: SPECTRAL_RULESET });
  const probe = make();
  const formats = new Set([...(probe.formats as Set<Format>)].filter((format) => format(bundle, root)));
  const key = [...formats].map((f) => (f as { displayName?: string }).displayName ?? f.name).sort().join(',');
  let rulesets = rulesetsByFormats.get(key);
  if (!rulesets) {
    const content = probe;
    const context = make();
    for (const [name, rule] of Object.entries(content.rules)) {
      const inContent = isContentRule(rule as never, formats);
      rule.enabled &&= inContent;
      context.rules[name]!.enabled &&= !inContent;
    }
    rulesets = { content, context };
    rulesetsByFormats.set(key, rulesets);
  }
  return rulesets;
}

/**
 * Which refs under `paths` the content rules leave unresolved: all of them (their targets are
 * components, linted once where they are written), except what the example rule validates
 * together, a media object's examples and, beside them, its schema.
 */
function leftForComponents(trail: readonly PathSegment[], parent: Json): boolean {
  if (trail[0] !== 'paths') return false;
  const n = trail.length;
  if (trail[n - 2] === 'examples' && trail[n - 4] === 'content') return false;
  if (trail[n - 1] === 'schema' && trail[n - 3] === 'content' && (parent.example !== undefined || parent.examples !== undefined)) return false;
  return true;
}

/**
 * The bundle with its local `$ref`s replaced by their targets: one object per target, shared by
 * every ref to it (as Spectral's resolver does). A ref back into a target still being resolved
 * (a recursive schema) stays a `$ref`; so do the refs `keep` names.
 */
export function resolveLocalRefs(bundle: Json, keep: (trail: readonly PathSegment[], parent: Json) => boolean = () => false): Json {
  const done = new Map<string, unknown>();
  const inProgress = new Set<string>();
  const target = (ref: string): unknown => {
    const pointer = ref.slice(1);
    if (done.has(pointer)) return done.get(pointer);
    if (inProgress.has(pointer)) return { $ref: ref };
    const segments = fromPointer(pointer);
    let node: unknown = bundle;
    for (const s of segments) node = (node as Json | undefined)?.[s];
    if (node === undefined) return { $ref: ref }; // Redocly reports the unresolved ref
    inProgress.add(pointer);
    const resolved = copy(node, [...segments]);
    inProgress.delete(pointer);
    done.set(pointer, resolved);
    return resolved;
  };
  const trail: PathSegment[] = [];
  const copy = (node: unknown, segments: PathSegment[] = trail): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (Array.isArray(node)) {
      return node.map((value, i) => {
        segments.push(i);
        const out = child(value, node, segments);
        segments.pop();
        return out;
      });
    }
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      segments.push(key);
      out[key] = child(value, node as Json, segments);
      segments.pop();
    }
    return out;
  };
  const child = (value: unknown, parent: Json, segments: PathSegment[]): unknown => {
    const ref = typeof value === 'object' && value !== null ? (value as Json).$ref : undefined;
    if (typeof ref === 'string' && ref.startsWith('#')) return keep(segments, parent) ? value : target(ref);
    return copy(value, segments);
  };
  return copy(bundle) as Json;
}

const ZERO_RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** What lint functions (lint/functions/) can ask the document about the source tree. */
export interface BundleDocumentExtras {
  /** The file (relative to the spec root's folder, `/`-separated) the node at a route was written in. */
  sourceFileOf(route: readonly PathSegment[]): string;
}

export interface RawFinding {
  rule: string;
  message: string;
  severity: number;
  /** Canonical bundle route of the node. */
  route: string[];
}

/** Spectral's findings on a bundle, each at the node's canonical place, duplicates dropped. */
/** `contentOnce: false`: the content rules too walk every ref (slower; the same findings). */
export async function spectralFindings(bundle: Json, map: BundleSourceMap, root: string, options: { contentOnce?: boolean } = {}): Promise<RawFinding[]> {
  // The refs are already resolved: Spectral's resolver would only redo it, slowly. The graph
  // serves oas3-unused-component (which components are referenced); it has no ref map, so
  // Spectral reports each finding by its route through the resolved document (then made
  // canonical by the source map).
  const referenced = new Set<string>();
  const collect = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#')) referenced.add(`${root}${value}`);
      else collect(value);
    }
  };
  collect(bundle);
  const graph = {
    overallOrder: () => [...referenced],
    getNodeData: () => {
      throw new Error('no ref map: findings are placed through the source map');
    },
  };
  const rulesets = await loadRulesets(bundle, root);
  const run = async (ruleset: LoadedRuleset, resolved: Json) => {
    const spectral = new Spectral({ resolver: { uriCache: new Map(), resolve: async () => ({ result: resolved, refMap: {}, graph, errors: [] }) } as never });
    spectral.setRuleset(ruleset);
    // A document over the bundle as it is: no text to parse, and no ranges computed (every
    // finding is placed through the source map instead).
    const parser = {
      parse: () => ({ data: bundle, diagnostics: [], ast: {}, lineMap: [] }),
      getLocationForJsonPath: () => ({ range: ZERO_RANGE }),
      trapAccess: <T>(value: T) => value,
    };
    const document = new Document('', parser as never, root);
    Object.assign(document, extras);
    return (await spectral.runWithResolved(document)).results;
  };
  const specDir = path.dirname(root);
  const extras: BundleDocumentExtras = { sourceFileOf: (route) => path.relative(specDir, map.place(route).file).split(path.sep).join('/') };
  // Content rules see each shared response, parameter and header once, at its component, not
  // once per operation that refers to it: same findings, a fraction of the work.
  const results = [
    ...(await run(rulesets.context, resolveLocalRefs(bundle))),
    ...(await run(rulesets.content, options.contentOnce === false ? resolveLocalRefs(bundle) : resolveLocalRefs(bundle, leftForComponents))),
  ];
  const findings = new Map<string, RawFinding>();
  for (const r of results) {
    const route = map.home(r.path);
    const key = `${r.code}\0${toPointer(route)}\0${r.message}`;
    if (!findings.has(key)) findings.set(key, { rule: String(r.code), message: r.message, severity: r.severity, route });
  }
  return [...findings.values()];
}

const SEVERITY: Record<number, Problem['severity']> = { 0: 'error', 1: 'warning', 2: 'warning', 3: 'warning' };

export async function lintWithSpectral(root = SPEC_ROOT): Promise<Problem[]> {
  const waiverFile = waiverFileFor(root);
  const [bundle, { waivers, problems: waiverProblems }] = await Promise.all([bundleWithRedocly(root), Promise.resolve(loadWaivers(waiverFile))]);
  // A spec Redocly cannot bundle is reported by Redocly's lint (with file and line).
  if (bundle.problems.length > 0) return waiverProblems;
  const map = bundle.sourceMap();
  const findings = await spectralFindings(bundle.document, map, path.resolve(root));
  const scopesOf = reachability(bundle.document);
  const used = new Set<Waiver>();
  const problems: Problem[] = [...waiverProblems];
  for (const finding of findings) {
    const pointer = `#${toPointer(finding.route)}`;
    const place = map.place(finding.route);
    const file = relativeToProject(place.file);
    const waivable = { rule: finding.rule, pointer, file, filePointer: place.pointer, scopes: scopesOf(pointer) };
    const matching = waivers.filter((w) => waiverMatches(w, waivable));
    for (const w of matching) used.add(w);
    if (matching.length > 0) continue;
    const location = map.lineOf(place.file, place.pointer);
    problems.push({
      tool: 'spectral',
      rule: finding.rule,
      severity: SEVERITY[finding.severity] ?? 'warning',
      message: finding.message,
      file,
      line: location.line,
      column: location.column,
      pointer,
    });
  }
  for (const w of waivers) if (!used.has(w)) problems.push(staleWaiverProblem(w));
  return problems;
}
