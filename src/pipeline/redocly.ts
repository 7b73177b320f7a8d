// Redocly lint and bundle, in-process through @redocly/openapi-core (no CLI, no Node-20 banner).
import { bundle, getLineColLocation, BaseResolver, lint, lintConfig, loadConfig, type Config, type NormalizedProblem } from '@redocly/openapi-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REDOCLY_API_ALIAS, REDOCLY_CONFIG, SPEC_ROOT, relativeToProject } from './paths.js';
import type { Problem } from './problems.js';
import { BundleSourceMap, type SourceFile } from './source-map.js';

let configPromise: Promise<Config> | undefined;

export function loadRedoclyConfig(): Promise<Config> {
  configPromise ??= loadConfig({ configPath: REDOCLY_CONFIG }).then((c) => c.forAlias(REDOCLY_API_ALIAS));
  return configPromise;
}

function toFile(absoluteRef: string): string {
  return relativeToProject(absoluteRef.startsWith('file:') ? fileURLToPath(absoluteRef) : absoluteRef);
}

export function redoclyProblem(p: NormalizedProblem): Problem {
  const location = p.location[0];
  let line = 1;
  let column = 1;
  if (location) {
    try {
      const lineCol = getLineColLocation(location);
      line = lineCol.start.line;
      column = lineCol.start.col;
    } catch {
      // The source could not be mapped (unreadable file): keep line 1.
    }
  }
  return {
    tool: 'redocly',
    rule: p.ruleId,
    severity: p.severity === 'error' ? 'error' : 'warning',
    message: p.message,
    file: location ? toFile(location.source.absoluteRef) : relativeToProject(SPEC_ROOT),
    line,
    column,
    pointer: location?.pointer,
  };
}

/**
 * A resolver whose parsed documents are never edited: a bundle gets copies. So one parse of the
 * spec's files serves a lint and a bundle together (`generate`), or bundle after bundle (watch
 * mode, which drops the documents of changed files from `cache`).
 */
export class SharedResolver extends BaseResolver {}

export async function sharedResolver(): Promise<SharedResolver> {
  return new SharedResolver((await loadRedoclyConfig()).resolve);
}

/** Lint findings that the ignore file does not waive. `resolver`: a `sharedResolver()`. */
export async function lintWithRedocly(root = SPEC_ROOT, resolver?: BaseResolver): Promise<Problem[]> {
  const config = await loadRedoclyConfig();
  const [configProblems, problems] = await Promise.all([lintConfig({ config }), lint({ ref: root, config, externalRefResolver: resolver })]);
  return [...configProblems, ...problems].filter((p) => !p.ignored).map(redoclyProblem);
}

/**
 * The resolver's documents for one bundle, each file's content as parsed kept in `files` (the
 * source map pairs the bundle with them). Bundling edits the documents it is given: a shared
 * resolver's are handed out as copies and kept as they are; any other's are handed out as they
 * are and kept as copies.
 */
function recording(resolver: BaseResolver, files: Map<string, SourceFile>): BaseResolver {
  const shared = resolver instanceof SharedResolver;
  const documents = new Map<string, ReturnType<BaseResolver['resolveDocument']>>();
  return new Proxy(resolver, {
    get(target, property, receiver) {
      if (property !== 'resolveDocument') return Reflect.get(target, property, receiver);
      return (base: string | null, ref: string, isRoot?: boolean) => {
        const absoluteRef = target.resolveExternalRef(base, ref);
        let document = documents.get(absoluteRef);
        if (!document) {
          document = target.resolveDocument(base, ref, isRoot).then((parsed) => {
            if (!(parsed && typeof parsed === 'object' && 'source' in parsed && 'parsed' in parsed)) return parsed;
            files.set(absoluteRef, { source: parsed.source, parsed: shared ? parsed.parsed : structuredClone(parsed.parsed) });
            return shared ? { ...parsed, parsed: structuredClone(parsed.parsed) } : parsed;
          });
          documents.set(absoluteRef, document);
        }
        return document;
      };
    },
  });
}

export interface Bundle {
  document: Record<string, unknown>;
  problems: Problem[];
  /** Where each node of `document` was written (built on first use). */
  sourceMap(): BundleSourceMap;
}

/** The single-file document, with internal `#/components/...` refs kept. `resolver`: a
 * `SharedResolver`, to reuse what it has parsed. */
export async function bundleWithRedocly(root = SPEC_ROOT, resolver?: BaseResolver): Promise<Bundle> {
  const config = await loadRedoclyConfig();
  const files = new Map<string, SourceFile>();
  const externalRefResolver = recording(resolver ?? new BaseResolver(config.resolve), files);
  const result = await bundle({ ref: root, config, dereference: false, removeUnusedComponents: false, externalRefResolver });
  const problems = result.problems.filter((p) => !p.ignored).map(redoclyProblem);
  const document = result.bundle.parsed as Record<string, unknown>;
  let map: BundleSourceMap | undefined;
  const rootFile = path.resolve(root);
  return { document, problems, sourceMap: () => (map ??= new BundleSourceMap(document, rootFile, files)) };
}
