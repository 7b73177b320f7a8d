// What the watch mode keeps between saves: each spec file's text, its YAML syntax findings, and
// Redocly's resolver with its parsed documents. A save re-reads every file (a few ms) but re-parses
// only the files whose text changed.
import fs from 'node:fs/promises';
import { BaseResolver, type Document, type ResolveError, type YamlParseError } from '@redocly/openapi-core';
import { SPEC_ROOT } from '../pipeline/paths.js';
import { sortProblems, type Problem } from '../pipeline/problems.js';
import { bundleWithRedocly, loadRedoclyConfig } from '../pipeline/redocly.js';
import { checkYamlSyntax, listSpecFiles } from '../pipeline/yaml-syntax.js';


/** Parses each file once; every bundle gets its own copies, since bundling edits the documents. */
class SnapshotResolver extends BaseResolver {
  readonly parsed = new Map<string, Promise<unknown>>();

  override resolveDocument<T = unknown>(base: string | null, ref: string, isRoot = false): Promise<Document<T> | ResolveError | YamlParseError> {
    const absoluteRef = this.resolveExternalRef(base, ref);
    const perRun = this.cache.get(absoluteRef);
    if (perRun) return perRun as Promise<Document<T> | ResolveError>;
    let pristine = this.parsed.get(absoluteRef);
    if (!pristine) {
      pristine = super.resolveDocument(base, ref, isRoot);
      this.parsed.set(absoluteRef, pristine);
      this.cache.delete(absoluteRef);
    }
    const copy = pristine.then((doc) => (doc && typeof doc === 'object' && 'parsed' in doc ? { ...doc, parsed: structuredClone(doc.parsed) } : doc)) as Promise<Document<T> | ResolveError | YamlParseError>;
    this.cache.set(absoluteRef, copy as Promise<Document | ResolveError>);
    return copy;
  }

  /** Drops the copies of the last bundle. */
  startRun(): void {
    this.cache.clear();
  }
}

export class SpecSnapshot {
  private texts = new Map<string, string>();
  private syntax = new Map<string, Problem[]>();
  private resolver: SnapshotResolver | undefined;

  /** Brings the snapshot up to date; returns the YAML syntax findings of the whole spec. */
  async refresh(): Promise<{ changed: string[]; problems: Problem[] }> {
    const files = await listSpecFiles();
    const texts = new Map(await Promise.all(files.map(async (f) => [f, await fs.readFile(f, 'utf8')] as const)));
    const changed = files.filter((f) => this.texts.get(f) !== texts.get(f));
    const removed = [...this.texts.keys()].filter((f) => !texts.has(f));
    await Promise.all(changed.map(async (f) => this.syntax.set(f, await checkYamlSyntax([f]))));
    for (const f of removed) this.syntax.delete(f);
    if (this.resolver) {
      // Keep only documents whose text is unchanged (anything else, e.g. a file outside openapi/, is re-read).
      for (const key of [...this.resolver.parsed.keys()]) {
        if (!texts.has(key) || changed.includes(key)) this.resolver.parsed.delete(key);
      }
    }
    this.texts = texts;
    return { changed: [...changed, ...removed], problems: sortProblems([...this.syntax.values()].flat()) };
  }

  /** `bundleWithRedocly`, from the cached documents. */
  async bundle(root = SPEC_ROOT): Promise<{ document: Record<string, unknown>; problems: Problem[] }> {
    this.resolver ??= new SnapshotResolver((await loadRedoclyConfig()).resolve);
    this.resolver.startRun();
    const result = await bundleWithRedocly(root, this.resolver);
    // A failed resolve is cached too: start clean next time.
    if (result.problems.length > 0) this.resolver = undefined;
    return result;
  }
}
